// The one read_csv call (src/db/read-csv.ts): what the caller asks is what DuckDB does, nothing sniffed.
import { gzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { fileParameter, readCsvSql } from "../../src/db/read-csv.ts";
import { handMadeFiles } from "../io/hand-made-files.ts";

const file = handMadeFiles("ti-read-csv-");

/** Runs `sql`, the path of `file` bound: it is never written into the SQL text. */
async function query(sql: string, file: string): Promise<Record<string, unknown>[]> {
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  return (await db.runAndReadAll(sql, fileParameter(file))).getRowObjectsJS();
}

describe("readCsvSql", () => {
  it("names the columns by position and types them as asked; a quoted cell is one cell; a file name with a quote is read, bound as a parameter", async () => {
    const f = file("l'exemple.csv", 'code;libelle;n\n02691;"Saint-Quentin; centre";12\n80620;Péronne;\n');
    const read = readCsvSql({ file: f, delimiter: ";", compressed: false, columns: [{ name: "c0", type: "VARCHAR" }, { name: "c1", type: "VARCHAR" }, { name: "c2", type: "INTEGER" }] });
    expect(read).not.toContain("exemple");
    expect(await query(`SELECT c0, c1, c2 FROM ${read}`, f)).toEqual([
      { c0: "02691", c1: "Saint-Quentin; centre", c2: 12 },
      { c0: "80620", c1: "Péronne", c2: null },
    ]);
  });

  it("reads an empty cell as '' when a null marker is given, and a gzip file when told so", async () => {
    const f = file("vide.csv.gz", gzipSync("a,b\n1,\n"));
    const read = readCsvSql({ file: f, delimiter: ",", compressed: true, nullMarker: "\u0001", columns: [{ name: "a", type: "VARCHAR" }, { name: "b", type: "VARCHAR" }] });
    expect(await query(`SELECT a, b FROM ${read}`, f)).toEqual([{ a: "1", b: "" }]);
  });

  it("sends a row it cannot read to the rejects tables instead of failing, with its line", async () => {
    const f = file("rejet.csv", "a;b\n1;2\n3\n4;5\n");
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    const read = readCsvSql({
      file: f, delimiter: ";", compressed: false, projectLineBound: true, rejects: { table: "r", scan: "r_scan" },
      columns: [{ name: "a", type: "INTEGER" }, { name: "b", type: "INTEGER" }],
    });
    expect((await db.runAndReadAll(`SELECT a, b FROM ${read} ORDER BY a`, fileParameter(f))).getRowObjectsJS()).toEqual([{ a: 1, b: 2 }, { a: 4, b: 5 }]);
    expect((await db.runAndReadAll("SELECT line, error_type FROM r")).getRowObjectsJS()).toEqual([{ line: 3n, error_type: "MISSING COLUMNS" }]);
  });
});
