// Writing a file so that its final name only ever holds complete content: bytes go to a hidden
// `.<name>.part` beside the target (same directory, hence same file system, so the rename is atomic),
// are fsynced, then renamed over the target. On any failure the part file is removed and a previous
// file under the final name is left exactly as it was.
//
// The part file is a dot-file on purpose: the data pipeline ignores dot-files in data/sources/, so a
// part file left behind by a killed process is never mistaken for an official file.
import { createHash } from "node:crypto";
import { createWriteStream, rmSync } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DownloadError } from "./errors.ts";

export interface WrittenFile {
  size: number;
  sha256: string;
  /** Number of text lines (a last line without a final newline counts). Meaningless for binary files. */
  lines: number;
}

export const PART_SUFFIX = ".part";

export function partPath(finalPath: string): string {
  return path.join(path.dirname(finalPath), `.${path.basename(finalPath)}${PART_SUFFIX}`);
}

// Part files being written right now, so that an interrupted process (Ctrl+C) can remove them.
const activeParts = new Set<string>();

/** Removes the part files of writes in progress; safe to call from a signal handler. */
export function removeActivePartsSync(): void {
  for (const part of activeParts) rmSync(part, { force: true });
  activeParts.clear();
}

/** Removes part files left in a directory by a process that was killed before it could clean up. */
export async function removeStaleParts(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((n) => n.startsWith(".") && n.endsWith(PART_SUFFIX)).map((n) => path.join(dir, n));
  for (const file of stale) if (!activeParts.has(file)) await rm(file, { force: true });
  return stale;
}

export interface AtomicWriteOptions {
  /** Called once all bytes are written and flushed, with the part file, before the rename: throwing here cancels the write. */
  verify?: (partFile: string) => void | Promise<void>;
}

/**
 * Streams `stages` (a source followed by optional transforms) into `finalPath` atomically, computing
 * size, sha256 and line count of the bytes written.
 */
export async function writeAtomically(
  finalPath: string,
  stages: [NodeJS.ReadableStream | Readable, ...(NodeJS.ReadWriteStream | Transform)[]],
  options: AtomicWriteOptions = {},
): Promise<WrittenFile> {
  const dir = path.dirname(finalPath);
  const part = partPath(finalPath);
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new DownloadError(`impossible de créer le dossier ${dir} (${(e as Error).message})`, "fichier", false);
  }
  const hash = createHash("sha256");
  let size = 0;
  let newlines = 0;
  let lastByte = -1;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
      if (chunk.length > 0) lastByte = chunk[chunk.length - 1]!;
      callback(null, chunk);
    },
  });

  activeParts.add(part);
  try {
    let out;
    try {
      out = createWriteStream(part);
    } catch (e) {
      throw new DownloadError(`impossible d'écrire ${part} (${(e as Error).message})`, "fichier", false);
    }
    await pipeline([...stages, meter, out]);
    await fsyncFile(part);
    await options.verify?.(part);
    await rename(part, finalPath);
    activeParts.delete(part);
    await fsyncFile(dir);
  } catch (e) {
    await rm(part, { force: true }).catch(() => {});
    activeParts.delete(part);
    throw e;
  }
  return { size, sha256: hash.digest("hex"), lines: newlines + (lastByte !== -1 && lastByte !== 10 ? 1 : 0) };
}

/** Writes a small text file (an index, a manifest) atomically. */
export async function writeTextAtomically(finalPath: string, text: string): Promise<void> {
  await writeAtomically(finalPath, [Readable.from([Buffer.from(text, "utf8")])]);
}

// Flushes a written file, or a directory after a rename, to the disk. Not every platform can open a
// directory for fsync (Windows cannot): the rename is still atomic there, only its durability after a
// power cut is weaker, hence best effort for directories.
async function fsyncFile(file: string): Promise<void> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (e) {
    if ((await isDirectory(file))) return;
    throw e;
  }
  try {
    await handle.sync();
  } catch (e) {
    if (!(await isDirectory(file))) throw e;
  } finally {
    await handle.close();
  }
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}
