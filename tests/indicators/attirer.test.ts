// Axis Attirer on hand-made URSSAF and Sirene rows (see helpers.ts for the territory: E = CC Est de la Somme with
// Ham, Nesle, Pithon; C = CA Chauny Tergnier La Fère with Tergnier, Chauny; T = both).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorResult } from "../../src/indicators/types.ts";
import { CHAUNY, CHAUNY_TERGNIER as C, compute, EST_SOMME as E, HAM, insert, NESLE, PITHON, TERGNIER, TID as T, tinyDb, vs, type TestDb } from "./helpers.ts";

let t: TestDb;
let r: IndicatorResult;

beforeAll(async () => {
  t = await tinyDb();
  const u = (code_commune: string, code_ape: string, annee: number, etablissements: number | null, effectifs: number | null) =>
    ({ code_commune, code_ape, annee, etablissements, effectifs });
  await insert(t.db, "urssaf", [
    u(HAM, "25.11Z", 2018, 2, 100), u(HAM, "25.11Z", 2019, 2, 110), // industry (division 25)
    u(HAM, "47.11A", 2018, 5, 50), u(HAM, "47.11A", 2019, 5, 40),
    u(NESLE, "10.71A", 2018, 1, 300), u(NESLE, "10.71A", 2019, 1, null), // industry, 2019 not published
    u(NESLE, "56.10A", 2018, 3, 10), u(NESLE, "56.10A", 2019, 3, 10),
    // Pithon: no row, its département (02) is covered => zero
    u(TERGNIER, "30.20Z", 2018, 1, 400), u(TERGNIER, "30.20Z", 2019, 1, 400),
    u(TERGNIER, "46.69B", 2018, 2, 100), u(TERGNIER, "46.69B", 2019, 2, 100),
    u(CHAUNY, "47.11A", 2018, 10, 200), u(CHAUNY, "47.11A", 2019, 10, 200),
    u(CHAUNY, "41.20A", 2018, 4, 60), u(CHAUNY, "41.20A", 2019, 4, 60), // construction: division 41 is not industry
    u(CHAUNY, "39.00Z", 2018, 1, 40), u(CHAUNY, "39.00Z", 2019, 1, 40), // division 39: last industrial division
  ]);
  const s = (siret: string, code_commune: string, date_creation: string, activite: string, nomenclature: string) =>
    ({ siret, code_commune, date_creation, activite, nomenclature, etat: "A" });
  await insert(t.db, "sirene", [
    s("1", HAM, "2018-03-01", "25.11Z", "NAFRev2"), // industry
    s("2", HAM, "2018-06-15", "47.11A", "NAFRev2"),
    s("3", NESLE, "2018-12-31", "10.71A", "NAFRev2"), // industry
    s("4", TERGNIER, "2018-05-05", "28.1A", "NAFRev1"), // old nomenclature: a creation, industry unknown
    s("5", CHAUNY, "2019-01-10", "39.00Z", "NAFRev2"), // industry
    s("6", CHAUNY, "2019-06-30", "62.01Z", "NAFRev2"), // newest date: 2019 is not over => provisional
    s("7", CHAUNY, "2005-01-01", "25.11Z", "NAFRev2"), // before 2008: not counted
  ]);
  r = await compute(t);
});
afterAll(() => t.close());

describe("emploi_salarie_prive: URSSAF jobs summed over member communes", () => {
  it("2018, every value known", () => {
    expect(vs(r, "emploi_salarie_prive", "commune", HAM, 2018)).toEqual([150, "ok"]); // 100 + 50
    expect(vs(r, "emploi_salarie_prive", "commune", NESLE, 2018)).toEqual([310, "ok"]); // 300 + 10
    expect(vs(r, "emploi_salarie_prive", "commune", PITHON, 2018)).toEqual([0, "ok"]); // covered, no establishment
    expect(vs(r, "emploi_salarie_prive", "commune", CHAUNY, 2018)).toEqual([300, "ok"]); // 200 + 60 + 40
    expect(vs(r, "emploi_salarie_prive", "epci", E, 2018)).toEqual([460, "ok"]); // 150 + 310 + 0
    expect(vs(r, "emploi_salarie_prive", "epci", C, 2018)).toEqual([800, "ok"]); // 500 + 300
    expect(vs(r, "emploi_salarie_prive", "territoire", T, 2018)).toEqual([1260, "ok"]); // 460 + 800
  });
  it("2019, an unknown value makes the commune and its aggregates partial, never zero", () => {
    expect(vs(r, "emploi_salarie_prive", "commune", NESLE, 2019)).toEqual([10, "partiel"]); // unknown + 10
    expect(vs(r, "emploi_salarie_prive", "epci", E, 2019)).toEqual([160, "partiel"]); // 150 + 10 + 0
    expect(vs(r, "emploi_salarie_prive", "epci", C, 2019)).toEqual([800, "ok"]);
    expect(vs(r, "emploi_salarie_prive", "territoire", T, 2019)).toEqual([960, "partiel"]); // 160 + 800
  });
});

