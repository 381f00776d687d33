// Every loader that reads through DuckDB binds the file's path as a parameter: a file name may hold any character
// (quotes, backslashes, a line break, SQL), and none of it is ever written into the SQL text DuckDB runs.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bassinsBmo } from "../../src/sources/bassins-bmo/loader.ts";
import { cartofriches } from "../../src/sources/cartofriches/loader.ts";
import { cerema } from "../../src/sources/cerema/loader.ts";
import { lyceesPro } from "../../src/sources/lycees-pro/loader.ts";
import { dares } from "../../src/sources/dares/loader.ts";
import { sirene } from "../../src/sources/sirene/loader.ts";
import { urssaf } from "../../src/sources/urssaf/loader.ts";
import type { SourceLoader } from "../../src/sources/types.ts";
import { recordSql } from "../db/sql-recorder.ts";
import { expectCountsAddUp, fixture, freshDb, theTerritory } from "./helpers.ts";

const MARKER = "Zq7marqueur";
const dir = mkdtempSync(path.join(tmpdir(), `chemins-${MARKER} l'a\\b"c\nd-`));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CASES: [string, SourceLoader, string, number][] = [
  ["urssaf", urssaf, "urssaf/nominal.csv", 1],
  ["sirene", sirene, "sirene/sirene-etablissements-02.csv", 4],
  ["dares", dares, "dares/dares-defm-communes.csv", 5],
  ["cerema", cerema, "cerema/conso_com_2021_2022.csv", 1],
  ["bassins BMO", bassinsBmo, "bassins-bmo/bassins.csv", 5],
  ["lycées professionnels", lyceesPro, "lycees-pro/opendatasoft-mef.csv", 1],
  ["Cartofriches", cartofriches, "cartofriches/friches-standard.csv", 1],
];

describe("file paths bound, never spliced into SQL", () => {
  it.each(CASES)("%s", async (_, loader, name, atLeast) => {
    const file = path.join(dir, `${MARKER} ${path.basename(name, ".csv")} l'export'); DROP TABLE communes; --.csv`);
    copyFileSync(fixture(name), file);
    const db = await freshDb();
    const territory = await theTerritory();
    const sql = recordSql();
    try {
      const report = await loader.load(file, { db, territory });
      expectCountsAddUp(report);
      expect(report.rowsLoaded).toBeGreaterThanOrEqual(atLeast);
      expect(report.file).toBe(file);
    } finally {
      sql.stop();
    }
    expect(sql.texts.some((t) => /read_csv/.test(t))).toBe(true); // the recorder saw DuckDB's read
    expect(sql.containing(MARKER).map((t) => t.slice(Math.max(0, t.indexOf(MARKER) - 200), t.indexOf(MARKER) + 50))).toEqual([]);
  });
});
