import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sirene } from "../../src/sources/sirene/loader.ts";
import { expectCountsAddUp, fixture, freshDb, rows, theTerritory } from "./helpers.ts";

describe("Sirene loader", () => {
  it("loads the territory's establishments, keeps older nomenclatures, rejects bad dates and duplicated SIRET", async () => {
    const db = await freshDb();
    const file = fixture("sirene/sirene-etablissements-02.csv");
    const report = await sirene.load(file, { db, territory: await theTerritory() });

    // Geolocated file without dateDernierTraitementEtablissement: the vintage is its newest creation date, 2022-06-01
    // (line 6, 59350 Lille, outside the territory: the stock's date is a property of the whole file).
    expect(report).toMatchObject({ source: "sirene", vintage: "2022-06", years: [1990, 2021], rowsRead: 7, rowsLoaded: 4, rowsOutside: 1 });
    expect(report.rejections).toEqual([
      { file, line: 7, column: "dateCreationEtablissement", value: "2020-02-30", reason: "date de création invalide (AAAA-MM-JJ attendu)" },
      { file, line: 8, column: "siret", value: "55208131700123", reason: "ligne en double (identique à la ligne 2)" },
    ]);
    expectCountsAddUp(report);
    // The file is written in the spelling of the demonstration files before 2026 (NAFv2, NAFv1): stored canonically.
    // No dateDernierTraitementEtablissement: the date the stock was taken is unknown (NULL), not guessed.
    expect(
      await rows(db, "SELECT siret, code_commune, CAST(date_creation AS VARCHAR) AS d, activite, nomenclature, etat, employeur, siege, CAST(date_millesime AS VARCHAR) AS m FROM sirene ORDER BY siret"),
    ).toEqual([
      { siret: "38012986600018", code_commune: "80620", d: "1990-01-01", activite: "28.1A", nomenclature: "NAFRev1", etat: "A", employeur: "O", siege: true, m: null },
      { siret: "38012986600026", code_commune: "02604", d: null, activite: "01.11Z", nomenclature: "NAFRev2", etat: "A", employeur: "N", siege: false, m: null },
      { siret: "55208131700123", code_commune: "02691", d: "2019-03-15", activite: "25.11Z", nomenclature: "NAFRev2", etat: "A", employeur: "O", siege: false, m: null },
      { siret: "55208131700131", code_commune: "02738", d: "2021-11-02", activite: "25.11Z", nomenclature: "NAFRev2", etat: "F", employeur: "N", siege: false, m: null },
    ]);
    expect(report.notes).toContain(
      "1 établissement(s) dont l'activité est codée dans une nomenclature antérieure à la NAF rév. 2 (NAFRev1 : 1), chargés et signalés : leur appartenance à l'industrie est inconnue",
    );
  });

  it("reads the StockEtablissement variant; an establishment with a foreign country is abroad, outside the territory", async () => {
    const db = await freshDb();
    expect(sirene.recognise(["siren", "nic", "siret", "dateCreationEtablissement", "codeCommuneEtablissement"])).toEqual({ kind: "match", variant: "stock" });
    const report = await sirene.load(fixture("sirene/stock-etablissement.csv"), { db, territory: await theTerritory() });
    expect(report).toMatchObject({ rowsRead: 2, rowsLoaded: 1, rowsOutside: 1, rejections: [], vintage: "2024-02" });
    expect(report.notes).toContain("1 établissement(s) à l'étranger (code pays étranger, sans code commune) comptés hors territoire");
    expect(await rows(db, "SELECT siret, activite, nomenclature FROM sirene")).toEqual([{ siret: "55208131700149", activite: "33.12Z", nomenclature: "NAFRev2" }]);
  });
});

