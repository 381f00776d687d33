// The vocational-schools loader reads through DuckDB (src/io/duckdb-input.ts) and applies its rule in SQL
// (src/sources/lycees-pro/sql.ts), the places and codes located once each in JavaScript: each rule checked on a
// hand-made file, and the same file read by DuckDB (UTF-8, CRLF with BOM, gzip) and by the project's CSV reader
// (Windows-1252, a quoted cell over two lines, a byte that is not UTF-8 far into the file) giving the same outcome.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { lyceesPro } from "../../src/sources/lycees-pro/loader.ts";
import { expectCountsAddUp, freshDb, rows, theTerritory, fileWriter, reportOutcome } from "./helpers.ts";

const dir = mkdtempSync(path.join(tmpdir(), "lycees-duckdb-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Real header (opendatasoft-mef), territory Saint-Quentinois – Tergnier (départements 02 and 80). Line by line:
//  2 Saint-Quentin 02691, label with an accent                                 -> loaded 36
//  3 « 2023-2024 », UAI in lower case, MEF and label with spaces around          -> loaded: 2023, 0020012C, trimmed
//  4 the key of line 2 again (year, UAI, MEF)                                    -> rejected: duplicate of line 2
//  5 year « 23 »                                                                 -> rejected: year
//  6 UAI of 7 characters                                                         -> rejected: UAI
//  7 02300 Fargniers, merged into 02738 Tergnier                                 -> loaded as 02738 (note)
//  8 02100 (Bony's code, Saint-Quentin's postal code) « ST QUENTIN »             -> loaded as 02691 (note, example)
//  9 02870 (a postal code, no commune) « FOURDRAIN »                             -> loaded as 02329 (note)
// 10 02999 unknown, name not found in 02                                         -> rejected, both columns named
// 11 59999 unknown, no département, UAI 059...                                   -> outside (note: UAI)
// 12 02999 unknown, no département, UAI 002...                                   -> rejected: département absent
// 13 80021 Amiens, not a member                                                  -> outside
// 14 59000 unknown in département 059                                            -> outside
// 15 Péronne 80620, year written with no-break spaces, « s »                      -> loaded, unknown (secret)
// 16 Péronne, empty label and count                                              -> loaded, label and count NULL
// 17 Péronne « 1,5 » pupils                                                      -> rejected: whole number expected
// 18 2738 (leading zero lost) « TERGNIER », 2022, empty MEF                       -> loaded as 02738, MEF NULL (note)
// 19 the key of line 2 with « x » pupils: the count is checked before the key    -> rejected: not a number
// 20 the key of line 7 again                                                     -> rejected: duplicate of line 7
// 21 the place of line 8 in 2024                                                 -> loaded as 02691 (2 rows in the note)
// Two columns that no field reads come first, as in the real export (academie, secteur): the label is the 10th column
// and the loader reads 8 fields (see the last test of the file).
const HEADER = "rentree_scolaire;academie_2020_lib_l;secteur_d_enseignement_lib_l;numero_d_etablissement;patronyme;code_departement;commune_d_implantation;commune_d_implantation_lib_l;mef_bcp_11;mef_bcp_11_lib_l;nombre_d_eleves_total";
const unread = (line: string) => line.replace(";", ";AMIENS;Public;");
const LINES = [
  "2023;0020012C;CONDORCET;002;02691;SAINT-QUENTIN;24023310310;2NDPRO MÉTIERS A;36",
  "2023-2024;0020012c;CONDORCET;02;02691;SAINT-QUENTIN; 24023310311 ; 2NDPRO B ;12",
  "2023;0020012C;CONDORCET;002;02691;SAINT-QUENTIN;24023310310;2NDPRO MÉTIERS A;40",
  "23;0020012C;CONDORCET;002;02691;SAINT-QUENTIN;24023310310;2NDPRO MÉTIERS A;5",
  "2023;002012C;CONDORCET;002;02691;SAINT-QUENTIN;24023310310;2NDPRO MÉTIERS A;5",
  "2023;0020089L;RIMBAUD;02;02300;FARGNIERS;24025010310;2NDPRO C;24",
  "2023;0021476T;MICHEL;002;02100;ST QUENTIN;24023310310;2NDPRO MÉTIERS A;22",
  "2023;0020090M;MACE;002;02870;FOURDRAIN;24025010310;2NDPRO C;18",
  "2023;0020999Z;INCONNU;002;02999;SAINT-QUENTIN-SUR-MER;24023310310;2NDPRO MÉTIERS A;12",
  "2023;0590999X;INCONNU;;59999;LILLE;24023310310;2NDPRO MÉTIERS A;60",
  "2023;0020777K;INCONNU;;02999;;24023310310;2NDPRO MÉTIERS A;5",
  "2023;0800011R;DELAMBRE;080;80021;AMIENS;24023310310;2NDPRO MÉTIERS A;45",
  "2023;0590117G;HAZARD;059;59000;LILLE;24023310310;2NDPRO MÉTIERS A;60",
  "\u00a02023\u00a0;0801327Y;MENDES FRANCE;080;80620;PERONNE;24023310310;2NDPRO MÉTIERS A;s",
  "2023;0801327Y;MENDES FRANCE;080;80620;PERONNE;24025010310;;",
  "2023;0801327Y;MENDES FRANCE;080;80620;PERONNE;24099;2NDPRO D;1,5",
  "2022;0020089L;RIMBAUD;02;2738;TERGNIER;;;7",
  "2023;0020012C;CONDORCET;002;02691;SAINT-QUENTIN;24023310310;2NDPRO MÉTIERS A;x",
  "2023;0020089L;RIMBAUD;02;02300;FARGNIERS;24025010310;2NDPRO C;30",
  "2024;0021476T;MICHEL;002;02100;ST QUENTIN;24023310310;2NDPRO MÉTIERS A;20",
].map(unread);
const TEXT = `${[HEADER, ...LINES].join("\n")}\n`;

const EXPECTED_REJECTIONS = [
  { line: 4, column: "numero_d_etablissement", value: "0020012C", reason: "ligne en double (identique à la ligne 2)" },
  { line: 5, column: "rentree_scolaire", value: "23", reason: "année de rentrée invalide (AAAA attendu, ex. 2023)" },
  { line: 6, column: "numero_d_etablissement", value: "002012C", reason: "numéro UAI invalide (7 chiffres et une lettre attendus, ex. 0020012C)" },
  {
    line: 10,
    column: "commune_d_implantation",
    value: "02999",
    reason: "commune_d_implantation : code commune inconnu dans la géographie en vigueur ; commune_d_implantation_lib_l : commune « SAINT-QUENTIN-SUR-MER » introuvable dans le département 02",
  },
  {
    line: 12,
    column: "commune_d_implantation",
    value: "02999",
    reason: "commune_d_implantation : code commune inconnu dans la géographie en vigueur ; code_departement : département absent, commune non recherchée par son nom",
  },
  { line: 17, column: "nombre_d_eleves_total", value: "1,5", reason: "nombre entier attendu" },
  { line: 19, column: "nombre_d_eleves_total", value: "x", reason: "valeur non numérique" },
  { line: 20, column: "numero_d_etablissement", value: "0020089L", reason: "ligne en double (identique à la ligne 7)" },
];
// In the order of the file (the table's insertion order).
const EXPECTED_ROWS = [
  { rentree: 2023, uai: "0020012C", code_commune: "02691", mef: "24023310310", mef_libelle: "2NDPRO MÉTIERS A", eleves: 36 },
  { rentree: 2023, uai: "0020012C", code_commune: "02691", mef: "24023310311", mef_libelle: "2NDPRO B", eleves: 12 },
  { rentree: 2023, uai: "0020089L", code_commune: "02738", mef: "24025010310", mef_libelle: "2NDPRO C", eleves: 24 },
  { rentree: 2023, uai: "0021476T", code_commune: "02691", mef: "24023310310", mef_libelle: "2NDPRO MÉTIERS A", eleves: 22 },
  { rentree: 2023, uai: "0020090M", code_commune: "02329", mef: "24025010310", mef_libelle: "2NDPRO C", eleves: 18 },
  { rentree: 2023, uai: "0801327Y", code_commune: "80620", mef: "24023310310", mef_libelle: "2NDPRO MÉTIERS A", eleves: null },
  { rentree: 2023, uai: "0801327Y", code_commune: "80620", mef: "24025010310", mef_libelle: null, eleves: null },
  { rentree: 2022, uai: "0020089L", code_commune: "02738", mef: null, mef_libelle: null, eleves: 7 },
  { rentree: 2024, uai: "0021476T", code_commune: "02691", mef: "24023310310", mef_libelle: "2NDPRO MÉTIERS A", eleves: 20 },
];
const EXPECTED_NOTES = [
  // Lines 7 and 20 reach the commune rule (line 20 is rejected after it, as a duplicate).
  "2 ligne(s) portant 1 ancien(s) code(s) de commune fusionnée rattachée(s) à la commune actuelle : 02300 → 02738",
  "1 ligne(s) dont le code commune a été normalisé (zéro initial restitué, ex. 2691 → 02691)",
  "1 ligne(s) dont le département n'est pas reconnu (code_departement : vide) comptée(s) hors territoire : leur numéro UAI les situe dans un autre département",
  "1 ligne(s) dont commune_d_implantation n'est pas un code commune connu (code postal ?) : commune retrouvée par son nom (commune_d_implantation_lib_l) dans le département",
  "2 ligne(s) dont le code commune_d_implantation désigne une autre commune que le nom commune_d_implantation_lib_l (code postal ?) : commune retrouvée par son nom dans le département, ex. 02100 « ST QUENTIN » → 02691",
  "1 valeur(s) secrète(s) et 1 valeur(s) vide(s) chargée(s) comme inconnues (NULL, jamais 0)",
];
// Rows whose commune was understood: 10 in 02 (lines 2-4, 7-9, 18-21), 4 in 80 (13, 15-17); the rejected rows of a
// territory commune charged to it (02691: lines 4 and 19; 02738: 20; 80620: 17).
const EXPECTED_COVERAGE = { communes: { "02329": 0, "02691": 2, "02738": 1, "80620": 1 }, departements: { "02": 10, "80": 4 } };

const write = fileWriter(dir);

async function load(file: string) {
  const db = await freshDb();
  const report = await lyceesPro.load(file, { db, territory: await theTerritory() });
  expectCountsAddUp(report);
  const loaded = await rows(db, "SELECT rentree, uai, code_commune, mef, mef_libelle, eleves FROM lycees_pro ORDER BY rowid");
  const files = await rows(db, "SELECT DISTINCT fichier FROM lycees_pro");
  // No temporary table of the load is left behind.
  const left = await rows(db, "SELECT table_name FROM duckdb_tables() WHERE temporary");
  return { report, loaded, files, left };
}

const outcome = reportOutcome;

describe("vocational schools through DuckDB: the rule in SQL, places and codes located once each", () => {
  it("loads, counts outside or rejects every row as the rule says, with the file's line and the French reason", async () => {
    const file = write("regles.csv", TEXT);
    const { report, loaded, files, left } = await load(file);
    expect(outcome(report)).toEqual({
      counts: [20, 9, 3],
      vintage: "2022-2024",
      years: [2022, 2024],
      rejections: EXPECTED_REJECTIONS,
      notes: EXPECTED_NOTES,
      coverage: EXPECTED_COVERAGE,
    });
    expect(loaded).toEqual(EXPECTED_ROWS);
    expect(files).toEqual([{ fichier: file }]);
    expect(left).toEqual([]);
  });

  it("gives the same outcome for the file with BOM and CRLF, gzipped, and in Windows-1252 (the project's CSV reader)", async () => {
    const reference = outcome((await load(write("reference.csv", TEXT))).report);
    const crlf = write("crlf.csv", `\uFEFF${TEXT.replaceAll("\n", "\r\n")}`);
    const gzip = write("compresse.csv.gz", gzipSync(TEXT));
    // « É » and the no-break spaces are not UTF-8 there: DuckDB is not offered the file, the project's reader transcodes it.
    const latin = write("windows-1252.csv", Buffer.from(TEXT, "latin1"));
    for (const file of [crlf, gzip, latin]) {
      const { report, loaded } = await load(file);
      expect(outcome(report), file).toEqual(reference);
      expect(loaded, file).toEqual(EXPECTED_ROWS);
    }
  });

  it("tells a row's line past a blank line and a quoted cell over two lines (read by the project's CSV reader)", async () => {
    const lines = [...LINES];
    lines[1] = lines[1]!.replace("CONDORCET", '"CONDORCET\nSITE 2"');
    const { report, loaded } = await load(write("lignes.csv", `${[HEADER, lines[0], "", ...lines.slice(1)].join("\n")}\n`));
    // Every line after line 2 moves down by two: the blank line and the cell's second line (line 2 stays where it is).
    const moved = (line: number) => (line > 2 ? line + 2 : line);
    expect(outcome(report).rejections).toEqual(EXPECTED_REJECTIONS.map((r) => ({ ...r, line: moved(r.line), reason: r.reason.replace(/ligne (\d+)\)/, (_, n) => `ligne ${moved(Number(n))})`) })));
    expect(outcome(report).rejections.map((r) => r.reason).filter((r) => r.startsWith("ligne en double"))).toEqual(["ligne en double (identique à la ligne 2)", "ligne en double (identique à la ligne 9)"]);
    expect(outcome(report).notes).toEqual(EXPECTED_NOTES);
    expect(loaded).toEqual(EXPECTED_ROWS);
  });

  it("reads a file whose byte that is not UTF-8 comes far into it, in a field read (DuckDB would lose its database there)", async () => {
    // DuckDB 1.5 fails for good on such a byte in a column read whose position (the label: 10th) is not below the number
    // of columns read (8 fields): only a file proved UTF-8 to its end is given to DuckDB (src/io/duckdb-input.ts).
    // 3 000 rows of a school of Nord (outside) take the file past DuckDB's first look, then a territory row whose label
    // holds a Windows-1252 « É »: the project's reader rejects that line, every other row as in the reference.
    const filler = Array.from({ length: 3000 }, (_, i) => unread(`2023;0590117G;HAZARD;059;59350;LILLE;2402${String(i).padStart(7, "0")};2NDPRO FILLER;${i % 50}`));
    const last = Buffer.from(`${unread("2023;0020012C;CONDORCET;002;02691;SAINT-QUENTIN;24099999999;2NDPRO \xc9LECTRICIT\xc9;3")}\n`, "latin1");
    const file = write("octet-tardif.csv", Buffer.concat([Buffer.from(`${[HEADER, ...LINES, ...filler].join("\n")}\n`), last]));
    const { report, loaded } = await load(file);
    const r = outcome(report);
    expect(r.counts).toEqual([20 + 3000 + 1, 9, 3 + 3000]);
    expect(r.rejections.slice(0, -1)).toEqual(EXPECTED_REJECTIONS);
    expect(r.rejections.at(-1)).toMatchObject({ line: 1 + 20 + 3000 + 1, column: "mef_bcp_11_lib_l", reason: expect.stringContaining("pas de l'UTF-8") });
    expect(r.notes).toEqual(EXPECTED_NOTES);
    expect(r.coverage).toEqual({ ...EXPECTED_COVERAGE, departements: { ...EXPECTED_COVERAGE.departements, "59": 3000 } });
    expect(loaded).toEqual(EXPECTED_ROWS);
  });
});

// Older header: département and commune names, an optional code_commune. Line by line:
//  2, 3 « ST-QUENTIN » in AISNE (one place, two rows)                -> loaded as 02691 (2 rows in the note)
//  4 code_commune 02738 beside a name that is not the commune's      -> loaded as 02738: the code wins
//  5 SEINE-ST-DENIS                                                 -> outside
//  6 T-DE-BELFORT, unreadable, its UAI 090... is not in 02 or 80     -> outside (note naming the spelling)
//  7 AISEN, unreadable, its UAI 002... may be the territory's        -> rejected, naming the spelling
//  8 SAINT-QUENTIN-SUR-MER, no such commune in AISNE                  -> rejected
//  9 AMIENS in SOMME, found by its name, not a member                -> outside (counted in the name note)
// 10 code_commune 99999                                             -> rejected: unknown code
const LEGACY = [
  "rentree_scolaire;departement;code_commune;commune;numero_lycee;mef_bcp_11;mef_bcp_11_lib_l;nombre_d_eleves",
  "2023;AISNE;;ST-QUENTIN;0020012C;24023310310;A;36",
  "2023;AISNE;;ST-QUENTIN;0020012C;24025010310;B;10",
  "2023;AISNE;02738;NOM SANS IMPORTANCE;0020089L;24025010310;C;22",
  "2023;SEINE-ST-DENIS;;ST-DENIS;0930120J;24023310310;A;28",
  "2023;T-DE-BELFORT;;BELFORT;0900003E;24023310310;A;19",
  "2023;AISEN;;ST-QUENTIN;0020077Y;24023310310;A;10",
  "2023;AISNE;;SAINT-QUENTIN-SUR-MER;0020999Z;24023310310;A;12",
  "2023;SOMME;;AMIENS;0800011R;24023310310;A;45",
  "2023;AISNE;99999;X;0020001A;24023310310;A;1",
];

describe("vocational schools through DuckDB, older header (names)", () => {
  it("matches names once per place and counts the rows in the notes", async () => {
    const { report, loaded } = await load(write("ancien.csv", `${LEGACY.join("\n")}\n`));
    expect(outcome(report)).toEqual({
      counts: [9, 3, 3],
      vintage: "2023",
      years: [2023, 2023],
      rejections: [
        { line: 7, column: "departement", value: "AISEN", reason: "département inconnu « AISEN »" },
        { line: 8, column: "commune", value: "SAINT-QUENTIN-SUR-MER", reason: "commune « SAINT-QUENTIN-SUR-MER » introuvable dans le département 02" },
        { line: 10, column: "code_commune", value: "99999", reason: "code commune inconnu dans la géographie en vigueur" },
      ],
      notes: [
        "1 ligne(s) dont le département n'est pas reconnu (departement : « T-DE-BELFORT ») comptée(s) hors territoire : leur numéro UAI les situe dans un autre département",
        "3 ligne(s) dont la commune a été retrouvée par son nom dans le département",
      ],
      coverage: { communes: { "02691": 0, "02738": 0 }, departements: { "02": 3, "80": 1 } },
    });
    expect(loaded.map((r) => [r.uai, r.code_commune, r.eleves])).toEqual([
      ["0020012C", "02691", 36],
      ["0020012C", "02691", 10],
      ["0020089L", "02738", 22],
    ]);
  });
});
