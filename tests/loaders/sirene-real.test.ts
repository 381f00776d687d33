// Conformance of the Sirene loader and indicators on a real INSEE file: 17 rows kept verbatim from the national
// StockEtablissement_utf8 of December 2025 (../shared/data/real/sirene/, see its README). The file is dropped as
// downloaded into data/sources/ of a territory it covers, loaded through detectSource like `ti compute`, and the
// indicators are computed by the real engine. Skipped only when ../shared is absent.
//
// Hand count from the file (one line per establishment, columns codeCommuneEtablissement, dateCreationEtablissement,
// activitePrincipaleEtablissement, nomenclatureActivitePrincipaleEtablissement, dateDernierTraitementEtablissement):
//   98727 Manihi 2000 NAFRev2 · 84007 Avignon 2008, 2009 NAFRev2 · 13042 Gémenos 2011 · 13204 Marseille 4e 2014, 2018
//   54528 Toul 1972 · 02691 Saint-Quentin 2009-10-01 85.59A NAFRev2 · 80765 Tours-en-Vimeu (no date) 22.02 NAP
//   80001 Abbeville (no date) 79.06 NAP and 1954-01-01 70.2C NAF1993 · 80025 Argoules (no date) 64.42 NAP
//   04062 La Condamine-Châtelard (no date, no activity, no nomenclature) · 80308 Feuquières-en-Vimeu 1955 17.21A NAFRev2
//   80488 Longpré-les-Corps-Saints 2023-03-01 20.30Z NAFRev2 · 44049 Le Croisic 1989 70.2A NAF1993 (P, address [ND])
//   44135 Le Pouliguen 1989 68.20A NAFRev2 (P, address [ND]).
//   Every commune code is in the COG (13204 is an arrondissement of Marseille), none is empty: nothing is rejected.
//   Newest dateDernierTraitementEtablissement: 2025-12-06T04:18:17 (80488) => vintage 2025-12, stock taken 2025-12-06.
//   Nomenclatures of the whole file: NAFRev2 11, NAP 3, NAF1993 2, empty 1.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedFile } from "../../src/io/shared-data.ts";
import { loadDataFolder, type DataFolder } from "../../src/pipeline/load-data-folder.ts";
import { computeIndicators } from "../../src/indicators/index.ts";
import type { IndicatorResult, Level } from "../../src/indicators/types.ts";
import type { FileReport } from "../../src/sources/types.ts";
import { emptyLocalDir } from "../indicators/helpers.ts";
import { expectCountsAddUp, rows } from "./helpers.ts";

const REAL = sharedFile("real", "sirene", "StockEtablissement_utf8_extrait.csv");
const SOURCE = "sources/StockEtablissement_utf8_extrait.csv";

interface Loaded {
  folder: DataFolder;
  report: FileReport;
  result: IndicatorResult;
  dir: string;
}

/** A data folder for the territory of `epci`, holding the real file as downloaded; loaded and computed. */
async function loadFor(id: string, epci: string[]): Promise<Loaded> {
  const dir = mkdtempSync(path.join(tmpdir(), `sirene-reel-${id}-`));
  mkdirSync(path.join(dir, "sources"));
  writeFileSync(path.join(dir, "territoire.json"), JSON.stringify({ id, nom: id, epci, annee_reference: 2018, periode_contrat: { debut: 2019, fin: 2022 } }));
  copyFileSync(REAL!, path.join(dir, SOURCE));
  const folder = await loadDataFolder(dir);
  const loaded = folder.files.find((f) => f.relativePath === SOURCE)!;
  expect(loaded.problem).toBeNull();
  const result = await computeIndicators(folder.db, folder.territory, { localDir: await emptyLocalDir(), files: folder.files });
  return { folder, report: loaded.report!, result, dir };
}

function value(r: IndicatorResult, indicateur: string, niveau: Level, code: string, annee: number): [number | null, string] {
  const row = r.rows.find((x) => x.indicateur === indicateur && x.niveau === niveau && x.code_geo === code && x.annee === annee);
  if (!row) throw new Error(`pas de ligne ${indicateur} ${niveau} ${code} ${annee}`);
  return [row.valeur === null ? null : Math.round(row.valeur * 1000) / 1000, row.statut];
}

const years = (r: IndicatorResult, indicateur: string) => [...new Set(r.rows.filter((x) => x.indicateur === indicateur).map((x) => x.annee))].sort();

