import { describe, expect, it } from "vitest";
import { dares, dataKind, parseQuarter } from "../../src/sources/dares/loader.ts";
import { buildTerritory } from "../../src/territory/territory.ts";
import { vs } from "../indicators/helpers.ts";
import { expectCountsAddUp, fixture, freshDb, rows, theTerritory } from "./helpers.ts";
import { runTerritory } from "./territory-folder.ts";

const LYON_METROPOLE = "200046977";

describe("DARES loader", () => {
  it("keeps every category, sex and age band; reads both date spellings; secret => NULL", async () => {
    const db = await freshDb();
    const file = fixture("dares/dares-defm-communes.csv");
    const report = await dares.load(file, { db, territory: await theTerritory() });
    expect(report).toMatchObject({ source: "dares", vintage: "2022-2023", years: [2022, 2023], rowsRead: 7, rowsLoaded: 5, rowsOutside: 1 });
    expect(report.rejections).toEqual([
      { file, line: 8, column: "date", value: "2023-11-30", reason: "date de fin de trimestre attendue (AAAA-MM-JJ, ex. 2023-12-31, ou AAAA-TN, ex. 2023-T4)" },
    ]);
    expectCountsAddUp(report);
    expect(await rows(db, "SELECT code_commune, annee, trimestre, categorie, sexe, tranche_age, demandeurs FROM dares ORDER BY code_commune, annee, categorie")).toEqual([
      { code_commune: "02604", annee: 2023, trimestre: 4, categorie: "ABC", sexe: "Total", tranche_age: "Total", demandeurs: null },
      { code_commune: "02691", annee: 2022, trimestre: 4, categorie: "ABC", sexe: "Total", tranche_age: "Total", demandeurs: 6520 },
      { code_commune: "02691", annee: 2023, trimestre: 4, categorie: "A", sexe: "Hommes", tranche_age: "Moins de 25 ans", demandeurs: 415 },
      { code_commune: "02691", annee: 2023, trimestre: 4, categorie: "ABC", sexe: "Total", tranche_age: "Total", demandeurs: 6385 },
      { code_commune: "80620", annee: 2023, trimestre: 4, categorie: "ABC", sexe: "Femmes", tranche_age: "50 ans ou plus", demandeurs: 55 },
    ]);
  });

  it("parses end-of-quarter dates and YYYY-TQ", () => {
    expect(parseQuarter("2023-12-31")).toEqual({ year: 2023, quarter: 4 });
    expect(parseQuarter("2024-03-31")).toEqual({ year: 2024, quarter: 1 });
    expect(parseQuarter("2023-T2")).toEqual({ year: 2023, quarter: 2 });
    expect(parseQuarter("2023-06-15")).toBeNull();
    expect(parseQuarter("2023-T5")).toBeNull();
  });

  it("reads raw data however the producer names it, refuses seasonally adjusted and unknown kinds", () => {
    for (const raw of ["Brutes", "Données brutes", "DONNEES BRUTES", "brut", ""]) expect(dataKind(raw), raw).toBe("raw");
    for (const raw of ["CVS", "CVS-CJO", "Données CVS", "Corrigées des variations saisonnières"]) expect(dataKind(raw), raw).toBe("adjusted");
    for (const raw of ["Tendance", "Brutes CVS"]) expect(dataKind(raw), raw).not.toBe("raw");
  });
});

