// The one writer of the CSV files the product publishes (indicateurs.csv, suivi-cibles.csv, bassins-emploi.csv,
// rejets.csv, the same files offered for download on the site): UTF-8, comma, "\n", dot decimal, empty = unknown.
// Text comes from files typed by people (actions.csv, suivi.csv, rejected rows quoted back): a cell starting with
// `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula by a spreadsheet opening the file
// (`=HYPERLINK(...)`, `@SUM(1)`). Following OWASP's advice on CSV injection, such a TEXT cell is written with a
// leading `'` (and quoted); numbers are written as numbers, so `-12.5` stays a negative number, and a text that is
// just a number (`-15`, a rejected negative count quoted back) is no formula either: it is left as it is.
import Papa from "papaparse";

export type CsvCell = string | number | boolean | null | undefined;

/** Text cells a spreadsheet would read as a formula (OWASP CSV injection). */
export const FORMULA_START = /^(?![+-]?\d+(?:[.,]\d+)?$)[=+\-@\t\r]/;

/** Dot decimal, at most 6 decimals. */
export function roundNumber(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function prepare(cell: CsvCell): string | number | boolean {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? roundNumber(cell) : "";
  return cell;
}

/** A CSV file: header then rows; text cells escaped against formula injection, numbers rounded to 6 decimals. */
export function csvText(fields: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return Papa.unparse({ fields: [...fields], data: rows.map((r) => r.map(prepare)) }, { newline: "\n", escapeFormulae: FORMULA_START }) + "\n";
}
