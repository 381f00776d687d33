// Streaming CSV reader on top of papaparse: yields each record with the 1-based line number where it starts
// (header = line 1), so that every rejection can be written `file:line:column`. Records are pulled one at a
// time (the parser is paused when the consumer lags), so a 1.2 million-row file never sits in memory.
import { Readable } from "node:stream";
import Papa from "papaparse";
import { detectEncoding, openTextStream, readFirstLine, type EncodingInfo } from "./read-text.ts";

export type Delimiter = ";" | "," | "\t";

/** One data record. `problem` is set when the record cannot be trusted (wrong field count, cut file...). */
export interface CsvRecord {
  line: number;
  cells: string[];
  problem?: { column: string; reason: string };
}

export interface CsvFile extends EncodingInfo {
  file: string;
  delimiter: Delimiter;
  header: string[];
  records(): AsyncGenerator<CsvRecord>;
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

export interface CsvOptions {
  /**
   * The producer escapes a quote inside a quoted field with a backslash (`"maison \"Les Opalines\""`, Cartofriches'
   * export) instead of doubling it: `\"` is read as `""`, so that such a field does not swallow the rest of the file.
   */
  backslashEscapedQuotes?: boolean;
}

/** Opens a CSV file: decides encoding (one validating pass) and separator, reads the header. */
export async function openCsv(file: string, options: CsvOptions = {}): Promise<CsvFile> {
  const encodingInfo = await detectEncoding(file);
  const headerLine = await readFirstLine(file);
  const delimiter = detectDelimiter(headerLine);
  const header = parseHeaderLine(headerLine, delimiter);
  return { file, ...encodingInfo, delimiter, header, records: () => readRecords(file, encodingInfo, delimiter, header, options) };
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

interface Parsed {
  cells: string[];
  unterminatedQuote: boolean;
}

async function* readRecords(file: string, info: EncodingInfo, delimiter: Delimiter, header: string[], options: CsvOptions): AsyncGenerator<CsvRecord> {
  const decoded = openTextStream(file, info.encoding);
  const text = options.backslashEscapedQuotes ? Readable.from(doubledBackslashQuotes(decoded), { highWaterMark: 4 }) : decoded;
  // Whether the file ends with a newline tells a complete last record from one cut in the middle.
  let lastChar = "";
  text.on("data", (chunk: string) => {
    if (chunk.length > 0) lastChar = chunk[chunk.length - 1]!;
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

  Papa.parse(text as unknown as Papa.LocalFile, {
    delimiter,
    skipEmptyLines: false,
    step(results: Papa.ParseStepResult<string[]>, p: Papa.Parser) {
      parser = p as Papa.Parser & { paused(): boolean };
      queue.push({ cells: results.data, unterminatedQuote: results.errors.some((e) => e.code === "MissingQuotes") });
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

  let line = 1;
  let isHeader = true;
  let pending: { line: number; parsed: Parsed } | undefined; // held back one record to know which is the last
  const expected = header.length;

  const check = (rec: { line: number; parsed: Parsed }, last: boolean): CsvRecord => {
    const { cells, unterminatedQuote } = rec.parsed;
    const out: CsvRecord = { line: rec.line, cells };
    const missingColumn = header[Math.min(cells.length, expected - 1)] ?? "";
    if (unterminatedQuote) out.problem = { column: missingColumn, reason: "ligne tronquée : guillemet ouvert jamais refermé (fichier coupé ?)" };
    else if (cells.length < expected && last && lastChar !== "\n" && lastChar !== "\r")
      out.problem = { column: missingColumn, reason: `dernière ligne tronquée : ${fields(cells.length)} au lieu de ${expected} (fichier coupé ?)` };
    else if (cells.length !== expected)
      out.problem = { column: cells.length < expected ? missingColumn : "", reason: `nombre de champs incorrect : ${fields(cells.length)} au lieu de ${expected}` };
    return out;
  };

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
      line += 1 + newlines(parsed.cells);
      if (isHeader) {
        isHeader = false;
        continue;
      }
      if (isBlank(parsed.cells)) continue; // blank lines (and the final newline) are not records
      if (pending) yield check(pending, false);
      pending = { line: start, parsed };
    }
  } finally {
    // A consumer that stops early (break) must not leave the file open.
    if (!done) text.destroy();
  }
  if (failure) throw failure;
  if (pending) yield check(pending, true);
}
