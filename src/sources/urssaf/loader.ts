// URSSAF establishments and salaried jobs by commune x APE, published wide by year, loaded long into table `urssaf`.
//
// Rules this loader applies:
// - Header: the portal exports field names (`code_commune`, `nombre_d_etablissements_2006`, what the API gives) or
//   column labels (`Code commune`, `Nombre d'établissements 2006`, what "Export CSV" gives); both are read (columns
//   are looked up by their field key) and the variant says which: `noms-de-champs` or `libelles`. The vintage is the
//   first and last year of the columns.
// - Empty cells follow the producer's convention, seen in the real file (zone d'emploi of Rouen, publication 2023): a
//   commune x APE row spans the whole period, and a year in which the pair had no establishment has BOTH cells empty
//   (63 389 such years in that file). For each year, the pair (establishments, jobs):
//     both cells empty                  -> no establishment that year: 0 establishments, 0 jobs;
//     establishments written, jobs empty -> jobs unknown (NULL): the count was not published (4 in that file);
//                                          0 jobs if the file says 0 establishments;
//     jobs written, establishments empty -> establishments unknown (NULL): an employee count means at least one
//                                          declared establishment (never seen; even 0 jobs, since establishments
//                                          with 0 jobs at 31 December are published: 3 117 in that file);
//     a secret marker (`*`, `s`, `nd`)   -> that cell unknown;
//     the twin column absent from the file (a year with jobs but no establishments column) -> an empty cell is
//                                          unknown: the convention needs both cells to say "no establishment".
//   Each case is counted in the report's notes. A commune with no private employer has no row at all: the
//   indicators give it 0 when its département is covered.
// - Reference levels: in the same pass, every row whose commune is understood, inside the territory or not, is summed
//   by commune x NA38 sector (the 2 letters that start `secteur_na38`, e.g. `CA`; without that column, the A38
//   position of the APE's NAF division) and rolled up to the territory, its EPCIs, départements, régions, France and
//   each Territoire d'industrie (table `urssaf_agregats`, src/sources/urssaf/aggregator.ts). A row outside the
//   territory whose figures cannot be read stays counted outside, its cells unknown in the aggregates; a rejected
//   row of the territory is unknown there too (never 0). Rows outside the territory are not checked for duplicates
//   (a national file would need a key per row).
// How: DuckDB reads the whole file (read_csv, gzip read directly) and applies these rules in SQL (cells.ts), joined
// to the commune-code history and the reference levels that JavaScript knows (geography.ts). Its first read types the
// count cells INTEGER, which is right only when every one of them is plain digits: JavaScript proves it on the bytes
// beside that read (src/io/digit-tails.ts); otherwise DuckDB reads the file again, every column as text, each rule in
// SQL. Each read goes through the file once, streaming, into one GROUP BY by set of levels x sector (u_groupes): the
// rows outside the territory summed, the rows kept one by one (the territory's, unpivoted by year into `urssaf`, and
// those with a rejected commune code: u_lignes) carried beside the sums; the aggregates, the rejections and the notes
// come from these two tables. JavaScript decides the encoding and the separator and reads the header (src/io/csv.ts),
// as for every file; for a plain file its encoding pass runs beside DuckDB's read, which is dropped if the file is not
// UTF-8. A file read_csv does not read line for line (not UTF-8, line endings mixed, a quote never closed, a cell over
// several lines: seen from a line count beside DuckDB's read) is read by the project's CSV reader into a text table
// instead, the same SQL rules applied to it (readRows): every line loaded, outside or rejected with the line and
// reason the stream loader gave.
import type { DuckDBConnection } from "@duckdb/node-api";
import { detectDelimiter, openCsv, parseHeaderLine, type CsvFile, type Delimiter } from "../../io/csv.ts";
import { stageCsvRecords } from "../../io/csv-staging.ts";
import { countPhysicalLines } from "../../io/line-count.ts";
import { lastCellsArePlainDigits, type DigitTailsOptions } from "../../io/digit-tails.ts";
import { isGzipFile, readFirstLine, startsAsUtf8 } from "../../io/read-text.ts";
import { Header, requireRecognised } from "../../io/header.ts";
import { INVALID_COMMUNE, UNKNOWN_COMMUNE } from "../../io/communes.ts";
import { duplicateReason } from "../../io/report.ts";
import { MissingCounter } from "../../io/values.ts";
import { UNKNOWN_SECTOR, groupMeasuresSql, writeUrssafAggregates } from "./aggregator.ts";
import { A38_CODES, a38OfDivision } from "../../geography/naf-a38.ts";
import { type FileReport, type LoadContext, type Recognition, type Rejection, type SourceLoader } from "../types.ts";
import {
  CELL_MACROS, FAST_DIGITS, NOTE_COUNTS, cellColumnsSql, fastRowSql, pairColumnsSql, typedCellColumns, typedNoteColumnsSql, type CellMode, type CountColumn, type YearPair,
} from "./cells.ts";
import {
  REJECTS_TABLE, STAGED_TABLE, columnSql, dropRejects, emptyLines, linesOfRanks, readCsvSql, scanRejects, type CsvSource,
} from "./csv-scan.ts";
import { writeGeographyTables } from "./geography.ts";
import { sqlString } from "../../db/sql-literals.ts";
import { fileParameter } from "../../db/read-csv.ts";
import { description } from "./source.ts";