describe("Sirene loader: the 2025 stock's conventions (54 columns in the producer's order)", () => {
  // One row per quirk (tests/fixtures/loaders/sirene/stock-2025-particularites.csv, header = the real 2025 stock's):
  //  2 NAFRev2 25.11Z, Saint-Quentin        3 NAFRev1 28.1A, Tergnier        4 NAF1993 70.2C, Chauny
  //  5 NAP 22.02, Ham, no creation date      6 no activity, no nomenclature, Nesle, no creation date
  //  7 4711D without nomenclature (NAF rév. 2 shape)   8 P row, address [ND], Saint-Quentin
  //  9 P row, creation date [ND], Tergnier  10 P row, commune [ND], no country    11 no commune, no country
  // 12 no commune, country 99131 (Belgium)  13 Avignon (outside), newest dateDernierTraitement 2025-12-06T04:18:17
  const file = fixture("sirene/stock-2025-particularites.csv");

  it("loads 8, counts 2 outside (abroad, Avignon) and rejects the 2 rows whose location is unknown", async () => {
    const db = await freshDb();
    const report = await sirene.load(file, { db, territory: await theTerritory() });
    expect(report).toMatchObject({ vintage: "2025-12", years: [1996, 2021], rowsRead: 12, rowsLoaded: 8, rowsOutside: 2 });
    expectCountsAddUp(report);
    expect(report.rejections).toEqual([
      {
        file, line: 10, column: "codeCommuneEtablissement", value: "[ND]",
        reason: "localisation inconnue : code commune non diffusible ([ND]) ni pays étranger (codePaysEtrangerEtablissement), l'établissement n'est rattaché à aucune commune",
      },
      {
        file, line: 11, column: "codeCommuneEtablissement", value: "",
        reason: "localisation inconnue : ni code commune ni pays étranger (codePaysEtrangerEtablissement), l'établissement n'est rattaché à aucune commune",
      },
    ]);
    expect(
      await rows(db, "SELECT siret, code_commune, CAST(date_creation AS VARCHAR) AS d, activite, nomenclature, activite_naf25 AS naf25, CAST(date_millesime AS VARCHAR) AS m FROM sirene ORDER BY siret"),
    ).toEqual([
      { siret: "11111111100011", code_commune: "02691", d: "2021-05-10", activite: "25.11Z", nomenclature: "NAFRev2", naf25: "25.11Y", m: "2025-12-06" },
      { siret: "11111111100029", code_commune: "02738", d: "2004-02-01", activite: "28.1A", nomenclature: "NAFRev1", naf25: null, m: "2025-12-06" },
      { siret: "11111111100037", code_commune: "02173", d: "1996-06-01", activite: "70.2C", nomenclature: "NAF1993", naf25: null, m: "2025-12-06" },
      { siret: "11111111100045", code_commune: "80410", d: null, activite: "22.02", nomenclature: "NAP", naf25: null, m: "2025-12-06" },
      { siret: "11111111100052", code_commune: "80585", d: null, activite: null, nomenclature: null, naf25: null, m: "2025-12-06" },
      { siret: "11111111100060", code_commune: "02691", d: "2015-09-01", activite: "47.11D", nomenclature: "NAFRev2", naf25: "47.11Y", m: "2025-12-06" },
      { siret: "22222222200010", code_commune: "02691", d: "2019-01-01", activite: "10.71C", nomenclature: "NAFRev2", naf25: "10.71Y", m: "2025-12-06" },
      { siret: "22222222200028", code_commune: "02738", d: null, activite: "62.01Z", nomenclature: "NAFRev2", naf25: "62.01Y", m: "2025-12-06" },
    ]);
    expect(report.notes).toEqual([
      "1 établissement(s) à l'étranger (code pays étranger, sans code commune) comptés hors territoire",
      "2 établissement(s) partiellement diffusible(s) chargé(s) (statutDiffusionEtablissement = P) : les champs « [ND] » sont inconnus, jamais des valeurs (champs lus masqués : dateCreationEtablissement : 1)",
      "3 établissement(s) dont l'activité est codée dans une nomenclature antérieure à la NAF rév. 2 (NAF1993 : 1, NAFRev1 : 1, NAP : 1), chargés et signalés : leur appartenance à l'industrie est inconnue",
      "1 établissement(s) sans nomenclature dont le code d'activité a la forme NAF rév. 2 (00.00A) : lus en NAF rév. 2",
      "1 établissement(s) sans activité principale (activité inconnue)",
      "3 établissement(s) sans date de création (date inconnue, NULL)",
    ]);
  });

  it("without dateDernierTraitementEtablissement the vintage is the newest creation date of the file, loaded or not", async () => {
    const db = await freshDb();
    const report = await sirene.load(fixture("sirene/stock-etablissement.csv"), { db, territory: await theTerritory() });
    // 2024-02-12 (Saint-Quentin) is newer than 2023-09-01 (abroad).
    expect([report.vintage, report.years]).toEqual(["2024-02", [2024, 2024]]);
    // A creation date is only a lower bound of the stock's date: date_millesime stays unknown (indicators fall back on
    // the newest creation they count).
    expect(await rows(db, "SELECT DISTINCT CAST(date_millesime AS VARCHAR) AS m FROM sirene")).toEqual([{ m: null }]);
  });

  it("the newest dates are dates: a greater text that is not one (2025-13-45) leaves the newest real date", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sirene-dates-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, "stock.csv");
    // Lines 3 and 4 are outside the territory (Lille), counted by the scan alone; line 4's dates are not dates.
    writeFileSync(file, [
      "siret,dateCreationEtablissement,codeCommuneEtablissement,dateDernierTraitementEtablissement,activitePrincipaleEtablissement,nomenclatureActivitePrincipaleEtablissement",
      "55208131700149,2023-01-01,02691,2025-10-01T08:00:00,25.11Z,NAFRev2",
      "55208131700156,2024-03-01,59350,2025-11-30T10:00:00,25.11Z,NAFRev2",
      "55208131700164,2024-99-01,59350,2025-13-45T00:00:00,25.11Z,NAFRev2",
      "",
    ].join("\n"));
    const db = await freshDb();
    const report = await sirene.load(file, { db, territory: await theTerritory() });
    expect(report).toMatchObject({ vintage: "2025-11", rowsRead: 3, rowsLoaded: 1, rowsOutside: 2, rejections: [] });
    expect(await rows(db, "SELECT DISTINCT CAST(date_millesime AS VARCHAR) AS m FROM sirene")).toEqual([{ m: "2025-11-30" }]);
    expect(await rows(db, "SELECT DISTINCT CAST(derniere_creation AS VARCHAR) AS c FROM sirene_agregats")).toEqual([{ c: "2024-03-01" }]);
  });
});
