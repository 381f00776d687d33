import type { DuckDBConnection } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { lyceesPro } from "../../src/sources/lycees-pro/loader.ts";
import { problemLine } from "../../src/cli/validate.ts";
import { detectSource } from "../../src/sources/detect.ts";
import { LoadError, type FileReport } from "../../src/sources/types.ts";
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

  it("reads the départements of a national file in the producer's upper-case abbreviations: other départements are outside", async () => {
    const db = await freshDb();
    const file = fixture("lycees-pro/national-departements-abreges.csv");
    const report = await lyceesPro.load(file, { db, territory: await theTerritory() });
    // AISNE/SOMME rows of the territory (ST-QUENTIN, FERE (LA), ST-GOBAIN, AIZECOURT-LE-HT) are loaded; AMIENS and LAON
    // are in its départements but not in the territory; SEINE-ST-DENIS, HTE-GARONNE, HAUTS-DE-SEINE, CORSE-DU-SUD,
    // ALPES-DE-HTE-PROVENCE and LA REUNION are other départements; T-DE-BELFORT is unknown but its UAI 090... is not
    // in 02 or 80; AISEN is unknown and its UAI 002... may be the territory's.
    expect(report).toMatchObject({ rowsRead: 14, rowsLoaded: 4, rowsOutside: 9 });
    expect(report.rejections).toEqual([{ file, line: 15, column: "departement", value: "AISEN", reason: "département inconnu « AISEN »" }]);
    expectCountsAddUp(report);
    expect(await rows(db, "SELECT uai, code_commune, eleves FROM lycees_pro ORDER BY uai")).toEqual([
      { uai: "0020012C", code_commune: "02691", eleves: 36 },
      { uai: "0020032X", code_commune: "02304", eleves: 20 },
      { uai: "0020050S", code_commune: "02680", eleves: 15 },
      { uai: "0801234A", code_commune: "80015", eleves: 12 },
    ]);
    expect(report.notes).toEqual([
      "1 ligne(s) dont le département n'est pas reconnu (departement : « T-DE-BELFORT ») comptée(s) hors territoire : leur numéro UAI les situe dans un autre département",
      "6 ligne(s) dont la commune a été retrouvée par son nom dans le département",
    ]);
  });

  it("asks for the commune and département columns when there is no code_commune", () => {
    expect(lyceesPro.recognise(["rentree_scolaire", "numero_lycee", "nombre_d_eleves", "commune"])).toEqual({ kind: "missing", missing: ["departement"] });
  });
});