const ESTABLISHMENTS = /^nombre_d_etablissements_(\d{4})$/;
const JOBS = /^effectifs_salaries_(\d{4})$/;
const REQUIRED = ["code_commune", "code_ape"];
// Columns that only URSSAF files have: two of them mean "this is URSSAF", even if required ones are missing.
const EVIDENCE = ["code_ape", "intitule_commune", "grand_secteur_d_activite", "secteur_na17", "secteur_na38", "secteur_na88", "code_zone_d_emploi"];

interface YearColumns {
  year: number;
  establishments: { name: string; index: number } | undefined;
  jobs: { name: string; index: number } | undefined;
}

function yearColumns(header: Header): YearColumns[] {
  const byYear = new Map<number, YearColumns>();
  const get = (year: number) => byYear.get(year) ?? byYear.set(year, { year, establishments: undefined, jobs: undefined }).get(year)!;
  for (const c of header.matching(ESTABLISHMENTS)) get(Number(c.match[1])).establishments = c;
  for (const c of header.matching(JOBS)) get(Number(c.match[1])).jobs = c;
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export function recognise(names: string[]): Recognition {
  const header = new Header(names);
  const jobs = header.matching(JOBS);
  const missing = header.missing(REQUIRED);
  if (jobs.length === 0) missing.push("effectifs_salaries_AAAA");
  if (missing.length === 0) return { kind: "match", variant: header.labelled ? "libelles" : "noms-de-champs" };
  const evidence = EVIDENCE.filter((c) => header.has(c)).length + (jobs.length > 0 ? 1 : 0) + (header.matching(ESTABLISHMENTS).length > 0 ? 1 : 0);
  return evidence >= 2 ? { kind: "missing", missing } : { kind: "no" };
}


const APE_REASON = "code APE invalide (attendu : 4 chiffres et une lettre, ex. 2511Z)";

/** NAF division -> A38 position, for the rows whose `secteur_na38` does not say (or files without it). */
async function writeSectorTable(db: DuckDBConnection): Promise<void> {
  const divisions = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0")).flatMap((d) => {
    const a38 = a38OfDivision(d);
    return a38 ? [`('${d}', '${a38}')`] : [];
  });
  await db.run(`CREATE OR REPLACE TEMP TABLE u_a38 AS SELECT * FROM (VALUES ${divisions.join(", ")}) t(division, secteur)`);
}

/** Where the rows come from (read_csv, or the fallback reader's table), how they are ranked in file order, and the parameters its SQL names. */
interface RowsInput {
  from: string;
  rank: string;
  params: Record<string, string>;
}

/** DuckDB's read of the file: typed, its count cells read as INTEGER (proved plain digits) and its rows not ranked. */
const duckdbInput = (source: CsvSource, mode: CellMode, counts: readonly CountColumn[]): RowsInput =>
  mode === "typed"
    ? { from: readCsvSql(source, new Set(counts.map((c) => c.index))), rank: "0", params: fileParameter(source.file) }
    : { from: readCsvSql(source), rank: "row_number() OVER ()", params: fileParameter(source.file) };

/**
 * What proves the typed read right: the count columns are the header's last ones, so that the bytes of each line's
 * end can be checked (src/io/digit-tails.ts). Null when they are not (the exact read only).
 */
function digitTails(source: CsvSource, counts: readonly CountColumn[]): DigitTailsOptions | null {
  const first = source.header.length - counts.length;
  const last = new Set(counts.map((c) => c.index));
  if (counts.length === 0 || last.size !== counts.length || [...last].some((i) => i < first)) return null;
  return { delimiter: source.delimiter, cells: counts.length, maxDigits: FAST_DIGITS };
}

/** The fallback reader's table: its rows ranked by their line. */
const STAGED_INPUT: RowsInput = { from: STAGED_TABLE, rank: "ligne", params: {} };

/**
 * The rows of the file as DuckDB reads them, in file order (`rang`, exact read only): the commune as written and as
 * understood, the APE code, the NA38 sector, the first bad cell, the values by year after the empty-cell convention,
 * the counts of the notes.
 */
