// Decoding of text files (official files and the territory's own files). Producers publish UTF-8, UTF-8 with a
// BOM, or (older INSEE-style files, and Excel's "CSV" on Windows) Windows-1252; nothing in the file says which, so we
// decide from the bytes, counting the evidence of each: valid UTF-8 multi-byte sequences (é = C3 A9) against bytes
// that are not UTF-8 (é = E9 in Windows-1252).
//   - valid UTF-8 throughout: UTF-8;
//   - invalid bytes and no valid multi-byte sequence (or fewer of them than invalid bytes): Windows-1252 (every
//     byte sequence is valid there, so the fallback never fails);
//   - more valid multi-byte sequences than invalid bytes: UTF-8 with a few damaged bytes, read as UTF-8 (each
//     damaged byte becomes U+FFFD, and the CSV reader rejects the rows holding one, saying why), rather than
//     turning every accented letter of the file into mojibake because of one stray byte.
// A gzip-compressed file (a national `.csv.gz` dropped as is) is told by its first bytes and decompressed on
// the fly by every reader here, so the callers never know.
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { Readable, pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import { isAscii, isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import { LoadError } from "./problems.ts";
import { formatNumber, formatUpTo, plainSpaces } from "../format/number.ts";

export type TextEncoding = "utf-8" | "windows-1252";

export interface EncodingInfo {
  encoding: TextEncoding;
  /** The file starts with a UTF-8 byte order mark (stripped when decoding). */
  bom: boolean;
  /** Bytes that are not UTF-8 in a file read as UTF-8 (each decoded as U+FFFD); 0 otherwise. */
  invalidBytes?: number;
  /** 1-based line of the first byte that is not UTF-8, when there is one. */
  firstInvalidLine?: number;
}

/**
 * Why the file was read in its encoding, in French, for the file's report; undefined for plain UTF-8
 * (the expected case, not worth a note).
 */
export function encodingNote(info: EncodingInfo): string | undefined {
  if (info.encoding === "windows-1252")
    return `encodage : lu en Windows-1252 (le fichier n'est pas de l'UTF-8${info.firstInvalidLine ? `, dès la ligne ${info.firstInvalidLine}` : ""} ; c'est l'encodage des « CSV » d'Excel sous Windows)`;
  if (info.invalidBytes)
    return `encodage : lu en UTF-8, mais ${info.invalidBytes} octet(s) ne sont pas de l'UTF-8 valide (première fois ligne ${info.firstInvalidLine}) : les lignes qui en contiennent sont rejetées`;
  return undefined;
}

const BOM = [0xef, 0xbb, 0xbf];
/** Read size: national files are read in 1 MiB chunks (fewer, larger chunks decode and validate faster). */
const CHUNK = 1 << 20;

const isGzip = (bytes: Uint8Array) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

// Bounds on what any reader of this module accepts, so that a hostile or broken file costs seconds and a
// constant memory, never minutes and gigabytes:
// - a line of more than MAX_LINE_BYTES without a line break (LF or CR) is not a CSV line: the CSV parser would
//   hold it whole in memory (a 1 GiB line crashes Node);
// - a gzip file may not inflate past MAX_DECOMPRESSED_BYTES, nor, beyond its first RATIO_FREE_BYTES, to more
//   than MAX_GZIP_RATIO times the compressed bytes read: real CSV files compress 5 to 15 times, a
//   decompression bomb (1 Mo becoming 1 Gio of blank lines) a thousand times.
/** Longest line accepted: 8 Mio (the longest real line, a Cerema row, is about 2 Ko). */
export const MAX_LINE_BYTES = 8 << 20;
/** Most bytes a gzip file may decompress to: 16 Gio (the national Sirene stock is about 7 Go). */
export const MAX_DECOMPRESSED_BYTES = 16 * 1024 ** 3;
/** Highest compression ratio accepted past the first RATIO_FREE_BYTES decompressed. */
export const MAX_GZIP_RATIO = 100;
export const RATIO_FREE_BYTES = 64 << 20;

/** The first bytes of the file as stored (compressed or not). */
async function readStoredPrefix(file: string, size: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Whether the file's bytes start with the gzip magic number (a `.csv.gz` dropped as is, whatever its name). */
export async function isGzipFile(file: string): Promise<boolean> {
  return isGzip(await readStoredPrefix(file, 2));
}

/** zlib's errors (English, with a code) as the French problem of the file. */
function gzipProblem(file: string, e: unknown): unknown {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== "string" || !code.startsWith("Z_")) return e; // not zlib's: a read error, passed on as is
  const detail = code === "Z_BUF_ERROR" ? "les données compressées s'arrêtent avant leur fin : téléchargement interrompu ?" : "données compressées corrompues";
  return new LoadError({ file, line: 1, column: "", message: `fichier gzip tronqué ou illisible (${detail}) : téléchargez-le à nouveau` });
}

/** The content of a file, in chunks of up to the size asked for; `compressed` when it was a gzip file. */
interface FileBytes {
  compressed: boolean;
  chunks: AsyncIterable<Buffer>;
}

/**
 * Opens the bytes of a file: decompressed when it starts with the gzip magic (1f 8b), as stored otherwise.
 * The one place that decides; every reader of this module goes through it. Stopping the iteration early
 * (a prefix) stops the reading and the decompression.
 */
async function openBytes(file: string, chunkSize = CHUNK, reuse: "transient" | "kept" = "kept"): Promise<FileBytes> {
  const compressed = await isGzipFile(file);
  const chunks = compressed
    ? gunzipped(file, chunkSize)
    : reuse === "transient"
      ? transientChunks(file, chunkSize)
      : (createReadStream(file, { highWaterMark: chunkSize }) as AsyncIterable<Buffer>);
  return { compressed, chunks: boundedLines(file, chunks) };
}

/**
 * The bytes of a plain file read into one buffer, reused: a chunk is valid until the next one is asked for. A reader
 * that keeps nothing of a chunk (a count, a check) pays neither an allocation nor fresh pages per MiB (a file of
 * 528 MB alone: 0.07 s of CPU against 0.21 s as a stream; the bounds and the reader's own work come on top).
 */
async function* transientChunks(file: string, chunkSize: number): AsyncGenerator<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.allocUnsafe(chunkSize);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, chunkSize, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/**
 * The bytes of a file as chunks, decompressed and bounded as every reader of this module reads them (for a reader
 * that counts or checks bytes itself, beside DuckDB's own read). Transient: a chunk is valid until the next one is
 * asked for (copy what must outlive it).
 */
export async function fileByteChunks(file: string): Promise<AsyncIterable<Buffer>> {
  return (await openBytes(file, CHUNK, "transient")).chunks;
}

/** The decompressed chunks of a gzip file. zlib verifies its end and checksum: a cut or corrupt file throws LoadError. */
async function* gunzipped(file: string, chunkSize: number): AsyncGenerator<Buffer> {
  const gunzip = createGunzip({ chunkSize });
  pipeline(createReadStream(file, { highWaterMark: chunkSize }), gunzip, () => {}); // an error of either stream ends the iteration below
  let inflated = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      // bytesWritten: the compressed bytes zlib has consumed so far.
      if (inflated > MAX_DECOMPRESSED_BYTES || (inflated > RATIO_FREE_BYTES && inflated > gunzip.bytesWritten * MAX_GZIP_RATIO))
        throw new LoadError({
          file,
          line: 1,
          column: "",
          message:
            inflated > MAX_DECOMPRESSED_BYTES
              ? `fichier gzip trop volumineux une fois décompressé : plus de ${gibibytes(MAX_DECOMPRESSED_BYTES)} (limite de lecture) ; lecture arrêtée`
              : `fichier gzip suspect : ${mebibytes(gunzip.bytesWritten)} compressés deviennent plus de ${mebibytes(inflated)}, plus de ${MAX_GZIP_RATIO} fois leur taille ` +
                `(un fichier de données se compresse 5 à 15 fois) : bombe de décompression ou fichier vide de sens ; lecture arrêtée`,
        });
      yield chunk;
    }
  } catch (e) {
    throw gzipProblem(file, e);
  }
}

