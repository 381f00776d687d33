// The physical line count (src/io/line-count.ts) is the CSV reader's: a line ends at CRLF, LF or a lone CR. Each
// hostile file is made here by hand; the expected counts are the lines an editor shows.
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { countPhysicalLines } from "../../src/io/line-count.ts";
import { handMadeFiles } from "./hand-made-files.ts";
import { openCsv } from "../../src/io/csv.ts";
import { LoadError } from "../../src/io/problems.ts";
import { detectEncoding, physicalLinesCounted } from "../../src/io/read-text.ts";

const file = handMadeFiles("ti-line-count-");

/** The line the CSV reader gives to the last record of the file. */
async function lastRecordLine(f: string): Promise<number> {
  let line = 0;
  for await (const r of (await openCsv(f)).records()) line = r.line;
  return line;
}

describe("countPhysicalLines", () => {
  it("counts CRLF, LF and a lone CR each as one line end, mixed in one file", async () => {
    expect(await countPhysicalLines(file("crlf.csv", "a;b\r\n1;2\r\n3;4\r\n"))).toBe(3);
    expect(await countPhysicalLines(file("lf.csv", "a;b\n1;2\n3;4\n"))).toBe(3);
    expect(await countPhysicalLines(file("cr.csv", "a;b\r1;2\r3;4\r"))).toBe(3);
    expect(await countPhysicalLines(file("mixed.csv", "a;b\r\n1;2\n3;4\r5;6\r\n"))).toBe(4);
    // CR CR LF: a lone CR, then CRLF: two lines, as the CSV reader and an editor see them.
    expect(await countPhysicalLines(file("crcrlf.csv", "a\r\r\n"))).toBe(2);
  });

  it("counts a last line without a break, blank lines, and nothing in an empty file", async () => {
    expect(await countPhysicalLines(file("no-break.csv", "a;b\r\n1;2\n3;4\r5;6"))).toBe(4);
    expect(await countPhysicalLines(file("blank.csv", "a;b\n1;2\n\n\r\n3;4\n"))).toBe(5);
    expect(await countPhysicalLines(file("empty.csv", ""))).toBe(0);
    expect(await countPhysicalLines(file("one-break.csv", "\n"))).toBe(1);
  });

  it("counts the lines of a quoted cell over several lines, as the CSV reader numbers the record after it", async () => {
    // Record 1 on lines 2-3 (LF inside), record 2 on lines 4-6 (CRLF then a lone CR inside), record 3 on line 7.
    const f = file("quoted.csv", 'a;b\n1;"x\ny"\n2;"p\r\nq\rr"\n3;z\n');
    expect(await lastRecordLine(f)).toBe(7);
    expect(await countPhysicalLines(f)).toBe(7);
  });

  it("counts Windows-1252 bytes (é = E9, œ = 9C) as any other byte", async () => {
    const f = file("cp1252.csv", iconv.encode("commune;libellé\r\n1;Abbéville\r2;Crèvecœur\n", "win1252"));
    expect(await lastRecordLine(f)).toBe(3);
    expect(await countPhysicalLines(f)).toBe(3);
  });

  it("counts the decompressed lines of a gzip file, and refuses a cut one (LoadError)", async () => {
    const text = 'a;b\r\n1;"x\ry"\n2;3\r4;5';
    expect(await countPhysicalLines(file("mixed.csv.gz", text, true))).toBe(5);
    const whole = gzipSync(Buffer.from(Array.from({ length: 5000 }, (_, i) => `${i};${i * 7}`).join("\r\n")));
    const cut = file("cut.csv.gz", whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(countPhysicalLines(cut)).rejects.toBeInstanceOf(LoadError);
  });

  it("tells a CRLF cut by a chunk boundary (1 Mio) from a lone CR ending a chunk", async () => {
    // The CR is the last byte of the first 1 Mio chunk in both files.
    const filler = "x".repeat((1 << 20) - 3);
    expect(await countPhysicalLines(file("crlf-boundary.csv", `a\n${filler}\r\nb\rc`))).toBe(4);
    expect(await countPhysicalLines(file("cr-boundary.csv", `a\n${filler}\rz`))).toBe(3);
    expect(await countPhysicalLines(file("cr-end.csv", `a\n${filler}\r`))).toBe(2);
  });

  it("takes the count from the encoding pass when it read the whole file: the same count, one read", async () => {
    const filler = "x".repeat((1 << 20) - 3);
    const cases: [string, string, number][] = [
      ["pass-mixed.csv", "a;b\r\n1;2\n3;4\r5;6", 4],
      ["pass-crcrlf.csv", "a\r\r\n", 2],
      ["pass-crlf-boundary.csv", `a\n${filler}\r\nb\rc`, 4],
      ["pass-cr-boundary.csv", `a\n${filler}\rz`, 3],
    ];
    for (const [name, text, lines] of cases) {
      const f = file(name, text);
      expect(await physicalLinesCounted(f)).toBeUndefined(); // not read yet
      await detectEncoding(f);
      expect(await physicalLinesCounted(f)).toBe(lines);
      expect(await countPhysicalLines(f)).toBe(lines);
    }
  });

  it("counts by its own read a file the encoding pass left before its end (Windows-1252 decided early)", async () => {
    const body = Array.from({ length: 20000 }, (_, i) => `${i};Crèvecœur`).join("\r\n");
    const f = file("cp1252-long.csv", iconv.encode(`commune;libellé\r\n${body}\n`, "win1252"));
    expect((await detectEncoding(f)).encoding).toBe("windows-1252");
    expect(await physicalLinesCounted(f)).toBeUndefined();
    expect(await countPhysicalLines(f)).toBe(20001);
  });
});