describe("Vocational schools loader, real header of the Opendatasoft export (opendatasoft-mef)", () => {
  const file = fixture("lycees-pro/opendatasoft-mef.csv");
  let db: DuckDBConnection;
  let report: FileReport;
  const pupilsOf = async (uai: string) => rows(db, `SELECT rentree, code_commune, mef, eleves FROM lycees_pro WHERE uai = '${uai}'`);

  beforeAll(async () => {
    db = await freshDb();
    report = await lyceesPro.load(file, { db, territory: await theTerritory() });
  });

  it("recognises the real header by column names, in any order, extra columns ignored", async () => {
    const header = ["rentree_scolaire", "numero_d_etablissement", "commune_d_implantation", "mef_bcp_11", "nombre_d_eleves_total"];
    expect(lyceesPro.recognise(header)).toEqual({ kind: "match", variant: "opendatasoft-mef" });
    expect(lyceesPro.recognise([...header].reverse().concat("colonne_en_plus"))).toEqual({ kind: "match", variant: "opendatasoft-mef" });
    const detection = await detectSource(file);
    expect([detection.loader.description.id, detection.variant]).toEqual(["lycees_pro", "opendatasoft-mef"]);
  });

  it("accounts for every row: 5 loaded, 3 outside the territory, 1 rejected", () => {
    expect(report).toMatchObject({ source: "lycees_pro", vintage: "2024", years: [2024, 2024], rowsRead: 9, rowsLoaded: 5, rowsOutside: 3 });
    expectCountsAddUp(report);
    expect(report.notes).toEqual([
      "1 ligne(s) portant 1 ancien(s) code(s) de commune fusionnée rattachée(s) à la commune actuelle : 02300 → 02738",
      "1 ligne(s) dont le département n'est pas reconnu (code_departement : vide) comptée(s) hors territoire : leur numéro UAI les situe dans un autre département",
      "1 ligne(s) dont commune_d_implantation n'est pas un code commune connu (code postal ?) : commune retrouvée par son nom (commune_d_implantation_lib_l) dans le département",
      "1 ligne(s) dont le code commune_d_implantation désigne une autre commune que le nom commune_d_implantation_lib_l (code postal ?) : commune retrouvée par son nom dans le département, ex. 02100 « ST QUENTIN » → 02691",
      "0 valeur(s) secrète(s) et 1 valeur(s) vide(s) chargée(s) comme inconnues (NULL, jamais 0)",
    ]);
  });

  it("takes a member commune from its INSEE code in commune_d_implantation (département written 002)", async () => {
    expect(await pupilsOf("0020012C")).toEqual([{ rentree: 2024, code_commune: "02691", mef: "24023310310", eleves: 36 }]);
  });

  it("maps an old commune code to the current commune (02300 Fargniers -> 02738 Tergnier, département written 02)", async () => {
    expect(await pupilsOf("0020089L")).toEqual([{ rentree: 2024, code_commune: "02738", mef: "24025010310", eleves: 24 }]);
  });

  it("rescues a postal code by the commune name within the département: unknown code (02870) or code of another commune (02100 = Bony)", async () => {
    expect(await pupilsOf("0020090M")).toEqual([{ rentree: 2024, code_commune: "02329", mef: "24025010310", eleves: 18 }]);
    expect(await pupilsOf("0021476T")).toEqual([{ rentree: 2024, code_commune: "02691", mef: "24023310310", eleves: 22 }]);
  });

  it("rejects an unknown code whose name is not found in the département, naming both columns", () => {
    expect(report.rejections.map((j) => problemLine(j))).toEqual([
      `${file}:6:commune_d_implantation: commune_d_implantation : code commune inconnu dans la géographie en vigueur ; commune_d_implantation_lib_l : commune « SAINT-QUENTIN-SUR-MER » introuvable dans le département 02 (valeur « 02999 »)`,
    ]);
  });

  it("loads an empty nombre_d_eleves_total as unknown (NULL), never 0", async () => {
    expect(await pupilsOf("0801327Y")).toEqual([{ rentree: 2024, code_commune: "80620", mef: "24023310310", eleves: null }]);
  });

  it("counts schools outside the territory as outside: a known code of a non-member commune, an unknown code in another département", async () => {
    expect(await pupilsOf("0800011R")).toEqual([]);
    expect(await pupilsOf("0590117G")).toEqual([]);
    expect(await pupilsOf("0590999X")).toEqual([]); // unknown code, no département: UAI 059... is in Nord
    expect(await rows(db, "SELECT count(*) AS n, sum(eleves) AS eleves FROM lycees_pro")).toEqual([{ n: 5, eleves: 100 }]);
  });

  it("names nombre_d_eleves_total when a file of this dataset lacks it (recognition, load and detection)", async () => {
    const incomplete = fixture("lycees-pro/opendatasoft-mef-sans-total.csv");
    const columns = "rentree_scolaire, numero_d_etablissement, code_departement, commune_d_implantation, commune_d_implantation_lib_l, mef_bcp_11, mef_bcp_11_lib_l, nombre_d_eleves_filles, nombre_d_eleves_garcons";
    const message = `${incomplete}:1:nombre_d_eleves_total: colonne obligatoire absente « nombre_d_eleves_total » (source reconnue : Effectifs d'élèves des lycées professionnels par formation, Ministère de l'Éducation nationale (DEPP)) ; colonnes trouvées : ${columns}`;
    expect(lyceesPro.recognise(columns.split(", "))).toEqual({ kind: "missing", missing: ["nombre_d_eleves_total"] });
    const loading = await lyceesPro.load(incomplete, { db: await freshDb(), territory: await theTerritory() }).catch((e: unknown) => e);
    expect(loading).toBeInstanceOf(LoadError);
    expect((loading as LoadError).message).toBe(message);
    const detecting = await detectSource(incomplete).catch((e: unknown) => e);
    expect((detecting as LoadError).message).toBe(message);
  });
});
