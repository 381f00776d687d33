// DuckDB's read_csv over an official file, with what JavaScript decided before it (encoding, separator, header) and
// DuckDB's rejects tables turned into the project's rejections: a row DuckDB could not split (wrong number of fields,
// a quote never closed, a byte that is not text) is rejected with its line and the same French reason as the
// project's CSV reader gives (src/io/csv.ts).
// Line numbers: DuckDB numbers its rejects by line (header = line 1); the rows it reads carry their rank (row_number
// over the scan, in file order). A row's line is its rank moved past the lines DuckDB did not return as rows: the
// lines it rejected and the blank lines it skipped (found here, only when a line must be told).
import { open } from "node:fs/promises";
import type { DuckDBConnection } from "@duckdb/node-api";
import { openTextStream, type TextEncoding } from "../../io/read-text.ts";
import type { Delimiter } from "../../io/csv.ts";
import type { Rejection } from "../types.ts";
import { readCsvSql as readCsv } from "../../db/read-csv.ts";

export const REJECTS_TABLE = "u_rejets";
const REJECTS_SCAN = "u_rejets_scan";

export interface CsvSource {
  file: string;
  encoding: TextEncoding;
  delimiter: Delimiter;
  header: string[];
  compressed: boolean;
}

/** SQL name of the column at `index` of the header (the header's own names may repeat or hold any character). */
export const columnSql = (index: number) => `c${index}`;

/**
 * read_csv of the whole file, every column VARCHAR (validation is done in SQL) but those at the `integers` positions,
 * typed INTEGER (cells proved plain digits beforehand: src/io/digit-tails.ts), rows DuckDB cannot split going to
 * its rejects tables. UTF-8 only: a file in another encoding goes to the project's CSV reader (src/io/csv-staging.ts).
 */
export function readCsvSql(source: CsvSource, integers: ReadonlySet<number> = new Set()): string {
  return readCsv({
    file: source.file,
    delimiter: source.delimiter,
    columns: source.header.map((_, i) => ({ name: columnSql(i), type: integers.has(i) ? "INTEGER" : "VARCHAR" })),
    compressed: source.compressed,
    projectLineBound: true,
    rejects: { table: REJECTS_TABLE, scan: REJECTS_SCAN },
  });
}

/** Drops the rejects tables left by a previous scan of this connection. */
export async function dropRejects(db: DuckDBConnection): Promise<void> {
  await db.run(`DROP TABLE IF EXISTS ${REJECTS_TABLE}; DROP TABLE IF EXISTS ${REJECTS_SCAN};`);
}

export interface ScanRejects {
  /** Lines DuckDB did not return as rows (rejected, blank lines with spaces), for the line numbers. */
  skipped: number[];
  rejections: Rejection[];
}

const fields = (n: number) => (n > 1 ? `${n} champs` : `${n} champ`);

/** The rows DuckDB rejected, as rejections with the reasons of src/io/csv.ts; blank lines are skipped, not rejected. */
export async function scanRejects(db: DuckDBConnection, source: CsvSource, lastRowLine: () => Promise<number>): Promise<ScanRejects> {
  const reader = await db.runAndReadAll(
    `SELECT line, column_idx, error_type, csv_line, error_message FROM ${REJECTS_TABLE} ORDER BY line, column_idx`,
  );
  const seen = new Set<number>();
  const skipped: number[] = [];
  const rejections: Rejection[] = [];
  const expected = source.header.length;
  const rows = reader.getRowObjectsJS() as { line: bigint; column_idx: bigint; error_type: string; csv_line: string | null; error_message: string }[];
  let endsWithNewline: boolean | undefined;
  for (const r of rows) {
    const line = Number(r.line);
    if (seen.has(line)) continue; // one rejection per line: its first problem
    seen.add(line);
    skipped.push(line);
    const text = (r.csv_line ?? "").replace(/^[\r\n]+|[\r\n]+$/g, ""); // DuckDB may hold the blank lines before
    if (text.trim() === "") continue; // a line of spaces is blank: not a row
    const found = Number(/Found: (\d+)/.exec(r.error_message)?.[1] ?? NaN);
    const missingColumn = source.header[Math.min(Number.isNaN(found) ? expected - 1 : found, expected - 1)] ?? "";
    let column = "";
    let reason: string;
    if (r.error_type === "MISSING COLUMNS") {
      column = missingColumn;
      endsWithNewline ??= await fileEndsWithNewline(source);
      const last = !endsWithNewline && line > (await lastRowLine()) && line === Number(rows[rows.length - 1]!.line);
      reason = last ? `dernière ligne tronquée : ${fields(found)} au lieu de ${expected} (fichier coupé ?)` : `nombre de champs incorrect : ${fields(found)} au lieu de ${expected}`;
    } else if (r.error_type === "TOO MANY COLUMNS") reason = `nombre de champs incorrect : ${fields(found)} au lieu de ${expected}`;
    else if (r.error_type === "UNQUOTED VALUE")
      reason = "guillemet ouvert jamais refermé sur cette ligne : ligne écartée, la lecture reprend à la ligne suivante (guillemet à doubler ou à retirer)";
    else if (r.error_type === "INVALID ENCODING" || r.error_type === "INVALID UNICODE") {
      column = source.header[Number(r.column_idx) - 1] ?? "";
      reason = "caractère illisible : octet qui n'est pas de l'UTF-8 (fichier enregistré dans un autre encodage ?)";
    } else reason = `ligne illisible (${r.error_message})`;
    rejections.push({ file: source.file, line, column, value: text, reason });
  }
  return { skipped, rejections };
}

/** Whether the file's text ends with a line break (a last line without one may be cut). */
async function fileEndsWithNewline(source: CsvSource): Promise<boolean> {
  if (!source.compressed) {
    const handle = await open(source.file, "r");
    try {
      const { size } = await handle.stat();
      if (size === 0) return false;
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      return last[0] === 0x0a || last[0] === 0x0d;
    } finally {
      await handle.close();
    }
  }
  let last = "";
  for await (const chunk of openTextStream(source.file, source.encoding)) if ((chunk as string).length > 0) last = (chunk as string).slice(-1);
  return last === "\n" || last === "\r";
}

/** Lines of the file that are empty (DuckDB skips them without a word): read only when a line must be told. */
export async function emptyLines(source: CsvSource): Promise<number[]> {
  const out: number[] = [];
  let line = 1;
  let empty = true;
  let previous = "";
  for await (const chunk of openTextStream(source.file, source.encoding)) {
    const text = chunk as string;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === "\n" && previous === "\r") {
        previous = ch;
        continue; // the second half of CRLF
      }
      if (ch === "\n" || ch === "\r") {
        if (empty && line > 1) out.push(line);
        line++;
        empty = true;
      } else empty = false;
      previous = ch;
    }
  }
  return out;
}

/** Turns ranks of rows (1 = first row DuckDB returned) into lines, past the skipped lines (sorted). */
export function linesOfRanks(ranks: readonly number[], skipped: readonly number[]): Map<number, number> {
  const sortedSkipped = [...new Set(skipped)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  let k = 0;
  let moved = 0;
  for (const rank of [...new Set(ranks)].sort((a, b) => a - b)) {
    let line = rank + 1 + moved;
    while (k < sortedSkipped.length && sortedSkipped[k]! <= line) {
      k++;
      moved++;
      line++;
    }
    out.set(rank, line);
  }
  return out;
}

/** The table the fallback reader (src/io/csv-staging.ts) fills: `ligne` (line of the record) and the header's columns, all text. */
export const STAGED_TABLE = "u_texte";
