// The faster encoding check and UTF-8 decoding made for the national benchmark validate and decode a
// file chunk by chunk (1 MiB): a character cut by a chunk boundary must neither turn a UTF-8 file into
// Windows-1252 nor be garbled.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { completeUtf8Length, detectEncoding, openTextStream } from "../../src/io/read-text.ts";

const dir = mkdtempSync(path.join(tmpdir(), "read-text-"));
const write = (name: string, content: Buffer) => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};
const CHUNK = 1 << 20;

async function readAll(file: string, encoding: "utf-8" | "windows-1252"): Promise<string> {
  let text = "";
  for await (const chunk of openTextStream(file, encoding) as AsyncIterable<string>) text += chunk;
  return text;
}

describe("read-text across chunk boundaries", () => {
  it("finds where the last complete UTF-8 sequence ends", () => {
    const e = Buffer.from("aé€😀", "utf8"); // 1 + 2 + 3 + 4 bytes
    expect(completeUtf8Length(e)).toBe(10);
    expect(completeUtf8Length(e.subarray(0, 9))).toBe(6); // emoji cut after 3 of its 4 bytes
    expect(completeUtf8Length(e.subarray(0, 5))).toBe(3); // euro sign cut after 2 of 3
    expect(completeUtf8Length(e.subarray(0, 2))).toBe(1); // é cut after its lead byte
    expect(completeUtf8Length(Buffer.alloc(0))).toBe(0);
  });

  it("keeps UTF-8 when a multi-byte character straddles the 1 MiB read boundary, and decodes it whole", async () => {
    for (const ch of ["é", "œ", "😀"]) {
      const bytes = Buffer.concat([Buffer.from("\uFEFF"), Buffer.alloc(CHUNK - 4, "a"), Buffer.from(`${ch}z\n`)]);
      const file = write(`cut-${ch.codePointAt(0)}.csv`, bytes);
      expect(await detectEncoding(file)).toEqual({ encoding: "utf-8", bom: true });
      const text = await readAll(file, "utf-8");
      expect(text.length).toBe(CHUNK - 4 + ch.length + 2);
      expect(text.endsWith(`a${ch}z\n`)).toBe(true);
      expect(text.startsWith("a")).toBe(true); // BOM stripped
    }
  });

  it("reads a file ending in the middle of a UTF-8 character as Windows-1252", async () => {
    const file = write("truncated.csv", Buffer.concat([Buffer.from("a;b\n1;"), Buffer.from("é", "utf8").subarray(0, 1)]));
    expect(await detectEncoding(file)).toMatchObject({ encoding: "windows-1252", bom: false });
  });

  it("reads an invalid byte just after a boundary as Windows-1252", async () => {
    const file = write("late.csv", Buffer.concat([Buffer.alloc(CHUNK + 10, "a"), Buffer.from([0xe9, 0x0a])]));
    expect(await detectEncoding(file)).toMatchObject({ encoding: "windows-1252", bom: false });
  });
});
