// The proof that the last cells of every line are plain digits (src/io/digit-tails.ts), on files made by hand: true
// only when DuckDB's lax integer reading cannot differ from the project's rules, false on any doubt.
import { describe, expect, it } from "vitest";
import { lastCellsArePlainDigits } from "../../src/io/digit-tails.ts";
import { handMadeFiles } from "./hand-made-files.ts";

const file = handMadeFiles("ti-digit-tails-");
const options = { delimiter: ";", cells: 2, maxDigits: 8 };
const check = (name: string, text: string | Buffer, gzip = false) => lastCellsArePlainDigits(file(name, text, gzip), options);

describe("lastCellsArePlainDigits", () => {
  it("is true when the last cells hold digits or nothing, whatever the first cells and the header hold", async () => {
    expect(await check("plain.csv", "commune;e_2021;j_2021\n02691;3;120\n02738;;\n80620;0;12345678\n")).toBe(true);
    expect(await check("crlf.csv", "commune;e;j\r\n02691;3;120\r\n\"Saint-Quentin; centre\";1;2\r\n")).toBe(true);
    expect(await check("no-final-break.csv", "commune;e;j\n02691;3;120")).toBe(true);
    expect(await check("blank-lines.csv", "commune;e;j\n\n02691;3;120\r\n\r\n")).toBe(true);
    expect(await check("header-only.csv", "commune;e;+j")).toBe(true);
    expect(await check("gzip.csv.gz", "commune;e;j\n02691;3;120\n", true)).toBe(true);
  });

  it("is false on every form DuckDB reads as an integer and the rules refuse", async () => {
    for (const cell of ["+12", "1e2", "0x10", "1_000", "1.5", "1.0", " 12", "12 ", "-4", '"12"', "１２"])
      expect(await check(`cell-${cell.codePointAt(0)}-${cell.length}.csv`, `commune;e;j\n02691;3;120\n02738;2;${cell}\n`), cell).toBe(false);
  });

  it("is false on a cell of more digits than allowed, a line with fewer cells, a lone CR", async () => {
    expect(await check("long.csv", "commune;e;j\n02691;3;123456789\n")).toBe(false);
    expect(await check("short.csv", "commune;e;j\n02691;3;120\n4711\n")).toBe(false);
    // A lone CR ends a record for DuckDB: the first record of the line would go unchecked.
    expect(await check("lone-cr.csv", "commune;e;j\n02691;3;+1\r02738;2;5\n")).toBe(false);
    expect(await check("cr-file.csv", "commune;e;j\r02691;3;+1\r02738;2;5\r")).toBe(false);
  });

  it("checks the line a chunk of the read cuts in two, and the last line of a large file", async () => {
    // 1 MiB chunks: lines of 100 bytes, one of them across the first chunk's end (its last cells in the second
    // chunk), the bad one last.
    const header = "commune;e;j\n";
    const line = (i: number) => `${String(i).padStart(93, "x")};12;34`;
    const lines = Array.from({ length: 12_000 }, (_, i) => line(i));
    expect(await check("large.csv", `${header}${lines.join("\n")}\n`)).toBe(true);
    expect(await check("large-bad-last.csv", `${header}${lines.join("\n")}\n${"x".repeat(93)};12;3a`)).toBe(false);
    const cut = Math.floor(((1 << 20) - header.length) / 100);
    expect(header.length + cut * 100 + 93).toBeGreaterThan(1 << 20); // its last cells start past the first chunk
    const bad = lines.map((l, i) => (i === cut ? l.replace(";12;34", ";1e;34") : l));
    expect(await check("large-bad-cut.csv", `${header}${bad.join("\n")}\n`)).toBe(false);
  });
});
