// Reading of the territory's own CSV files (data/local/) with the project's one CSV reader (src/io/csv.ts): same
// encoding detection (UTF-8, or Windows-1252 as Excel saves a "CSV" on Windows), same line endings, same recovery
// after a quote never closed. Line numbers are physical lines, as the editor shows them (line 1 = first line of the
// file, the header unless comment lines precede it). Lines starting with "#" and blank lines are ignored: the
// templates carry comments.
import { stat } from "node:fs/promises";
import { openCsv } from "../io/csv.ts";
import { encodingNote } from "../io/read-text.ts";
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
  /** Remarks about the whole file, in French (the encoding it was read in when not UTF-8). */
  notes: string[];
}

/**
 * Returns null when the file does not exist (a local file is optional). `shown` is the name written in rejections
 * (the path relative to the data folder, never an absolute path that would be published).
 */
export async function readLocalCsv(file: string, shown = file): Promise<LocalCsv | null> {
  try {
    if (!(await stat(file)).isFile()) return null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  const csv = await openCsv(file, { comments: true });
  const header = csv.header.map((c) => c.toLowerCase());
  const result: LocalCsv = { file: shown, header, headerLine: csv.header.length > 0 && header.some((h) => h !== "") ? csv.headerLine : 0, rows: [], rejections: [], notes: [] };
  const note = encodingNote(csv);
  if (note) result.notes.push(note);
  if (result.headerLine === 0) return result;
  for await (const record of csv.records()) {
    const cells = record.cells.map((c) => c.trim());
    if (record.problem) {
      result.rejections.push({ file: shown, line: record.line, column: record.problem.column, value: cells.join(csv.delimiter), reason: record.problem.reason });
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((h, i) => (values[h] = cells[i] ?? ""));
    result.rows.push({ line: record.line, values });
  }
  return result;
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

/**
 * Largest plausible number in a local file (a target, a follow-up value, a budget): 10^12, a thousand billion.
 * Beyond it, a value is a typing accident (a 400-digit number is not even finite once read: it would be "loaded",
 * then published as missing).
 */
export const MAX_LOCAL_NUMBER = 1e12;
export const NUMBER_REASON = "nombre attendu (séparateur décimal « . » ou « , »)";
export const TOO_LARGE_REASON = "nombre invraisemblable : au-delà de 1 000 milliards (10^12)";

/** A decimal number written with a dot or a comma; null when empty; undefined when not a (plausible) number. */
export function parseNumber(text: string): number | null | undefined {
  const t = text.replace(/\s/g, "").replace(",", ".");
  if (t === "") return null;
  if (!/^-?\d+(\.\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) && Math.abs(n) <= MAX_LOCAL_NUMBER ? n : undefined;
}

/** Why parseNumber refused `text`: not a number, or a number beyond the plausible. */
export function numberReason(text: string): string {
  const t = text.replace(/\s/g, "").replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(t) ? TOO_LARGE_REASON : NUMBER_REASON;
}

/** Years a local file may name: 1900 to 2100 (a contract's targets and actions lie within a few decades). */
export const FIRST_LOCAL_YEAR = 1900;
export const LAST_LOCAL_YEAR = 2100;

/** A year written as 4 digits, from 1900 to 2100. */
export function parseYear(text: string): number | undefined {
  return /^\d{4}$/.test(text) && Number(text) >= FIRST_LOCAL_YEAR && Number(text) <= LAST_LOCAL_YEAR ? Number(text) : undefined;
}

/** A date written AAAA-MM-JJ or JJ/MM/AAAA (year 1900 to 2100), returned as AAAA-MM-JJ; undefined when invalid. */
export function parseDate(text: string): string | undefined {
  const date = calendarDate(text);
  return date && date.year >= FIRST_LOCAL_YEAR && date.year <= LAST_LOCAL_YEAR ? isoDate(date) : undefined;
}

/**
 * Today as AAAA-MM-JJ, one day ahead: an update date cannot lie in the future, but a file typed in the evening in
 * France may carry tomorrow's date as seen from a build server on UTC.
 */
export function latestUpdateDate(today: Date = new Date()): string {
  return new Date(today.getTime() + 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/** Lower case without accents, to accept "Engagee" for "engagée". */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().trim();
}

/** Rejections in file order, as the user reads the file. */
export function byLine(rejections: Rejection[]): Rejection[] {
  return [...rejections].sort((a, b) => a.line - b.line);
}