function rowsSql(input: RowsInput, header: Header, pairs: YearPair[], counts: CountColumn[], mode: CellMode): string {
  const col = (name: string) => (header.has(name) ? columnSql(header.index(name)) : "NULL::VARCHAR");
  const a38 = A38_CODES.map(sqlString).join(", ");
  const countList = counts.map((c) => `, ${c.sql}`).join("");
  // The common case without regular expression: five digits, an A38 code then a space.
  return `WITH scan AS (
  SELECT ${input.rank} AS rang, coalesce(${col("code_commune")}, '') AS commune_brute, coalesce(${col("code_ape")}, '') AS ape_brut,
         coalesce(ltrim(${col("secteur_na38")}), '') AS secteur_brut${countList}
  FROM ${input.from}),
coded AS (
  SELECT *, ${fastRowSql(counts, mode)} AS fast,
         CASE WHEN cinq_chiffres THEN commune_brute
              ELSE (CASE WHEN regexp_full_match(v, '[0-9]{5}|2[AB][0-9]{3}') THEN v WHEN regexp_full_match(v, '[0-9]{4}') THEN '0' || v END) END AS code,
         CASE WHEN cinq_chiffres THEN false ELSE code IS NOT NULL AND code <> upper(u_trim(commune_brute)) END AS restaure,
         CASE WHEN substr(secteur_brut, 1, 2) IN (${a38})
                   AND (CASE WHEN substr(secteur_brut, 3, 1) = ' ' THEN true ELSE NOT regexp_full_match(substr(secteur_brut, 3, 1), '\\w') END)
              THEN substr(secteur_brut, 1, 2) END AS secteur_lu
  FROM (SELECT *, CASE WHEN NOT cinq_chiffres THEN regexp_replace(upper(u_trim(commune_brute)), '\\.0+$', '') END AS v
        FROM (SELECT *, regexp_full_match(commune_brute, '[0-9]{5}') AS cinq_chiffres FROM scan))),
joined AS (
  SELECT c.*, g.courante, g.numero, coalesce(g.membre, false) AS membre, coalesce(g.arrondissement, false) AS arrondissement, g.departement, g.ensemble,
         coalesce(c.secteur_lu, s.secteur, ${sqlString(UNKNOWN_SECTOR)}) AS secteur
  FROM coded c LEFT JOIN u_codes g ON g.code = c.code LEFT JOIN u_a38 s ON s.division = substr(trim(c.ape_brut), 1, 2)),
cells AS (SELECT *, ${cellColumnsSql(counts, mode).join(", ")} FROM joined)
SELECT rang, fast, commune_brute, code, courante, numero, membre, arrondissement, departement, ensemble,
       CASE WHEN code IS NULL THEN (CASE WHEN u_trim(commune_brute) = '' THEN 'code commune absent' ELSE ${sqlString(INVALID_COMMUNE)} END)
            WHEN courante IS NULL THEN ${sqlString(UNKNOWN_COMMUNE)} END AS motif_commune,
       restaure, ape_brut,
       CASE WHEN membre AND regexp_full_match(upper(u_trim(ape_brut)), '[0-9]{2}\\.?[0-9]{2}[A-Z]')
            THEN substr(upper(u_trim(ape_brut)), 1, 2) || '.' || right(upper(u_trim(ape_brut)), 3) END AS ape,
       secteur, ${pairColumnsSql(pairs, mode).join(",\n       ")}
FROM cells`;
}

/** The fields of a row kept one by one (u_lignes): everything rowsSql gives. */
function keptFields(years: readonly number[], notes: readonly string[]): string[] {
  return [
    "rang", "fast", "commune_brute", "code", "courante", "membre", "arrondissement", "departement", "ensemble", "motif_commune", "restaure",
    "ape_brut", "ape", "secteur", ...years.flatMap((y) => [`e_${y}`, `j_${y}`]), "erreur", ...notes,
  ];
}

/**
 * Reads the file once into u_groupes and u_lignes. One GROUP BY over the rows, by set of levels x sector x
 * département, streaming: the rows outside the territory are summed (the aggregates' measures, the report's counts);
 * the rows kept one by one (the territory's, and those whose commune code is rejected) travel in a list beside the
 * sums, as do the rows outside whose commune code tells something (an older code, a restored zero: the notes); the
 * current communes seen are listed per group. u_lignes is then that list unnested.
 * The joins run in the order written: DuckDB does not know how many rows read_csv gives and would otherwise hash the
 * whole file to probe it with the 40 000 codes of u_codes (time and memory).
 */
