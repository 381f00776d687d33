// Axis Innover: Cerema ENAF flows 2011-2023 (vintage ending 2023, so 2023 is provisional) and the ZAN trajectory.
// Yearly flows in m²: Ham 10 000 (1 ha), of which 5 000 activity; Nesle 20 000, of which 2 000 activity; Pithon 0;
// Tergnier 30 000; Chauny 5 000 but unknown in 2015.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorResult } from "../../src/indicators/types.ts";
import { CHAUNY, CHAUNY_TERGNIER as C, compute, EST_SOMME as E, HAM, insert, NESLE, PITHON, TERGNIER, TID as T, tinyDb, vs, type TestDb } from "./helpers.ts";

let t: TestDb;
let r: IndicatorResult;

beforeAll(async () => {
  t = await tinyDb();
  const flows: Record<string, [number, number]> = { [HAM]: [10000, 5000], [NESLE]: [20000, 2000], [PITHON]: [0, 0], [TERGNIER]: [30000, 0], [CHAUNY]: [5000, 0] };
  const rows: Record<string, unknown>[] = [];
  for (const [code, [naf, act]] of Object.entries(flows))
    for (let annee = 2011; annee <= 2023; annee++) {
      const unknown = code === CHAUNY && annee === 2015;
      rows.push({ code_commune: code, annee, derniere_annee: 2023, naf_m2: unknown ? null : naf, activite_m2: unknown ? null : act, fichier: "conso_2009_2023.csv" });
    }
  // An older vintage (ending 2022) with different values: the newest vintage wins for every year it covers.
  rows.push({ code_commune: HAM, annee: 2018, derniere_annee: 2022, naf_m2: 99999, activite_m2: 0, fichier: "conso_2009_2022.csv" });
  await insert(t.db, "cerema", rows);
  r = await compute(t);
});
afterAll(() => t.close());

describe("consommation_enaf_ha and consommation_enaf_activite_ha", () => {
  it("sums hectares over member communes; the newest vintage wins", () => {
    expect(vs(r, "consommation_enaf_ha", "commune", HAM, 2018)).toEqual([1, "ok"]); // 10 000 m², not 99 999
    expect(vs(r, "consommation_enaf_ha", "epci", E, 2018)).toEqual([3, "ok"]); // 1 + 2 + 0
    expect(vs(r, "consommation_enaf_ha", "epci", C, 2018)).toEqual([3.5, "ok"]); // 3 + 0.5
    expect(vs(r, "consommation_enaf_ha", "territoire", T, 2018)).toEqual([6.5, "ok"]);
    expect(vs(r, "consommation_enaf_activite_ha", "epci", E, 2018)).toEqual([0.7, "ok"]); // 0.5 + 0.2 + 0
    expect(vs(r, "consommation_enaf_activite_ha", "commune", NESLE, 2018)).toEqual([0.2, "ok"]);
    expect(vs(r, "consommation_enaf_activite_ha", "territoire", T, 2018)).toEqual([0.7, "ok"]);
  });
  it("the newest year of the vintage is provisional", () => {
    expect(vs(r, "consommation_enaf_ha", "territoire", T, 2023)).toEqual([6.5, "provisoire"]);
    expect(vs(r, "consommation_enaf_ha", "commune", HAM, 2023)).toEqual([1, "provisoire"]);
  });
  it("an unknown flow is missing at the commune, partial above", () => {
    expect(vs(r, "consommation_enaf_ha", "commune", CHAUNY, 2015)).toEqual([null, "manquant"]);
    expect(vs(r, "consommation_enaf_ha", "epci", C, 2015)).toEqual([3, "partiel"]);
    expect(vs(r, "consommation_enaf_ha", "territoire", T, 2015)).toEqual([6, "partiel"]);
  });
  it("part_enaf_activite_pct: ratio of summed flows (EPCI 23.3 %, not the 30 % mean of 50 % and 10 %)", () => {
    expect(vs(r, "part_enaf_activite_pct", "commune", HAM, 2018)).toEqual([50, "ok"]); // 5 000 / 10 000
    expect(vs(r, "part_enaf_activite_pct", "commune", NESLE, 2018)).toEqual([10, "ok"]); // 2 000 / 20 000
    expect(vs(r, "part_enaf_activite_pct", "epci", E, 2018)).toEqual([23.333, "ok"]); // 7 000 / 30 000
    expect(vs(r, "part_enaf_activite_pct", "territoire", T, 2018)).toEqual([10.769, "ok"]); // 7 000 / 65 000
  });
});

describe("trajectoire_zan_pct: consumption since 2021 / half of 2011-2020", () => {
  it("commune and complete EPCI", () => {
    expect(vs(r, "trajectoire_zan_pct", "commune", HAM, 2022)).toEqual([40, "ok"]); // (1+1) / (10 x 1 / 2)
    expect(vs(r, "trajectoire_zan_pct", "commune", PITHON, 2022)).toEqual([null, "manquant"]); // 0 / 0
    expect(vs(r, "trajectoire_zan_pct", "epci", E, 2022)).toEqual([40, "ok"]); // (2+4+0) / (5+10+0)
    expect(vs(r, "trajectoire_zan_pct", "commune", HAM, 2021)).toEqual([20, "ok"]); // 1 / 5
  });
  it("an unknown reference year makes the envelope partial", () => {
    expect(vs(r, "trajectoire_zan_pct", "commune", CHAUNY, 2022)).toEqual([44.444, "partiel"]); // 1 / (9 x 0.5 / 2)
    expect(vs(r, "trajectoire_zan_pct", "epci", C, 2022)).toEqual([40.58, "partiel"]); // (6+1) / (15+2.25)
    expect(vs(r, "trajectoire_zan_pct", "territoire", T, 2022)).toEqual([40.31, "partiel"]); // 13 / 32.25
  });
  it("the provisional year stays provisional; years before 2021 have no value", () => {
    expect(vs(r, "trajectoire_zan_pct", "epci", E, 2023)).toEqual([60, "provisoire"]); // (3+6+0) / 15
    expect(r.rows.some((x) => x.indicateur === "trajectoire_zan_pct" && x.annee < 2021)).toBe(false);
  });
});
