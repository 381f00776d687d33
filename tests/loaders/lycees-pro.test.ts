import { describe, expect, it } from "vitest";
import { lyceesPro } from "../../loaders/lycees-pro.ts";
import { expectCountsAddUp, fixture, freshDb, rows, theTerritory } from "./helpers.ts";

describe("Vocational schools loader", () => {
  it("matches commune names within the département, rejects unknown names and départements", async () => {
    const db = await freshDb();
    const file = fixture("lycees-pro/fr-en-lycee_pro-effectifs-niveau-sexe-mef.csv");
    const report = await lyceesPro.load(file, { db, territory: await theTerritory() });
    expect(report).toMatchObject({ source: "lycees_pro", vintage: "2022-2023", years: [2022, 2023], rowsRead: 8, rowsLoaded: 4, rowsOutside: 2 });
    expect(report.rejections).toEqual([
      { file, line: 8, column: "commune", value: "SAINT-QUENTIN-SUR-MER", reason: "commune « SAINT-QUENTIN-SUR-MER » introuvable dans le département 02" },
      { file, line: 9, column: "departement", value: "AISEN", reason: "département inconnu « AISEN »" },
    ]);
    expectCountsAddUp(report);
    expect(await rows(db, "SELECT rentree, uai, code_commune, mef, eleves FROM lycees_pro ORDER BY rentree, uai")).toEqual([
      { rentree: 2022, uai: "0020012C", code_commune: "02691", mef: "24023310310", eleves: 36 },
      { rentree: 2023, uai: "0020012C", code_commune: "02691", mef: "24023310310", eleves: 31 },
      { rentree: 2023, uai: "0020089L", code_commune: "02738", mef: "24025010310", eleves: 24 },
      { rentree: 2023, uai: "0801327Y", code_commune: "80620", mef: "24023310310", eleves: 18 },
    ]);
  });

  it("prefers the code_commune column when present", async () => {
    const db = await freshDb();
    expect(lyceesPro.recognise(["rentree_scolaire", "numero_lycee", "code_commune", "nombre_d_eleves"])).toEqual({ kind: "match", variant: "code_commune" });
    const report = await lyceesPro.load(fixture("lycees-pro/effectifs-avec-code-commune.csv"), { db, territory: await theTerritory() });
    expect(report).toMatchObject({ rowsLoaded: 1, rejections: [] });
    expect(await rows(db, "SELECT code_commune, mef_libelle FROM lycees_pro")).toEqual([
      { code_commune: "02738", mef_libelle: "2NDPRO METIERS DE LA MAINTENANCE DES MATERIELS ET DES VEHICULES" },
    ]);
  });

  it("asks for the commune and département columns when there is no code_commune", () => {
    expect(lyceesPro.recognise(["rentree_scolaire", "numero_lycee", "nombre_d_eleves", "commune"])).toEqual({ kind: "missing", missing: ["departement"] });
  });
});