async function runRows(db: DuckDBConnection, rows: string, params: Record<string, string>, pairs: readonly YearPair[], communes: number, mode: CellMode): Promise<void> {
  const years = pairs.map((p) => p.year);
  // The typed read keeps the cells of the rows kept one by one; their notes' counts are computed on these rows only.
  const fields = keptFields(years, mode === "typed" ? typedCellColumns(pairs) : NOTE_COUNTS.map((n) => `n_${n}`));
  // Rows kept and rows summed never share a group (a set of levels holds the territory's communes or none of them;
  // a rejected commune has no set): the measures of a group of kept rows are not read. The typed read has no
  // unknown row (a row off the fast path sends the file to the exact read): its cells are summed without a test.
  const measures = mode === "typed" ? typedMeasuresSql(years) : groupMeasuresSql(years);
  await db.run("SET disabled_optimizers = 'join_order,build_side_probe_side'");
  try {
    await db.run(`CREATE OR REPLACE TEMP TABLE u_groupes AS
      SELECT ensemble, secteur,
             count(*) FILTER (WHERE NOT garde) AS lignes, count(*) FILTER (WHERE NOT garde AND NOT fast) AS lents, max(rang) AS dernier,
             ${measures},
             list({${fields.map((f) => `'${f}': ${f}`).join(", ")}}) FILTER (WHERE garde) AS gardees,
             list({'code': code, 'courante': courante, 'arrondissement': arrondissement, 'restaure': restaure, 'rang': rang})
               FILTER (WHERE NOT garde AND (restaure OR (code <> courante AND NOT arrondissement))) AS particulieres,
             bitstring_agg(numero, 0, ${Math.max(communes - 1, 0)}) FILTER (WHERE NOT garde) AS communes
      FROM (SELECT *, erreur IS NULL AS connu FROM (SELECT *, membre OR courante IS NULL AS garde FROM (${rows})))
      GROUP BY ensemble, secteur`, params);
  } finally {
    await db.run("RESET disabled_optimizers");
  }
  await db.run(`CREATE OR REPLACE TEMP TABLE u_lignes AS SELECT ${fields.map((f) => `g.${f}`).join(", ")}
    FROM (SELECT unnest(gardees) AS g FROM u_groupes) ORDER BY g.rang`);
  if (mode === "typed")
    await db.run(`CREATE OR REPLACE TEMP TABLE u_lignes AS SELECT * ${typedCellColumns(pairs).length > 0 ? `EXCLUDE (${typedCellColumns(pairs).join(", ")})` : ""}, ${typedNoteColumnsSql(pairs).join(", ")}
      FROM u_lignes ORDER BY rang`);
  // Not twice in memory (a territory of 1 700 communes keeps some 45 000 rows of a national file); dropping the column
  // costs nothing where copying the table without it took a tenth of a second (its bitstrings).
  await db.run("ALTER TABLE u_groupes DROP COLUMN gardees");
}

/** The measures of groupMeasuresSql (same names, same meaning) when every row is known: no CASE per cell. */
function typedMeasuresSql(years: readonly number[]): string {
  return years
    .flatMap((y) => [`coalesce(sum(e_${y}), 0) AS se_${y}`, `count(e_${y}) AS ke_${y}`, `coalesce(sum(j_${y}), 0) AS sj_${y}`, `count(j_${y}) AS kj_${y}`])
    .join(", ");
}

/** The rows outside the territory whose commune code tells something (u_groupes.particulieres): code, courante, arrondissement, restaure, rang. */
const OUTSIDE_NOTABLE = "(SELECT p.* FROM (SELECT unnest(particulieres) AS p FROM u_groupes))";
/** The current communes of the rows outside the territory (u_groupes.communes: bitstrings of u_codes.numero). */
const OUTSIDE_COMMUNES = `(SELECT c.courante FROM (SELECT bit_or(communes) AS seen FROM u_groupes) s
  JOIN (SELECT DISTINCT numero, courante FROM u_codes) c ON get_bit(s.seen, c.numero) = 1)`;
/** The rows outside the territory by département (a set of levels belongs to one département). */
const OUTSIDE_BY_DEPARTEMENT = `(SELECT d.departement, sum(g.lignes) AS lignes FROM u_groupes g
  JOIN (SELECT DISTINCT ensemble, departement FROM u_codes) d USING (ensemble) WHERE g.lignes > 0 GROUP BY d.departement)`;

/**
 * u_membres: the rows of the territory with what becomes of them: rejected (APE, values), a duplicate of an earlier
 * row (same commune as written and APE: `premier` is the earlier's rank), or loaded.
 */
const MEMBERS_SQL = `CREATE OR REPLACE TEMP TABLE u_membres AS
SELECT *, CASE WHEN ape IS NULL THEN 'rejet_ape' WHEN erreur IS NOT NULL THEN 'rejet_valeur' WHEN premier < rang THEN 'doublon' ELSE 'charge' END AS statut
FROM (SELECT *, CASE WHEN ape IS NOT NULL AND erreur IS NULL THEN min(rang) OVER (PARTITION BY code, ape, ape IS NOT NULL AND erreur IS NULL) END AS premier
      FROM u_lignes WHERE membre)`;

