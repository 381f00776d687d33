// How many lines a text file holds, counted as the project's CSV reader (src/io/csv.ts) and an editor count them:
// a line ends at CRLF, at LF, or at a lone CR (old Mac files, and what Excel for Mac still writes); a last line
// without a break counts, an empty file has none. A reader that does not number physical lines (DuckDB's read_csv
// numbers its records) compares its records with this count to prove that each record was one line, so that its
// line numbers, and the `path:line:column` of its rejections, are the CSV reader's. Counting a lone CR as a line
// end is what keeps the two in step: the CSV reader turns it into a line break, so a quoted cell holding one spans
// two lines there; counting LF only would let DuckDB's records look one line each and number the rows after that
// cell one line too early.
// Read through read-text.ts's byte reader: gzip told by its magic and inflated, lines
// and inflation bounded, a cut gzip refused (LoadError).
// The count is taken in the encoding pass's read when that pass read the whole file (read-text.ts detectEncoding):
// one read of a national file instead of two.
import { PhysicalLineCounter, fileByteChunks, physicalLinesCounted } from "./read-text.ts";

/** The lines of the file's content (decompressed when gzip): CRLF, LF and a lone CR each end one. */
export async function countPhysicalLines(file: string): Promise<number> {
  const counted = await physicalLinesCounted(file);
  if (counted !== undefined) return counted;
  const counter = new PhysicalLineCounter();
  for await (const chunk of await fileByteChunks(file)) counter.add(chunk);
  return counter.total;
}
