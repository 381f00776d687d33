// Streaming CSV reader on top of papaparse, for the official files AND the territory's own files (data/local/):
// yields each record with the 1-based line number where it starts (line 1 = first line of the file), so that every
// rejection can be written `file:line:column`. Records are pulled one at a time (the parser is paused when the
// consumer lags), so a 1.2 million-row file never sits in memory.
//
// What the reader repairs or refuses at its root, for every file:
//   - encoding: decided by read-text.ts (UTF-8, or Windows-1252, Excel's default); a row holding a byte that is not
//     UTF-8 in a file read as UTF-8 is flagged, not silently mangled;
//   - line endings: "\r\n", "\n" and a lone "\r" (old Mac) are all line ends, even mixed in one file (papaparse
//     guesses ONE line ending from the start of the file and would read the rest as a single row);
//   - a quote opened and never closed (`"Titre sans fin`) would swallow every following line into one field: the
//     record is cut back to its own line, rejected, and reading resumes on the next line, so the valid rows after
//     it are read as rows.
// Local files (`comments: true`) may start with comment lines (`# ...`) and blank lines: the header is the first
// line that is neither, and later comment lines are skipped.
import Papa from "papaparse";
import { Readable } from "node:stream";
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { detectEncoding, fileByteChunks, openTextStream, readFirstLine, readPrefix, decodeBytes, type EncodingInfo, type TextEncoding } from "./read-text.ts";
import { LoadError, type Rejection } from "./problems.ts";

export type Delimiter = ";" | "," | "\t";

/** One data record. `problem` is set when the record cannot be trusted (wrong field count, cut file...). */
export interface CsvRecord {
  line: number;
  cells: string[];
  problem?: { column: string; reason: string };
}

/** The rejection of a record the reader could not trust (its problem's column and reason, the whole line as value); null for a sound one. */
export function unreadableRejection(file: string, record: CsvRecord, delimiter: string): Rejection | null {
  return record.problem ? { file, line: record.line, column: record.problem.column, value: record.cells.join(delimiter), reason: record.problem.reason } : null;
}

export interface CsvFile extends EncodingInfo {
  file: string;
  delimiter: Delimiter;
  header: string[];
  /** Line of the header (1 unless comment or blank lines precede it). */
  headerLine: number;
  records(): AsyncGenerator<CsvRecord>;
}

export interface CsvOptions {
  /** Lines starting with "#" are comments (local files): skipped, before and after the header. */
  comments?: boolean;
  /**
   * The producer escapes a quote inside a quoted field with a backslash (`"maison \"Les Opalines\""`, Cartofriches'
   * export) instead of doubling it: `\"` is read as `""`, so that such a field does not swallow the rest of the file.
   */
  backslashEscapedQuotes?: boolean;
}

/** `\"` -> `""` across chunk boundaries (same length: line numbers do not move). */
export async function* doubledBackslashQuotes(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let held = "";
  for await (const chunk of chunks) {
    let text = held + chunk;
    held = "";
    // A backslash at the end of a chunk may escape the quote that starts the next one.
    if (text.endsWith("\\")) {
      held = "\\";
      text = text.slice(0, -1);
    }
    yield text.replaceAll('\\"', '""');
  }
  if (held) yield held;
}

// The same rule on bytes, for a reader that hands the file to DuckDB (src/io/duckdb-input.ts): `\` and `"` are ASCII,
// the same single bytes in UTF-8 and Windows-1252, never part of a multi-byte character nor swallowed by the
// decoding of a bad one, so `\"` in the bytes is `\"` in the text, and the copy decodes to the reader's text.
const BACKSLASH = 0x5c;
const QUOTE = 0x22;

/** Whether the file's content (decompressed) holds `\"` anywhere; stops at the first. */
export async function holdsBackslashQuote(file: string): Promise<boolean> {
  let endsWithBackslash = false;
  for await (const chunk of await fileByteChunks(file)) {
    if (chunk.length === 0) continue;
    if ((endsWithBackslash && chunk[0] === QUOTE) || chunk.indexOf('\\"') !== -1) return true;
    endsWithBackslash = chunk[chunk.length - 1] === BACKSLASH;
  }
  return false;
}

/**
 * Writes to `copy` the file's content (decompressed) with each `\"` written `""`, from left to right as
 * doubledBackslashQuotes does (`\\"` -> `\""`): same length, the same lines and encoding.
 */
