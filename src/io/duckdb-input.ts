// How an official file reaches DuckDB for a loader whose rules are written in SQL (Sirene, DARES, Cerema,
// Cartofriches): as a relation `line, <one VARCHAR column per field the loader reads>`, '' for an empty cell and for
// a field the file lacks, whatever the file is:
// - Parquet (INSEE's stock, Opendatasoft's export): read_parquet; `line` is the row number (1 = first row), typed
//   values cast to text so that the same rules apply;
// - CSV, plain or gzip, UTF-8: DuckDB's read_csv, every column VARCHAR; `line` = 1 + the record's rank, which is the
//   line number only when every record is one line: scanCsv checks that after the loader's scan (against the line
//   count of the encoding pass) and otherwise reads the file again through the project's CSV reader. The encoding
//   pass (read-text.ts detectEncoding: the whole file, natively checked, its result and line count kept for the
//   pipeline's report) runs before DuckDB's read, never beside it: DuckDB 1.5 loses its whole database (INTERNAL
//   error) on a byte that is not UTF-8 in a column it reads whose position in the file is past the number of columns
//   it reads (a Windows-1252 no-break space in a count, far into the file), so only a file proved UTF-8 is given to
//   it, every byte of it;
// - CSV that read_csv cannot read line for line (not UTF-8, records over several lines, blank lines, a quote never
//   closed, a wrong number of fields): the project's CSV reader (transcoding, exact line numbers, reading resumed
//   after a broken line) feeds a temporary table, its unreadable records returned as rejections with their reason;
// - CSV whose producer escapes a quote with a backslash (`\"`, Cartofriches) and that holds one: a copy of its content
//   with each `\"` written `""`, as the project's reader reads it, read as above.
// The URSSAF loader, whose national file cannot be read twice, turns DuckDB's rejects into reasons instead
// (src/sources/urssaf/csv-scan.ts).
import type { DuckDBConnection } from "@duckdb/node-api";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { detectDelimiter, holdsBackslashQuote, openCsv, writeDoubledBackslashQuotes, type CsvOptions } from "./csv.ts";
import { stageCsvRecords } from "./csv-staging.ts";
import { countPhysicalLines } from "./line-count.ts";
import { LoadError, type Rejection } from "./problems.ts";
import { detectEncoding, isGzipFile, readFirstLine, startsAsUtf8 } from "./read-text.ts";
import { FILE_PARAMETER, fileParameter, readCsvSql, type Relation } from "../db/read-csv.ts";

