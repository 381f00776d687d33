// CSV writing shared by the generator modules: papaparse quoting, `\n` line ends, UTF-8.
import Papa from "papaparse";
import type { SourceId } from "../types.ts";

export interface CsvOptions {
  delimiter: ";" | ",";
  bom?: boolean;
}

export interface GeneratedFile {
  /** Path relative to the data folder, with `/` (e.g. `sources/dares-defm-communes.csv`). */
  path: string;
  source: Exclude<SourceId, "bassins_bmo">;
  vintage: string;
  content: Buffer;
  /** Data rows (header excluded). */
  rows: number;
  /** The communes the file was asked for, as data:refresh asks the producer for an export filtered by commune. */
  communesRequested?: string[];
}

export type Cell = string | number;

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[], options: CsvOptions): Buffer {
  const body = Papa.unparse(
    { fields: [...header], data: rows.map((r) => r.map((v) => (typeof v === "number" ? String(v) : v))) },
    { delimiter: options.delimiter, newline: "\n", quotes: false, header: true },
  );
  return Buffer.from(`${options.bom ? "\uFEFF" : ""}${body}\n`, "utf8");
}

/** Consecutive years, both included. */
export function years(first: number, last: number): number[] {
  const out: number[] = [];
  for (let y = first; y <= last; y++) out.push(y);
  return out;
}