/**
 * Whether a row must be told by its line (a rejection, a duplicate of the territory): the typed read does not number
 * its rows (numbering keeps DuckDB to one thread), the exact read does.
 */
async function needsLines(db: DuckDBConnection): Promise<boolean> {
  const [r] = await rowsOf<{ n: number }>(
    db,
    `SELECT (SELECT count(*) FROM u_lignes WHERE motif_commune IS NOT NULL OR (membre AND (ape IS NULL OR erreur IS NOT NULL)))
          + (SELECT count(*) FROM (SELECT 1 FROM u_lignes WHERE membre GROUP BY code, ape HAVING count(*) > 1)) AS n`,
  );
  return r!.n > 0;
}

async function rowsOf<T>(db: DuckDBConnection, sql: string): Promise<T[]> {
  const reader = await db.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]))) as T[];
}

/** The notes on commune codes (CommuneResolver.notes): merged communes' old codes, restored leading zeros. */
async function communeNotes(db: DuckDBConnection): Promise<string[]> {
  const notes: string[] = [];
  const remapped = await rowsOf<{ code: string; courante: string; lignes: number }>(
    db,
    `SELECT code, any_value(courante) AS courante, sum(lignes) AS lignes FROM (
       SELECT code, courante, arrondissement, 1 AS lignes, rang FROM u_lignes WHERE courante IS NOT NULL
       UNION ALL SELECT code, courante, arrondissement, 1, rang FROM ${OUTSIDE_NOTABLE})
     WHERE code <> courante AND NOT arrondissement GROUP BY code ORDER BY min(rang), code`, // rows are ranked by the exact read only: else in code order
  );
  if (remapped.length > 0) {
    const rows = remapped.reduce((n, r) => n + r.lignes, 0);
    const detail = remapped.slice(0, 10).map((r) => `${r.code} → ${r.courante}`).join(", ");
    notes.push(
      `${rows} ligne(s) portant ${remapped.length} ancien(s) code(s) de commune fusionnée rattachée(s) à la commune actuelle : ${detail}${remapped.length > 10 ? ", …" : ""}`,
    );
  }
  const [restored] = await rowsOf<{ n: number }>(
    db,
    `SELECT (SELECT count(*) FILTER (WHERE restaure) FROM u_lignes) + (SELECT count(*) FILTER (WHERE restaure) FROM ${OUTSIDE_NOTABLE}) AS n`,
  );
  if (restored!.n > 0) notes.push(`${restored!.n} ligne(s) dont le code commune a été normalisé (zéro initial restitué, ex. 2691 → 02691)`);
  return notes;
}

/** The notes on values of the loaded rows (rules at the top). */
async function valueNotes(db: DuckDBConnection): Promise<string[]> {
  const [c] = await rowsOf<Record<string, number | null>>(
    db,
    `SELECT sum(n_sans_etablissement) AS sans, sum(n_effectifs_inconnus) AS ej, sum(n_etablissements_inconnus) AS ee,
            sum(n_secrets) AS secrets, sum(n_vides) AS vides, sum(n_non_renseignes) AS na FROM u_membres WHERE statut = 'charge'`,
  );
  const n = (k: string) => Number(c?.[k] ?? 0);
  const notes: string[] = [];
  if (n("sans") > 0) notes.push(`${n("sans")} année(s) commune x APE sans établissement (deux cellules vides) chargée(s) comme 0 établissement et 0 salarié`);
  if (n("ej") > 0) notes.push(`${n("ej")} effectif(s) salarié(s) inconnu(s) (nombre d'établissements publié, effectif vide) chargé(s) comme inconnus (NULL, jamais 0)`);
  if (n("ee") > 0) notes.push(`${n("ee")} nombre(s) d'établissements inconnu(s) (effectif publié, nombre d'établissements vide) chargé(s) comme inconnus (NULL, jamais 0)`);
  const cells = new MissingCounter();
  [cells.secret, cells.empty, cells.notAvailable] = [n("secrets"), n("vides"), n("na")];
  const note = cells.note();
  if (note) notes.push(note);
  return notes;
}

interface RejectedRow {
  rang: number;
  column: string;
  value: string;
  reason: string;
  premier: number | null;
  courante: string | null;
}

/**
 * Fills u_lignes and u_groupes. DuckDB's reader when it reads the file line for line: typed, then exact when a cell
 * or a line needs the exact rules (see CellMode). Otherwise the project's CSV reader (the stream loader's, with its
 * encoding, line endings, quotes and line numbers) feeds a text table that the same exact rules read: a file not in
 * UTF-8, a file DuckDB refuses as a whole (line endings mixed), a file where DuckDB's rows, rejects and blank lines do
 * not account for every line (a quote never closed swallows the next lines; a cell over several lines).
 * Returns the fallback reader's rejections, or null when DuckDB read the file.
 */
