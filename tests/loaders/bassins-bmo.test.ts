import { existsSync } from "node:fs";
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
});
