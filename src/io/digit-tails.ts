// Whether the last cells of every line of a delimited file are plain digits (or empty), read on the bytes.
//
// Why: DuckDB reads a column typed INTEGER much faster than it reads text and checks it in SQL, but its integer
// reading is lax: it takes `+12`, `1_000`, `0x10`, `1e2` and `1.5` (as 2) where the project's rules refuse them
// (src/io/values.ts). A reader that has proved, on the bytes, that those cells hold digits only can let DuckDB type
// them: on plain digits of at most `maxDigits` characters, DuckDB's integer is exactly the rules' value.
//
// The proof is conservative: any line whose last cells hold anything else (a letter, a space, a sign, a quote, too
// many digits) or that has fewer cells than asked, and any lone CR (a line end for DuckDB, not here), answers false,
// and the caller reads the file the slow, exact way. Lines are cut at LF (a CR just before it is the CRLF's), the
// header line (the first) is skipped, and so are empty lines (DuckDB skips them). A record spread over several lines by a quoted cell ends on a line whose
// last cells are the record's: either they are quote-free and checked, or the quote makes the answer false.
// Stops reading at the first line that fails.
import { fileByteChunks } from "./read-text.ts";

export interface DigitTailsOptions {
  /** The separator, one ASCII character. */
  delimiter: string;
  /** How many cells, counted from the end of each line, must be plain digits. */
  cells: number;
  /** The most digits one cell may hold. */
  maxDigits: number;
}

const LF = 0x0a;
const CR = 0x0d;
const ZERO = 0x30;
const NINE = 0x39;

/** True when the last `cells` cells of every line but the header are empty or at most `maxDigits` ASCII digits. */
export async function lastCellsArePlainDigits(file: string, options: DigitTailsOptions): Promise<boolean> {
  const check = tailChecker(options);
  let header = true; // the first line is the header: skipped
  let carry: Buffer | null = null; // the unfinished line of the previous chunk
  let pendingCr = false; // the previous chunk ended with a CR: the next byte must be its LF
  for await (const chunk of await fileByteChunks(file)) {
    if (chunk.length === 0) continue;
    if ((pendingCr && chunk[0] !== LF) || hasLoneCr(chunk)) return false;
    pendingCr = chunk[chunk.length - 1] === CR;
    let start = 0;
    let end = chunk.indexOf(LF);
    if (carry !== null && end === -1) {
      carry = Buffer.concat([carry, chunk]); // bounded: fileByteChunks refuses a line over MAX_LINE_BYTES
      continue;
    }
    if (carry !== null) {
      const line = Buffer.concat([carry, chunk.subarray(0, end)]);
      carry = null;
      if (!header && !check(line, 0, line.length)) return false;
      header = false;
      start = end + 1;
      end = chunk.indexOf(LF, start);
    }
    for (; end !== -1; start = end + 1, end = chunk.indexOf(LF, start)) {
      if (!header && !check(chunk, start, end)) return false;
      header = false;
    }
    if (start < chunk.length) carry = Buffer.from(chunk.subarray(start));
  }
  // A CR ending the file is a line end of its own (an old Mac file): not a file cut at LF.
  return !pendingCr && (carry === null || header || check(carry, 0, carry.length));
}

/**
 * Whether the chunk holds a CR that is not followed by LF (its last byte excepted: the next chunk tells). A lone CR
 * ends a record for DuckDB and the project's CSV reader, so a line cut at LF would hold two records, the first's
 * last cells unchecked.
 */
function hasLoneCr(chunk: Buffer): boolean {
  for (let i = chunk.indexOf(CR); i !== -1 && i + 1 < chunk.length; i = chunk.indexOf(CR, i + 1)) if (chunk[i + 1] !== LF) return true;
  return false;
}

/** The check of one line, bytes [start, end) of `bytes` (its LF excluded). */
function tailChecker({ delimiter, cells, maxDigits }: DigitTailsOptions): (bytes: Buffer, start: number, end: number) => boolean {
  if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 0x7f) throw new Error(`séparateur d'un caractère ASCII attendu (reçu « ${delimiter} »)`);
  const separator = delimiter.charCodeAt(0);
  return (bytes, start, end) => {
    if (end > start && bytes[end - 1] === CR) end--;
    if (end === start) return true; // an empty line: skipped by every reader
    let separators = 0;
    let digits = 0;
    for (let i = end - 1; i >= start; i--) {
      const b = bytes[i]!;
      if (b === separator) {
        if (++separators === cells) return true;
        digits = 0;
      } else if (b >= ZERO && b <= NINE) {
        if (++digits > maxDigits) return false;
      } else return false;
    }
    return false; // fewer cells than asked: not a record of the file's shape
  };
}