export async function writeDoubledBackslashQuotes(file: string, copy: string): Promise<void> {
  async function* doubled(): AsyncGenerator<Buffer> {
    let held = false; // a backslash ending the previous chunk, whose quote may start this one
    for await (const chunk of await fileByteChunks(file)) {
      const bytes = Buffer.allocUnsafe(chunk.length + (held ? 1 : 0)); // a copy: the chunks read are transient
      if (held) bytes[0] = BACKSLASH;
      chunk.copy(bytes, held ? 1 : 0);
      for (let i = bytes.indexOf('\\"'); i !== -1; i = bytes.indexOf('\\"', i + 2)) bytes[i] = QUOTE;
      held = bytes.length > 0 && bytes[bytes.length - 1] === BACKSLASH;
      const out = held ? bytes.subarray(0, bytes.length - 1) : bytes;
      if (out.length > 0) yield out;
    }
    if (held) yield Buffer.from([BACKSLASH]);
  }
  await pipeline(doubled(), createWriteStream(copy));
}

/** Counts candidate separators outside quotes in the header line; the most frequent one wins. */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts: Record<Delimiter, number> = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ";" || ch === "," || ch === "\t")) counts[ch]++;
  }
  const best = (Object.keys(counts) as Delimiter[]).sort((a, b) => counts[b] - counts[a])[0]!;
  return counts[best] > 0 ? best : ";";
}

/** Splits a header line into column names (with papaparse, so quoted names work). */
export function parseHeaderLine(headerLine: string, delimiter = detectDelimiter(headerLine)): string[] {
  const parsed = Papa.parse<string[]>(headerLine, { delimiter });
  return (parsed.data[0] ?? []).map((name) => name.trim());
}

/** Newlines inside the cells of a record (quoted multi-line cells). indexOf, not a /g regex: this runs on every cell. */
function newlines(cells: string[]): number {
  let n = 0;
  for (const cell of cells) for (let i = cell.indexOf("\n"); i !== -1; i = cell.indexOf("\n", i + 1)) n++;
  return n;
}
const fields = (n: number) => (n > 1 ? `${n} champs` : `${n} champ`);
const isBlank = (cells: string[]) => cells.length === 1 && cells[0]!.trim() === "";
const isEmptyRow = (cells: string[]) => cells.every((c) => c.trim() === "");
const isComment = (cells: string[]) => (cells[0] ?? "").trimStart().startsWith("#");

/**
 * Turns every line ending ("\r\n", lone "\r") into "\n", chunk by chunk: a "\r" ending a chunk is held back until
 * the next chunk says whether a "\n" follows it.
 */
async function* unixNewlines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let heldCr = false;
  for await (const raw of chunks) {
    let text: string = heldCr ? "\r" + raw : raw;
    heldCr = text.endsWith("\r");
    if (heldCr) text = text.slice(0, -1);
    if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
    if (text.length > 0) yield text;
  }
  if (heldCr) yield "\n";
}

/** The header line (first line, or first line neither blank nor a comment) and its line number, from the file's start. */
async function readHeader(file: string, comments: boolean, encoding: TextEncoding): Promise<{ text: string; line: number }> {
  // The first line, with read-text's bound (a first line of 64 Kio without a break is not a CSV file).
  if (!comments) return { text: await readFirstLine(file), line: 1 };
  const prefix = await readPrefix(file);
  if (prefix.length === 1 << 16 && prefix.indexOf(0x0a) === -1 && prefix.indexOf(0x0d) === -1)
    throw new LoadError({ file, line: 1, column: "", message: "première ligne de plus de 64 Kio sans fin de ligne : ce n'est pas un fichier CSV (en-tête attendu)" });
  // Comment lines may precede the header. Cut the sample after its last line end (a multi-byte character may be
  // cut at the end of the prefix), and decode it in the encoding decided for the whole file.
  const end = Math.max(prefix.lastIndexOf(0x0a), prefix.lastIndexOf(0x0d));
  const sample = end > 0 && prefix.length === 1 << 16 ? prefix.subarray(0, end) : prefix;
  const decoded = encoding === "utf-8" ? new TextDecoder("utf-8").decode(sample) : decodeBytes(sample).text;
  const lines = decoded.replace(/^\uFEFF/, "").split(/\r\n?|\n/);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.trim() !== "" && !text.trimStart().startsWith("#")) return { text, line: i + 1 };
  }
  return { text: "", line: 1 };
}