describe.skipIf(!REAL)("real Sirene stock (INSEE, December 2025): the territory of data/territoire.json", () => {
  // Saint-Quentinois – Tergnier: CA du Saint-Quentinois (200071892, 39 communes of Aisne), CA Chauny Tergnier La Fère,
  // CC de l'Est de la Somme, CC de la Haute Somme. Of the file, only 02691 Saint-Quentin is a member.
  let t: Loaded;
  beforeAll(async () => {
    t = await loadFor("saint-quentinois-tergnier", ["200071892", "200071785", "200070985", "200037059"]);
  });
  afterAll(() => {
    t?.folder.close();
    if (t) rmSync(t.dir, { recursive: true, force: true });
  });

  it("reads 17 rows: 1 loaded (Saint-Quentin), 16 outside, none rejected; vintage 2025-12", async () => {
    expect(t.report).toMatchObject({ source: "sirene", vintage: "2025-12", years: [2009, 2009], rowsRead: 17, rowsLoaded: 1, rowsOutside: 16, rejections: [] });
    expectCountsAddUp(t.report);
    expect(await rows(t.folder.db, "SELECT siret, code_commune, nomenclature, activite, etat, CAST(date_millesime AS VARCHAR) AS m FROM sirene")).toEqual([
      { siret: "00180725400022", code_commune: "02691", nomenclature: "NAFRev2", activite: "85.59A", etat: "F", m: "2025-12-06" },
    ]);
  });

  it("creations 2009: 1 in Saint-Quentin; the EPCI and territory are partial (an extract of the stock covers its communes only)", () => {
    // 17 rows are an extract of the national stock, not whole départements (fewer than one row per thousand
    // inhabitants of the Aisne): only the communes with a row are covered, the others are unknown, never 0.
    expect([...t.folder.coverage.find((c) => c.source === "sirene")!.communes.keys()]).toEqual(["02691"]);
    expect(years(t.result, "creations_etablissements")).toEqual([2009]);
    expect(value(t.result, "creations_etablissements", "commune", "02691", 2009)).toEqual([1, "ok"]);
    expect(value(t.result, "creations_etablissements", "commune", "02738", 2009)).toEqual([null, "manquant"]); // Tergnier: no row
    expect(value(t.result, "creations_etablissements", "epci", "200071892", 2009)).toEqual([1, "partiel"]);
    expect(value(t.result, "creations_etablissements", "territoire", "saint-quentinois-tergnier", 2009)).toEqual([1, "partiel"]);
    // 85.59A (other education) is not industry, and it is NAF rév. 2, so the zero is known: not « partiel ».
    expect(value(t.result, "creations_industrie", "commune", "02691", 2009)).toEqual([0, "ok"]);
    expect(value(t.result, "creations_industrie", "epci", "200071892", 2009)).toEqual([0, "partiel"]);
  });
});

