// Axis Simplifier (and the local tiers-lieux count of Innover): indicators computed from data/local/ files
// (tests/fixtures/indicators/local-ok).
import { copyFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorResult } from "../../src/indicators/types.ts";
import { CHAUNY, CHAUNY_TERGNIER as C, compute, EST_SOMME as E, FIXTURES, HAM, NESLE, row, TID as T, tinyDb, vs, type TestDb } from "./helpers.ts";

const LOCAL_FIXTURES = join(import.meta.dirname, "..", "fixtures", "local");

let t: TestDb;
let r: IndicatorResult;

beforeAll(async () => {
  t = await tinyDb();
  r = await compute(t, join(FIXTURES, "local-ok"));
});
afterAll(() => t.close());

describe("actions_engagees_pct", () => {
  it("engaged or completed actions over non-abandoned ones, dated by the newest update, territory only", () => {
    // A1 engagée, A2 réalisée, A5 "Engagee" (accents optional) / A1, A2, A3, A5 (A4 abandonnée) = 3 / 4
    expect(vs(r, "actions_engagees_pct", "territoire", T, 2024)).toEqual([75, "ok"]);
    expect(r.rows.filter((x) => x.indicateur === "actions_engagees_pct").map((x) => x.niveau)).toEqual(["territoire"]);
  });
  it("accepts the extra column (budget) without rejection", () => {
    expect(r.rejections).toEqual([]);
    expect(r.localFiles.map((f) => [f.rowsRead, f.rowsLoaded])).toEqual([[3, 3], [5, 5], [7, 7]]);
  });
});

describe("entreprises_accompagnees (count entered per EPCI)", () => {
  it("sums EPCI entries into the territory", () => {
    expect(vs(r, "entreprises_accompagnees", "epci", E, 2022)).toEqual([12, "ok"]);
    expect(vs(r, "entreprises_accompagnees", "epci", C, 2022)).toEqual([8, "ok"]);
    expect(vs(r, "entreprises_accompagnees", "territoire", T, 2022)).toEqual([20, "ok"]); // 12 + 8
  });
  it("an EPCI that entered nothing is unknown, not zero: the territory is partial", () => {
    expect(vs(r, "entreprises_accompagnees", "epci", C, 2023)).toEqual([null, "manquant"]);
    expect(vs(r, "entreprises_accompagnees", "territoire", T, 2023)).toEqual([15, "partiel"]);
  });
  it("an EPCI entry gives no commune value", () => {
    expect(vs(r, "entreprises_accompagnees", "commune", HAM, 2022)).toEqual([null, "manquant"]);
  });
});

describe("delai_moyen_instruction_jours: mean recomputed from summed days and files", () => {
  it("territory = (300 + 200) / (10 + 4) = 35.71 days, not the 40-day mean of the EPCI means", () => {
    expect(vs(r, "delai_moyen_instruction_jours", "epci", E, 2022)).toEqual([30, "ok"]); // 300 / 10
    expect(vs(r, "delai_moyen_instruction_jours", "epci", C, 2022)).toEqual([50, "ok"]); // 200 / 4
    expect(vs(r, "delai_moyen_instruction_jours", "territoire", T, 2022)).toEqual([35.714, "ok"]); // 500 / 14
    expect((30 + 50) / 2).toBe(40);
  });
});

describe("tiers_lieux_ouverts (entered per commune)", () => {
  it("aggregates commune entries; communes not entered make the aggregates partial", () => {
    expect(vs(r, "tiers_lieux_ouverts", "commune", HAM, 2021)).toEqual([1, "ok"]);
    expect(vs(r, "tiers_lieux_ouverts", "commune", NESLE, 2021)).toEqual([null, "manquant"]);
    expect(vs(r, "tiers_lieux_ouverts", "commune", CHAUNY, 2021)).toEqual([1, "ok"]);
    expect(vs(r, "tiers_lieux_ouverts", "epci", E, 2021)).toEqual([1, "partiel"]);
    expect(vs(r, "tiers_lieux_ouverts", "territoire", T, 2021)).toEqual([2, "partiel"]);
  });
});

describe("sources of each indicator", () => {
  it("a sheet names its source and the files it was computed from", () => {
    const sheet = r.sheets.find((s) => s.id === "delai_moyen_instruction_jours");
    expect(sheet?.source.files).toEqual(["local-ok/suivi.csv"]); // relative: no absolute path is published
    expect(sheet?.years).toEqual([2022, 2022]);
    expect(sheet?.numerator).toMatch(/Somme des délais/);
  });
});

describe("action-plan indicators from the full format (tests/fixtures/local/plan)", () => {
  // P1 engagée 100 000 / 40 000, end 2023-12-31; P2 réalisée 50 000 / 60 000; P3 à lancer 30 000 / 0, end 2024-04-30;
  // P4 abandonnée 80 000 / 10 000; P5 engagée 20 000 / 5 000, end 2024-05-01; P6 rejected. Newest update 2024-05-01.
  let plan: IndicatorResult;
  let partiel: IndicatorResult;
  beforeAll(async () => {
    plan = await compute(t, join(LOCAL_FIXTURES, "plan", "local"));
    partiel = await compute(t, join(LOCAL_FIXTURES, "plan-partiel", "local"));
  });

  it("budget_engage_pct = engaged / planned of the non-abandoned actions = 105 000 / 200 000 = 52.5 %", () => {
    expect(vs(plan, "budget_engage_pct", "territoire", T, 2024)).toEqual([52.5, "ok"]);
    expect(row(plan, "budget_engage_pct", "territoire", T, 2024)).toMatchObject({ numerateur: 105000, denominateur: 200000 });
  });
  it("budget_engage_pct: an action whose planned budget is unknown makes the value partial, not a zero", () => {
    // Q1 5 000 / 10 000 known; Q2 planned unknown: 5 000 / 10 000 = 50 %, partiel, dated 2023
    expect(vs(partiel, "budget_engage_pct", "territoire", T, 2023)).toEqual([50, "partiel"]);
  });
  it("actions_en_retard counts the actions not completed whose planned end is before the newest update: P1 and P3", () => {
    // P5 ends on 2024-05-01 itself: not late; P2 réalisée and P4 abandonnée: never late.
    expect(vs(plan, "actions_en_retard", "territoire", T, 2024)).toEqual([2, "ok"]);
    expect(vs(partiel, "actions_en_retard", "territoire", T, 2023)).toEqual([0, "ok"]); // no end date: never late
  });
  it("actions_engagees_pct on the same plan: P1, P2, P5 over P1, P2, P3, P5 = 75 %", () => {
    expect(vs(plan, "actions_engagees_pct", "territoire", T, 2024)).toEqual([75, "ok"]);
  });
});

describe("action-plan indicators of the demonstration plan (data/local/actions.csv)", () => {
  it("budget 1 092 000 / 2 480 000 € = 44.032 % engaged; 3 late actions (REC-1, INN-1, INN-3) at 2024-03-20", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ti-demo-actions-"));
    await copyFile(join(import.meta.dirname, "..", "..", "data", "local", "actions.csv"), join(dir, "actions.csv"));
    const demo = await compute(t, dir);
    expect(vs(demo, "budget_engage_pct", "territoire", T, 2024)).toEqual([44.032, "ok"]);
    expect(vs(demo, "actions_en_retard", "territoire", T, 2024)).toEqual([3, "ok"]);
    expect(vs(demo, "actions_engagees_pct", "territoire", T, 2024)).toEqual([80, "ok"]);
  });
});