/**
 * The chunks unchanged, after checking that no line runs past MAX_LINE_BYTES without a line break (LF, or a
 * lone CR in old Mac files). Only the first and last break of each chunk are looked for: a stretch between two
 * breaks inside one chunk is shorter than the chunk, itself shorter than the bound.
 */
async function* boundedLines(file: string, chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let run = 0; // bytes since the last line break
  let lines = 1; // LF count + 1: the line the run is on, for the message
  let offset = 0;
  for await (const chunk of chunks) {
    const first = firstBreak(chunk);
    if ((first === -1 ? run + chunk.length : run + first) > MAX_LINE_BYTES)
      throw new LoadError({
        file,
        line: lines,
        column: "",
        message: `ligne de plus de ${mebibytes(MAX_LINE_BYTES)} sans fin de ligne (à partir de l'octet ${plainSpaces(formatNumber(offset - run))}) : ce n'est pas un fichier de données texte lisible ; lecture arrêtée`,
      });
    if (first === -1) run += chunk.length;
    else {
      run = chunk.length - 1 - Math.max(chunk.lastIndexOf(0x0a), chunk.lastIndexOf(0x0d));
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
    }
    offset += chunk.length;
    yield chunk;
  }
}

function firstBreak(chunk: Buffer): number {
  const lf = chunk.indexOf(0x0a);
  const cr = chunk.indexOf(0x0d);
  return lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
}