/** Opens a CSV file: decides encoding (one validating pass) and separator, reads the header. */
export async function openCsv(file: string, options: CsvOptions = {}): Promise<CsvFile> {
  const encodingInfo = await detectEncoding(file);
  const { text: headerText, line: headerLine } = await readHeader(file, options.comments ?? false, encodingInfo.encoding);
  const delimiter = detectDelimiter(headerText);
  const header = parseHeaderLine(headerText, delimiter);
  return {
    file,
    ...encodingInfo,
    delimiter,
    header,
    headerLine,
    records: () => readRecords(file, encodingInfo, delimiter, header, headerLine, options),
  };
}

interface Parsed {
  cells: string[];
  unterminatedQuote: boolean;
  badQuote: boolean;
  /** Offsets of the record in the (newline-normalised) text: [start, end). */
  start: number;
  end: number;
}

/**
 * The records of a text already in memory (the lines after a swallowing quote), with the same parser settings.
 * Offsets are relative to `text`.
 */
function parseText(text: string, delimiter: Delimiter): Parsed[] {
  const out: Parsed[] = [];
  let previous = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    newline: "\n",
    skipEmptyLines: false,
    step(results) {
      out.push({
        cells: results.data,
        unterminatedQuote: results.errors.some((e) => e.code === "MissingQuotes"),
        badQuote: results.errors.some((e) => e.code === "InvalidQuotes"),
        start: previous,
        end: results.meta.cursor,
      });
      previous = results.meta.cursor;
    },
  });
  return out;
}

