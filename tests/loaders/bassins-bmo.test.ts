import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { bassinsBmo } from "../../src/sources/bassins-bmo/loader.ts";
import { expectCountsAddUp, fixture, freshDb, rows, theTerritory } from "./helpers.ts";

const REAL = "../shared/data/bmo/bassin_emploi_hauts-de-france.csv";

describe("BMO bassins loader", () => {
  it("keeps communes outside the territory, maps old codes, rejects duplicates, conflicts and unknown codes", async () => {
    const db = await freshDb();
    const file = fixture("bassins-bmo/bassins.csv");
    const report = await bassinsBmo.load(file, { db, territory: await theTerritory() });
    expect(report).toMatchObject({ source: "bassins_bmo", rowsRead: 8, rowsLoaded: 5, rowsOutside: 0 });
    expect(report.rejections).toEqual([
      { file, line: 7, column: "code_commune_insee", value: "80620", reason: "ligne en double (identique à la ligne 4)" },
      { file, line: 8, column: "code_bassin_BMO", value: "3202", reason: "commune 80620 déjà rattachée au bassin 3203 (ligne 4)" },
      { file, line: 9, column: "code_commune_insee", value: "02999", reason: "code commune inconnu dans la géographie en vigueur" },
    ]);
    expectCountsAddUp(report);
    expect(await rows(db, "SELECT code_commune, code_bassin, nom_bassin FROM bassins_bmo ORDER BY code_commune, code_bassin")).toEqual([
      { code_commune: "02691", code_bassin: "3204", nom_bassin: "SAINT QUENTIN" },
      { code_commune: "02738", code_bassin: "3205", nom_bassin: "CHAUNY" },
      { code_commune: "80021", code_bassin: "3202", nom_bassin: "AMIENS" },
      { code_commune: "80620", code_bassin: "3203", nom_bassin: "SANTERRE SOMME" },
    ]);
    // Line 6 (02300 Fargniers, merged into 02738 Tergnier, same bassin as line 3) is loaded as the same membership.
    expect(report.notes).toContain("1 ligne(s) portant 1 ancien(s) code(s) de commune fusionnée rattachée(s) à la commune actuelle : 02300 → 02738");
    expect(report.notes).toContain(
      "1 ligne(s) d'anciennes communes réunies avec la ligne de leur commune actuelle (même bassin) : une seule ligne par commune dans la table",
    );
  });

  it.skipIf(!existsSync(REAL))("loads the real Hauts-de-France table: every row kept, old codes remapped", async () => {
    const db = await freshDb();
    const report = await bassinsBmo.load(REAL, { db, territory: await theTerritory() });
    // 3 060 data lines (wc -l gives 3 061 with the header). 74 lines of merged communes join their current
    // commune's line; 60196 is listed in two bassins, the second one is rejected.
    expect(report).toMatchObject({ rowsRead: 3060, rowsLoaded: 3059, rowsOutside: 0 });
    expect(report.rejections).toEqual([
      { file: REAL, line: 2953, column: "code_bassin_BMO", value: "3214", reason: "commune 60196 déjà rattachée au bassin 3213 (ligne 2544)" },
    ]);
    expect(await rows(db, "SELECT count(*) AS n, count(DISTINCT code_commune) AS communes FROM bassins_bmo")).toEqual([{ n: 2985, communes: 2985 }]);
    expect(await rows(db, "SELECT code_bassin, nom_bassin FROM bassins_bmo WHERE code_commune = '80620'")).toEqual([{ code_bassin: "3203", nom_bassin: "SANTERRE SOMME" }]);
  });

  it("gives the same outcome read by DuckDB (plain, gzip) and by the project's CSV reader (Windows-1252, a label over two lines)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bassins-"));
    try {
      const text = readFileSync(fixture("bassins-bmo/bassins.csv"), "utf8");
      // A no-break space around a bassin code is trimmed as the project trims (JavaScript's trim), an empty label is NULL.
      const spaced = text.replace("3205,CHAUNY", "\u00a03205\u00a0,").replace("SANTERRE SOMME\n32,80,80021", "\"SANTERRE SOMME\"\n32,80,80021");
      const outcome = async (file: string) => {
        const db = await freshDb();
        const report = await bassinsBmo.load(file, { db, territory: await theTerritory() });
        expectCountsAddUp(report);
        const table = await rows(db, "SELECT code_commune, code_bassin, nom_bassin FROM bassins_bmo ORDER BY code_commune");
        return { rejections: report.rejections.map(({ line, column, value, reason }) => ({ line, column, value, reason })), notes: report.notes, table };
      };
      const write = (name: string, content: string | Buffer) => {
        const file = path.join(dir, name);
        writeFileSync(file, content);
        return file;
      };
      const plain = await outcome(write("plain.csv", spaced));
      expect(plain.table).toContainEqual({ code_commune: "02738", code_bassin: "3205", nom_bassin: null });
      expect(plain.rejections.map((r) => r.line)).toEqual([7, 8, 9]);
      expect(await outcome(write("gzip.csv.gz", gzipSync(spaced)))).toEqual(plain);
      expect(await outcome(write("latin.csv", Buffer.from(spaced.replace("AMIENS\n", "AMIENS (Somme - préfecture)\n"), "latin1")))).toEqual({
        ...plain,
        table: plain.table.map((r) => (r.code_commune === "80021" ? { ...r, nom_bassin: "AMIENS (Somme - préfecture)" } : r)),
      });
      // A label over two lines: every line after it moves down by one.
      const twoLines = await outcome(write("deux-lignes.csv", spaced.replace("SAINT QUENTIN\n32,02,2738", "\"SAINT\nQUENTIN\"\n32,02,2738")));
      expect(twoLines.rejections.map((r) => r.line)).toEqual([8, 9, 10]);
      expect(twoLines.rejections[0]!.reason).toBe("ligne en double (identique à la ligne 5)");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
