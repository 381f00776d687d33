// The Sirene loader on INSEE's Parquet stock (same column names as the CSV, typed values), and on CSV files whose
// records are not one line each (read again by the project's CSV reader for exact line numbers).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sirene } from "../../src/sources/sirene/loader.ts";
import { detectSource } from "../../src/sources/detect.ts";
import { expectCountsAddUp, freshDb, rows, theTerritory } from "./helpers.ts";

const dir = mkdtempSync(path.join(tmpdir(), "sirene-parquet-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Nine establishments, typed as in INSEE's Parquet (DATE, BOOLEAN, TIMESTAMP); row = position in the file (1 = first):
//  1 02691 Saint-Quentin, 25.11Z NAFRev2, 2021-05-10, treated 2025-11-03      -> loaded
//  2 84007 Avignon                                                               -> outside
//  3 SIRET of 13 digits                                                          -> rejected
//  4 no commune, country 99131 (Belgium)                                         -> abroad, outside
//  5 no commune, no country                                                      -> rejected (location unknown)
//  6 SIRET of row 1 again, 02738 Tergnier                                        -> rejected (duplicate of row 1)
//  7 02738 Tergnier, 2511Z without nomenclature, no creation date               -> loaded, read as NAF rév. 2 25.11Z
//  8 99999, no such commune                                                      -> rejected
//  9 02173 Chauny, 70.2C NAF1993, 1996-06-01, treated 2025-12-06 04:18:17        -> loaded, older nomenclature
const ROWS = [
  ["11111111100011", "'02691'", "DATE '2021-05-10'", "'25.11Z'", "'NAFRev2'", "TIMESTAMP '2025-11-03 10:00:00'", "NULL"],
  ["11111111100029", "'84007'", "DATE '2019-01-01'", "'62.01Z'", "'NAFRev2'", "TIMESTAMP '2025-10-01 00:00:00'", "NULL"],
  ["1111111110003", "'02691'", "DATE '2020-01-01'", "'62.01Z'", "'NAFRev2'", "NULL", "NULL"],
  ["11111111100045", "NULL", "DATE '2023-09-01'", "'62.01Z'", "'NAFRev2'", "NULL", "'99131'"],
  ["11111111100052", "NULL", "DATE '2023-09-01'", "'62.01Z'", "'NAFRev2'", "NULL", "NULL"],
  ["11111111100011", "'02738'", "DATE '2021-05-10'", "'25.11Z'", "'NAFRev2'", "NULL", "NULL"],
  ["11111111100060", "'02738'", "NULL", "'2511Z'", "NULL", "NULL", "NULL"],
  ["11111111100078", "'99999'", "DATE '2020-01-01'", "'62.01Z'", "'NAFRev2'", "NULL", "NULL"],
  ["11111111100086", "'02173'", "DATE '1996-06-01'", "'70.2C'", "'NAF1993'", "TIMESTAMP '2025-12-06 04:18:17'", "NULL"],
];

async function parquetStock(): Promise<string> {
  const file = path.join(dir, "StockEtablissement_utf8.parquet");
  const db = await freshDb();
  const values = ROWS.map(([siret, commune, created, activity, nomenclature, treated, country]) =>
    `('${siret}', ${commune}, ${created}, ${activity}, ${nomenclature}, ${treated}, ${country}, 'A', true, 'O')`).join(",\n");
  await db.run(`COPY (SELECT * FROM (VALUES ${values}) AS t(siret, codeCommuneEtablissement, dateCreationEtablissement, activitePrincipaleEtablissement,
      nomenclatureActivitePrincipaleEtablissement, dateDernierTraitementEtablissement, codePaysEtrangerEtablissement, etatAdministratifEtablissement,
      etablissementSiege, statutDiffusionEtablissement)) TO '${file}' (FORMAT parquet)`);
  return file;
}

describe("Sirene loader: INSEE's Parquet stock", () => {
  it("is recognised by its content and loads 3, counts 2 outside, rejects 4 with path:row:column", async () => {
    const file = await parquetStock();
    expect(await detectSource(file)).toMatchObject({ loader: { description: { id: "sirene" } }, variant: "stock" });
    const db = await freshDb();
    const report = await sirene.load(file, { db, territory: await theTerritory() });
    expectCountsAddUp(report);
    expect(report).toMatchObject({ vintage: "2025-12", years: [1996, 2021], rowsRead: 9, rowsLoaded: 3, rowsOutside: 2 });
    expect(report.rejections).toEqual([
      { file, line: 3, column: "siret", value: "1111111110003", reason: "SIRET invalide (14 chiffres attendus)" },
      {
        file, line: 5, column: "codeCommuneEtablissement", value: "",
        reason: "localisation inconnue : ni code commune ni pays étranger (codePaysEtrangerEtablissement), l'établissement n'est rattaché à aucune commune",
      },
      { file, line: 6, column: "siret", value: "11111111100011", reason: "ligne en double (identique à la ligne 1)" },
      { file, line: 8, column: "codeCommuneEtablissement", value: "99999", reason: "code commune inconnu dans la géographie en vigueur" },
    ]);
    expect(
      await rows(db, "SELECT siret, code_commune, CAST(date_creation AS VARCHAR) AS d, activite, nomenclature, siege, CAST(date_millesime AS VARCHAR) AS m FROM sirene ORDER BY siret"),
    ).toEqual([
      { siret: "11111111100011", code_commune: "02691", d: "2021-05-10", activite: "25.11Z", nomenclature: "NAFRev2", siege: true, m: "2025-12-06" },
      { siret: "11111111100060", code_commune: "02738", d: null, activite: "25.11Z", nomenclature: "NAFRev2", siege: true, m: "2025-12-06" },
      { siret: "11111111100086", code_commune: "02173", d: "1996-06-01", activite: "70.2C", nomenclature: "NAF1993", siege: true, m: "2025-12-06" },
    ]);
    expect(report.notes).toEqual([
      "1 établissement(s) à l'étranger (code pays étranger, sans code commune) comptés hors territoire",
      "1 établissement(s) dont l'activité est codée dans une nomenclature antérieure à la NAF rév. 2 (NAF1993 : 1), chargés et signalés : leur appartenance à l'industrie est inconnue",
      "1 établissement(s) sans nomenclature dont le code d'activité a la forme NAF rév. 2 (00.00A) : lus en NAF rév. 2",
      "1 établissement(s) sans date de création (date inconnue, NULL)",
    ]);
    // Where the file speaks: Aisne (4 rows whose commune was understood, the duplicate included; not row 3, rejected for
    // its SIRET before its commune is read) and Vaucluse.
    expect(report.coverage!.departements).toEqual({ "02": 4, "84": 1 }); // rows 1, 6, 7, 9 and row 2
    // Every establishment whose commune is understood and that is not rejected, for the reference levels: creations
    // from 2008 by class (row 1 industry, row 2 in Avignon not), the others (row 7 without date, row 9 of 1996) counted
    // without a year. Row 4 (abroad) belongs to no commune.
    expect(await rows(db, "SELECT code_commune, annee, classe, etablissements AS n, CAST(date_millesime AS VARCHAR) AS m FROM sirene_agregats ORDER BY code_commune")).toEqual([
      { code_commune: "02173", annee: null, classe: null, n: 1, m: "2025-12-06" },
      { code_commune: "02691", annee: 2021, classe: "industrie", n: 1, m: "2025-12-06" },
      { code_commune: "02738", annee: null, classe: null, n: 1, m: "2025-12-06" },
      { code_commune: "84007", annee: 2019, classe: "autre", n: 1, m: "2025-12-06" },
    ]);
  });
});

describe("Sirene loader: CSV records that are not one line each keep their line numbers", () => {
  const HEADER = "siret,codeCommuneEtablissement,dateCreationEtablissement,enseigne1Etablissement";

  async function loadText(name: string, text: string) {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    const db = await freshDb();
    const report = await sirene.load(file, { db, territory: await theTerritory() });
    expectCountsAddUp(report);
    return { file, report, db };
  }

  it("one line per record: the rejected row is at its line", async () => {
    const { file, report } = await loadText("simple.csv", `${HEADER}\n11111111100011,02691,2021-05-10,A\n11111111100029,02691,2021-13-01,B\n`);
    expect(report).toMatchObject({ rowsRead: 2, rowsLoaded: 1 });
    expect(report.rejections).toEqual([{ file, line: 3, column: "dateCreationEtablissement", value: "2021-13-01", reason: "date de création invalide (AAAA-MM-JJ attendu)" }]);
  });

  it("a quoted cell over two lines and a blank line: the rejected row is at line 5, not 3", async () => {
    // line 1 header, lines 2-3 one record (shop sign on two lines), line 4 blank, line 5 a bad date.
    const { file, report, db } = await loadText("multiligne.csv", `${HEADER}\n11111111100011,02691,2021-05-10,"Boulangerie\ndu centre"\n\n11111111100029,02691,2021-13-01,B\n`);
    expect(report).toMatchObject({ rowsRead: 2, rowsLoaded: 1 });
    expect(report.rejections).toEqual([{ file, line: 5, column: "dateCreationEtablissement", value: "2021-13-01", reason: "date de création invalide (AAAA-MM-JJ attendu)" }]);
    expect(await rows(db, "SELECT siret FROM sirene")).toEqual([{ siret: "11111111100011" }]);
  });

  it("a quote never closed: that line is rejected and the rows after it are read (not swallowed)", async () => {
    const { file, report } = await loadText("guillemet.csv", `${HEADER}\n11111111100011,02691,2021-05-10,"Sans fin\n11111111100029,02738,2020-01-01,B\n`);
    expect(report).toMatchObject({ rowsRead: 2, rowsLoaded: 1 });
    expect(report.rejections.map((r) => [r.file, r.line])).toEqual([[file, 2]]);
  });
});