async function* readRecords(
  file: string, info: EncodingInfo, delimiter: Delimiter, header: string[], headerLine: number, options: CsvOptions,
): AsyncGenerator<CsvRecord> {
  const comments = options.comments ?? false;
  const decoded = openTextStream(file, info.encoding) as AsyncIterable<string>;
  const unescaped = options.backslashEscapedQuotes ? doubledBackslashQuotes(decoded) : decoded;
  const text = Readable.from(unixNewlines(unescaped), { highWaterMark: 4 });
  // The raw (decoded) text not yet consumed, from absolute offset `bufferStart`: a record that swallowed the lines
  // after it is cut back to its first line and the rest parsed again from this text.
  let buffer = "";
  let bufferStart = 0;
  // Whether the file ends with a newline tells a complete last record from one cut in the middle.
  let lastChar = "";
  text.on("data", (chunk: string) => {
    if (chunk.length > 0) lastChar = chunk[chunk.length - 1]!;
    buffer += chunk;
  });

  const queue: Parsed[] = [];
  let done = false;
  let failure: Error | undefined;
  // `paused()` exists on papaparse's parser handle but is missing from @types/papaparse.
  let parser: (Papa.Parser & { paused(): boolean }) | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  let cursor = 0;

  Papa.parse(text as unknown as Papa.LocalFile, {
    delimiter,
    newline: "\n",
    skipEmptyLines: false,
    step(results: Papa.ParseStepResult<string[]>, p: Papa.Parser) {
      parser = p as Papa.Parser & { paused(): boolean };
      queue.push({
        cells: results.data,
        unterminatedQuote: results.errors.some((e) => e.code === "MissingQuotes"),
        badQuote: results.errors.some((e) => e.code === "InvalidQuotes"),
        start: cursor,
        end: results.meta.cursor,
      });
      cursor = results.meta.cursor;
      if (queue.length >= 1000) p.pause(); // back-pressure: resumed when the consumer drained the queue
      notify();
    },
    complete() {
      done = true;
      notify();
    },
    error(e: Error) {
      failure = e;
      done = true;
      notify();
    },
  });

  const expected = header.length;
  const damaged = (info.invalidBytes ?? 0) > 0;

  const check = (line: number, parsed: Parsed, last: boolean): CsvRecord => {
    const { cells, unterminatedQuote } = parsed;
    const out: CsvRecord = { line, cells };
    const missingColumn = header[Math.min(cells.length, expected - 1)] ?? "";
    if (unterminatedQuote) out.problem = { column: missingColumn, reason: "ligne tronquée : guillemet ouvert jamais refermé (fichier coupé ?)" };
    else if (cells.length < expected && last && lastChar !== "\n")
      out.problem = { column: missingColumn, reason: `dernière ligne tronquée : ${fields(cells.length)} au lieu de ${expected} (fichier coupé ?)` };
    else if (cells.length !== expected)
      out.problem = { column: cells.length < expected ? missingColumn : "", reason: `nombre de champs incorrect : ${fields(cells.length)} au lieu de ${expected}` };
    else if (damaged && cells.some((c) => c.includes("\uFFFD"))) {
      const i = cells.findIndex((c) => c.includes("\uFFFD"));
      out.problem = { column: header[i] ?? "", reason: "caractère illisible : octet qui n'est pas de l'UTF-8 (fichier enregistré dans un autre encodage ?)" };
    }
    return out;
  };

  /** A record spanning several lines that the parser could not trust: a quote opened and never properly closed. */
  const swallowed = (p: Parsed) =>
    (p.unterminatedQuote || p.badQuote || p.cells.length !== expected) && p.cells.some((c) => c.includes("\n"));

  /**
   * Expands a record into the records to check: itself, or (when it swallowed the lines after it) its own first
   * line, rejected, followed by the records of the lines it swallowed, parsed again (recursively).
   */
  function* expand(p: Parsed, line: number, raw: (start: number, end: number) => string): Generator<{ line: number; parsed: Parsed; record?: CsvRecord }> {
    if (!swallowed(p)) {
      yield { line, parsed: p };
      return;
    }
    const text = raw(p.start, p.end);
    const firstEnd = text.indexOf("\n");
    const own = text.slice(0, firstEnd);
    const cells = Papa.parse<string[]>(own, { delimiter, quoteChar: "\u0000" }).data[0] ?? [own];
    yield {
      line,
      parsed: p,
      record: {
        line,
        cells,
        problem: {
          column: "",
          reason: "guillemet ouvert jamais refermé sur cette ligne : ligne écartée, la lecture reprend à la ligne suivante (guillemet à doubler ou à retirer)",
        },
      },
    };
    const rest = text.slice(firstEnd + 1);
    let next = line + 1;
    for (const q of parseText(rest, delimiter)) {
      const qLine = next;
      next += 1 + (q.end > q.start ? countNewlines(rest, q.start, q.end) - (rest[q.end - 1] === "\n" ? 1 : 0) : 0);
      yield* expand(q, qLine, (s, e) => rest.slice(s, e));
    }
  }

  let line = 1;
  let pendingRecord: { line: number; parsed: Parsed; record?: CsvRecord } | undefined; // held back one record to know which is the last
  const raw = (start: number, end: number) => buffer.slice(start - bufferStart, end - bufferStart);

  try {
    while (true) {
      if (queue.length === 0) {
        if (done) break;
        if (parser?.paused()) parser.resume();
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (queue.length > 0 || done) notify();
        });
        continue;
      }
      const parsed = queue.shift()!;
      const start = line;
      // The common case without generator nor array: this loop runs for each of a national file's million rows.
      let items: Iterable<{ line: number; parsed: Parsed; record?: CsvRecord }>;
      if (swallowed(parsed)) {
        items = [...expand(parsed, start, raw)];
        const text = raw(parsed.start, parsed.end);
        line += 1 + countNewlines(text, 0, text.length) - (text.endsWith("\n") ? 1 : 0);
      } else {
        items = [{ line: start, parsed }];
        line += 1 + newlines(parsed.cells);
      }
      // The consumed text is no longer needed: drop it now and then (not at each record: slicing copies).
      if (parsed.end - bufferStart > 1 << 22) {
        buffer = buffer.slice(parsed.end - bufferStart);
        bufferStart = parsed.end;
      }
      for (const item of items) {
        const cells = item.record?.cells ?? item.parsed.cells;
        if (item.line < headerLine) continue; // comment and blank lines before the header
        if (item.line === headerLine) continue; // the header
        if (isBlank(cells)) continue; // blank lines (and the final newline) are not records
        if (comments && (isComment(cells) || isEmptyRow(cells))) continue; // local files: `,,,` lines left by a spreadsheet
        if (pendingRecord) yield pendingRecord.record ?? check(pendingRecord.line, pendingRecord.parsed, false);
        pendingRecord = item;
      }
    }
  } finally {
    // A consumer that stops early (break) must not leave the file open.
    if (!done) text.destroy();
  }
  if (failure) throw failure;
  if (pendingRecord) yield pendingRecord.record ?? check(pendingRecord.line, pendingRecord.parsed, true);
}

function countNewlines(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", start); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