describe("emploi_industriel and etablissements: NAF divisions 05 to 39", () => {
  it("counts divisions 25, 10, 30 and 39, not 41", () => {
    expect(vs(r, "emploi_industriel", "commune", CHAUNY, 2018)).toEqual([40, "ok"]); // 39.00Z only
    expect(vs(r, "emploi_industriel", "epci", E, 2018)).toEqual([400, "ok"]); // 100 + 300 + 0
    expect(vs(r, "emploi_industriel", "epci", C, 2018)).toEqual([440, "ok"]); // 400 + 40
    expect(vs(r, "emploi_industriel", "territoire", T, 2018)).toEqual([840, "ok"]);
  });
  it("a commune whose only industrial value is unknown is manquant, its EPCI partial", () => {
    expect(vs(r, "emploi_industriel", "commune", NESLE, 2019)).toEqual([null, "manquant"]);
    expect(vs(r, "emploi_industriel", "epci", E, 2019)).toEqual([110, "partiel"]); // 110 + unknown + 0
    expect(vs(r, "emploi_industriel", "territoire", T, 2019)).toEqual([550, "partiel"]); // 110 + 440
  });
  it("etablissements_industriels and etablissements_prives", () => {
    expect(vs(r, "etablissements_industriels", "epci", E, 2018)).toEqual([3, "ok"]); // 2 + 1 + 0
    expect(vs(r, "etablissements_industriels", "epci", C, 2018)).toEqual([2, "ok"]); // 1 + 1
    expect(vs(r, "etablissements_industriels", "commune", HAM, 2018)).toEqual([2, "ok"]);
    expect(vs(r, "etablissements_industriels", "territoire", T, 2018)).toEqual([5, "ok"]);
    expect(vs(r, "etablissements_prives", "territoire", T, 2018)).toEqual([29, "ok"]); // 7 + 4 + 0 + 3 + 15
  });
});

describe("part_emploi_industriel: ratio of sums at each level, never a mean of ratios", () => {
  it("EPCI value is 400 / 460, not the mean of its communes' shares", () => {
    expect(vs(r, "part_emploi_industriel", "commune", HAM, 2018)).toEqual([66.667, "ok"]); // 100 / 150 x 100
    expect(vs(r, "part_emploi_industriel", "commune", NESLE, 2018)).toEqual([96.774, "ok"]); // 300 / 310 x 100
    expect(vs(r, "part_emploi_industriel", "commune", PITHON, 2018)).toEqual([null, "manquant"]); // 0 / 0: undefined
    expect(vs(r, "part_emploi_industriel", "epci", E, 2018)).toEqual([86.957, "ok"]); // (100+300+0)/(150+310+0) x 100
    const mean = (100 / 150 * 100 + 300 / 310 * 100) / 2; // 81.72: what averaging would wrongly give
    expect(mean).toBeCloseTo(81.72, 2);
    expect(vs(r, "part_emploi_industriel", "epci", E, 2018)[0]).not.toBeCloseTo(mean, 0);
    expect(vs(r, "part_emploi_industriel", "epci", C, 2018)).toEqual([55, "ok"]); // 440 / 800 (mean of 80 and 13.33 = 46.67)
    expect(vs(r, "part_emploi_industriel", "territoire", T, 2018)).toEqual([66.667, "ok"]); // 840 / 1260
  });
  it("numerator and denominator are published with the value", () => {
    const e = r.rows.find((x) => x.indicateur === "part_emploi_industriel" && x.niveau === "epci" && x.code_geo === E && x.annee === 2018);
    expect([e?.numerateur, e?.denominateur]).toEqual([400, 460]);
  });
  it("an unknown job count drops out of both sums and the share is partial", () => {
    expect(vs(r, "part_emploi_industriel", "commune", NESLE, 2019)).toEqual([0, "partiel"]); // 0 / 10 (10.71A unknown)
    expect(vs(r, "part_emploi_industriel", "epci", E, 2019)).toEqual([68.75, "partiel"]); // (110+0+0)/(150+10+0)
  });
});

