// How many lines a text file holds, counted as the project's CSV reader (src/io/csv.ts) and an editor count them:
// a line ends at CRLF, at LF, or at a lone CR (old Mac files, and what Excel for Mac still writes); a last line
// without a break counts, an empty file has none. A reader that does not number physical lines (DuckDB's read_csv
// numbers its records) compares its records with this count to prove that each record was one line, so that its
// line numbers, and the `path:line:column` of its rejections, are the CSV reader's. Counting a lone CR as a line
// end is what keeps the two in step: the CSV reader turns it into a line break, so a quoted cell holding one spans
// two lines there; counting LF only would let DuckDB's records look one line each and number the rows after that
// cell one line too early.
// Bytes only (indexOf, no decoding): CR and LF are the same bytes in UTF-8 and Windows-1252, and never part of a
// multi-byte UTF-8 character. Read through read-text.ts's byte reader: gzip told by its magic and inflated, lines
// and inflation bounded, a cut gzip refused (LoadError).
import { fileByteChunks } from "./read-text.ts";

const LF = 0x0a;
const CR = 0x0d;

/** The lines of the file's content (decompressed when gzip): CRLF, LF and a lone CR each end one. */
export async function countPhysicalLines(file: string): Promise<number> {
  let breaks = 0;
  let pendingCr = false; // a CR ending the previous chunk: a break of its own unless this chunk starts with LF
  let last = -1;
  for await (const chunk of await fileByteChunks(file)) {
    if (chunk.length === 0) continue;
    if (pendingCr && chunk[0] !== LF) breaks++;
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) breaks++;
    // A CR followed by LF is counted with its LF; the chunk's last CR waits for the next chunk's first byte.
    for (let i = chunk.indexOf(CR); i !== -1 && i + 1 < chunk.length; i = chunk.indexOf(CR, i + 1)) if (chunk[i + 1] !== LF) breaks++;
    last = chunk[chunk.length - 1]!;
    pendingCr = last === CR;
  }
  if (pendingCr) breaks++;
  return breaks + (last === -1 || last === LF || last === CR ? 0 : 1);
}
