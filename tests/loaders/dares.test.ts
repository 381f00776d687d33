import { describe, expect, it } from "vitest";
import { dares, parseQuarter } from "../../loaders/dares.ts";
import { expectCountsAddUp, fixture, freshDb, rows, theTerritory } from "./helpers.ts";

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
});