describe("Sirene creations", () => {
  it("creations_etablissements counts every nomenclature, from 2008", () => {
    expect(vs(r, "creations_etablissements", "commune", HAM, 2018)).toEqual([2, "ok"]);
    expect(vs(r, "creations_etablissements", "commune", PITHON, 2018)).toEqual([0, "ok"]);
    expect(vs(r, "creations_etablissements", "epci", E, 2018)).toEqual([3, "ok"]); // 2 + 1 + 0
    expect(vs(r, "creations_etablissements", "epci", C, 2018)).toEqual([1, "ok"]); // Tergnier, NAFRev1
    expect(vs(r, "creations_etablissements", "territoire", T, 2018)).toEqual([4, "ok"]);
    expect(r.rows.some((x) => x.indicateur === "creations_etablissements" && x.annee === 2005)).toBe(false);
  });
  it("the year the file stops in is provisional", () => {
    expect(vs(r, "creations_etablissements", "epci", C, 2019)).toEqual([2, "provisoire"]); // file ends 2019-06-30
    expect(vs(r, "creations_etablissements", "territoire", T, 2019)).toEqual([2, "provisoire"]);
  });
  it("creations_industrie: an old-nomenclature creation makes the count partial", () => {
    expect(vs(r, "creations_industrie", "commune", TERGNIER, 2018)).toEqual([0, "partiel"]); // NAFRev1: unknown
    expect(vs(r, "creations_industrie", "epci", E, 2018)).toEqual([2, "ok"]); // Ham 25.11Z + Nesle 10.71A
    expect(vs(r, "creations_industrie", "epci", C, 2018)).toEqual([0, "partiel"]);
    expect(vs(r, "creations_industrie", "territoire", T, 2018)).toEqual([2, "partiel"]);
    expect(vs(r, "creations_industrie", "territoire", T, 2019)).toEqual([1, "provisoire"]); // Chauny 39.00Z
  });
  it("taux_creation_10000_hab: creations over the summed population", () => {
    expect(vs(r, "taux_creation_10000_hab", "commune", HAM, 2018)).toEqual([5, "ok"]); // 2 / 4000 x 10 000
    expect(vs(r, "taux_creation_10000_hab", "commune", NESLE, 2018)).toEqual([5, "ok"]); // 1 / 2000 x 10 000
    expect(vs(r, "taux_creation_10000_hab", "commune", PITHON, 2018)).toEqual([0, "ok"]); // 0 / 100
    expect(vs(r, "taux_creation_10000_hab", "epci", E, 2018)).toEqual([4.918, "ok"]); // 3 / 6100 x 10 000 (mean would be 3.33)
    expect(vs(r, "taux_creation_10000_hab", "epci", C, 2018)).toEqual([0.417, "ok"]); // 1 / 24 000 x 10 000
    expect(vs(r, "taux_creation_10000_hab", "territoire", T, 2018)).toEqual([1.329, "ok"]); // 4 / 30 100 x 10 000
  });
});

describe("Sirene: the stock's date (date_millesime) decides which years are provisional; unknown activity is partial", () => {
  const created = (siret: string, code_commune: string, date_creation: string, date_millesime: string | null, activite: string | null = "25.11Z", nomenclature: string | null = "NAFRev2") =>
    ({ siret, code_commune, date_creation, activite, nomenclature, etat: "A", date_millesime });
  async function run(rows: Record<string, unknown>[]): Promise<IndicatorResult> {
    const t2 = await tinyDb();
    try {
      await insert(t2.db, "sirene", rows);
      return await compute(t2);
    } finally {
      t2.close();
    }
  }

  it("a stock taken in December 2025 leaves March 2023 complete (the newest creation is not the stock's date)", async () => {
    const r2 = await run([created("1", CHAUNY, "2023-03-01", "2025-12-06"), created("2", HAM, "2019-05-01", "2025-12-06")]);
    expect(vs(r2, "creations_etablissements", "commune", CHAUNY, 2023)).toEqual([1, "ok"]);
    expect(vs(r2, "creations_etablissements", "territoire", T, 2023)).toEqual([1, "ok"]);
  });

  it("the year the stock was taken in is provisional until its 31 December; the oldest stock of the loaded files decides", async () => {
    const r2 = await run([created("1", CHAUNY, "2023-03-01", "2023-12-06"), created("2", HAM, "2022-05-01", "2023-12-06")]);
    expect(vs(r2, "creations_etablissements", "epci", C, 2023)).toEqual([1, "provisoire"]);
    expect(vs(r2, "creations_etablissements", "epci", E, 2022)).toEqual([1, "ok"]);
    // Aisne taken on 31 December 2023 (complete), Somme on 6 June 2023: 2023 lacks Somme's second half-year.
    const r3 = await run([created("1", CHAUNY, "2023-03-01", "2023-12-31"), created("2", HAM, "2023-05-01", "2023-06-06")]);
    expect(vs(r3, "creations_etablissements", "territoire", T, 2023)).toEqual([2, "provisoire"]);
    const r4 = await run([created("1", CHAUNY, "2023-03-01", "2023-12-31")]);
    expect(vs(r4, "creations_etablissements", "epci", C, 2023)).toEqual([1, "ok"]); // Aisne only: territory partial (Somme not covered)
  });

  it("an establishment without activity, or without nomenclature, is a creation whose industry is unknown", async () => {
    const r2 = await run([
      created("1", CHAUNY, "2020-03-01", "2025-12-06"), // 25.11Z NAFRev2: industry
      created("2", CHAUNY, "2020-04-01", "2025-12-06", null, null), // no activity at all
      created("3", TERGNIER, "2020-05-01", "2025-12-06", "25.11Z", null), // no nomenclature (the loader would have inferred NAFRev2)
      created("4", HAM, "2020-05-01", "2025-12-06", "25.11Z", "NAFv2"), // old demo spelling: the loader canonicalises it, SQL does not guess
    ]);
    expect(vs(r2, "creations_etablissements", "commune", CHAUNY, 2020)).toEqual([2, "ok"]);
    expect(vs(r2, "creations_industrie", "commune", CHAUNY, 2020)).toEqual([1, "partiel"]);
    expect(vs(r2, "creations_industrie", "commune", TERGNIER, 2020)).toEqual([0, "partiel"]);
    expect(vs(r2, "creations_industrie", "commune", HAM, 2020)).toEqual([0, "partiel"]);
    expect(vs(r2, "creations_industrie", "territoire", T, 2020)).toEqual([1, "partiel"]);
  });
});