async function readRows(
  db: DuckDBConnection,
  opened: OpenedFile,
  source: CsvSource,
  counts: readonly CountColumn[],
  used: ReadonlySet<number>,
  run: (input: RowsInput, mode: CellMode) => Promise<void>,
): Promise<{ csv: CsvFile; rejections: Rejection[] | null }> {
  // The encoding pass (when not done yet), the line count (JavaScript, bytes only, counted in the same read) and the
  // check of the count cells' bytes run beside DuckDB's read, which supposes UTF-8 and plain digits: its result is
  // dropped if the pass decides otherwise or a count cell is anything else (the exact read then).
  await dropRejects(db);
  const tails = digitTails(source, counts);
  const mode: CellMode = tails ? "typed" : "exact";
  // DuckDB 1.5 loses its whole database on a byte that is not UTF-8 in a text column it reads whose position in the
  // file is past the number of columns it reads (src/io/duckdb-input.ts). Its read runs beside the encoding pass only
  // when no text column it reads is that far (the typed read of a file whose counts are its last columns: they are
  // INTEGER then, and a bad byte there is a cast error); otherwise the pass comes first, and DuckDB reads the file
  // only if it holds no such byte (duckdbMay).
  const within = (m: CellMode) => textColumnsWithinRead(m, used, counts);
  const duckdbMay = (file: CsvFile, m: CellMode) => file.encoding === "utf-8" && (!file.invalidBytes || within(m));
  if (!opened.known && !within(mode)) opened.known = await opened.csv;
  const [opening, lines, plainDigits, read] = opened.known && !duckdbMay(opened.known, mode)
    ? [{ status: "fulfilled", value: opened.known } as const, null, null, null]
    : await Promise.allSettled([
        opened.csv,
        linesAfter(opened.csv, source.file),
        tails ? lastCellsArePlainDigits(source.file, tails) : Promise.resolve(true),
        run(duckdbInput(source, mode, counts), mode),
      ]);
  if (opening.status === "rejected") throw opening.reason;
  const csv = opening.value;
  source.encoding = csv.encoding;
  if (duckdbMay(csv, mode) && lines && plainDigits && read) {
    if (lines.status === "rejected") throw lines.reason;
    if (plainDigits.status === "rejected") throw plainDigits.reason;
    if (read.status === "fulfilled" && (await everyLineTold(db, source, csv.headerLine, lines.value))) {
      if (mode === "exact" || (plainDigits.value && !(await needsExact(db)))) return { csv, rejections: null };
      if (duckdbMay(csv, "exact")) {
        await dropRejects(db);
        await run(duckdbInput(source, "exact", counts), "exact");
        return { csv, rejections: null };
      }
    }
  }
  await dropRejects(db);
  // Only the columns the rules read are kept: the others (labels) are NULL, so that a national file stays in memory.
  const columns = csv.header.map((_, i) => ({ name: columnSql(i), index: used.has(i) ? i : -1 }));
  const rejections = await stageCsvRecords(db, csv, { table: STAGED_TABLE, lineColumn: "ligne", columns, emptyCell: null });
  await run(STAGED_INPUT, "exact");
  await db.run(`DROP TABLE ${STAGED_TABLE}`);
  return { csv, rejections };
}

/** Whether every text column DuckDB's read of `mode` reads lies before the number of columns it reads. */
function textColumnsWithinRead(mode: CellMode, used: ReadonlySet<number>, counts: readonly CountColumn[]): boolean {
  const integers = new Set(mode === "typed" ? counts.map((c) => c.index) : []);
  const read = [...used].filter((i) => i >= 0);
  return read.every((i) => integers.has(i) || i < read.length);
}

/**
 * The file's physical lines once the encoding pass is done: a pass that read the whole file counted them on its way
 * (one read of a national file instead of two); otherwise they are counted here.
 */
async function linesAfter(csv: Promise<CsvFile>, file: string): Promise<number> {
  await csv.catch(() => undefined); // its error is reported by readRows
  return countPhysicalLines(file);
}

/** The header of a file, and the project's CSV reader opened on it (possibly still deciding the encoding). */
interface OpenedFile {
  header: string[];
  delimiter: Delimiter;
  compressed: boolean;
  csv: Promise<CsvFile>;
  /** The reader, when it was awaited (a gzip file, a file whose first lines are not UTF-8). */
  known?: CsvFile;
}

/**
 * Opens the file with the project's CSV reader (src/io/csv.ts: the encoding decided over the whole file, one
 * validating pass) and checks its header. For a plain file that pass is not awaited: the header is the file's first
 * line, read alone as the reader reads it for a file without comment lines, so that DuckDB's read starts at once and
 * the pass runs beside it. A gzip file is opened first, so that DuckDB inflates only what the byte reader's bounds
 * accepted. The reader's errors come first, as when it was awaited.
 */
