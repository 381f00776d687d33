// Reading of the territory's own CSV files (data/local/): papaparse, with the physical line of every row so that
// rejections cite `file:line:column` as the editor shows it (line 1 = first line of the file, the header unless
// comment lines precede it). Lines starting with "#" and blank lines are ignored: the templates carry comments.
import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import type { Rejection } from "../sources/types.ts";
import { calendarDate, isoDate } from "../io/values.ts";

export interface LocalRow {
  line: number;
  /** Values by lower-cased, trimmed column name; trimmed. */
  values: Record<string, string>;
}

export interface LocalCsv {
  file: string;
  /** Lower-cased, trimmed column names. */
  header: string[];
  headerLine: number;
  rows: LocalRow[];
  rejections: Rejection[];
}

/** Returns null when the file does not exist (a local file is optional). */
export async function readLocalCsv(file: string): Promise<LocalCsv | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  text = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const result: LocalCsv = { file, header: [], headerLine: 0, rows: [], rejections: [] };
  let line = 1; // line of the row papaparse hands over next
  let consumed = 0;
  Papa.parse<string[]>(text, {
    delimiter: headerDelimiter(text),
    skipEmptyLines: false,
    step: (step) => {
      const rowLine = line;
      const end = step.meta.cursor;
      for (let i = consumed; i < end; i++) if (text.charCodeAt(i) === 10) line++;
      consumed = end;
      const cells = step.data.map((c) => c.trim());
      if (cells.every((c) => c === "") || (cells[0] ?? "").startsWith("#")) return;
      if (result.headerLine === 0) {
        result.header = cells.map((c) => c.toLowerCase());
        result.headerLine = rowLine;
        return;
      }
      if (cells.length !== result.header.length) {
        result.rejections.push({
          file, line: rowLine, column: "", value: cells.join(","),
          reason: `la ligne a ${cells.length} champ(s) alors que l'en-tête en a ${result.header.length} (séparateur ou guillemets ?)`,
        });
        return;
      }
      const values: Record<string, string> = {};
      result.header.forEach((h, i) => (values[h] = cells[i] ?? ""));
      result.rows.push({ line: rowLine, values });
    },
  });
  return result;
}

/**
 * The separator is read on the header line (the first line that is neither blank nor a comment): papaparse's own
 * guess looks at the first lines, which here may be comments full of commas and semicolons.
 */
function headerDelimiter(text: string): string {
  const header = text.split("\n").find((l) => l.trim() !== "" && !l.trimStart().startsWith("#")) ?? "";
  const counts = [",", ";", "\t"].map((d) => [d, header.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** Required columns absent from the header: one rejection each, at the header line; the file is then unusable. */
export function missingColumns(csv: LocalCsv, required: readonly string[]): Rejection[] {
  return required
    .filter((c) => !csv.header.includes(c))
    .map((c) => ({
      file: csv.file, line: Math.max(csv.headerLine, 1), column: c, value: "",
      reason: `colonne obligatoire absente de l'en-tête (attendu : ${required.join(",")}) ; fichier ignoré`,
    }));
}

/** A decimal number written with a dot or a comma; null when empty; undefined when not a number. */
export function parseNumber(text: string): number | null | undefined {
  const t = text.replace(/\s/g, "").replace(",", ".");
  if (t === "") return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

/** A year written as 4 digits. */
export function parseYear(text: string): number | undefined {
  return /^\d{4}$/.test(text) && Number(text) >= 1900 && Number(text) <= 2100 ? Number(text) : undefined;
}

/** A date written AAAA-MM-JJ or JJ/MM/AAAA, returned as AAAA-MM-JJ; undefined when invalid. */
export function parseDate(text: string): string | undefined {
  const date = calendarDate(text);
  return date ? isoDate(date) : undefined;
}

/** Lower case without accents, to accept "Engagee" for "engagée". */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().trim();
}

/** Rejections in file order, as the user reads the file. */
export function byLine(rejections: Rejection[]): Rejection[] {
  return [...rejections].sort((a, b) => a.line - b.line);
}