const mebibytes = (n: number) => `${formatUpTo(n / 2 ** 20, 1)} Mio`;
const gibibytes = (n: number) => `${formatUpTo(n / 2 ** 30, 1)} Gio`;

/**
 * Reads a file's whole content (decompressing a gzip file), keeping nothing: proves that a gzip file is complete
 * and that the content keeps within the bounds above. Throws LoadError otherwise.
 */
export async function readToEnd(file: string): Promise<number> {
  let size = 0;
  for await (const chunk of (await openBytes(file, CHUNK, "transient")).chunks) size += chunk.length;
  return size;
}

function startsWithBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

/** Decodes a whole buffer (small files, header samples and tests). */
export function decodeBytes(bytes: Uint8Array): { text: string } & EncodingInfo {
  const bom = startsWithBom(bytes);
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: "utf-8", bom };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), "win1252"), encoding: "windows-1252", bom: false };
  }
}

/**
 * Length of `bytes` up to the end of its last complete UTF-8 sequence: a chunk read from a file may end in the
 * middle of a multi-byte character, whose first bytes must be validated together with the next chunk.
 */
export function completeUtf8Length(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back for the lead byte
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + needed > bytes.length ? i : bytes.length;
  }
  return bytes.length; // no lead byte in the last 4 bytes: invalid anyway, isUtf8 says so
}

/** Evidence gathered on the bytes of a file: valid multi-byte UTF-8 sequences, bytes that are not UTF-8. */
interface Utf8Evidence {
  multibyte: number;
  invalid: number;
  firstInvalidLine?: number;
}

/** Length of the UTF-8 sequence a lead byte announces (1 for ASCII, 0 for a byte that cannot start one). */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/**
 * Counts, byte by byte, the valid multi-byte sequences and the invalid bytes of a chunk that isUtf8 refused
 * (the slow path: only chunks with a bad byte go through it). `lines` is the number of the chunk's first line.
 */
function scanChunk(bytes: Uint8Array, evidence: Utf8Evidence, lines: number): void {
  let line = lines;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b === 0x0a) line++;
    const n = sequenceLength(b);
    if (n === 1) {
      i++;
      continue;
    }
    let valid = n > 0 && i + n <= bytes.length;
    for (let k = 1; valid && k < n; k++) valid = (bytes[i + k]! & 0xc0) === 0x80;
    if (valid && n === 3) valid = !(b === 0xe0 && bytes[i + 1]! < 0xa0) && !(b === 0xed && bytes[i + 1]! > 0x9f); // overlong, surrogates
    if (valid && n === 4) valid = !(b === 0xf0 && bytes[i + 1]! < 0x90) && !(b === 0xf4 && bytes[i + 1]! > 0x8f);
    if (valid) {
      evidence.multibyte++;
      i += n;
    } else {
      evidence.invalid++;
      evidence.firstInvalidLine ??= line;
      i++;
    }
  }
}

function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let i = buffer.indexOf(0x0a); i !== -1; i = buffer.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** Once this many bytes are invalid and outnumber the valid sequences tenfold, the file is Windows-1252: stop counting. */
const DECIDED = 64;

