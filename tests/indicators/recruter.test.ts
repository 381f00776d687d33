// Axis Recruter: DARES job seekers (with secrets), BMO by bassin d'emploi (with population shares), vocational schools.
import { computeBassinShares } from "../../src/indicators/bassins.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorResult } from "../../src/indicators/types.ts";
import { CHAUNY, CHAUNY_TERGNIER as C, compute, EST_SOMME as E, HAM, insert, NESLE, PITHON, TERGNIER, TID as T, tinyDb, vs, type TestDb } from "./helpers.ts";

let t: TestDb;
let r: IndicatorResult;

const d = (code_commune: string, annee: number, tranche_age: string, demandeurs: number | null, extra: Record<string, unknown> = {}) =>
  ({ code_commune, annee, trimestre: 4, categorie: "ABC", sexe: "Total", tranche_age, demandeurs, ...extra });

beforeAll(async () => {
  t = await tinyDb();
  await insert(t.db, "dares", [
    d(HAM, 2018, "Total", 300), d(NESLE, 2018, "Total", 150), d(PITHON, 2018, "Total", null), // Pithon: secret
    d(TERGNIER, 2018, "Total", 1000), d(CHAUNY, 2018, "Total", 900),
    d(HAM, 2018, "Moins de 25 ans", 60), d(NESLE, 2018, "Moins de 25 ans", 25), d(PITHON, 2018, "Moins de 25 ans", null),
    d(TERGNIER, 2018, "Moins de 25 ans", 200), d(CHAUNY, 2018, "Moins de 25 ans", null), // Chauny under-25: secret
    // ignored: another quarter, category A alone, one sex
    d(HAM, 2018, "Total", 999, { trimestre: 3 }), d(HAM, 2018, "Total", 250, { categorie: "A" }), d(HAM, 2018, "Total", 140, { sexe: "Hommes" }),
    // 2019: every commune of E secret => E secret
    d(HAM, 2019, "Total", null), d(NESLE, 2019, "Total", null), d(PITHON, 2019, "Total", null),
    d(TERGNIER, 2019, "Total", 1005), d(CHAUNY, 2019, "Total", 895),
  ]);
  // bassins: Ham and Nesle in 3203 with Péronne (outside the tiny territory, 7 090 inhabitants in the package),
  // Tergnier and Chauny in 3205; Pithon absent from the mapping; 3210 only has a commune outside.
  await insert(t.db, "bassins_bmo", [
    { code_commune: HAM, code_bassin: "3203", nom_bassin: "SANTERRE SOMME" },
    { code_commune: NESLE, code_bassin: "3203", nom_bassin: "SANTERRE SOMME" },
    { code_commune: "80620", code_bassin: "3203", nom_bassin: "SANTERRE SOMME" },
    { code_commune: TERGNIER, code_bassin: "3205", nom_bassin: "CHAUNY" },
    { code_commune: CHAUNY, code_bassin: "3205", nom_bassin: "CHAUNY" },
    { code_commune: "02408", code_bassin: "3210", nom_bassin: "LAON" },
  ]);
  const b = (code_bassin: string, nom_bassin: string, departement: string, code_metier: string, met: number | null, xmet: number | null) =>
    ({ annee: 2023, code_bassin, nom_bassin, departement, code_metier, met, xmet, smet: null });
  await insert(t.db, "bmo", [
    b("3203", "SANTERRE SOMME", "80", "A1Z40", 100, 40), b("3203", "SANTERRE SOMME", "80", "J0Z90", null, null), // secret métier
    b("3205", "CHAUNY", "02", "A1Z40", 50, 30), b("3205", "CHAUNY", "02", "J0Z90", 20, 5),
    b("3204", "SAINT-QUENTIN", "02", "A1Z40", 500, 200), // not in the mapping, département of unmapped Pithon
    b("3210", "LAON", "02", "A1Z40", 80, 10), // described by the mapping, touches nothing
    b("3299", "AMIENS", "80", "A1Z40", 900, 100), // not in the mapping, but every Somme member is mapped
  ]);
  const l = (rentree: number, uai: string, code_commune: string, eleves: number | null) => ({ rentree, uai, code_commune, eleves });
  await insert(t.db, "lycees_pro", [
    l(2018, "0800013X", HAM, 200), l(2018, "0800013X", HAM, 100), // two MEF rows of one school
    l(2018, "0020012C", CHAUNY, 500),
    l(2018, "0020032Y", TERGNIER, null), // not published
  ]);
  r = await compute(t);
});
afterAll(() => t.close());

describe("demandeurs_emploi_abc: Q4, ABC, all sexes and ages", () => {
  it("a secret commune is secret, its aggregates partial from the known communes", () => {
    expect(vs(r, "demandeurs_emploi_abc", "commune", HAM, 2018)).toEqual([300, "ok"]);
    expect(vs(r, "demandeurs_emploi_abc", "commune", PITHON, 2018)).toEqual([null, "secret"]);
    expect(vs(r, "demandeurs_emploi_abc", "epci", E, 2018)).toEqual([450, "partiel"]); // 300 + 150 + secret
    expect(vs(r, "demandeurs_emploi_abc", "epci", C, 2018)).toEqual([1900, "ok"]); // 1000 + 900
    expect(vs(r, "demandeurs_emploi_abc", "territoire", T, 2018)).toEqual([2350, "partiel"]); // 450 + 1900
  });
  it("an EPCI all of whose communes are secret is secret", () => {
    expect(vs(r, "demandeurs_emploi_abc", "epci", E, 2019)).toEqual([null, "secret"]);
    expect(vs(r, "demandeurs_emploi_abc", "territoire", T, 2019)).toEqual([1900, "partiel"]); // 1005 + 895
  });
});

