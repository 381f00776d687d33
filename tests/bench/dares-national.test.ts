// The DARES bench's pieces on a small file: the generator writes what the producer's label export looks like, the
// same file for the same seed, and the loader and DuckDB alone agree on the rows read and kept (the bench's check).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DARES_CONTENDERS, runDaresContender } from "../../bench/dares-contenders.ts";
import { DARES_HEADER, writeDaresFile } from "../../bench/dares-generate.ts";

const dir = mkdtempSync(path.join(tmpdir(), "bench-dares-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("DARES bench", () => {
  it("generates the label export, the same for the same seed, cut at the rows asked", async () => {
    const [a, b] = [path.join(dir, "a.csv"), path.join(dir, "b.csv")];
    expect((await writeDaresFile(a, 60_000, "graine")).rows).toBe(60_000);
    await writeDaresFile(b, 60_000, "graine");
    const text = readFileSync(a, "utf8");
    expect(text).toBe(readFileSync(b, "utf8"));
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(`\uFEFF${DARES_HEADER}`);
    expect(lines[1]).toMatch(/^2015-T4;00;Région;01;Département;01001;[^;]+;Brutes;ABC;Total;Total;(s|\d*[05])$/);
    expect(lines).toHaveLength(60_002); // header, rows, the empty string after the last line break
  });

  it("has the loader and DuckDB alone agree on rows read and kept, for both territories", async () => {
    const file = path.join(dir, "dares.csv");
    await writeDaresFile(file, 60_000, "bench-dares-v1"); // the first 10 000 communes in code order, the Aisne (02) among them
    const results = new Map<string, { rowsRead: number | null; rowsLoaded: number | null }>();
    for (const c of DARES_CONTENDERS) results.set(c.id, await runDaresContender(c, file));
    for (const c of DARES_CONTENDERS.filter((c) => c.reference !== null)) {
      const [mine, reference] = [results.get(c.id)!, results.get(c.reference!)!];
      expect(mine.rowsRead, c.label).toBe(60_000);
      expect([mine.rowsRead, mine.rowsLoaded], c.label).toEqual([reference.rowsRead, reference.rowsLoaded]);
      expect(mine.rowsLoaded, c.label).toBeGreaterThan(0);
    }
  }, 120_000);
});
