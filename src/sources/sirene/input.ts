// How a Sirene file reaches DuckDB: as a relation `line, <one VARCHAR column per field the loader reads>` ('' for a
// column the file lacks), whatever the file is:
// - Parquet (INSEE's StockEtablissement Parquet): read_parquet; `line` is the row number (1 = first row), typed
//   values cast to text so that the same rules apply;
// - CSV, plain or gzip, UTF-8: DuckDB's read_csv, every column VARCHAR; `line` = 1 + the record's rank, which is the
//   line number only when every record is one line: the caller checks that after the scan (countPhysicalLines) and
//   otherwise reads the file again with the project's CSV reader (stageWithCsvReader);
// - CSV that DuckDB cannot read as it is (not UTF-8, records over several lines, blank lines, a quote never closed,
//   a wrong number of fields): the project's CSV reader (transcoding, exact line numbers, reading resumed after a
//   broken line) feeds a temporary table, its unreadable records rejected with their reason.
import type { DuckDBConnection } from "@duckdb/node-api";
import { detectDelimiter, openCsv, parseHeaderLine } from "../../io/csv.ts";
import { Header } from "../../io/header.ts";
import { stageCsvRecords } from "../../io/csv-staging.ts";
import { isGzipFile, readFirstLine, startsAsUtf8 } from "../../io/read-text.ts";
import { readCsvSql } from "../../db/read-csv.ts";
import { sqlString } from "../../db/sql-literals.ts";
import type { ReportBuilder } from "../../io/report.ts";
import { parquetColumns } from "../../io/parquet.ts";

/** The fields the loader reads, by their Sirene v3 name. */
export const COLUMNS = {
  siret: "siret",
  commune: "codeCommuneEtablissement",
  country: "codePaysEtrangerEtablissement",
  created: "dateCreationEtablissement",
  activity: "activitePrincipaleEtablissement",
  nomenclature: "nomenclatureActivitePrincipaleEtablissement",
  naf25: "activitePrincipaleNAF25Etablissement",
  state: "etatAdministratifEtablissement",
  employer: "caractereEmployeurEtablissement",
  headOffice: "etablissementSiege",
  diffusion: "statutDiffusionEtablissement",
  treated: "dateDernierTraitementEtablissement",
} as const;
export type Column = keyof typeof COLUMNS;
const FIELDS = Object.keys(COLUMNS) as Column[];

export type InputKind = "csv" | "parquet";

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The header of the file: Parquet column names, or the CSV header line. */
export async function readHeader(db: DuckDBConnection, file: string, kind: InputKind): Promise<string[]> {
  return kind === "parquet" ? parquetColumns(file, db) : parseHeaderLine(await readFirstLine(file));
}

/** `expr AS siret, ...` for the fields, from a function giving the expression of a header column (by index). */
function projection(header: Header, column: (index: number) => string): string {
  return FIELDS.map((f) => {
    const i = header.index(COLUMNS[f]);
    return `${i >= 0 ? column(i) : "''"} AS ${f}`;
  }).join(", ");
}

export function parquetRelation(file: string, names: string[]): string {
  const header = new Header(names);
  return `SELECT file_row_number + 1 AS line, ${projection(header, (i) => `coalesce(CAST(${ident(names[i]!)} AS VARCHAR), '')`)} FROM read_parquet(${sqlString(file)}, file_row_number = true)`;
}

/**
 * read_csv of the whole file, every column text (positional names: a header may repeat a name), its unreadable
 * records kept in `rejects` (the caller then reads the file with the project's CSV reader instead).
 * Null when DuckDB should not be tried: a start that is not UTF-8.
 */
export async function duckdbCsvRelation(file: string, names: string[], rejects: string): Promise<string | null> {
  if (!(await startsAsUtf8(file))) return null;
  const delimiter = detectDelimiter((await readFirstLine(file)).replace(/^\uFEFF/, ""));
  const read = readCsvSql({
    file,
    delimiter,
    columns: names.map((_, i) => ({ name: `c${i}`, type: "VARCHAR" })),
    compressed: await isGzipFile(file),
    // An empty cell is '' (unknown, as in the JS reader), never NULL; NULL marks a padded (missing) field.
    nullMarker: "\u0001",
    rejects: { table: rejects, scan: `${rejects}_scan` },
  });
  const header = new Header(names);
  // The fields are chosen before row_number(): a window over read_csv itself makes DuckDB read every column of the
  // file (54 for the stock), measured at nearly three times the work of reading the twelve the loader needs.
  return `SELECT row_number() OVER () + 1 AS line, * FROM (SELECT ${projection(header, (i) => `c${i}`)} FROM ${read})`;
}

/**
 * The file read by the project's CSV reader into the temporary table `table` (line + fields, src/io/csv-staging.ts):
 * the path for what read_csv cannot read line by line. Unreadable records are rejected on the spot.
 */
export async function stageWithCsvReader(db: DuckDBConnection, file: string, table: string, report: ReportBuilder): Promise<string> {
  const csv = await openCsv(file);
  const header = new Header(csv.header);
  const columns = FIELDS.map((f) => ({ name: f, index: header.index(COLUMNS[f]) }));
  // An empty cell is '' here as in duckdbCsvRelation (its nullstr never occurs).
  for (const r of await stageCsvRecords(db, csv, { table, lineColumn: "line", columns, emptyCell: "" })) report.reject(r.line, r.column, r.value, r.reason);
  return `SELECT * FROM ${table}`;
}

/**
 * Whether every record read by read_csv was exactly one line of the file: no blank line, no cell over several
 * lines, nothing rejected by the reader. Then `line` = 1 + rank is the line number.
 */
export async function oneLinePerRecord(db: DuckDBConnection, rejects: string, records: number, physicalLines: number): Promise<boolean> {
  const rejected = Number((await db.runAndReadAll(`SELECT count(*) AS n FROM ${rejects}`)).getRowObjectsJS()[0]!.n);
  return rejected === 0 && physicalLines === records + 1;
}
