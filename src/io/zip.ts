// Reading zip archives from disk with yauzl: the list of entries comes from the central directory at the
// end of the file (zip64 included), and one entry at a time is streamed out, so an archive of several GB
// (the national Sirene zip is about 2 GB) is never loaded into memory.
import type { Readable } from "node:stream";
import yauzl from "yauzl";

export interface ZipEntry {
  /** Path inside the archive; folders end with `/`. */
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
  entry: yauzl.Entry;
}

/** An archive open for reading: its entries and a way to stream one of them. Close it when done. */
export interface ZipArchive {
  entries: ZipEntry[];
  open(entry: ZipEntry): Promise<Readable>;
  close(): void;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );
}

function readEntries(zip: yauzl.ZipFile): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: ZipEntry[] = [];
    zip.on("entry", (entry: yauzl.Entry) => {
      entries.push({ name: entry.fileName, size: entry.uncompressedSize, entry });
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}

/** Opens an archive and reads its central directory; throws yauzl's error when the file is not a readable zip. */
export async function openZipArchive(file: string): Promise<ZipArchive> {
  const zip = await openZip(file);
  try {
    const entries = await readEntries(zip);
    return {
      entries,
      open: (e) => new Promise((resolve, reject) => zip.openReadStream(e.entry, (error, stream) => (error ? reject(error) : resolve(stream)))),
      close: () => zip.close(),
    };
  } catch (e) {
    zip.close();
    throw e;
  }
}

/** The names of the entries of a zip archive, or null when its central directory cannot be read. */
export async function zipEntryNames(file: string): Promise<string[] | null> {
  let archive: ZipArchive;
  try {
    archive = await openZipArchive(file);
  } catch {
    return null;
  }
  archive.close();
  return archive.entries.map((e) => e.name);
}