// Fixture dares-libelles-arrondissements.csv: the portal's label export (BOM, CRLF), Lyon published as the city and as
// arrondissements, arrondissements first as in the producer's file. Territory: Métropole de Lyon (58 communes).
//   line 2-4   69381/69382, 2023-T4: the city row exists for their key (lines 5, 6) -> rejected
//   line 5-6   69123 Lyon 2023-T4: Total 40 000, under 25: 5 000 -> loaded
//   line 7-10  69381/69382 2022-T4, no city row: Total 1 450 + secret, under 25: 150 + 200 -> loaded, summed into Lyon
//   line 11    69266 Villeurbanne Brutes 9 000; line 12 CVS-CJO and line 13 « Tendance » -> rejected
//   line 14-15 Paris and its 1st arrondissement -> outside; line 16 Villeurbanne « Données brutes », under 25: 1 100
describe("DARES: a city published both whole and by arrondissements", () => {
  const FILE = fixture("dares/dares-libelles-arrondissements.csv");
  const lyon = () => buildTerritory({ id: "lyon", nom: "Lyon", epci: [LYON_METROPOLE], annee_reference: 2018, periode_contrat: { debut: 2019, fin: 2022 } });

  it("keeps the city's own row and rejects the arrondissements of that key, in any order; sums them when the city row is absent", async () => {
    const db = await freshDb();
    const report = await dares.load(FILE, { db, territory: lyon() });
    expect(report).toMatchObject({ vintage: "2022-2023", rowsRead: 15, rowsLoaded: 8, rowsOutside: 2 });
    expectCountsAddUp(report);
    const whole = (cityLine: number) => `arrondissement municipal : la commune 69123 est publiée en entier (ligne ${cityLine}), seule sa ligne est retenue`;
    expect(report.rejections.map(({ line, column, value, reason }) => ({ line, column, value, reason }))).toEqual([
      { line: 2, column: "Code commune", value: "69381", reason: whole(5) },
      { line: 3, column: "Code commune", value: "69382", reason: whole(5) },
      { line: 4, column: "Code commune", value: "69381", reason: whole(6) },
      { line: 12, column: "Type de données", value: "CVS-CJO", reason: "données corrigées des variations saisonnières : seules les données brutes (« Brutes ») sont chargées" },
      { line: 13, column: "Type de données", value: "Tendance", reason: "type de données inconnu : seules les données brutes (« Brutes ») sont chargées" },
    ]);
    // Only the arrondissements of a city published whole are redundant (the producer's layout, not a flaw).
    expect(report.rejections.filter((r) => r.redundant).map((r) => r.line)).toEqual([2, 3, 4]);
    // The secret of line 4 was rejected with its row: only line 8's secret is left.
    expect(report.notes).toContain("1 valeur(s) secrète(s) et 0 valeur(s) vide(s) chargée(s) comme inconnues (NULL, jamais 0)");
    expect(report.notes.some((n) => n.startsWith("4 ligne(s) d'arrondissement municipal sans ligne de leur commune"))).toBe(true);
    expect(await rows(db, "SELECT code_commune, code_source, annee, tranche_age, demandeurs, ligne FROM dares ORDER BY ligne")).toEqual([
      { code_commune: "69123", code_source: "69123", annee: 2023, tranche_age: "Total", demandeurs: 40000, ligne: 5 },
      { code_commune: "69123", code_source: "69123", annee: 2023, tranche_age: "Moins de 25 ans", demandeurs: 5000, ligne: 6 },
      { code_commune: "69123", code_source: "69381", annee: 2022, tranche_age: "Total", demandeurs: 1450, ligne: 7 },
      { code_commune: "69123", code_source: "69382", annee: 2022, tranche_age: "Total", demandeurs: null, ligne: 8 },
      { code_commune: "69123", code_source: "69382", annee: 2022, tranche_age: "Moins de 25 ans", demandeurs: 200, ligne: 9 },
      { code_commune: "69123", code_source: "69381", annee: 2022, tranche_age: "Moins de 25 ans", demandeurs: 150, ligne: 10 },
      { code_commune: "69266", code_source: "69266", annee: 2023, tranche_age: "Total", demandeurs: 9000, ligne: 11 },
      { code_commune: "69266", code_source: "69266", annee: 2023, tranche_age: "Moins de 25 ans", demandeurs: 1100, ligne: 16 },
    ]);
  });

  it("gives the city its own count, not city + arrondissements; a sum of arrondissements with a secret is partial", async () => {
    const run = await runTerritory({ id: "lyon", nom: "Lyon", epci: [LYON_METROPOLE] }, [FILE]);
    try {
      const r = run.result;
      expect(vs(r, "demandeurs_emploi_abc", "commune", "69123", 2023)).toEqual([40000, "ok"]); // not 40 000 + 1 500 + 1 200
      expect(vs(r, "demandeurs_emploi_abc", "commune", "69123", 2022)).toEqual([1450, "partiel"]); // 69382 secret
      // 2023: 5 000 / 40 000; 2022: only 69381 has both counts (69382's total is secret): 150 / 1 450.
      expect(vs(r, "part_demandeurs_moins_25_ans", "commune", "69123", 2023)).toEqual([12.5, "ok"]);
      expect(vs(r, "part_demandeurs_moins_25_ans", "commune", "69123", 2022)).toEqual([Math.round((150 / 1450) * 100 * 1000) / 1000, "partiel"]);
      // Lyon 40 000 + Villeurbanne 9 000; the other 56 communes of the Métropole are not in the file.
      expect(vs(r, "demandeurs_emploi_abc", "epci", LYON_METROPOLE, 2023)).toEqual([49000, "partiel"]);
    } finally {
      run.close();
    }
  });
});
