// The flaw corpus: one small file per flaw of real-world files, each with its expected outcome.
import { describe, expect, it } from "vitest";
import { cerema } from "../../loaders/cerema.ts";
import { dares } from "../../loaders/dares.ts";
import { lyceesPro } from "../../loaders/lycees-pro.ts";
import { urssaf } from "../../loaders/urssaf.ts";
import type { SourceLoader } from "../../src/sources/types.ts";
import { expectCountsAddUp, fixture, freshDb, rows, theTerritory } from "./helpers.ts";

async function run(loader: SourceLoader, name: string) {
  const db = await freshDb();
  const file = fixture(`defauts/${name}`);
  const report = await loader.load(file, { db, territory: await theTerritory() });
  expectCountsAddUp(report);
  return { db, file, report };
}

describe("flaw corpus", () => {
  it("UTF-8 BOM: the first column (code_commune) is still found", async () => {
    const { db, report } = await run(dares, "bom.csv");
    expect(report).toMatchObject({ rowsLoaded: 1, rejections: [] });
    expect(await rows(db, "SELECT code_commune, demandeurs FROM dares")).toEqual([{ code_commune: "02691", demandeurs: 6385 }]);
  });

  it("Windows-1252: the accented commune name PÉRONNE is decoded and matched to 80620", async () => {
    const { db, report } = await run(lyceesPro, "windows-1252.csv");
    expect(report).toMatchObject({ rowsLoaded: 1, rejections: [] });
    expect(await rows(db, "SELECT code_commune, mef_libelle FROM lycees_pro")).toEqual([
      { code_commune: "80620", mef_libelle: "2NDPRO MÉTIERS DE LA RÉALISATION D'ENSEMBLES MÉCANIQUES ET INDUSTRIELS" },
    ]);
  });

  it("',' instead of ';': the separator is taken from the header line", async () => {
    const { db, report } = await run(dares, "separateur-virgule.csv");
    expect(report).toMatchObject({ rowsLoaded: 1, rejections: [] });
    expect(await rows(db, "SELECT code_commune, sexe, demandeurs FROM dares")).toEqual([{ code_commune: "80620", sexe: "Total", demandeurs: 455 }]);
  });

  it("decimal comma: 1234,5 m² is 1234.5", async () => {
    const { db, report } = await run(cerema, "virgule-decimale.csv");
    expect(report).toMatchObject({ rowsLoaded: 1, rejections: [], vintage: "2022-2022" });
    expect(await rows(db, "SELECT code_commune, annee, naf_m2, activite_m2, habitat_m2 FROM cerema")).toEqual([
      { code_commune: "02738", annee: 2022, naf_m2: 1234.5, activite_m2: 1000.25, habitat_m2: 234.25 },
    ]);
  });

  it("lost leading zero: 2691 is loaded as 02691 and noted", async () => {
    const { db, report } = await run(urssaf, "zero-initial-perdu.csv");
    expect(report).toMatchObject({ rowsLoaded: 1, rejections: [] });
    expect(await rows(db, "SELECT DISTINCT code_commune FROM urssaf")).toEqual([{ code_commune: "02691" }]);
    expect(report.notes).toContain("1 ligne(s) dont le code commune a été normalisé (zéro initial restitué, ex. 2691 → 02691)");
  });

  it("merged commune: the old code 02300 (Fargniers) is loaded as 02738 (Tergnier), with a counted note", async () => {
    const { db, report } = await run(dares, "commune-fusionnee.csv");
    expect(report).toMatchObject({ rowsLoaded: 1, rowsOutside: 0, rejections: [] });
    expect(await rows(db, "SELECT code_commune, demandeurs FROM dares")).toEqual([{ code_commune: "02738", demandeurs: 240 }]);
    expect(report.notes).toContain("1 ligne(s) portant 1 ancien(s) code(s) de commune fusionnée rattachée(s) à la commune actuelle : 02300 → 02738");
  });

  it("unknown commune code: rejected with its line and reason", async () => {
    const { file, report } = await run(dares, "commune-inconnue.csv");
    expect(report).toMatchObject({ rowsRead: 1, rowsLoaded: 0, rowsOutside: 0 });
    expect(report.rejections).toEqual([{ file, line: 2, column: "code_commune", value: "02999", reason: "code commune inconnu dans la géographie en vigueur" }]);
  });

  it("duplicated row: the second one is rejected, naming the first", async () => {
    const { db, file, report } = await run(urssaf, "ligne-en-double.csv");
    expect(report).toMatchObject({ rowsRead: 2, rowsLoaded: 1 });
    expect(report.rejections).toEqual([{ file, line: 3, column: "code_commune", value: "02691", reason: "ligne en double (identique à la ligne 2)" }]);
    expect(await rows(db, "SELECT sum(effectifs) AS total FROM urssaf WHERE annee = 2023")).toEqual([{ total: 131 }]);
  });

  it("negative count: rejected", async () => {
    const { db, file, report } = await run(dares, "valeur-negative.csv");
    expect(report.rejections).toEqual([{ file, line: 2, column: "nombre_de_demandeurs_d_emploi", value: "-5", reason: "valeur négative" }]);
    expect(await rows(db, "SELECT count(*) AS n FROM dares")).toEqual([{ n: 0 }]);
  });

  it("secret markers *, s, nd and empty: rows loaded with NULL, never 0, and counted", async () => {
    const { db, report } = await run(dares, "secrets.csv");
    expect(report).toMatchObject({ rowsRead: 4, rowsLoaded: 4, rejections: [] });
    expect(await rows(db, "SELECT count(*) AS n, count(demandeurs) AS known FROM dares")).toEqual([{ n: 4, known: 0 }]);
    expect(report.notes).toContain("3 valeur(s) secrète(s) et 1 valeur(s) vide(s) chargée(s) comme inconnues (NULL, jamais 0)");
  });

  it("truncated last line: rejected with the reason, the complete lines before it loaded", async () => {
    const { db, file, report } = await run(urssaf, "derniere-ligne-tronquee.csv");
    expect(report).toMatchObject({ rowsRead: 2, rowsLoaded: 1 });
    expect(report.rejections).toHaveLength(1);
    expect(report.rejections[0]).toMatchObject({
      file,
      line: 3,
      column: "effectifs_salaries_2022",
      reason: "dernière ligne tronquée : 21 champs au lieu de 23 (fichier coupé ?)",
    });
    expect(await rows(db, "SELECT DISTINCT code_ape FROM urssaf")).toEqual([{ code_ape: "25.11Z" }]);
  });
});
