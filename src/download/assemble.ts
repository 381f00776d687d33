// Puts downloaded content in place under data/: copies a cached file, or joins the cached parts of a
// request split in several (CSV: the header line is kept from the first part only), atomically.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { writeAtomically, type WrittenFile } from "./atomic.ts";

/** sha256 of an existing file, or null when there is none. */
export async function fileSha256(file: string): Promise<string | null> {
  try {
    if (!(await stat(file)).isFile()) return null;
  } catch {
    return null;
  }
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export async function assemble(parts: string[], dest: string, format: "csv" | "xlsx" | "geojson"): Promise<WrittenFile> {
  if (parts.length === 1 || format !== "csv") {
    if (parts.length !== 1) throw new Error(`seuls les fichiers CSV peuvent être assemblés (${dest})`);
    return writeAtomically(dest, [createReadStream(parts[0]!)]);
  }
  return writeAtomically(dest, [Readable.from(joinCsv(parts))]);
}

async function* joinCsv(parts: string[]): AsyncGenerator<Buffer> {
  let endsWithNewline = true;
  for (const [index, part] of parts.entries()) {
    let skipping = index > 0; // drop the header line of every part after the first
    let needNewline = !endsWithNewline; // the previous part's last line had no line break
    for await (const raw of createReadStream(part)) {
      let chunk = raw as Buffer;
      if (skipping) {
        const eol = chunk.indexOf(10);
        if (eol === -1) continue;
        skipping = false;
        chunk = chunk.subarray(eol + 1);
      }
      if (chunk.length === 0) continue;
      if (needNewline) {
        yield Buffer.from("\n");
        needNewline = false;
      }
      yield chunk;
      endsWithNewline = chunk[chunk.length - 1] === 10;
    }
  }
}
