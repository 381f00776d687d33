// Axis Innover, brownfields (Cartofriches). Tiny territory: EPCI Est de la Somme = Ham, Nesle (80) + Pithon (02);
// EPCI Chauny-Tergnier = Tergnier, Chauny (02). Each file's vintage year and covered départements are in
// friches_couverture, as the loader writes them.
//   a.csv, vintage 2023, covers 02 only (Ham and Nesle unknown in 2023):
//     Tergnier  S1 sans projet 20 000 m², S2 avec projet 5 000 m², S3 reconvertie 30 000 m²
//     Chauny    S4 potentielle surface NA, S5 avec projet 15 000 m², S6 sans projet 1 000 m²
//     Pithon    no site (0)
//   b.csv, vintage 2024, covers 02 and 80:
//     Tergnier  S1 now reconvertie 20 000 m², S2 avec projet 5 000 m²
//     Chauny    C1 potentielle surface NA (its only site)
//     Ham       H1 sans projet 10 000 m²; Nesle, Pithon no site (0)
//   c.csv, vintage 2024 too, covers 80 and repeats H1 with an older update: counted once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorResult } from "../../src/indicators/types.ts";
import { CHAUNY, CHAUNY_TERGNIER as C, compute, EST_SOMME as E, HAM, insert, NESLE, PITHON, row, TERGNIER, TID as T, tinyDb, vs, type TestDb } from "./helpers.ts";

let t: TestDb;
let r: IndicatorResult;

const site = (fichier: string, site_id: string, code_commune: string, statut: string, surface_m2: number | null, date_actualisation = "2023-06-01") => ({
  site_id, nom: site_id, code_commune, statut, surface_m2, date_actualisation, fichier,
});

beforeAll(async () => {
  t = await tinyDb();
  await insert(t.db, "friches", [
    site("a.csv", "S1", TERGNIER, "friche sans projet", 20000),
    site("a.csv", "S2", TERGNIER, "friche avec projet", 5000),
    site("a.csv", "S3", TERGNIER, "friche reconvertie", 30000),
    site("a.csv", "S4", CHAUNY, "friche potentielle", null),
    site("a.csv", "S5", CHAUNY, "friche avec projet", 15000),
    site("a.csv", "S6", CHAUNY, "friche sans projet", 1000),
    site("b.csv", "S1", TERGNIER, "friche reconvertie", 20000, "2024-03-01"),
    site("b.csv", "S2", TERGNIER, "friche avec projet", 5000, "2024-03-01"),
    site("b.csv", "C1", CHAUNY, "friche potentielle", null, "2024-03-01"),
    site("b.csv", "H1", HAM, "friche sans projet", 10000, "2024-03-01"),
    site("c.csv", "H1", HAM, "friche sans projet", 10000, "2023-12-01"),
  ]);
  await insert(t.db, "friches_couverture", [
    { departement: "02", annee: 2023, fichier: "a.csv" },
    { departement: "02", annee: 2024, fichier: "b.csv" },
    { departement: "80", annee: 2024, fichier: "b.csv" },
    { departement: "80", annee: 2024, fichier: "c.csv" },
  ]);
  r = await compute(t);
});
afterAll(() => t.close());

describe("friches_recensees: sites not reconverted", () => {
  it("counts per commune, 0 for a covered commune without site, unknown outside the covered départements", () => {
    expect(vs(r, "friches_recensees", "commune", TERGNIER, 2023)).toEqual([2, "ok"]); // S1, S2 (S3 reconverted)
    expect(vs(r, "friches_recensees", "commune", CHAUNY, 2023)).toEqual([3, "ok"]); // S4, S5, S6
    expect(vs(r, "friches_recensees", "commune", PITHON, 2023)).toEqual([0, "ok"]); // 02 covered, no site
    expect(vs(r, "friches_recensees", "commune", HAM, 2023)).toEqual([null, "manquant"]); // 80 not covered in 2023
    expect(vs(r, "friches_recensees", "epci", C, 2023)).toEqual([5, "ok"]);
    expect(vs(r, "friches_recensees", "epci", E, 2023)).toEqual([0, "partiel"]); // Pithon 0 known, Ham and Nesle unknown
    expect(vs(r, "friches_recensees", "territoire", T, 2023)).toEqual([5, "partiel"]);
  });
  it("a site repeated by two files of the same vintage year counts once", () => {
    expect(vs(r, "friches_recensees", "commune", HAM, 2024)).toEqual([1, "ok"]); // H1 in b.csv and c.csv
    expect(vs(r, "friches_recensees", "commune", NESLE, 2024)).toEqual([0, "ok"]);
    expect(vs(r, "friches_recensees", "commune", TERGNIER, 2024)).toEqual([1, "ok"]); // S2 (S1 reconverted)
    expect(vs(r, "friches_recensees", "epci", E, 2024)).toEqual([1, "ok"]);
    expect(vs(r, "friches_recensees", "epci", C, 2024)).toEqual([2, "ok"]); // S2, C1
    expect(vs(r, "friches_recensees", "territoire", T, 2024)).toEqual([3, "ok"]);
  });
});

