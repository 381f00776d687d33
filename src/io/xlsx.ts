// Streaming xlsx reader (exceljs WorkbookReader): the BMO workbook has ~53 000 rows; the streaming reader
// reads it in about half the time and a third of the memory of the in-memory Workbook (measured on the
// 2024 file: 1.3 s / 170 MB against 2.6 s / 500 MB).
import { open } from "node:fs/promises";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";

export interface XlsxRecord {
  /** Row number in the sheet (1-based, as Excel shows it). */
  line: number;
  cells: string[];
}

export interface XlsxSheet {
  name: string;
  /** Row number of the header. */
  headerLine: number;
  header: string[];
  records: AsyncGenerator<XlsxRecord>;
}

/** Text of a cell as the producer wrote it: numbers without formatting, rich text flattened, formulas' results. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: string; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText(v.result);
    if (typeof v.text === "string") return v.text;
    if (typeof v.error === "string") return v.error;
  }
  return String(value);
}

function rowCells(values: unknown): string[] {
  // exceljs row.values is 1-based and sparse: index 0 is unused.
  const arr = Array.isArray(values) ? values : [];
  const cells: string[] = [];
  for (let i = 1; i < arr.length; i++) cells.push(cellText(arr[i]).trim());
  return cells;
}

const isEmpty = (cells: string[]) => cells.every((c) => c === "");

interface RowLike {
  number: number;
  values: unknown;
}

/**
 * Opens the first sheet (in workbook order) whose header row (its first non-empty row) `accept` takes;
 * returns null when no sheet is accepted. Sheets before it are skipped; `records` streams the rest.
 */
export async function openXlsxSheet(file: string, accept: (sheetName: string, header: string[]) => boolean): Promise<XlsxSheet | null> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  const sheets = reader[Symbol.asyncIterator]();
  while (true) {
    const next = await sheets.next();
    if (next.done) return null;
    const worksheet = next.value as unknown as AsyncIterable<RowLike> & { name: string };
    const rows = worksheet[Symbol.asyncIterator]();
    let header: { line: number; cells: string[] } | undefined;
    while (!header) {
      const r = await rows.next();
      if (r.done) break;
      const cells = rowCells(r.value.values);
      if (!isEmpty(cells)) header = { line: r.value.number, cells };
    }
    if (header && accept(worksheet.name, header.cells)) {
      const width = header.cells.length;
      async function* records(): AsyncGenerator<XlsxRecord> {
        while (true) {
          const r = await rows.next();
          if (r.done) break;
          const cells = rowCells(r.value.values);
          if (isEmpty(cells)) continue; // formatting-only rows at the bottom of sheets are not records
          while (cells.length < width) cells.push(""); // trailing empty cells are not stored by Excel
          yield { line: r.value.number, cells };
        }
        // Drain the remaining sheets so that the zip stream ends and its file handle is released.
        for (let s = await sheets.next(); !s.done; s = await sheets.next()) for await (const _ of s.value as unknown as AsyncIterable<RowLike>);
      }
      return { name: worksheet.name, headerLine: header.line, header: header.cells, records: records() };
    }
    if (header) while (!(await rows.next()).done); // skip the rest of a sheet that is not the one
  }
}

const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]); // end of central directory record
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const MAX_CENTRAL_DIRECTORY = 64 << 20; // a larger one is a corrupt size, not a real archive

/**
 * Names of the entries of a zip archive, from its central directory at the end of the file: only that
 * part is read (jszip would load the archive whole, and a national Sirene archive is 2 GB). Null when the
 * file has no readable central directory (a corrupt or cut file).
 */
export async function zipEntryNames(file: string): Promise<string[] | null> {
  const handle = await open(file, "r");
  try {
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    };
    const { size } = await handle.stat();
    // The record (22 bytes) ends the file, followed only by a comment of up to 65 535 bytes.
    const tailStart = Math.max(0, size - 22 - 0xffff);
    const tail = await read(tailStart, size - tailStart);
    const at = tail.lastIndexOf(EOCD);
    if (at < 0 || at + 22 > tail.length) return null;
    let count = tail.readUInt16LE(at + 10);
    let cdSize = tail.readUInt32LE(at + 12);
    let cdOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      // Zip64 (an entry or the archive over 4 GB): the real values are in the zip64 record the locator points to.
      if (at < 20 || tail.readUInt32LE(at - 20) !== EOCD64_LOCATOR) return null;
      const record = await read(Number(tail.readBigUInt64LE(at - 20 + 8)), 56);
      if (record.length < 56 || record.readUInt32LE(0) !== EOCD64) return null;
      count = Number(record.readBigUInt64LE(32));
      cdSize = Number(record.readBigUInt64LE(40));
      cdOffset = Number(record.readBigUInt64LE(48));
    }
    if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > size) return null;
    const directory = await read(cdOffset, cdSize);
    const names: string[] = [];
    for (let pos = 0; names.length < count; ) {
      if (pos + 46 > directory.length || directory.readUInt32LE(pos) !== CENTRAL_HEADER) return null;
      const utf8 = (directory.readUInt16LE(pos + 8) & 0x800) !== 0; // otherwise the name is in code page 437
      const nameLength = directory.readUInt16LE(pos + 28);
      const name = directory.subarray(pos + 46, pos + 46 + nameLength);
      names.push(utf8 ? name.toString("utf8") : iconv.decode(name, "cp437"));
      pos += 46 + nameLength + directory.readUInt16LE(pos + 30) + directory.readUInt16LE(pos + 32);
    }
    return names;
  } finally {
    await handle.close();
  }
}
