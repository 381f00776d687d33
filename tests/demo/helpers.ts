// Shared helpers of the demo generator tests: parse the generated files as a loader would.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import Papa from "papaparse";
import ExcelJS from "exceljs";

export const BOM = "\uFEFF";

/** The text of a file, gunzipped when it is a `.gz` file (the rest-of-France URSSAF file is written compressed). */
export function readText(dir: string, path: string): string {
  const bytes = readFileSync(join(dir, path));
  return (path.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
}

export function headerLine(dir: string, path: string): string {
  const text = readText(dir, path);
  return text.slice(0, text.indexOf("\n"));
}

export function readCsv(dir: string, path: string, delimiter: ";" | ","): Record<string, string>[] {
  const text = readText(dir, path).replace(/^\uFEFF/, "");
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, delimiter, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${path}: ${parsed.errors[0]!.message} (line ${parsed.errors[0]!.row})`);
  return parsed.data;
}

export async function readBmo(dir: string, year: number): Promise<{ sheets: string[]; header: unknown[]; rows: unknown[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, `sources/Base_open_data_BMO_${year}.xlsx`));
  const sheet = workbook.getWorksheet(`BMO_${year}_open_data`);
  if (!sheet) throw new Error(`sheet BMO_${year}_open_data missing`);
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { sheets: workbook.worksheets.map((w) => w.name), header: rows[0]!, rows: rows.slice(1) };
}

export function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