async function openFile(file: string): Promise<OpenedFile> {
  const compressed = await isGzipFile(file);
  // A file whose first lines are not UTF-8 is not read by DuckDB (every line of it would fill its rejects table).
  if (compressed || !(await startsAsUtf8(file))) {
    const csv = await openCsv(file);
    requireRecognised(urssaf, file, csv.header);
    return { header: csv.header, delimiter: csv.delimiter, compressed, csv: Promise.resolve(csv), known: csv };
  }
  const csv = openCsv(file);
  csv.catch(() => undefined); // awaited by readRows, or below on an error of the header
  try {
    const first = await readFirstLine(file);
    const delimiter = detectDelimiter(first);
    const header = parseHeaderLine(first, delimiter);
    requireRecognised(urssaf, file, header);
    return { header, delimiter, compressed, csv };
  } catch (e) {
    await csv;
    throw e;
  }
}

/** Whether the header, DuckDB's rows, the lines it rejected and the blank lines it skipped are every line of the file. */
async function everyLineTold(db: DuckDBConnection, source: CsvSource, headerLine: number, lines: number): Promise<boolean> {
  const [r] = await rowsOf<{ lignes: number; rejetees: number }>(
    db,
    `SELECT (SELECT count(*) FROM u_lignes) + (SELECT coalesce(sum(lignes), 0) FROM u_groupes) AS lignes,
            (SELECT count(DISTINCT line) FROM ${REJECTS_TABLE}) AS rejetees`,
  );
  const told = headerLine + r!.lignes + r!.rejetees;
  return told === lines || (told < lines && told + (await emptyLines(source)).length === lines);
}

