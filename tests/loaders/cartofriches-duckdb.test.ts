// The Cartofriches loader reads through DuckDB (src/io/duckdb-input.ts) and applies its rule in SQL
// (src/sources/cartofriches/sql.ts): each rule checked on a hand-made file, and the same file read by DuckDB (UTF-8,
// gzip, CRLF with BOM) and by the project's CSV reader (Windows-1252, a quoted cell over two lines, a quote escaped
// with a backslash, a record with too few fields) giving the same rows, outcomes, reasons and notes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { CARTOFRICHES_HEADER, cartofriches } from "../../src/sources/cartofriches/loader.ts";
import { expectCountsAddUp, freshDb, rows, theTerritory, fileWriter, reportOutcome } from "./helpers.ts";

const dir = mkdtempSync(path.join(tmpdir(), "cartofriches-duckdb-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Cells = Partial<Record<(typeof CARTOFRICHES_HEADER)[number], string>>;

/** A record of the CNIG export: every column NA but those given (written as they are: quote them yourself). */
const record = (cells: Cells) => CARTOFRICHES_HEADER.map((c) => cells[c] ?? "NA").join(";");

const VALID = { site_statut: "friche sans projet", comm_insee: "02691", unite_fonciere_surface: "100" };

// Territory: Saint-Quentinois – Tergnier (data/territoire.json). Line by line:
//  2 S1 Saint-Quentin, « 25 000 » m², a point                                -> loaded
//  3 S2 2691 (leading zero lost), « Friche  Avec projet », type « inconnu »   -> loaded, code restored (note)
//  4 S1 again, every check passed                                            -> rejected: duplicate of line 2
//  5 S3 status « friche en cours de reconversion »                           -> rejected: unknown status
//  6 S4 status NA                                                            -> rejected: status absent
//  7 site_id NA (and a bad status: site_id is checked first)                 -> rejected: identifier absent
//  8 S5 comm_insee NA (and a bad status: the commune is checked first)       -> rejected: code absent
//  9 S6 99999, updated 30/12/2024                                           -> rejected: unknown commune
// 10 S7 update date 31/02/2023 (and a bad identification date)               -> rejected: site_actu_date
// 11 S8 identification date 2019/03/12 (and a negative surface)              -> rejected: site_identif_date
// 12 S9 surface -5                                                           -> rejected: negative
// 13 S10 surface « beaucoup »                                                -> rejected: not a number
// 14 S11 59350 Lille, updated 15/04/2024                                     -> outside
// 15 S12 2408 Laon (leading zero lost; bad status: outside comes first)      -> outside, code restored (note)
// 16 S13 02300 Fargniers, merged into 02738 Tergnier; surface NA, point out of range -> loaded as 02738 (notes)
// 17 S14 80620 Péronne; surface empty, point « POINT (3.2 ) », dates NA       -> loaded (notes)
// 18 S15 75056 Paris, status « x », updated 2024-12-31: the newest date      -> outside
// 19 « S16 » with spaces, « 02691 » with spaces, type « Inconnu », surface 0  -> loaded: 0 m² is known
// 20 S3 again: line 5 was rejected, so this one is the first valid S3        -> loaded
// 21 S2 again with surface 1e400: the surface is checked before duplicates    -> rejected: surface
// 22 « S1 » and a no-break space (JavaScript's trim), status with a no-break space -> rejected: duplicate of line 2
const LINES = [
  record({ site_id: "S1", site_nom: '"Sucrerie; bâtiment nord"', site_type: "friche industrielle", site_identif_date: "12/03/2019", site_actu_date: "05/06/2023", ...VALID, unite_fonciere_surface: "25 000", source_nom: "Observatoire local", source_producteur: "Cerema", geompoint: "POINT (3.2876 49.8465)" }),
  record({ site_id: "S2", site_nom: "Flodor", site_type: "inconnu", site_identif_date: "2018-09-01", site_actu_date: "20/11/2023", site_statut: " Friche  Avec projet ", comm_insee: "2691", unite_fonciere_surface: "8000,5", source_producteur: "Cerema" }),
  record({ site_id: "S1", site_nom: "Sucrerie", site_actu_date: "05/06/2023", ...VALID }),
  record({ site_id: "S3", ...VALID, site_statut: "friche en cours de reconversion" }),
  record({ site_id: "S4", ...VALID, site_statut: "NA" }),
  record({ site_id: "NA", ...VALID, site_statut: "x" }),
  record({ site_id: "S5", ...VALID, comm_insee: "NA", site_statut: "x" }),
  record({ site_id: "S6", ...VALID, comm_insee: "99999", site_actu_date: "30/12/2024" }),
  record({ site_id: "S7", ...VALID, site_actu_date: "31/02/2023", site_identif_date: "hier" }),
  record({ site_id: "S8", ...VALID, site_identif_date: "2019/03/12", unite_fonciere_surface: "-5" }),
  record({ site_id: "S9", ...VALID, unite_fonciere_surface: "-5" }),
  record({ site_id: "S10", ...VALID, unite_fonciere_surface: "beaucoup" }),
  record({ site_id: "S11", ...VALID, comm_insee: "59350", site_actu_date: "15/04/2024" }),
  record({ site_id: "S12", ...VALID, comm_insee: "2408", site_statut: "x" }),
  record({ site_id: "S13", site_nom: "Dépôt", site_identif_date: "01/02/2015", site_actu_date: "01/09/2022", site_statut: "friche reconvertie", comm_insee: "02300", geompoint: "POINT (500 49)", source_nom: "BASIAS" }),
  record({ site_id: "S14", site_nom: "Entrepôt", site_type: "friche agro-industrielle", site_statut: "friche potentielle", comm_insee: "80620", unite_fonciere_surface: "", geompoint: "POINT (3.2 )" }),
  record({ site_id: "S15", ...VALID, comm_insee: "75056", site_statut: "x", site_actu_date: "2024-12-31" }),
  record({ site_id: " S16 ", site_type: " Inconnu ", ...VALID, comm_insee: " 02691 ", unite_fonciere_surface: "0" }),
  record({ site_id: "S3", site_nom: "Garage", site_type: "friche commerciale", site_actu_date: "01/01/2020", ...VALID, geompoint: "POINT (3.28 49.84)" }),
  record({ site_id: "S2", ...VALID, unite_fonciere_surface: "1e400" }),
  record({ site_id: "S1\u00a0", ...VALID, site_statut: "friche\u00a0potentielle" }),
];
const TEXT = `${[CARTOFRICHES_HEADER.join(";"), ...LINES].join("\n")}\n`;

const DATE = "date invalide (JJ/MM/AAAA ou AAAA-MM-JJ attendu)";
const STATUS = "statut inconnu (attendu : friche potentielle, friche avec projet, friche sans projet, friche reconvertie)";
const EXPECTED_REJECTIONS = [
  { line: 4, column: "site_id", value: "S1", reason: "ligne en double (identique à la ligne 2)" },
  { line: 5, column: "site_statut", value: "friche en cours de reconversion", reason: STATUS },
  { line: 6, column: "site_statut", value: "NA", reason: "statut du site absent" },
  { line: 7, column: "site_id", value: "NA", reason: "identifiant du site absent" },
  { line: 8, column: "comm_insee", value: "NA", reason: "code commune absent" },
  { line: 9, column: "comm_insee", value: "99999", reason: "code commune inconnu dans la géographie en vigueur" },
  { line: 10, column: "site_actu_date", value: "31/02/2023", reason: DATE },
  { line: 11, column: "site_identif_date", value: "2019/03/12", reason: DATE },
  { line: 12, column: "unite_fonciere_surface", value: "-5", reason: "surface de l'unité foncière : valeur négative (m² attendus)" },
  { line: 13, column: "unite_fonciere_surface", value: "beaucoup", reason: "surface de l'unité foncière : valeur non numérique (m² attendus)" },
  {
    line: 21,
    column: "unite_fonciere_surface",
    value: "1e400",
    reason: "surface de l'unité foncière : nombre invraisemblable : au-delà de 10^12 (un million de km² en m², deux fois la superficie de la France) (m² attendus)",
  },
  { line: 22, column: "site_id", value: "S1\u00a0", reason: "ligne en double (identique à la ligne 2)" },
];
const EXPECTED_ROWS = [
  { site_id: "S1", nom: "Sucrerie; bâtiment nord", code_commune: "02691", statut: "friche sans projet", type: "friche industrielle", surface_m2: 25000, longitude: 3.2876, latitude: 49.8465, identifie: "2019-03-12", actualise: "2023-06-05", source_nom: "Observatoire local", source_producteur: "Cerema" },
  { site_id: "S2", nom: "Flodor", code_commune: "02691", statut: "friche avec projet", type: null, surface_m2: 8000.5, longitude: null, latitude: null, identifie: "2018-09-01", actualise: "2023-11-20", source_nom: null, source_producteur: "Cerema" },
  { site_id: "S13", nom: "Dépôt", code_commune: "02738", statut: "friche reconvertie", type: null, surface_m2: null, longitude: null, latitude: null, identifie: "2015-02-01", actualise: "2022-09-01", source_nom: "BASIAS", source_producteur: null },
  { site_id: "S14", nom: "Entrepôt", code_commune: "80620", statut: "friche potentielle", type: "friche agro-industrielle", surface_m2: null, longitude: null, latitude: null, identifie: null, actualise: null, source_nom: null, source_producteur: null },
  { site_id: "S16", nom: null, code_commune: "02691", statut: "friche sans projet", type: null, surface_m2: 0, longitude: null, latitude: null, identifie: null, actualise: null, source_nom: null, source_producteur: null },
  { site_id: "S3", nom: "Garage", code_commune: "02691", statut: "friche sans projet", type: "friche commerciale", surface_m2: 100, longitude: 3.28, latitude: 49.84, identifie: null, actualise: "2020-01-01", source_nom: null, source_producteur: null },
];
const notes = (badPointLines: string, vintage = "31/12/2024", covered = "02, 59, 75, 80") => [
  "1 ligne(s) portant 1 ancien(s) code(s) de commune fusionnée rattachée(s) à la commune actuelle : 02300 → 02738",
  "2 ligne(s) dont le code commune a été normalisé (zéro initial restitué, ex. 2691 → 02691)",
  "2 site(s) à la surface d'unité foncière non renseignée (NA ou vide) : surface inconnue, jamais comptée 0",
  "3 site(s) de type « inconnu » ou non renseigné (NA) : type inconnu",
  "2 site(s) sans position (geompoint non renseigné) : absents de la carte, présents dans la liste",
  `2 position(s) illisible(s) (geompoint n'est pas un point WKT POINT (longitude latitude) en WGS84), lignes ${badPointLines} : sites chargés sans position`,
  "contours des sites (geomsurf) non chargés : chaque site est placé par sa position (geompoint)",
  `millésime : date d'actualisation la plus récente du fichier, ${vintage} (indicateurs de l'année 2024)`,
  `départements couverts par le fichier : ${covered} (une commune de ces départements sans site recensé compte 0 friche)`,
];

const write = fileWriter(dir);

async function load(file: string) {
  const db = await freshDb();
  const report = await cartofriches.load(file, { db, territory: await theTerritory() });
  expectCountsAddUp(report);
  // In the order of insertion: the file's.
  const loaded = await rows(
    db,
    `SELECT site_id, nom, code_commune, statut, type, surface_m2, longitude, latitude, CAST(date_identification AS VARCHAR) AS identifie,
       CAST(date_actualisation AS VARCHAR) AS actualise, source_nom, source_producteur FROM friches ORDER BY rowid`,
  );
  const covered = await rows(db, "SELECT departement, annee FROM friches_couverture ORDER BY rowid");
  return { report, loaded, covered };
}

const outcome = reportOutcome;

describe("Cartofriches through DuckDB: the rule in SQL", () => {
  it("loads, counts outside or rejects every row as the rule says, with the file's line, the column and the French reason", async () => {
    const { report, loaded, covered } = await load(write("regles.csv", TEXT));
    expect(outcome(report)).toEqual({
      counts: [21, 6, 3],
      // 31/12/2024 is the update date of a site outside the territory: every row read counts.
      vintage: "2024-12-31",
      years: [2024, 2024],
      rejections: EXPECTED_REJECTIONS,
      notes: notes("16, 17"),
      // The file's coverage is table friches_couverture, not the report's.
      coverage: { communes: {}, departements: {} },
    });
    expect(loaded).toEqual(EXPECTED_ROWS);
    expect(covered).toEqual(["02", "59", "75", "80"].map((departement) => ({ departement, annee: 2024 })));

    // Without Paris' row, the newest date is that of line 9, a row rejected for its commune; 75 is no longer covered.
    const withoutParis = await load(write("sans-paris.csv", TEXT.replace(`${LINES[16]}\n`, "")));
    expect(outcome(withoutParis.report)).toMatchObject({
      counts: [20, 6, 2],
      vintage: "2024-12-30",
      rejections: EXPECTED_REJECTIONS.map((r) => ({ ...r, line: r.line > 18 ? r.line - 1 : r.line })),
      notes: notes("16, 17", "30/12/2024", "02, 59, 80"),
    });
    expect(withoutParis.covered).toEqual(["02", "59", "80"].map((departement) => ({ departement, annee: 2024 })));
  });

  it("gives the same outcome through DuckDB (gzip, CRLF with a BOM) and through the project's CSV reader (Windows-1252)", async () => {
    const reference = outcome((await load(write("reference.csv", TEXT))).report);
    const gzip = write("compresse.csv.gz", gzipSync(TEXT));
    const crlf = write("crlf.csv", `\uFEFF${TEXT.replaceAll("\n", "\r\n")}`);
    // « â », « é », « ô » and « ² » are not UTF-8 there: DuckDB does not read the file, the project's reader transcodes it.
    const latin = write("windows-1252.csv", Buffer.from(TEXT, "latin1"));
    for (const file of [gzip, crlf, latin]) {
      const { report, loaded } = await load(file);
      expect(outcome(report), file).toEqual(reference);
      expect(loaded, file).toEqual(EXPECTED_ROWS);
    }
  });

  it("numbers the rows after a quoted cell over two lines as an editor does, and rejects a record with too few fields", async () => {
    const lines = [...LINES];
    lines[1] = record({ ...Object.fromEntries(CARTOFRICHES_HEADER.map((c, i) => [c, LINES[1]!.split(";")[i]!])), sol_pollution_commentaire: '"Hydrocarbures.\nDiagnostic en cours."' });
    const file = write("deux-lignes.csv", `${[CARTOFRICHES_HEADER.join(";"), ...lines, "S99;friche"].join("\n")}\n`);
    const { report, loaded } = await load(file);
    // Every line after line 3 moves down by one; the short record is line 24.
    const shifted = EXPECTED_REJECTIONS.map((r) => ({ ...r, line: r.line > 3 ? r.line + 1 : r.line }));
    expect(outcome(report)).toMatchObject({
      counts: [22, 6, 3],
      rejections: [...shifted, { line: 24, column: "site_type", value: "S99;friche", reason: "nombre de champs incorrect : 2 champs au lieu de 50" }],
      notes: notes("17, 18"),
    });
    expect(loaded).toEqual(EXPECTED_ROWS);
  });

  it("reads `\\\"` as a quote, and a backslash before the quote closing a cell as the project's reader does", async () => {
    const lines = [...LINES];
    lines[0] = lines[0]!.replace('"Sucrerie; bâtiment nord"', '"Sucrerie \\"Say\\"; bâtiment nord"');
    const { report, loaded } = await load(write("antislash.csv", `${[CARTOFRICHES_HEADER.join(";"), ...lines].join("\n")}\n`));
    expect(outcome(report)).toEqual(outcome((await load(write("reference-antislash.csv", TEXT))).report));
    expect(loaded).toEqual([{ ...EXPECTED_ROWS[0], nom: 'Sucrerie "Say"; bâtiment nord' }, ...EXPECTED_ROWS.slice(1)]);

    // `"C:\"` then `;`: read_csv would close the cell there; the reader reads `\"` as a quote inside the cell, which then
    // never closes: the line is rejected (its text as the reader saw it) and the reading resumes on the next line.
    const path2 = record({ site_id: "S20", site_nom: '"C:\\"', ...VALID });
    const next = record({ site_id: "S21", ...VALID });
    const broken = await load(write("antislash-fin.csv", `${[CARTOFRICHES_HEADER.join(";"), path2, next].join("\n")}\n`));
    expect(outcome(broken.report)).toMatchObject({
      counts: [2, 1, 0],
      rejections: [
        {
          line: 2,
          column: "",
          value: path2.replace('\\"', '""'),
          reason: "guillemet ouvert jamais refermé sur cette ligne : ligne écartée, la lecture reprend à la ligne suivante (guillemet à doubler ou à retirer)",
        },
      ],
    });
    expect(broken.loaded.map((r) => r.site_id)).toEqual(["S21"]);
  });
});
