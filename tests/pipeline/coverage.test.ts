// Coverage: a commune absent from a source's files is zero only where its absence means zero (national files, whole
// départements, communes asked for by data:refresh); elsewhere it is unknown and the aggregates over it are partial.
// Data folders are written in the producers' formats; values are counted by hand from the rows below.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { computeIndicators } from "../../src/indicators/index.ts";
import type { IndicatorResult } from "../../src/indicators/types.ts";
import { loadDataFolder, type DataFolder } from "../../src/pipeline/load-data-folder.ts";
import { emptinessProblems } from "../../src/pipeline/data-checks.ts";

const EST_SOMME = "200070985"; // 41 communes: 40 in the Somme (80) and 02604 Pithon (Aisne)
const CHAUNY_TERGNIER = "200071785"; // 48 communes, all in the Aisne (02)
const [HAM, NESLE, CHAUNY, TERGNIER, PITHON] = ["80410", "80585", "02173", "02738", "02604"];

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const URSSAF_HEADER =
  "region;departement;commune;intitule_commune;ape;code_region;code_departement;code_commune;code_ape;nombre_d_etablissements_2018;effectifs_salaries_2018;nombre_d_etablissements_2019;effectifs_salaries_2019";
const urssafRow = (dep: string, code: string, ape: string, e18: number, j18: number, e19: number, j19: number) =>
  `Hauts-de-France;${dep};X;${code} X;${ape} X;32;${dep};${code};${ape};${e18};${j18};${e19};${j19}`;

const SIRENE_HEADER = "siren,nic,siret,dateCreationEtablissement,codeCommuneEtablissement,codePaysEtrangerEtablissement,etatAdministratifEtablissement,activitePrincipaleEtablissement,nomenclatureActivitePrincipaleEtablissement,etablissementSiege";

function folder(files: Record<string, string>, manifest?: object): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ti-couverture-"));
  temps.push(dir);
  mkdirSync(path.join(dir, "sources"));
  writeFileSync(
    path.join(dir, "territoire.json"),
    JSON.stringify({ id: "ti-couverture", nom: "Test de couverture", epci: [EST_SOMME, CHAUNY_TERGNIER], annee_reference: 2018, periode_contrat: { debut: 2019, fin: 2022 } }),
  );
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, "sources", name), text);
  if (manifest) writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
  return dir;
}

async function evaluate(dir: string): Promise<{ folder: DataFolder; result: IndicatorResult }> {
  const f = await loadDataFolder(dir);
  const result = await computeIndicators(f.db, f.territory, { localDir: path.join(dir, "local"), files: f.files });
  return { folder: f, result };
}

function value(result: IndicatorResult, indicateur: string, niveau: string, code: string, annee: number): [number | null, string] {
  const r = result.rows.find((x) => x.indicateur === indicateur && x.niveau === niveau && x.code_geo === code && x.annee === annee);
  if (!r) throw new Error(`pas de ligne ${indicateur} ${niveau} ${code} ${annee}`);
  return [r.valeur, r.statut];
}

// Three communes of the 89 have rows: Ham and Nesle (Est de la Somme), Chauny (Chauny-Tergnier), as in an export
// filtered on another zone. Nesle's second row has an APE code the loader rejects.
const URSSAF = [
  URSSAF_HEADER,
  urssafRow("80", HAM, "2511Z", 2, 100, 2, 110),
  urssafRow("80", NESLE, "5610A", 3, 10, 3, 10),
  urssafRow("80", NESLE, "ZZZZ", 1, 5, 1, 5),
  urssafRow("02", CHAUNY, "4711A", 10, 200, 10, 210),
].join("\n") + "\n";

describe("a file that covers some communes of the territory (URSSAF, rule « communes »)", () => {
  it("covers the communes it has rows for; the others are unknown, the EPCI and territory totals partial", async () => {
    const { folder: f, result } = await evaluate(folder({ "urssaf.csv": URSSAF }));
    try {
      const c = f.coverage.find((x) => x.source === "urssaf")!;
      expect([...c.communes.keys()].sort()).toEqual([CHAUNY, HAM, NESLE]);
      expect(c.communes.get(NESLE)).toBe(1); // one rejected row
      expect(c.missing).toHaveLength(89 - 3);
      expect(value(result, "emploi_salarie_prive", "commune", HAM, 2018)).toEqual([100, "ok"]);
      expect(value(result, "emploi_salarie_prive", "commune", CHAUNY, 2019)).toEqual([210, "ok"]);
      // Tergnier has no row and the file does not cover it: unknown, never 0.
      expect(value(result, "emploi_salarie_prive", "commune", TERGNIER, 2018)).toEqual([null, "manquant"]);
      // Nesle: 10 loaded, one row rejected => known only in part.
      expect(value(result, "emploi_salarie_prive", "commune", NESLE, 2018)).toEqual([10, "partiel"]);
      expect(value(result, "emploi_salarie_prive", "epci", EST_SOMME, 2018)).toEqual([110, "partiel"]); // 100 + 10
      expect(value(result, "emploi_salarie_prive", "epci", CHAUNY_TERGNIER, 2018)).toEqual([200, "partiel"]);
      expect(value(result, "emploi_salarie_prive", "territoire", "ti-couverture", 2018)).toEqual([310, "partiel"]);
    } finally {
      f.close();
    }
  });

  it("covers every commune it was asked for (manifest communes_demandees, as data:refresh records): absent = 0", async () => {
    const dir = folder({ "urssaf.csv": URSSAF.replace(/\n.*ZZZZ.*\n/, "\n") });
    const all = (await loadDataFolder(dir)).territory.communes.map((c) => c.code);
    writeFileSync(
      path.join(dir, "manifest.json"),
      JSON.stringify({ demonstration: false, fichiers: [{ chemin: "sources/urssaf.csv", source: "urssaf", millesime: null, lignes: 3, demonstration: false, communes_demandees: all }] }),
    );
    const { folder: f, result } = await evaluate(dir);
    try {
      expect(f.coverage.find((x) => x.source === "urssaf")!.missing).toEqual([]);
      expect(value(result, "emploi_salarie_prive", "commune", TERGNIER, 2018)).toEqual([0, "ok"]);
      expect(value(result, "emploi_salarie_prive", "epci", EST_SOMME, 2018)).toEqual([110, "ok"]);
      expect(value(result, "emploi_salarie_prive", "territoire", "ti-couverture", 2019)).toEqual([330, "ok"]); // 110 + 10 + 210
    } finally {
      f.close();
    }
  });
});