/** A field the loader reads: the name the relation gives it, and its column in the file's header (-1: absent). */
export interface InputField {
  name: string;
  index: number;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** `expr AS name, ...` for the fields, from a function giving the expression of a header column (by index). */
const projection = (fields: readonly InputField[], column: (index: number) => string) =>
  fields.map((f) => `${f.index >= 0 ? column(f.index) : "''"} AS ${ident(f.name)}`).join(", ");

/** The relation of a Parquet file whose columns are `names`. */
export function parquetRelation(file: string, names: readonly string[], fields: readonly InputField[]): Relation {
  return {
    sql: `SELECT file_row_number + 1 AS line, ${projection(fields, (i) => `coalesce(CAST(${ident(names[i]!)} AS VARCHAR), '')`)}
      FROM read_parquet($${FILE_PARAMETER}, file_row_number = true)`,
    params: fileParameter(file),
  };
}

/**
 * read_csv of the whole file, every column text (positional names: a header may repeat a name), its unreadable
 * records kept in the table `rejects` (scanCsv then reads the file with the project's CSV reader instead).
 * Null when DuckDB should not be tried: a start that is not UTF-8. A file must be proved UTF-8 to its end before
 * the relation is run (see the top: scanCsv does).
 */
export async function csvRelation(file: string, header: readonly string[], fields: readonly InputField[], rejects: string): Promise<Relation | null> {
  if (!(await startsAsUtf8(file))) return null;
  const read = readCsvSql({
    file,
    delimiter: detectDelimiter(await readFirstLine(file)),
    columns: header.map((_, i) => ({ name: `c${i}`, type: "VARCHAR" })),
    compressed: await isGzipFile(file),
    // An empty cell is '' (unknown, as in the project's reader), never NULL; NULL would mark a padded field.
    nullMarker: "\u0001",
    rejects: { table: rejects, scan: `${rejects}_scan` },
  });
  // The fields are chosen before row_number(): a window over read_csv itself makes DuckDB read every column of the
  // file (54 for the Sirene stock), measured at nearly three times the work of reading the twelve the loader needs.
  return { sql: `SELECT row_number() OVER () + 1 AS line, * FROM (SELECT ${projection(fields, (i) => `c${i}`)} FROM ${read})`, params: fileParameter(file) };
}

/**
 * The file read by the project's CSV reader into the temporary table `table` (line + fields, src/io/csv-staging.ts):
 * the path for what read_csv cannot read line for line. Returns the relation and the unreadable records' rejections.
 */
export async function stageWithCsvReader(
  db: DuckDBConnection,
  file: string,
  table: string,
  fields: readonly InputField[],
  options: CsvOptions = {},
): Promise<{ relation: Relation; rejections: Rejection[] }> {
  const csv = await openCsv(file, options);
  // An empty cell is '' here as in csvRelation (its nullstr never occurs).
  const rejections = await stageCsvRecords(db, csv, { table, lineColumn: "line", columns: fields, emptyCell: "" });
  return { relation: { sql: `SELECT * FROM ${ident(table)}`, params: {} }, rejections };
}

/** Temporary tables of scanCsv: DuckDB's rejects (and `<rejects>_scan`), the fallback reader's rows. */
export interface InputTables {
  rejects: string;
  staged: string;
}

/** The folder of the copy scanCsv read in place of a file (backslash-escaped quotes), removed by dropInputTables. */
const copies = new WeakMap<InputTables, string>();

/**
 * Runs `scan` over the file's relation (it returns how many records it saw): DuckDB's read_csv when it reads every
 * record as one line of the file, else the project's CSV reader (scan then runs again, over its table).
 * Returns the relation that was scanned and the reader's rejections (none from read_csv: a file it rejects a line of
 * goes to the reader). Drop the tables with dropInputTables.
 * `options.backslashEscapedQuotes` (a producer writing `\"` for a quote inside a quoted field, src/io/csv.ts): the
 * project's reader reads each `\"` as `""`, which read_csv cannot do (its escape `\` would also take `\\` and `\x`
 * for escapes, and a doubled quote no more). A file holding one is read as a copy of its content with every `\"`
 * written `""` (same length: same lines, same encoding), in a temporary folder that dropInputTables removes; a file
 * holding none is read as it is, the same either way.
 */
export async function scanCsv(
  db: DuckDBConnection,
  file: string,
  header: readonly string[],
  fields: readonly InputField[],
  tables: InputTables,
  scan: (relation: Relation) => Promise<number>,
  options: CsvOptions = {},
): Promise<{ relation: Relation; rejections: Rejection[] }> {
  if (options.backslashEscapedQuotes === true && (await holdsBackslashQuote(file))) {
    const folder = await mkdtemp(path.join(tmpdir(), "ti-guillemets-"));
    copies.set(tables, folder);
    const copy = path.join(folder, "contenu.csv"); // decompressed; the file's own name stays out of the SQL text
    await writeDoubledBackslashQuotes(file, copy);
    try {
      // The copy's `\"` are `""` already: read without the option (it would double them twice).
      const read = await scanCsv(db, copy, header, fields, tables, scan);
      return { relation: read.relation, rejections: read.rejections.map((r) => ({ ...r, file })) };
    } catch (e) {
      throw e instanceof LoadError && e.problem.file === copy ? new LoadError({ ...e.problem, file }) : e;
    }
  }
  // The encoding pass reads the whole file first (it also proves a gzip file complete, with the reader's message, and
  // counts its lines on the way: countPhysicalLines then reads nothing).
  // A file that is UTF-8 save a few damaged bytes is read by the project's reader too: it rejects their lines.
  const encoding = await detectEncoding(file);
  const relation = encoding.encoding === "utf-8" && !encoding.invalidBytes ? await csvRelation(file, header, fields, tables.rejects) : null;
  if (relation !== null) {
    const records = await scan(relation).catch(() => null);
    if (records !== null && (await oneLinePerRecord(db, tables.rejects, records, await countPhysicalLines(file)))) return { relation, rejections: [] };
  }
  const staged = await stageWithCsvReader(db, file, tables.staged, fields, options);
  await scan(staged.relation);
  return staged;
}

/**
 * Whether every record read by read_csv was exactly one line of the file: no blank line, no cell over several
 * lines, nothing rejected by the reader. Then `line` = 1 + rank is the line number.
 */
async function oneLinePerRecord(db: DuckDBConnection, rejects: string, records: number, physicalLines: number): Promise<boolean> {
  const rejected = Number((await db.runAndReadAll(`SELECT count(*) AS n FROM ${ident(rejects)}`)).getRowObjectsJS()[0]!.n);
  return rejected === 0 && physicalLines === records + 1;
}

/** Drops what scanCsv may have created: its tables, and the copy it read in place of the file. */
export async function dropInputTables(db: DuckDBConnection, tables: InputTables): Promise<void> {
  for (const t of [tables.rejects, `${tables.rejects}_scan`, tables.staged]) await db.run(`DROP TABLE IF EXISTS ${ident(t)}`);
  const copy = copies.get(tables);
  copies.delete(tables);
  if (copy !== undefined) await rm(copy, { recursive: true, force: true });
}