describe.skipIf(!REAL)("real Sirene stock (INSEE, December 2025): a territory of the Somme it covers", () => {
  // CC du Vimeu (200070944: 80308 Feuquières-en-Vimeu, 80765 Tours-en-Vimeu), CA de la Baie de Somme (200070993:
  // 80001 Abbeville, 80488 Longpré-les-Corps-Saints), CC Ponthieu-Marquenterre (200070936: 80025 Argoules).
  let t: Loaded;
  beforeAll(async () => {
    t = await loadFor("somme-littoral", ["200070944", "200070993", "200070936"]);
  });
  afterAll(() => {
    t?.folder.close();
    if (t) rmSync(t.dir, { recursive: true, force: true });
  });

  it("reads 17 rows: 6 loaded, 11 outside, none rejected; 3 NAP, 1 NAF1993 and 2 NAFRev2 establishments", async () => {
    // Creation years of the 6: 1954 (Abbeville), 1955 (Feuquières), 2023 (Longpré), 3 NAP rows without a date.
    expect(t.report).toMatchObject({ vintage: "2025-12", years: [1954, 2023], rowsRead: 17, rowsLoaded: 6, rowsOutside: 11, rejections: [] });
    expectCountsAddUp(t.report);
    expect(await rows(t.folder.db, "SELECT nomenclature, count(*) AS n FROM sirene GROUP BY ALL ORDER BY nomenclature")).toEqual([
      { nomenclature: "NAF1993", n: 1 },
      { nomenclature: "NAFRev2", n: 2 },
      { nomenclature: "NAP", n: 3 },
    ]);
    expect(t.report.notes).toEqual([
      "4 établissement(s) dont l'activité est codée dans une nomenclature antérieure à la NAF rév. 2 (NAP : 3, NAF1993 : 1), chargés et signalés : leur appartenance à l'industrie est inconnue",
      "3 établissement(s) sans date de création (date inconnue, NULL)",
    ]);
    expect(await rows(t.folder.db, "SELECT siret, activite_naf25 FROM sirene WHERE activite_naf25 IS NOT NULL ORDER BY siret")).toEqual([
      { siret: "00552017600016", activite_naf25: "17.21Y" },
      { siret: "00552024200081", activite_naf25: "20.30Y" },
    ]);
  });

  it("2023: one creation, industrial (20.30Z, division 20), in Longpré; not provisional, since the stock was taken in December 2025", () => {
    // Only creation since 2008 in the territory: 80488, 2023-03-01, 20.30Z NAFRev2. Before the fix, NAFRev2 was read as
    // an older nomenclature (0 « partiel ») and 2023 was « provisoire » (its newest creation is in March).
    // The extract covers the five communes it has rows for; the EPCIs and the territory are partial.
    expect(years(t.result, "creations_etablissements")).toEqual([2023]);
    expect(value(t.result, "creations_etablissements", "commune", "80488", 2023)).toEqual([1, "ok"]);
    expect(value(t.result, "creations_etablissements", "commune", "80308", 2023)).toEqual([0, "ok"]); // a row, created in 1955
    expect(value(t.result, "creations_etablissements", "epci", "200070993", 2023)).toEqual([1, "partiel"]);
    expect(value(t.result, "creations_etablissements", "epci", "200070944", 2023)).toEqual([0, "partiel"]);
    expect(value(t.result, "creations_etablissements", "territoire", "somme-littoral", 2023)).toEqual([1, "partiel"]);
    expect(value(t.result, "creations_industrie", "commune", "80488", 2023)).toEqual([1, "ok"]);
    expect(value(t.result, "creations_industrie", "epci", "200070993", 2023)).toEqual([1, "partiel"]);
    expect(value(t.result, "creations_industrie", "territoire", "somme-littoral", 2023)).toEqual([1, "partiel"]);
    // 1 / 1 520 inhabitants (Longpré, populationMunicipale in epci.json of @etalab/decoupage-administratif) x 10 000
    expect(value(t.result, "taux_creation_10000_hab", "commune", "80488", 2023)).toEqual([6.579, "ok"]);
    // Over the covered communes only (80001 Abbeville 22 406 and 80488 Longpré 1 520 in the CA de la Baie de Somme):
    // 1 / 23 926 x 10 000 = 0.418, partial.
    expect(value(t.result, "taux_creation_10000_hab", "epci", "200070993", 2023)).toEqual([0.418, "partiel"]);
  });
});

describe.skipIf(!REAL)("real Sirene stock (INSEE, December 2025): partly non-diffusible establishments", () => {
  // CA Cap Atlantique (244400610) holds 44049 Le Croisic and 44135 Le Pouliguen, the two rows with
  // statutDiffusionEtablissement = P: their address fields are [ND], the fields the loader reads are not.
  let t: Loaded;
  beforeAll(async () => {
    t = await loadFor("cap-atlantique", ["244400610"]);
  });
  afterAll(() => {
    t?.folder.close();
    if (t) rmSync(t.dir, { recursive: true, force: true });
  });

  it("loads both P rows (2 loaded, 15 outside, none rejected) and says so", async () => {
    expect(t.report).toMatchObject({ vintage: "2025-12", years: [1989, 1989], rowsRead: 17, rowsLoaded: 2, rowsOutside: 15, rejections: [] });
    expect(await rows(t.folder.db, "SELECT code_commune, activite, nomenclature, etat FROM sirene ORDER BY code_commune")).toEqual([
      { code_commune: "44049", activite: "70.2A", nomenclature: "NAF1993", etat: "F" },
      { code_commune: "44135", activite: "68.20A", nomenclature: "NAFRev2", etat: "A" },
    ]);
    expect(t.report.notes).toContain(
      "2 établissement(s) partiellement diffusible(s) chargé(s) (statutDiffusionEtablissement = P) : les champs « [ND] » sont inconnus, jamais des valeurs (aucun des champs lus n'est masqué)",
    );
    // Both created in 1989, before 2008: no creation year to compute.
    expect(years(t.result, "creations_etablissements")).toEqual([]);
  });
});
