// The CSV reader's records staged into DuckDB (src/io/csv-staging.ts): each record with the line the CSV reader gives
// it, the cells it decoded, and the records it cannot trust returned as rejections, never staged. Each hostile file
// is made here by hand; the expected lines are the ones an editor shows.
import iconv from "iconv-lite";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { openCsv } from "../../src/io/csv.ts";
import { stageCsvRecords, type Staging } from "../../src/io/csv-staging.ts";
import { countPhysicalLines } from "../../src/io/line-count.ts";
import { handMadeFiles } from "./hand-made-files.ts";

const file = handMadeFiles("ti-csv-staging-");

async function connect(): Promise<DuckDBConnection> {
  return (await DuckDBInstance.create(":memory:")).connect();
}

/** Stages the file's columns `a`, `b` (indexes 0, 1) and returns the table's rows in line order and the rejections. */
async function stage(f: string, options: Partial<Staging> = {}) {
  const db = await connect();
  const csv = await openCsv(f);
  const staging: Staging = { table: "staged", lineColumn: "ligne", columns: [{ name: "a", index: 0 }, { name: "b", index: 1 }], emptyCell: null, ...options };
  const rejections = await stageCsvRecords(db, csv, staging);
  const reader = await db.runAndReadAll(`SELECT * FROM ${staging.table} ORDER BY ${staging.lineColumn}`);
  const rows = reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
  return { rows, rejections };
}

describe("stageCsvRecords", () => {
  it("stages CRLF, LF and lone-CR files, mixed in one file, each record on its own line", async () => {
    const expected = [{ ligne: 2, a: "1", b: "x" }, { ligne: 3, a: "2", b: "y" }, { ligne: 4, a: "3", b: "z" }];
    expect((await stage(file("crlf.csv", "a;b\r\n1;x\r\n2;y\r\n3;z\r\n"))).rows).toEqual(expected);
    expect((await stage(file("cr.csv", "a;b\r1;x\r2;y\r3;z"))).rows).toEqual(expected);
    const mixed = file("mixed.csv", "a;b\r\n1;x\n2;y\r3;z\r\n");
    expect((await stage(mixed)).rows).toEqual(expected);
    // The line counter agrees with the staged lines: 4 lines, the last record on line 4.
    expect(await countPhysicalLines(mixed)).toBe(4);
  });

  it("stages a quoted cell over several lines at the line where its record starts, line ends made LF, and numbers the next records past it", async () => {
    const f = file("quoted.csv", 'a;b\n1;"x\ny"\n2;"p\r\nq\rr"\n3;z\n');
    expect((await stage(f)).rows).toEqual([
      { ligne: 2, a: "1", b: "x\ny" },
      { ligne: 4, a: "2", b: "p\nq\nr" },
      { ligne: 7, a: "3", b: "z" },
    ]);
    expect(await countPhysicalLines(f)).toBe(7);
  });

  it("rejects the records the CSV reader cannot trust, with its reason and the whole line, at the CSV reader's line", async () => {
    // A wrong number of fields after a cell over three lines (lone CR then CRLF inside), then a quote never closed.
    const f = file("broken.csv", 'a;b\r1;"p\rq\r\nr"\r\n2;y;extra\n3;"jamais fermé\n4;w\n');
    const { rows, rejections } = await stage(f);
    expect(rows).toEqual([{ ligne: 2, a: "1", b: "p\nq\nr" }, { ligne: 7, a: "4", b: "w" }]);
    expect(rejections).toEqual([
      { file: f, line: 5, column: "", value: "2;y;extra", reason: "nombre de champs incorrect : 3 champs au lieu de 2" },
      {
        file: f, line: 6, column: "", value: '3;"jamais fermé',
        reason: "guillemet ouvert jamais refermé sur cette ligne : ligne écartée, la lecture reprend à la ligne suivante (guillemet à doubler ou à retirer)",
      },
    ]);
  });

  it("decodes a Windows-1252 file (Excel's CSV): é and œ staged as text", async () => {
    const f = file("cp1252.csv", iconv.encode("a;b\r\n80001;Abbéville\r\n60175;Crèvecœur-le-Grand\r\n", "win1252"));
    expect((await stage(f)).rows).toEqual([{ ligne: 2, a: "80001", b: "Abbéville" }, { ligne: 3, a: "60175", b: "Crèvecœur-le-Grand" }]);
  });

  it("stages a gzip file as its decompressed content, lines included", async () => {
    const f = file("mixed.csv.gz", 'a;b\r\n1;"x\ry"\n2;z\r', true);
    expect((await stage(f)).rows).toEqual([{ ligne: 2, a: "1", b: "x\ny" }, { ligne: 4, a: "2", b: "z" }]);
    expect(await countPhysicalLines(f)).toBe(4);
  });

  it("makes an empty cell and a column absent from the file NULL or '', as the loader's read_csv gives them", async () => {
    const f = file("empty.csv", "a;b\n;x\n2;\n");
    const columns = [{ name: "a", index: 0 }, { name: "b", index: 1 }, { name: "absente", index: -1 }];
    expect((await stage(f, { columns, emptyCell: null })).rows).toEqual([
      { ligne: 2, a: null, b: "x", absente: null },
      { ligne: 3, a: "2", b: null, absente: null },
    ]);
    expect((await stage(f, { columns, emptyCell: "", lineColumn: "line" })).rows).toEqual([
      { line: 2, a: "", b: "x", absente: "" },
      { line: 3, a: "2", b: "", absente: "" },
    ]);
  });
});
