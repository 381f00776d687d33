// The DARES loader reads through DuckDB (src/io/duckdb-input.ts) and applies its rule in SQL (src/sources/dares/sql.ts):
// each rule checked on a hand-made file, and the same file read five ways (UTF-8, CRLF with BOM, gzip, Windows-1252
// through the project's CSV reader, Parquet) giving the same rows, outcomes, reasons and notes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { dares } from "../../src/sources/dares/loader.ts";
import { detectSource } from "../../src/sources/detect.ts";
import { expectCountsAddUp, freshDb, rows, theTerritory, fileWriter, reportOutcome } from "./helpers.ts";

const dir = mkdtempSync(path.join(tmpdir(), "dares-duckdb-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Territory: Saint-Quentinois – Tergnier (data/territoire.json). Line by line:
//  2 02691 Saint-Quentin, ABC Total Total, « 6 385 » (spaces as thousands)   -> loaded 6 385
//  3 2691 (leading zero lost), Hommes                                        -> loaded, code restored (note)
//  4 the key of line 2 again                                                 -> rejected: duplicate of line 2
//  5 « 02691 » with spaces around, category A, « 12.0 »                      -> loaded 12
//  6 sexe blank                                                              -> rejected: value missing
//  7 « 1,5 » job seekers                                                     -> rejected: whole number expected
//  8 75056 Paris                                                             -> outside
//  9 02300 Fargniers, merged into 02738 Tergnier in 2016                     -> loaded as 02738 (note)
// 10 99999                                                                   -> rejected: unknown commune
// 11 02691 CVS                                                               -> rejected: seasonally adjusted
// 12 02691, date 2023-11-30 (not the end of a quarter)                       -> rejected: date
// 13 02691 « s »                                                             -> loaded, unknown (NULL)
const HEADER = "code_commune;libelle_commune;date;type_de_donnees;categorie;sexe;tranche_d_age;nombre_de_demandeurs_d_emploi";
const LINES = [
  "02691;Saint-Quentin;2023-T4;Brutes;ABC;Total;Total;6 385",
  "2691;Saint-Quentin;2023-T4;Brutes;ABC;Hommes;Total;3100",
  "02691;Saint-Quentin;2023-T4;Brutes;ABC;Total;Total;6385",
  " 02691 ;Saint-Quentin;2023-T4;Brutes;A;Total;Total;12.0",
  "02691;Saint-Quentin;2023-T4;Brutes;ABC; ;Total;5",
  "02691;Saint-Quentin;2023-12-31;Brutes;B;Total;Total;1,5",
  "75056;Paris;2023-T4;Brutes;ABC;Total;Total;200000",
  "02300;Fargniers (Tergnier);2023-T4;Brutes;ABC;Total;Total;240",
  "99999;Inconnue;2023-T4;Brutes;ABC;Total;Total;5",
  "02691;Saint-Quentin;2023-T4;CVS;ABC;Total;Total;6400",
  "02691;Saint-Quentin;2023-11-30;Brutes;ABC;Total;Total;6385",
  "02691;Saint-Quentin;2022-T4;Brutes;ABC;Femmes;Moins de 25 ans;s",
];
const TEXT = `${[HEADER, ...LINES].join("\n")}\n`;

const EXPECTED_REJECTIONS = [
  { line: 4, column: "code_commune", value: "02691", reason: "ligne en double (identique à la ligne 2)" },
  { line: 6, column: "sexe", value: "", reason: "valeur obligatoire absente (« sexe »)" },
  { line: 7, column: "nombre_de_demandeurs_d_emploi", value: "1,5", reason: "nombre entier attendu" },
  { line: 10, column: "code_commune", value: "99999", reason: "code commune inconnu dans la géographie en vigueur" },
  { line: 11, column: "type_de_donnees", value: "CVS", reason: "données corrigées des variations saisonnières : seules les données brutes (« Brutes ») sont chargées" },
  { line: 12, column: "date", value: "2023-11-30", reason: "date de fin de trimestre attendue (AAAA-MM-JJ, ex. 2023-12-31, ou AAAA-TN, ex. 2023-T4)" },
];
const EXPECTED_ROWS = [
  { code_commune: "02691", code_source: "02691", annee: 2023, categorie: "ABC", sexe: "Total", tranche_age: "Total", demandeurs: 6385, ligne: 2 },
  { code_commune: "02691", code_source: "02691", annee: 2023, categorie: "ABC", sexe: "Hommes", tranche_age: "Total", demandeurs: 3100, ligne: 3 },
  { code_commune: "02691", code_source: "02691", annee: 2023, categorie: "A", sexe: "Total", tranche_age: "Total", demandeurs: 12, ligne: 5 },
  { code_commune: "02738", code_source: "02300", annee: 2023, categorie: "ABC", sexe: "Total", tranche_age: "Total", demandeurs: 240, ligne: 9 },
  { code_commune: "02691", code_source: "02691", annee: 2022, categorie: "ABC", sexe: "Femmes", tranche_age: "Moins de 25 ans", demandeurs: null, ligne: 13 },
];
const EXPECTED_NOTES = [
  "1 ligne(s) portant 1 ancien(s) code(s) de commune fusionnée rattachée(s) à la commune actuelle : 02300 → 02738",
  "1 ligne(s) dont le code commune a été normalisé (zéro initial restitué, ex. 2691 → 02691)",
  "1 valeur(s) secrète(s) et 0 valeur(s) vide(s) chargée(s) comme inconnues (NULL, jamais 0)",
];

const write = fileWriter(dir);

async function load(file: string) {
  const db = await freshDb();
  const report = await dares.load(file, { db, territory: await theTerritory() });
  expectCountsAddUp(report);
  const loaded = await rows(db, "SELECT code_commune, code_source, annee, categorie, sexe, tranche_age, demandeurs, ligne FROM dares ORDER BY ligne");
  return { db, report, loaded };
}

const outcome = reportOutcome;

describe("DARES through DuckDB: the rule in SQL", () => {
  it("loads, counts outside or rejects every row as the rule says, with the file's line and the French reason", async () => {
    const { report, loaded } = await load(write("regles.csv", TEXT));
    expect(outcome(report)).toMatchObject({ counts: [12, 5, 1], vintage: "2022-2023", rejections: EXPECTED_REJECTIONS, notes: EXPECTED_NOTES });
    expect(loaded).toEqual(EXPECTED_ROWS);
    // Saint-Quentin has 5 rejected rows charged to it; the unknown code is charged to no commune.
    expect(report.coverage!.communes).toEqual({ "02691": 5, "02738": 0 });
    expect(report.coverage!.departements).toEqual({ "02": 10, "75": 1 });
  });

  it("gives the same outcome for the file with BOM and CRLF, gzipped, in Windows-1252 (the project's CSV reader), and as Parquet", async () => {
    const reference = outcome((await load(write("reference.csv", TEXT))).report);
    const crlf = write("crlf.csv", `\uFEFF${TEXT.replaceAll("\n", "\r\n")}`);
    const gzip = write("compresse.csv.gz", gzipSync(TEXT));
    // « é » in a label: not UTF-8, so DuckDB does not read it; the project's reader transcodes it.
    const latin = write("windows-1252.csv", Buffer.from(TEXT.replace("Fargniers (Tergnier)", "Fargniers (Tergnier, fusionnée)"), "latin1"));
    for (const file of [crlf, gzip, latin]) {
      const { report, loaded } = await load(file);
      expect(outcome(report), file).toEqual(reference);
      expect(loaded, file).toEqual(EXPECTED_ROWS);
    }
  });

  it("reads a file whose only byte that is not UTF-8 comes late, in a count (a Windows-1252 no-break space), through the project's CSV reader", async () => {
    // 4 000 rows of Paris first (outside), then a Saint-Quentin count written « 6\u00a0385 » in Windows-1252: DuckDB 1.5
    // would lose its whole database on that byte (a column past the number it reads), so it is never given the file.
    const filler = Array.from({ length: 4000 }, (_, i) => `75056;Paris;2023-T4;Brutes;ABC;Total;Total;${i * 5}`);
    const file = write("tardif.csv", Buffer.from(`${[HEADER, ...filler, "02691;Saint-Quentin;2023-T4;Brutes;ABC;Total;Total;6\u00a0385"].join("\n")}\n`, "latin1"));
    const { db, report, loaded } = await load(file);
    expect(report).toMatchObject({ rowsRead: 4001, rowsLoaded: 1, rowsOutside: 4000, rejections: [] });
    expect(loaded).toEqual([{ code_commune: "02691", code_source: "02691", annee: 2023, categorie: "ABC", sexe: "Total", tranche_age: "Total", demandeurs: 6385, ligne: 4002 }]);
    expect(await rows(db, "SELECT 42 AS vivant")).toEqual([{ vivant: 42 }]);
  });

  it("reads the portal's Parquet export (field names, typed counts): a row's line is its row number", async () => {
    const db = await freshDb();
    const csv = write("pour-parquet.csv", TEXT);
    const parquet = path.join(dir, "dares_defm_communales-brutes.parquet");
    // Counts typed as the portal types them (integers): a cell that is not one is NULL there.
    await db.run(`COPY (SELECT * REPLACE (try_cast(replace(nombre_de_demandeurs_d_emploi, ' ', '') AS BIGINT) AS nombre_de_demandeurs_d_emploi)
      FROM read_csv('${csv}', delim = ';', header = true, all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    const detection = await detectSource(parquet);
    expect(detection.loader.description.id).toBe("dares");
    const { report, loaded } = await load(parquet);
    // Row n of the Parquet file is line n + 1 of the CSV. « 1,5 » and « s » became NULL: empty cells there, so their
    // rows are loaded with an unknown count; « 6 385 » and « 12.0 » became numbers.
    expect(report).toMatchObject({ rowsRead: 12, rowsLoaded: 6, rowsOutside: 1, vintage: "2022-2023" });
    expect(outcome(report).rejections).toEqual(EXPECTED_REJECTIONS.filter((r) => r.line !== 7).map((r) => ({ ...r, line: r.line - 1, reason: r.reason.replace("ligne 2)", "ligne 1)") })));
    expect(loaded.map((r) => [r.code_commune, r.demandeurs, r.ligne])).toEqual([
      ["02691", 6385, 1], ["02691", 3100, 2], ["02691", 12, 4], ["02691", null, 6], ["02738", 240, 8], ["02691", null, 12],
    ]);
    expect(report.notes).toContain("0 valeur(s) secrète(s) et 2 valeur(s) vide(s) chargée(s) comme inconnues (NULL, jamais 0)");
  });

  it("tells a row's line past a blank line and a quoted label over two lines (read by the project's CSV reader)", async () => {
    const lines = [...LINES];
    lines[1] = lines[1]!.replace("Saint-Quentin", '"Saint-\nQuentin"');
    const file = write("lignes.csv", `${[HEADER, lines[0], "", ...lines.slice(1)].join("\n")}\n`);
    const { report, loaded } = await load(file);
    // Every line after line 2 moves down by two: the blank line and the label's second line.
    expect(outcome(report).rejections).toEqual(EXPECTED_REJECTIONS.map((r) => ({ ...r, line: r.line + 2 })));
    expect(loaded.map((r) => r.ligne)).toEqual([2, 4, 7, 11, 15]);
  });
});