/**
 * Decides the encoding of a file in one streaming pass over all of it: one invalid sequence anywhere (an accented
 * name on line 900 000) changes the evidence, so a sample is not enough. Chunks that are valid UTF-8 are checked
 * natively (buffer.isUtf8, isAscii: no string is built), so national files of several hundred MB stay fast; only a
 * chunk with a bad byte is scanned byte by byte. A gzip file is read to its end even once decided, so that a cut
 * one is refused (LoadError) before any row of it is loaded.
 */
export async function detectEncoding(file: string): Promise<EncodingInfo> {
  // Remembered per file version (path, size, date): the pipeline asks again after the loader, to write the
  // encoding in the file's report, without a second pass over a national file.
  const version = await fileVersion(file);
  const known = detected.get(file);
  if (known?.version === version) return { ...known.info };
  const { info, physicalLines } = await detectEncodingOnce(file);
  if (detected.size >= 256) detected.clear();
  detected.set(file, { version, info, physicalLines });
  return { ...info };
}

const detected = new Map<string, { version: string; info: EncodingInfo; physicalLines: number | undefined }>();

/** The version of a file its memo is kept under: path, size, date, inode. */
async function fileVersion(file: string): Promise<string> {
  const st = await stat(file);
  return `${st.size}|${st.mtimeMs}|${st.ino}`;
}

/**
 * The physical lines (PhysicalLineCounter) the encoding pass counted on its way through this version of the file;
 * undefined when it did not read it to the end (a Windows-1252 file is decided before) or has not read it.
 */
export async function physicalLinesCounted(file: string): Promise<number | undefined> {
  const known = detected.get(file);
  return known && known.version === (await fileVersion(file)) ? known.physicalLines : undefined;
}

/**
 * Counts the lines of a file's content chunk by chunk, as the project's CSV reader and an editor count them: CRLF,
 * LF and a lone CR each end one; a last line without a break counts, an empty file has none. Bytes only (indexOf,
 * no decoding): CR and LF are the same bytes in UTF-8 and Windows-1252, and never part of a multi-byte character.
 */
export class PhysicalLineCounter {
  private breaks = 0;
  private pendingCr = false; // a CR ending the previous chunk: a break of its own unless the next chunk starts with LF
  private last = -1;

  add(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.pendingCr && chunk[0] !== LF) this.breaks++;
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) this.breaks++;
    // A CR followed by LF is counted with its LF; the chunk's last CR waits for the next chunk's first byte.
    for (let i = chunk.indexOf(CR); i !== -1 && i + 1 < chunk.length; i = chunk.indexOf(CR, i + 1)) if (chunk[i + 1] !== LF) this.breaks++;
    this.last = chunk[chunk.length - 1]!;
    this.pendingCr = this.last === CR;
  }

  get total(): number {
    const last = this.last;
    return this.breaks + (this.pendingCr ? 1 : 0) + (last === -1 || last === LF || last === CR ? 0 : 1);
  }
}
const LF = 0x0a;
const CR = 0x0d;

/** The encoding, and the physical lines when the pass read the whole file (counted in the same read). */
async function detectEncodingOnce(file: string): Promise<{ info: EncodingInfo; physicalLines: number | undefined }> {
  const { compressed, chunks } = await openBytes(file, CHUNK, "transient"); // nothing of a chunk is kept (the carry is copied)
  const physical = new PhysicalLineCounter();
  let first = true;
  let bom = false;
  let decided = false;
  let lines = 1;
  const evidence: Utf8Evidence = { multibyte: 0, invalid: 0 };
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    physical.add(chunk);
    if (decided) continue; // a gzip file, read on to its end
    if (first) {
      bom = startsWithBom(chunk);
      first = false;
    }
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const complete = completeUtf8Length(bytes);
    const body = bytes.subarray(0, complete);
    if (isUtf8(body)) {
      if (!isAscii(body)) evidence.multibyte++; // at least one accented letter: evidence for UTF-8
    } else scanChunk(body, evidence, lines);
    if (evidence.invalid >= DECIDED && evidence.invalid > 10 * evidence.multibyte) {
      decided = true;
      if (!compressed) break;
    }
    if (evidence.invalid === 0 || !decided) lines += countNewlines(body);
    carry = Buffer.from(bytes.subarray(complete)); // at most 3 bytes, copied so the chunk can be freed
  }
  // A multi-byte sequence cut by the end of the file is one more invalid byte.
  if (carry.length > 0 && !decided) {
    evidence.invalid++;
    evidence.firstInvalidLine ??= lines;
  }
  const physicalLines = decided && !compressed ? undefined : physical.total; // a plain file decided early was not read to its end
  if (evidence.invalid === 0) return { info: { encoding: "utf-8", bom }, physicalLines };
  if (evidence.multibyte > evidence.invalid)
    return { info: { encoding: "utf-8", bom, invalidBytes: evidence.invalid, firstInvalidLine: evidence.firstInvalidLine }, physicalLines };
  return { info: { encoding: "windows-1252", bom: false, firstInvalidLine: evidence.firstInvalidLine }, physicalLines };
}