describe("part_demandeurs_moins_25_ans", () => {
  it("recomputed from the communes where both counts are known", () => {
    expect(vs(r, "part_demandeurs_moins_25_ans", "commune", HAM, 2018)).toEqual([20, "ok"]); // 60 / 300
    expect(vs(r, "part_demandeurs_moins_25_ans", "commune", NESLE, 2018)).toEqual([16.667, "ok"]); // 25 / 150
    expect(vs(r, "part_demandeurs_moins_25_ans", "commune", CHAUNY, 2018)).toEqual([null, "secret"]);
    expect(vs(r, "part_demandeurs_moins_25_ans", "epci", E, 2018)).toEqual([18.889, "partiel"]); // 85 / 450
    expect(vs(r, "part_demandeurs_moins_25_ans", "epci", C, 2018)).toEqual([20, "partiel"]); // 200 / 1000, Chauny out of both
    expect(vs(r, "part_demandeurs_moins_25_ans", "territoire", T, 2018)).toEqual([19.655, "partiel"]); // 285 / 1450
  });
});

describe("BMO, by bassin d'emploi only", () => {
  it("publishes the touching bassins at niveau bassin_emploi and nowhere else", () => {
    const bassins = [...new Set(r.rows.filter((x) => x.indicateur === "projets_recrutement").map((x) => `${x.niveau}:${x.code_geo}`))].sort();
    expect(bassins).toEqual(["bassin_emploi:3203", "bassin_emploi:3204", "bassin_emploi:3205"]);
  });
  it("projets_recrutement sums the métiers, a secret one makes it partial", () => {
    expect(vs(r, "projets_recrutement", "bassin_emploi", "3203", 2023)).toEqual([100, "partiel"]); // 100 + secret
    expect(vs(r, "projets_recrutement", "bassin_emploi", "3205", 2023)).toEqual([70, "ok"]); // 50 + 20
    expect(vs(r, "projets_recrutement", "bassin_emploi", "3204", 2023)).toEqual([500, "ok"]);
  });
  it("part_projets_difficiles = Σxmet / Σmet", () => {
    expect(vs(r, "part_projets_difficiles", "bassin_emploi", "3203", 2023)).toEqual([40, "partiel"]); // 40 / 100
    expect(vs(r, "part_projets_difficiles", "bassin_emploi", "3205", 2023)).toEqual([50, "ok"]); // 35 / 70 (mean of 60 and 25 = 42.5)
  });
  it("states each bassin's population share inside the territory", () => {
    const by = new Map(r.bassins.map((b) => [b.code_bassin, b]));
    // 3203: (4000 + 2000) / (4000 + 2000 + 7090 Péronne) = 6000 / 13 090 = 45.8 %
    expect(by.get("3203")).toMatchObject({ communes_dans_territoire: 2, communes_total: 3, population_dans_territoire: 6000, population_totale: 13090, part_population_pct: 45.8 });
    expect(by.get("3205")).toMatchObject({ population_dans_territoire: 24000, population_totale: 24000, part_population_pct: 100 });
    // 3204 is not described by the mapping while Pithon (Aisne) has no bassin: listed, share unknown, and said so
    expect(by.get("3204")?.part_population_pct).toBeNull();
    expect(by.get("3204")?.note).toMatch(/part de population inconnue/);
    expect(by.has("3210")).toBe(false);
    expect(by.has("3299")).toBe(false);
  });
  it("when the territory declares its bassins (territoire.json bassins_bmo), only the declared unmapped ones are added", async () => {
    const shares = await computeBassinShares(t.db, ["3203", "3299"]);
    // 3203 comes from the mapping as before; 3299 is declared (though every Somme member is mapped); 3204 is not declared
    expect(shares.map((b) => b.code_bassin)).toEqual(["3203", "3205", "3299"]);
    expect(shares.find((b) => b.code_bassin === "3299")).toMatchObject({ part_population_pct: null });
    expect(shares.find((b) => b.code_bassin === "3299")?.note).toMatch(/déclaré dans data\/territoire.json/);
  });
  it("without the commune -> bassin table, every share is unknown", async () => {
    const t2 = await tinyDb();
    try {
      await insert(t2.db, "bmo", [{ annee: 2023, code_bassin: "3205", nom_bassin: "CHAUNY", departement: "02", code_metier: "A1Z40", met: 50, xmet: 30 }]);
      const r2 = await compute(t2);
      expect(r2.bassins).toHaveLength(1);
      expect(r2.bassins[0]).toMatchObject({ code_bassin: "3205", part_population_pct: null });
      expect(r2.bassins[0]?.note).toMatch(/bassins_bmo/);
      expect(vs(r2, "projets_recrutement", "bassin_emploi", "3205", 2023)).toEqual([50, "ok"]);
    } finally {
      t2.close();
    }
  });
});

describe("effectifs_lycees_pro", () => {
  it("sums the schools of member communes; a commune without school counts zero, an unpublished count is unknown", () => {
    expect(vs(r, "effectifs_lycees_pro", "commune", HAM, 2018)).toEqual([300, "ok"]); // 200 + 100
    expect(vs(r, "effectifs_lycees_pro", "commune", NESLE, 2018)).toEqual([0, "ok"]);
    expect(vs(r, "effectifs_lycees_pro", "commune", TERGNIER, 2018)).toEqual([null, "manquant"]);
    expect(vs(r, "effectifs_lycees_pro", "epci", E, 2018)).toEqual([300, "ok"]); // 300 + 0 + 0
    expect(vs(r, "effectifs_lycees_pro", "epci", C, 2018)).toEqual([500, "partiel"]); // unknown + 500
    expect(vs(r, "effectifs_lycees_pro", "territoire", T, 2018)).toEqual([800, "partiel"]);
  });
});
