// The one way the project asks DuckDB to read a CSV file: read_csv with every option written out and nothing
// sniffed. JavaScript has decided the separator, the encoding (DuckDB reads UTF-8 only: another encoding goes to the
// project's CSV reader) and the header before; the columns are named by their position (a header may repeat a name
// or hold any character) and typed as the caller says (text, validated in SQL, unless proved otherwise). The file's
// path is a named parameter bound when the statement runs, never written into the SQL text (a file name may hold any
// character).
import { MAX_LINE_BYTES } from "../io/read-text.ts";
import { sqlString } from "./sql-literals.ts";

export interface ReadCsvOptions {
  file: string;
  delimiter: string;
  /** The file's columns in order: the name the query gives each, and its DuckDB type. */
  columns: readonly { name: string; type: "VARCHAR" | "INTEGER" }[];
  /** A gzip file (told by its bytes: src/io/read-text.ts isGzipFile), inflated by DuckDB. */
  compressed: boolean;
  /** The text read as NULL instead of the empty cell (an empty cell is then ''). */
  nullMarker?: string;
  /**
   * The longest line DuckDB accepts, as the project's readers (MAX_LINE_BYTES), with buffers of twice that size:
   * without buffer_size DuckDB sizes its buffers from max_line_size, some 400 MB more for a national file.
   */
  projectLineBound?: boolean;
  /** Where the rows DuckDB cannot split go (line, column, reason) instead of failing the read. */
  rejects?: { table: string; scan: string };
}

/** The named parameter carrying the path of the file read: bind it with fileParameter(file). */
export const FILE_PARAMETER = "fichier_lu";

/** The parameters of a statement reading `file` (readCsvSql, or `read_parquet($fichier_lu)`). */
export const fileParameter = (file: string): Record<string, string> => ({ [FILE_PARAMETER]: file });

/** A relation in SQL and the parameters its text names (a file's path): run the statements that use it with them. */
export interface Relation {
  sql: string;
  params: Record<string, string>;
}

/** The `read_csv($fichier_lu, ...)` call, to use as a relation; its statement binds fileParameter(o.file). */
export function readCsvSql(o: ReadCsvOptions): string {
  const columns = o.columns.map((c) => `${sqlString(c.name)}: '${c.type}'`).join(", ");
  const options = [
    `delim = ${sqlString(o.delimiter)}`, `quote = '"'`, `escape = '"'`, "header = true", "auto_detect = false",
    `columns = {${columns}}`, "encoding = 'utf-8'", `compression = ${sqlString(o.compressed ? "gzip" : "none")}`,
    ...(o.nullMarker === undefined ? [] : [`nullstr = ${sqlString(o.nullMarker)}`]),
    ...(o.projectLineBound ? [`max_line_size = ${MAX_LINE_BYTES}`, `buffer_size = ${2 * MAX_LINE_BYTES}`] : []),
    ...(o.rejects ? ["store_rejects = true", `rejects_table = ${sqlString(o.rejects.table)}`, `rejects_scan = ${sqlString(o.rejects.scan)}`] : []),
  ];
  return `read_csv($${FILE_PARAMETER}, ${options.join(", ")})`;
}