/** Whether the typed read is not enough: a cell off the fast path, a line DuckDB rejected, a row to tell by its line. */
async function needsExact(db: DuckDBConnection): Promise<boolean> {
  const [typed] = await rowsOf<{ lents: number; rejets: number }>(
    db,
    `SELECT (SELECT count(*) FROM u_lignes WHERE NOT fast) + (SELECT coalesce(sum(lents), 0) FROM u_groupes) AS lents,
            (SELECT count(*) FROM ${REJECTS_TABLE}) AS rejets`,
  );
  return typed!.lents > 0 || typed!.rejets > 0 || (await needsLines(db));
}

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const { db, territory } = ctx;
  const opened = await openFile(file);
  const header = new Header(opened.header);
  const years = yearColumns(header);
  // The encoding is the reader's, known when DuckDB's read is done (readRows).
  const source: CsvSource = { file, encoding: "utf-8", delimiter: opened.delimiter, header: opened.header, compressed: opened.compressed };
  const count = (c: { name: string; index: number } | undefined): CountColumn | undefined => (c ? { sql: columnSql(c.index), header: c.name, index: c.index } : undefined);
  const pairs: YearPair[] = years.map((y) => ({ year: y.year, establishments: count(y.establishments), jobs: count(y.jobs) }));
  const counts = pairs.flatMap((p) => [p.establishments, p.jobs]).filter((c): c is CountColumn => c !== undefined);

  const currentCommunes = await writeGeographyTables(db, territory);
  await writeSectorTable(db);
  await db.run(CELL_MACROS);
  const yearList = years.map((y) => y.year);
  const used = new Set([...["code_commune", "code_ape", "secteur_na38"].map((n) => header.index(n)), ...counts.map((c) => c.index)]);
  let ranked = false; // rows ranked in file order (exact read, fallback reader); the typed read does not rank them
  const { rejections: staged } = await readRows(db, opened, source, counts, used, (input, mode) => {
    ranked = mode === "exact";
    return runRows(db, rowsSql(input, header, pairs, counts, mode), input.params, pairs, currentCommunes, mode);
  });
  await db.run(MEMBERS_SQL);

  const unpivot = yearList.map((y) => `(e_${y}, j_${y}) AS '${y}'`).join(", ");
  await db.run(`INSERT INTO urssaf
    SELECT courante, ape, CAST(annee AS INTEGER), etablissements, effectifs, $file
    FROM (SELECT rang, courante, ape, ${yearList.map((y) => `e_${y}, j_${y}`).join(", ")} FROM u_membres WHERE statut = 'charge')
    UNPIVOT INCLUDE NULLS ((etablissements, effectifs) FOR annee IN (${unpivot}))
    ${ranked ? "ORDER BY rang, annee" : ""}`, { file });
  // Every row whose commune is understood counts in the aggregates, but a duplicate of the territory; its values are
  // unknown when the row could not be read (or, in the territory, when its APE code could not).
  const members = `SELECT ensemble, secteur, count(*) AS lignes, ${groupMeasuresSql(yearList)}
    FROM (SELECT *, statut = 'charge' AS connu FROM u_membres WHERE statut <> 'doublon') GROUP BY ensemble, secteur`;
  const outside = `SELECT ensemble, secteur, lignes, ${yearList.map((y) => `se_${y}, ke_${y}, sj_${y}, kj_${y}`).join(", ")} FROM u_groupes WHERE lignes > 0`;
  await writeUrssafAggregates(db, `${members} UNION ALL ${outside}`, `SELECT courante FROM u_membres UNION ALL SELECT courante FROM ${OUTSIDE_COMMUNES}`, yearList, file);

  // Counts, rejections and coverage.
  const [totals] = await rowsOf<{ lignes: number; dehors: number; charges: number; dernier: number | null }>(
    db,
    `SELECT (SELECT count(*) FROM u_lignes) + dehors AS lignes, dehors, (SELECT count(*) FROM u_membres WHERE statut = 'charge') AS charges,
            greatest((SELECT max(rang) FROM u_lignes), dernier) AS dernier
     FROM (SELECT coalesce(sum(lignes), 0) AS dehors, max(dernier) AS dernier FROM u_groupes)`,
  );
  const rejected = await rowsOf<RejectedRow>(
    db,
    `SELECT rang, 'code_commune' AS "column", commune_brute AS value, motif_commune AS reason, NULL AS premier, NULL AS courante FROM u_lignes WHERE motif_commune IS NOT NULL
     UNION ALL
     SELECT rang, CASE statut WHEN 'rejet_ape' THEN 'code_ape' WHEN 'rejet_valeur' THEN erreur.colonne ELSE 'code_commune' END,
            CASE statut WHEN 'rejet_ape' THEN ape_brut WHEN 'rejet_valeur' THEN erreur.valeur ELSE commune_brute END,
            CASE statut WHEN 'rejet_ape' THEN ${sqlString(APE_REASON)} WHEN 'rejet_valeur' THEN erreur.motif END, premier, courante
     FROM u_membres WHERE statut <> 'charge'`,
  );
  // Lines: the fallback reader ranks its rows by line; DuckDB's ranks are moved past the lines it did not return.
  let readerRejections: Rejection[];
  let lineOf: (rank: number) => number;
  if (staged !== null) {
    readerRejections = staged;
    lineOf = (rank) => rank;
  } else {
    const scan = await scanRejects(db, source, async () => 0);
    const lines = linesOfRanks(
      [...rejected.flatMap((r) => [r.rang, ...(r.premier === null ? [] : [r.premier])]), ...(totals!.dernier === null ? [] : [totals!.dernier])],
      rejected.length > 0 || scan.rejections.length > 0 ? [...scan.skipped, ...(await emptyLines(source))] : scan.skipped,
    );
    readerRejections = scan.rejections;
    lineOf = (rank) => lines.get(rank)!;
  }
  const rejections: Rejection[] = [
    ...readerRejections,
    ...rejected.map((r) => ({
      file,
      line: lineOf(r.rang),
      column: r.column,
      value: r.value ?? "",
      reason: r.premier !== null && r.reason === null ? duplicateReason(lineOf(r.premier)) : r.reason,
    })),
  ].sort((a, b) => a.line - b.line);

  const departements = await rowsOf<{ departement: string; n: number }>(
    db,
    `SELECT departement, sum(n) AS n FROM (SELECT departement, count(*) AS n FROM u_membres GROUP BY departement
       UNION ALL SELECT departement, lignes FROM ${OUTSIDE_BY_DEPARTEMENT}) GROUP BY departement ORDER BY departement`,
  );
  const communes = await rowsOf<{ courante: string; n: number }>(
    db,
    "SELECT courante, count(*) FILTER (WHERE statut <> 'charge') AS n FROM u_membres GROUP BY courante ORDER BY courante",
  );
  const notes = [...(await communeNotes(db)), ...(await valueNotes(db))];
  await db.run("DROP TABLE u_lignes; DROP TABLE u_membres; DROP TABLE u_groupes;");
  await dropRejects(db);

  const first = years[0]!.year;
  const last = years[years.length - 1]!.year;
  const scanRejected = readerRejections.length;
  return {
    file,
    source: "urssaf",
    vintage: `${first}-${last}`,
    years: [first, last],
    rowsRead: totals!.lignes + scanRejected,
    rowsLoaded: totals!.charges,
    rowsOutside: totals!.dehors,
    rejections,
    notes,
    coverage: {
      communes: Object.fromEntries(communes.map((c) => [c.courante, c.n])),
      departements: Object.fromEntries(departements.map((d) => [d.departement, d.n])),
    },
  };
}

export const urssaf: SourceLoader = { description, format: "csv", coverage: "communes", recognise, load };
export default urssaf;

export { description };
