// The one writer of the CSV files the product publishes (indicateurs.csv, suivi-cibles.csv, bassins-emploi.csv,
// rejets.csv, the same files offered for download on the site): UTF-8, comma, "\n", dot decimal, empty = unknown.
// Text cells that a spreadsheet would run as a formula get a leading `'` (the rule of src/format/spreadsheet.js,
// shared with the site's downloads).
import Papa from "papaparse";
import { FORMULA_START, roundNumber } from "../format/spreadsheet.js";

export { FORMULA_START, roundNumber };

export type CsvCell = string | number | boolean | null | undefined;

function prepare(cell: CsvCell): string | number | boolean {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? roundNumber(cell) : "";
  return cell;
}

/** A CSV file: header then rows; text cells escaped against formula injection, numbers rounded to 6 decimals. */
export function csvText(fields: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return Papa.unparse({ fields: [...fields], data: rows.map((r) => r.map(prepare)) }, { newline: "\n", escapeFormulae: FORMULA_START }) + "\n";
}