describe("coverage: a département without any loaded row stays unknown", () => {
  it("communes of Somme are manquant when only Aisne establishments are loaded", async () => {
    const t2 = await tinyDb();
    try {
      await insert(t2.db, "sirene", [{ siret: "9", code_commune: CHAUNY, date_creation: "2018-12-31", activite: "25.11Z", nomenclature: "NAFRev2", etat: "A" }]);
      const r2 = await compute(t2);
      expect(vs(r2, "creations_etablissements", "commune", HAM, 2018)).toEqual([null, "manquant"]);
      expect(vs(r2, "creations_etablissements", "commune", PITHON, 2018)).toEqual([0, "ok"]); // Pithon is in Aisne
      expect(vs(r2, "creations_etablissements", "epci", E, 2018)).toEqual([0, "partiel"]); // only Pithon known
      expect(vs(r2, "creations_etablissements", "territoire", T, 2018)).toEqual([1, "partiel"]);
    } finally {
      t2.close();
    }
  });
});

describe("URSSAF: a year without establishment is 0, known (the loader reads the producer's two empty cells so)", () => {
  it("a commune x APE row of 0 establishments and 0 jobs gives 0 « ok », never « partiel » nor « manquant »", async () => {
    const t3 = await tinyDb();
    try {
      const u = (code_commune: string, code_ape: string, annee: number, etablissements: number | null, effectifs: number | null) =>
        ({ code_commune, code_ape, annee, etablissements, effectifs });
      await insert(t3.db, "urssaf", [
        u(HAM, "25.11Z", 2018, 0, 0), u(HAM, "25.11Z", 2019, 2, 100), // opened in 2019
        u(TERGNIER, "47.11A", 2018, 3, 30), u(TERGNIER, "47.11A", 2019, 0, 0), // closed in 2019
      ]);
      const r3 = await compute(t3);
      expect(vs(r3, "emploi_salarie_prive", "commune", HAM, 2018)).toEqual([0, "ok"]);
      expect(vs(r3, "emploi_industriel", "commune", HAM, 2018)).toEqual([0, "ok"]);
      expect(vs(r3, "etablissements_industriels", "commune", HAM, 2018)).toEqual([0, "ok"]);
      expect(vs(r3, "emploi_industriel", "commune", HAM, 2019)).toEqual([100, "ok"]);
      expect(vs(r3, "emploi_salarie_prive", "commune", TERGNIER, 2019)).toEqual([0, "ok"]);
      expect(vs(r3, "etablissements_prives", "epci", C, 2019)).toEqual([0, "ok"]); // Tergnier 0 + Chauny (no row) 0
      expect(vs(r3, "emploi_salarie_prive", "territoire", T, 2018)).toEqual([30, "ok"]); // 0 + 30
      expect(vs(r3, "emploi_salarie_prive", "territoire", T, 2019)).toEqual([100, "ok"]); // 100 + 0
    } finally {
      t3.close();
    }
  });
});