/** A streaming decoder: `write` each chunk, then `end`. */
interface Decoder {
  write(chunk: Buffer): string;
  end(): string | undefined;
}

/** UTF-8 with the WHATWG decoder (faster than string_decoder), BOM removed. */
function utf8Decoder(): Decoder {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: false });
  return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
}

/** The decoded text of a file, chunk by chunk. */
async function* decodedChunks(file: string, encoding: TextEncoding): AsyncGenerator<string> {
  const decoder = encoding === "utf-8" ? utf8Decoder() : iconv.getDecoder("win1252", { stripBOM: true });
  for await (const chunk of (await openBytes(file)).chunks) {
    const text = decoder.write(chunk);
    if (text.length > 0) yield text;
  }
  const rest = decoder.end() ?? "";
  if (rest.length > 0) yield rest;
}

/**
 * A stream of decoded text (string chunks, as papaparse expects), BOM removed. Destroying it closes the
 * file; a cut gzip file makes it emit LoadError.
 */
export function openTextStream(file: string, encoding: TextEncoding): Readable {
  return Readable.from(decodedChunks(file, encoding), { highWaterMark: 4 }); // chunks of up to 1 MiB: a small read-ahead
}

/**
 * The first `size` bytes of a file's content, enough for a header line or a zip signature. For a gzip file,
 * the first decompressed bytes: only the beginning of the file is read and decompressed.
 */
export async function readPrefix(file: string, size = 1 << 16): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  // At least 16 KiB: zlib's smallest output chunk is 64 bytes, and tiny reads are slow.
  for await (const chunk of (await openBytes(file, Math.min(Math.max(size, 1 << 14), CHUNK))).chunks) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= size) break; // stops the reading (and decompression) there
  }
  return Buffer.concat(chunks, length).subarray(0, size);
}

/**
 * Whether the first 64 Kio of the file's content are UTF-8, cut at their last line break when the file goes on (a
 * character may be cut there): a first look, before the encoding pass has read the whole file, for the readers that
 * hand a file to DuckDB (UTF-8 only) or else to the project's CSV reader.
 */
export async function startsAsUtf8(file: string): Promise<boolean> {
  const size = 1 << 16;
  const prefix = await readPrefix(file, size);
  const lastBreak = prefix.lastIndexOf(0x0a);
  return isUtf8(lastBreak > 0 && prefix.length === size ? prefix.subarray(0, lastBreak) : prefix);
}

const FIRST_LINE_BYTES = 1 << 16;

/**
 * The first line of a text file, decoded. Only a prefix is read: a multi-byte character cut at the end of
 * the prefix must not turn a UTF-8 file into Windows-1252, so the sample is cut at the last newline first.
 */
export async function readFirstLine(file: string): Promise<string> {
  const prefix = await readPrefix(file, FIRST_LINE_BYTES);
  // No header line is that long: a file without a line break in its first 64 Kio is not a CSV file.
  if (prefix.length === FIRST_LINE_BYTES && firstBreak(prefix) === -1)
    throw new LoadError({ file, line: 1, column: "", message: `première ligne de plus de ${FIRST_LINE_BYTES / 1024} Kio sans fin de ligne : ce n'est pas un fichier CSV (en-tête attendu)` });
  // "\n", "\r\n" or a lone "\r" (old Mac files) ends the line.
  const ends = [prefix.indexOf(0x0a), prefix.indexOf(0x0d)].filter((i) => i >= 0);
  const sample = ends.length > 0 ? prefix.subarray(0, Math.min(...ends)) : prefix;
  const { text } = decodeBytes(sample);
  return text.replace(/^\uFEFF/, "");
}