describe("whole-département files (Sirene, rule « départements »)", () => {
  const sireneRow = (i: number, date: string, commune: string, ape: string) =>
    `${100000000 + i},00011,${String(100000000 + i)}00011,${date},${commune},,A,${ape},NAFRev2,true`;
  const rows = [
    sireneRow(1, "2018-03-01", CHAUNY, "25.11Z"),
    sireneRow(2, "2018-05-01", PITHON, "47.11A"),
    sireneRow(3, "2019-12-31", CHAUNY, "47.11A"), // 2018 is over: not provisional
  ];

  it("covers the communes of the départements present; a commune of a missing département is unknown", async () => {
    // A whole département: at least one establishment per thousand inhabitants of the Aisne (523 342 in the COG).
    const filler = Array.from({ length: 600 }, (_, i) => sireneRow(10 + i, "2000-01-01", CHAUNY, "47.11A"));
    const { folder: f, result } = await evaluate(folder({ "sirene-02.csv": [SIRENE_HEADER, ...rows, ...filler].join("\n") + "\n" }));
    try {
      const c = f.coverage.find((x) => x.source === "sirene")!;
      expect(c.communes.size).toBe(48 + 1); // every commune of the Aisne: Chauny-Tergnier's 48 and Pithon
      expect(value(result, "creations_etablissements", "commune", TERGNIER, 2018)).toEqual([0, "ok"]);
      expect(value(result, "creations_etablissements", "commune", HAM, 2018)).toEqual([null, "manquant"]); // Somme: no file
      expect(value(result, "creations_etablissements", "epci", CHAUNY_TERGNIER, 2018)).toEqual([1, "ok"]);
      expect(value(result, "creations_etablissements", "epci", EST_SOMME, 2018)).toEqual([1, "partiel"]); // Pithon only
    } finally {
      f.close();
    }
  });

  it("reads an extract (fewer than one row per thousand inhabitants of its département) as covering its communes only", async () => {
    const { folder: f, result } = await evaluate(folder({ "extrait-stock.csv": [SIRENE_HEADER, ...rows].join("\n") + "\n" }));
    try {
      expect([...f.coverage.find((x) => x.source === "sirene")!.communes.keys()].sort()).toEqual([CHAUNY, PITHON]);
      expect(value(result, "creations_etablissements", "commune", TERGNIER, 2018)).toEqual([null, "manquant"]);
      expect(value(result, "creations_etablissements", "commune", CHAUNY, 2018)).toEqual([1, "ok"]);
      expect(value(result, "creations_etablissements", "epci", CHAUNY_TERGNIER, 2018)).toEqual([1, "partiel"]);
    } finally {
      f.close();
    }
  });
});

describe("no silent emptiness", () => {
  it("names a file without any row of the territory, and one whose rows of the territory are all rejected", async () => {
    const outside = [URSSAF_HEADER, urssafRow("76", "76540", "2511Z", 1, 10, 1, 10)].join("\n") + "\n";
    const rejected = [URSSAF_HEADER, urssafRow("80", HAM, "ZZZZ", 1, 10, 1, 10)].join("\n") + "\n";
    const f = await loadDataFolder(folder({ "rouen.csv": outside, "urssaf-ham.csv": rejected }));
    try {
      const problems = emptinessProblems(f.files);
      expect(problems.map((p) => p.file)).toEqual(["sources/rouen.csv", "sources/urssaf-ham.csv"]);
      expect(problems[0]!.message).toMatch(/aucune ligne ne concerne le territoire .*départements présents : 76/);
      expect(problems[1]!.message).toMatch(/aucune ligne chargée : les 1 ligne\(s\).*rejetées.*code APE invalide/);
    } finally {
      f.close();
    }
  });
});