describe("friches_surface_ha: surfaces of the sites not reconverted, m² / 10 000", () => {
  it("sums known surfaces; an unknown surface makes the value partial, never 0", () => {
    expect(vs(r, "friches_surface_ha", "commune", TERGNIER, 2023)).toEqual([2.5, "ok"]); // (20 000 + 5 000) / 10 000
    expect(vs(r, "friches_surface_ha", "commune", CHAUNY, 2023)).toEqual([1.6, "partiel"]); // (15 000 + 1 000) / 10 000, S4 unknown
    expect(vs(r, "friches_surface_ha", "commune", PITHON, 2023)).toEqual([0, "ok"]);
    expect(vs(r, "friches_surface_ha", "epci", C, 2023)).toEqual([4.1, "partiel"]); // 2.5 + 1.6
    expect(vs(r, "friches_surface_ha", "territoire", T, 2023)).toEqual([4.1, "partiel"]);
  });
  it("a commune whose only site has no surface is unknown; its EPCI and the territory are partial", () => {
    expect(vs(r, "friches_surface_ha", "commune", CHAUNY, 2024)).toEqual([null, "manquant"]); // C1 surface NA
    expect(vs(r, "friches_surface_ha", "commune", TERGNIER, 2024)).toEqual([0.5, "ok"]); // S2 only
    expect(vs(r, "friches_surface_ha", "epci", C, 2024)).toEqual([0.5, "partiel"]);
    expect(vs(r, "friches_surface_ha", "epci", E, 2024)).toEqual([1, "ok"]); // H1 once: 10 000 m²
    expect(vs(r, "friches_surface_ha", "territoire", T, 2024)).toEqual([1.5, "partiel"]);
    // The numerator published is the sum of known hectares.
    expect(row(r, "friches_surface_ha", "territoire", T, 2024).numerateur).toBe(1.5);
  });
});

describe("friches_avec_projet_pct: sites « friche avec projet » / sites not reconverted", () => {
  it("ratio of summed counts (EPCI 40 %, not the 41.7 % mean of 50 % and 33.3 %)", () => {
    expect(vs(r, "friches_avec_projet_pct", "commune", TERGNIER, 2023)).toEqual([50, "ok"]); // 1 / 2
    expect(vs(r, "friches_avec_projet_pct", "commune", CHAUNY, 2023)).toEqual([33.333, "ok"]); // 1 / 3
    expect(vs(r, "friches_avec_projet_pct", "epci", C, 2023)).toEqual([40, "ok"]); // 2 / 5
    expect(row(r, "friches_avec_projet_pct", "epci", C, 2023)).toMatchObject({ numerateur: 2, denominateur: 5 });
  });
  it("a commune without any brownfield has no share; the others still count", () => {
    expect(vs(r, "friches_avec_projet_pct", "commune", PITHON, 2023)).toEqual([null, "manquant"]); // 0 / 0
    expect(vs(r, "friches_avec_projet_pct", "commune", TERGNIER, 2024)).toEqual([100, "ok"]); // 1 / 1
    expect(vs(r, "friches_avec_projet_pct", "epci", E, 2024)).toEqual([0, "ok"]); // 0 / 1 (H1 sans projet)
    expect(vs(r, "friches_avec_projet_pct", "territoire", T, 2024)).toEqual([33.333, "ok"]); // 1 / 3
  });
});

describe("friches_reconverties", () => {
  it("counts the reconverted sites of the vintage", () => {
    expect(vs(r, "friches_reconverties", "commune", TERGNIER, 2023)).toEqual([1, "ok"]); // S3
    expect(vs(r, "friches_reconverties", "commune", CHAUNY, 2023)).toEqual([0, "ok"]);
    expect(vs(r, "friches_reconverties", "territoire", T, 2023)).toEqual([1, "partiel"]); // Ham, Nesle unknown in 2023
    expect(vs(r, "friches_reconverties", "commune", TERGNIER, 2024)).toEqual([1, "ok"]); // S1, reconverted in b.csv
    expect(vs(r, "friches_reconverties", "territoire", T, 2024)).toEqual([1, "ok"]);
  });
  it("only the vintage years of the files have values", () => {
    const years = [...new Set(r.rows.filter((x) => x.indicateur.startsWith("friches_")).map((x) => x.annee))].sort();
    expect(years).toEqual([2023, 2024]);
  });
});

describe("from the loader's tables", () => {
  it("the loader fixture gives the hand-computed values for the tiny territory", async () => {
    // tests/fixtures/loaders/cartofriches/friches-standard.csv, vintage 15/04/2024, covers 02, 59, 80. In the tiny
    // territory: Chauny « friche potentielle » 8 000,5 m², Ham « friche sans projet » surface NA, Tergnier « friche
    // reconvertie » 12 000 m²; Saint-Quentin (4 rows), Péronne, Laon, Lille are outside it.
    const { cartofriches } = await import("../../src/sources/cartofriches/loader.ts");
    const u = await tinyDb();
    try {
      const report = await cartofriches.load("tests/fixtures/loaders/cartofriches/friches-standard.csv", { db: u.db, territory: u.territory });
      expect([report.rowsLoaded, report.rowsOutside, report.rejections.length]).toEqual([3, 7, 1]); // the Saint-Quentin rows are outside here
      const s = await compute(u);
      expect(vs(s, "friches_recensees", "territoire", T, 2024)).toEqual([2, "ok"]); // Chauny, Ham
      expect(vs(s, "friches_recensees", "commune", NESLE, 2024)).toEqual([0, "ok"]);
      expect(vs(s, "friches_surface_ha", "territoire", T, 2024)).toEqual([0.8, "partiel"]); // 8 000,5 m², Ham unknown
      expect(row(s, "friches_surface_ha", "territoire", T, 2024).numerateur).toBe(0.80005);
      expect(vs(s, "friches_avec_projet_pct", "territoire", T, 2024)).toEqual([0, "ok"]); // 0 / 2
      expect(vs(s, "friches_reconverties", "epci", C, 2024)).toEqual([1, "ok"]); // Tergnier
      expect(s.sheets.find((x) => x.id === "friches_recensees")!.source.files).toEqual(["tests/fixtures/loaders/cartofriches/friches-standard.csv"]);
    } finally {
      u.close();
    }
  });
});
