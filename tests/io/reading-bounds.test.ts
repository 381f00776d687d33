// The bounds of the file readers (issue 16, item 5): a hostile file costs seconds and a bounded memory, and is
// refused with a French message naming the file and what was expected. Each hostile file is made here, small on
// disk and huge once decompressed.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { crc32, deflateRawSync, gzipSync } from "node:zlib";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { detectEncoding, MAX_LINE_BYTES, openTextStream, readFirstLine, readToEnd } from "../../src/io/read-text.ts";
import { checkXlsxBounds, MAX_XLSX_PART_BYTES } from "../../src/io/xlsx.ts";
import { detectSource } from "../../src/sources/detect.ts";
import { LoadError } from "../../src/sources/types.ts";
import { bmoXlsx } from "../fixtures/download/official-files.ts";

const work = mkdtempSync(path.join(os.tmpdir(), "ti-bounds-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, bytes: Buffer): string {
  const f = path.join(work, name);
  writeFileSync(f, bytes);
  return f;
}

/** The LoadError a promise rejects with (fails the test when it resolves). */
async function loadError(promise: Promise<unknown>): Promise<LoadError["problem"]> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof LoadError) return e.problem;
    throw e;
  }
  throw new Error("lecture acceptée alors qu'elle devait être refusée");
}

/** 1 Gio of "a" without a line break, as 1 024 gzip members of 1 Mio (about 1 Mo on disk). */
const endlessLineGzip = () => {
  const member = gzipSync(Buffer.alloc(1 << 20, 0x61), { level: 9 });
  return Buffer.concat(Array.from({ length: 1024 }, () => member));
};

describe("text files", () => {
  it("a gzip of 1 Gio without a line break: refused after 8 Mio, by the header reader and by the stream", async () => {
    const f = file("sans-fin.csv.gz", endlessLineGzip());
    expect(await loadError(readFirstLine(f))).toEqual({
      file: f,
      line: 1,
      column: "",
      message: "première ligne de plus de 64 Kio sans fin de ligne : ce n'est pas un fichier CSV (en-tête attendu)",
    });
    const streamed = await loadError(
      (async () => {
        for await (const _ of openTextStream(f, "utf-8"));
      })(),
    );
    expect(streamed.message).toBe(`ligne de plus de 8 Mio sans fin de ligne (à partir de l'octet 0) : ce n'est pas un fichier de données texte lisible ; lecture arrêtée`);
    expect((await loadError(detectEncoding(f))).message).toMatch(/^ligne de plus de 8 Mio/);
  });

  it("a long line further on is located by its line number and byte offset; CR-only line breaks are line breaks", async () => {
    const header = "a;b\n1;2\n";
    const f = file("longue.csv", Buffer.concat([Buffer.from(header), Buffer.alloc(MAX_LINE_BYTES + 10, 0x61)]));
    expect(await loadError(readToEnd(f))).toMatchObject({ line: 3, message: `ligne de plus de 8 Mio sans fin de ligne (à partir de l'octet ${header.length}) : ce n'est pas un fichier de données texte lisible ; lecture arrêtée` });
    // Old Mac files break lines with CR alone: 20 Mio of short lines are read through.
    const mac = file("mac.csv", Buffer.from("a;b\r" + "1;2\r".repeat(5 << 20)));
    expect(await readToEnd(mac)).toBe(4 + 4 * (5 << 20));
  });

  it("a gzip of blank lines inflating a thousand times is stopped past 64 Mio; a real file's ratio passes", async () => {
    const bomb = file("vide.csv.gz", gzipSync(Buffer.alloc(120 << 20, 0x0a), { level: 9 }));
    const problem = await loadError(readToEnd(bomb));
    expect(problem.message).toMatch(/^fichier gzip suspect : 0,\d Mio compressés deviennent plus de 6\d Mio, plus de 100 fois leur taille \(un fichier de données se compresse 5 à 15 fois\) : bombe de décompression ou fichier vide de sens ; lecture arrêtée$/);
    // A plausible CSV, 70 Mio compressing about 10 times, is read to its end.
    const lines = Array.from({ length: 20_000 }, (_, i) => `${String(100000000 + i * 7919)};02691;Saint-Quentin;${(i * 37) % 1000};${i % 97}.${i % 13}Z;${(i * 13) % 2 ? "A" : "F"}\n`).join("");
    const plausible = Buffer.from(lines.repeat(Math.ceil((70 << 20) / lines.length)));
    const gz = gzipSync(plausible, { level: 6 });
    expect(plausible.length / gz.length).toBeLessThan(100);
    expect(await readToEnd(file("plausible.csv.gz", gz))).toBe(plausible.length);
  });
});

/** A zip archive written by hand, so that a part may declare another size than the one it inflates to. */
function zipArchive(parts: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const compressed = deflateRawSync(part.data, { level: 1 });
    const size = part.declaredSize ?? part.data.length;
    const crc = crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts of a real workbook (one BMO-like sheet), to rebuild with one part changed. */
async function workbookParts(): Promise<{ name: string; data: Buffer }[]> {
  const zip = await JSZip.loadAsync(await bmoXlsx(2024));
  return Promise.all(Object.values(zip.files).filter((f) => !f.dir).map(async (f) => ({ name: f.name, data: await f.async("nodebuffer") })));
}

const SHEET = "xl/worksheets/sheet1.xml";

describe("xlsx workbooks", () => {
  it("a sheet whose one cell inflates past 200 Mio is refused before exceljs reads it", async () => {
    const parts = await workbookParts();
    const cell = Buffer.alloc(MAX_XLSX_PART_BYTES + (10 << 20), 0x61);
    const sheet = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'),
      cell,
      Buffer.from("</t></is></c></row></sheetData></worksheet>"),
    ]);
    const f = file("cellule-geante.xlsx", zipArchive(parts.map((p) => (p.name === SHEET ? { name: p.name, data: sheet } : p))));
    expect(await loadError(detectSource(f))).toEqual({
      file: f,
      line: 1,
      column: "",
      message: `classeur xlsx refusé : sa partie « ${SHEET} » fait 211 Mio une fois décompressée, plus que les 200 Mio admis par partie (une cellule ou une feuille démesurée)`,
    });
  });

  it("a part inflating to more than its archive declares is refused too; an honest workbook passes", async () => {
    const parts = await workbookParts();
    const lying = file("taille-mensongere.xlsx", zipArchive(parts.map((p) => (p.name === SHEET ? { ...p, data: Buffer.concat([p.data, Buffer.alloc(5 << 20, 0x20)]), declaredSize: p.data.length } : p))));
    expect((await loadError(checkXlsxBounds(lying))).message).toMatch(new RegExp(`^classeur xlsx refusé : sa partie « ${SHEET} » ne correspond pas à la taille déclarée par l'archive \\(`));
    const honest = file("honnete.xlsx", zipArchive(parts));
    await checkXlsxBounds(honest);
    expect((await detectSource(honest)).loader.description.id).toBe("bmo");
  });
});
