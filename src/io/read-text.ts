// Decoding of official text files. Producers publish UTF-8, UTF-8 with a BOM, or (older INSEE-style files)
// Windows-1252; nothing in the file says which, so we decide from the bytes: a file that is not valid UTF-8
// is read as Windows-1252 (every byte sequence is valid there, so the fallback never fails).
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Transform, type Readable } from "node:stream";
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

export type TextEncoding = "utf-8" | "windows-1252";

export interface EncodingInfo {
  encoding: TextEncoding;
  /** The file starts with a UTF-8 byte order mark (stripped when decoding). */
  bom: boolean;
}

const BOM = [0xef, 0xbb, 0xbf];

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

/**
 * Decides the encoding of a file by validating it as UTF-8 in one streaming pass: one invalid sequence
 * anywhere (an accented name on line 900 000) is enough to make it Windows-1252, so a sample is not enough.
 * Validation only (buffer.isUtf8, no string is built): this pass reads national files of several hundred MB.
 */
export async function detectEncoding(file: string): Promise<EncodingInfo> {
  let first = true;
  let bom = false;
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (first) {
      bom = startsWithBom(chunk);
      first = false;
    }
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const complete = completeUtf8Length(bytes);
    if (!isUtf8(bytes.subarray(0, complete))) return { encoding: "windows-1252", bom: false };
    carry = Buffer.from(bytes.subarray(complete)); // at most 3 bytes, copied so the chunk can be freed
  }
  // A multi-byte sequence cut by the end of the file is invalid too.
  if (carry.length > 0) return { encoding: "windows-1252", bom: false };
  return { encoding: "utf-8", bom };
}

/** UTF-8 bytes to string chunks with the WHATWG decoder (faster than string_decoder), BOM removed. */
function utf8DecodeStream(): Transform {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: false });
  return new Transform({
    readableObjectMode: true, // string chunks, as papaparse expects
    readableHighWaterMark: 4, // chunks of up to 1 MB: keep the read-ahead small
    transform(chunk: Buffer, _encoding, done) {
      const text = decoder.decode(chunk, { stream: true });
      done(null, text.length > 0 ? text : undefined);
    },
    flush(done) {
      const text = decoder.decode();
      done(null, text.length > 0 ? text : undefined);
    },
  });
}

/** A stream of decoded text (string chunks), BOM removed. */
export function openTextStream(file: string, encoding: TextEncoding): Readable {
  const decoder = encoding === "utf-8" ? utf8DecodeStream() : iconv.decodeStream("win1252", { stripBOM: true });
  return createReadStream(file, { highWaterMark: 1 << 20 }).pipe(decoder) as unknown as Readable;
}

/** Reads the first bytes of a file (enough for a header line or a zip signature). */
export async function readPrefix(file: string, size = 1 << 16): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The first line of a text file, decoded. Only a prefix is read: a multi-byte character cut at the end of
 * the prefix must not turn a UTF-8 file into Windows-1252, so the sample is cut at the last newline first.
 */
export async function readFirstLine(file: string): Promise<string> {
  const prefix = await readPrefix(file);
  const newline = prefix.indexOf(0x0a);
  const sample = newline >= 0 ? prefix.subarray(0, newline) : prefix;
  const { text } = decodeBytes(sample);
  return text.replace(/^\uFEFF/, "").replace(/\r$/, "");
}
