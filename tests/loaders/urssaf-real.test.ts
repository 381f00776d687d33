// Conformance of the URSSAF loader on a real producer file, dropped as downloaded into the data folder of a territory:
// ../shared/data/real/urssaf/etablissements-et-effectifs-salaries-au-niveau-commune-x-ape-last.csv, the portal's
// "Export CSV" (column labels, UTF-8 BOM, CRLF, quoted fields holding `;`) of the zone d'emploi of Rouen,
// publication 2023, 2006-2022, 9 338 rows. It holds every commune of Métropole Rouen Normandie (71) and of
// CC Inter-Caux-Vexin (64), and 25 codes of CC des Quatre Rivières en Bray (52 communes), one of them the delegated
// commune 76358 Le Héron, which the COG maps to 76455 Morville-le-Héron (6 rows of its own).
//
// Expected values were computed by hand from the file with Python's csv module (the quoted `;` rule out awk):
//   rows = list(csv.DictReader(open(FILE, encoding="utf-8-sig", newline=""), delimiter=";"))
//   v = lambda s: int(s) if s else 0                       # an empty cell adds nothing to a sum
//   jobs(keep, y)  = sum(v(r[f"Effectifs salariés {y}"]) for r in rows if keep(r))
//   ind(keep, y)   = same, for rows with "05" <= r["Code APE"][:2] <= "39" (industry, NAF divisions 05 to 39)
//   etab(keep, y)  = sum(v(r[f"Nombre d'établissements {y}"]) for r in rows if keep(r))
//   keep = r["Code commune"] == "76540" (Rouen), r["Code EPCI"] == "200023414" (the Métropole), ...
// and the empty cells were counted the same way: per row and year, both cells empty (63 389 in the file), only
// the jobs empty (4: 76020 3320A in 2018; 76322 5224A, 76095 4334Z, 76095 7112A in 2022), only the establishments
// empty (none).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeIndicators } from "../../src/indicators/index.ts";
import type { IndicatorResult, Level } from "../../src/indicators/types.ts";
import { loadDataFolder, type DataFolder } from "../../src/pipeline/load-data-folder.ts";
import { sharedFile } from "../../src/io/shared-data.ts";
import type { FileReport } from "../../src/sources/types.ts";
import { expectCountsAddUp, rows } from "./helpers.ts";

const FILE_NAME = "etablissements-et-effectifs-salaries-au-niveau-commune-x-ape-last.csv";
const REAL = sharedFile("real", "urssaf", FILE_NAME);

const METROPOLE = "200023414"; // Métropole Rouen Normandie, 71 communes
const INTER_CAUX_VEXIN = "200070449"; // CC Inter-Caux-Vexin, 64 communes
const QUATRE_RIVIERES = "200069730"; // CC des Quatre Rivières en Bray, 52 communes, 24 of them in the file
const ROUEN = "76540";
const ANNEVILLE = "76020"; // Anneville-Ambourville: jobs of 3320A unknown in 2018
const BIHOREL = "76095"; // two jobs cells unknown in 2022
const GRAND_QUEVILLY = "76322"; // one jobs cell unknown in 2022
const URSSAF_INDICATORS = ["emploi_salarie_prive", "emploi_industriel", "part_emploi_industriel", "etablissements_industriels", "etablissements_prives"];

interface Loaded {
  folder: DataFolder;
  report: FileReport;
  result: IndicatorResult;
  dir: string;
}

/** A data folder holding only territoire.json and the real file, as a user would set it up; loaded and computed. */
async function dropInto(id: string, epci: string[]): Promise<Loaded> {
  const dir = mkdtempSync(path.join(tmpdir(), `urssaf-reel-${id}-`));
  writeFileSync(path.join(dir, "territoire.json"), JSON.stringify({ id, nom: id, epci, annee_reference: 2018, periode_contrat: { debut: 2019, fin: 2022 } }));
  mkdirSync(path.join(dir, "sources"));
  copyFileSync(REAL!, path.join(dir, "sources", FILE_NAME)); // into a temporary folder, never into the project
  const folder = await loadDataFolder(dir);
  const report = folder.files.find((f) => f.relativePath === `sources/${FILE_NAME}`)?.report;
  if (!report) throw new Error(`${FILE_NAME} non chargé : ${JSON.stringify(folder.files)}`);
  const result = await computeIndicators(folder.db, folder.territory, { localDir: path.join(dir, "local") });
  return { folder, report, result, dir };
}

function close(l: Loaded | undefined): void {
  if (!l) return;
  l.folder.close();
  rmSync(l.dir, { recursive: true, force: true });
}

/** [valeur, statut] of one indicator row; throws when the row is absent. */
function vs(result: IndicatorResult, indicateur: string, niveau: Level, code: string, annee: number): [number | null, string] {
  const r = result.rows.find((x) => x.indicateur === indicateur && x.niveau === niveau && x.code_geo === code && x.annee === annee);
  if (!r) throw new Error(`pas de ligne ${indicateur} ${niveau} ${code} ${annee}`);
  return [r.valeur, r.statut];
}

/**
 * The URSSAF values that are not « ok », as `indicator niveau code year statut`; a share whose denominator is 0 (a
 * commune without any private job that year) has no value and is left out.
 */
function notOk(result: IndicatorResult): string[] {
  return result.rows
    .filter((r) => URSSAF_INDICATORS.includes(r.indicateur) && r.statut !== "ok")
    .filter((r) => !(r.indicateur === "part_emploi_industriel" && r.statut === "manquant" && r.denominateur === 0))
    .map((r) => `${r.indicateur} ${r.niveau} ${r.code_geo} ${r.annee} ${r.statut}`)
    .sort();
}

/** Where the file really lacks something: the jobs cells of 2018 (76020, industry) and 2022 (76095, 76322, not industry). */
function expectedPartial(territoryId: string, epcis: Record<string, string>): string[] {
  const at = (commune: string, year: number, indicators: string[]) =>
    indicators.flatMap((i) => [`${i} commune ${commune} ${year}`, `${i} epci ${epcis[commune]} ${year}`, `${i} territoire ${territoryId} ${year}`]);
  const jobs = ["emploi_salarie_prive", "part_emploi_industriel"];
  return [
    ...at(ANNEVILLE, 2018, [...jobs, "emploi_industriel"]),
    ...at(BIHOREL, 2022, jobs),
    ...at(GRAND_QUEVILLY, 2022, jobs),
  ]
    .map((s) => `${s} partiel`)
    .filter((s, i, all) => all.indexOf(s) === i)
    .sort();
}

describe.skipIf(!REAL)("URSSAF, real file of the zone d'emploi of Rouen (label export, 2006-2022)", () => {
  describe("in the data folder of Métropole Rouen Normandie", () => {
    let l: Loaded;
    beforeAll(async () => {
      l = await dropInto("metropole-rouen", [METROPOLE]);
    }, 60_000);
    afterAll(() => close(l));

    it("is recognised from its label header and accounts for every row", () => {
      expect(l.report).toMatchObject({ source: "urssaf", vintage: "2006-2022", years: [2006, 2022], rowsRead: 9338, rowsLoaded: 6458, rowsOutside: 2880, rejections: [] });
      expectCountsAddUp(l.report);
    });

    it("reads both empty cells of a year as no establishment, and only the 4 jobs cells beside an establishment count as unknown", async () => {
      // 40 250 of the 63 389 empty pairs are in rows of the Métropole (Python, same reading as above).
      expect(l.report.notes).toContain("40250 année(s) commune x APE sans établissement (deux cellules vides) chargée(s) comme 0 établissement et 0 salarié");
      expect(l.report.notes).toContain("4 effectif(s) salarié(s) inconnu(s) (nombre d'établissements publié, effectif vide) chargé(s) comme inconnus (NULL, jamais 0)");
      expect(await rows(l.folder.db, "SELECT count(*) AS n, count(etablissements) AS etab, count(effectifs) AS eff FROM urssaf")).toEqual([{ n: 6458 * 17, etab: 6458 * 17, eff: 6458 * 17 - 4 }]);
    });

    it("gives the values computed by hand: a commune, the EPCI, the territory", () => {
      const r = l.result;
      expect(vs(r, "emploi_salarie_prive", "commune", ROUEN, 2018)).toEqual([50667, "ok"]);
      expect(vs(r, "emploi_salarie_prive", "commune", ROUEN, 2022)).toEqual([53934, "ok"]);
      expect(vs(r, "emploi_industriel", "commune", ROUEN, 2018)).toEqual([2845, "ok"]);
      expect(vs(r, "emploi_industriel", "commune", ROUEN, 2022)).toEqual([2896, "ok"]);
      expect(vs(r, "etablissements_prives", "commune", ROUEN, 2018)).toEqual([4655, "ok"]);
      expect(vs(r, "etablissements_prives", "commune", ROUEN, 2022)).toEqual([4875, "ok"]);
      // A small commune with an unknown cell: the known values, « partiel »; its establishments are all known.
      expect(vs(r, "emploi_salarie_prive", "commune", ANNEVILLE, 2018)).toEqual([129, "partiel"]);
      expect(vs(r, "etablissements_prives", "commune", ANNEVILLE, 2018)).toEqual([14, "ok"]);
      for (const [niveau, code] of [["epci", METROPOLE], ["territoire", "metropole-rouen"]] as const) {
        expect(vs(r, "emploi_salarie_prive", niveau, code, 2018)).toEqual([155039, "partiel"]); // 76020's jobs in 3320A unknown
        expect(vs(r, "emploi_salarie_prive", niveau, code, 2022)).toEqual([163452, "partiel"]); // three jobs cells unknown
        expect(vs(r, "emploi_industriel", niveau, code, 2018)).toEqual([24985, "partiel"]); // 3320A is industry
        expect(vs(r, "emploi_industriel", niveau, code, 2022)).toEqual([23641, "ok"]); // 5224A, 4334Z, 7112A are not
        expect(vs(r, "etablissements_prives", niveau, code, 2018)).toEqual([12094, "ok"]);
        expect(vs(r, "etablissements_prives", niveau, code, 2022)).toEqual([12774, "ok"]);
      }
    });

    it("is « partiel » only where the file lacks a value, never « manquant »", () => {
      const epcis = { [ANNEVILLE]: METROPOLE, [BIHOREL]: METROPOLE, [GRAND_QUEVILLY]: METROPOLE };
      expect(notOk(l.result)).toEqual(expectedPartial("metropole-rouen", epcis));
    });
  });

  describe("in the data folder of a two-EPCI territory: Métropole Rouen Normandie and CC Inter-Caux-Vexin", () => {
    let l: Loaded;
    beforeAll(async () => {
      l = await dropInto("rouen-caux-vexin", [METROPOLE, INTER_CAUX_VEXIN]);
    }, 60_000);
    afterAll(() => close(l));

    it("accounts for every row", () => {
      expect(l.report).toMatchObject({ rowsRead: 9338, rowsLoaded: 7928, rowsOutside: 1410, rejections: [] });
      expectCountsAddUp(l.report);
      expect(l.report.notes).toContain("52202 année(s) commune x APE sans établissement (deux cellules vides) chargée(s) comme 0 établissement et 0 salarié");
    });

    it("gives the values computed by hand for the second EPCI and the territory", () => {
      const r = l.result;
      expect(vs(r, "emploi_salarie_prive", "epci", INTER_CAUX_VEXIN, 2018)).toEqual([8034, "ok"]);
      expect(vs(r, "emploi_salarie_prive", "epci", INTER_CAUX_VEXIN, 2022)).toEqual([8999, "ok"]);
      expect(vs(r, "emploi_industriel", "epci", INTER_CAUX_VEXIN, 2018)).toEqual([1155, "ok"]);
      expect(vs(r, "emploi_industriel", "epci", INTER_CAUX_VEXIN, 2022)).toEqual([1194, "ok"]);
      expect(vs(r, "etablissements_prives", "epci", INTER_CAUX_VEXIN, 2018)).toEqual([939, "ok"]);
      expect(vs(r, "etablissements_prives", "epci", INTER_CAUX_VEXIN, 2022)).toEqual([1028, "ok"]);
      const T = "rouen-caux-vexin";
      expect(vs(r, "emploi_salarie_prive", "territoire", T, 2018)).toEqual([163073, "partiel"]); // 155 039 + 8 034
      expect(vs(r, "emploi_salarie_prive", "territoire", T, 2022)).toEqual([172451, "partiel"]); // 163 452 + 8 999
      expect(vs(r, "emploi_industriel", "territoire", T, 2018)).toEqual([26140, "partiel"]); // 24 985 + 1 155
      expect(vs(r, "emploi_industriel", "territoire", T, 2022)).toEqual([24835, "ok"]); // 23 641 + 1 194
      expect(vs(r, "etablissements_prives", "territoire", T, 2018)).toEqual([13033, "ok"]); // 12 094 + 939
      expect(vs(r, "etablissements_prives", "territoire", T, 2022)).toEqual([13802, "ok"]); // 12 774 + 1 028
    });

    it("is « partiel » only where the file lacks a value", () => {
      const epcis = { [ANNEVILLE]: METROPOLE, [BIHOREL]: METROPOLE, [GRAND_QUEVILLY]: METROPOLE };
      expect(notOk(l.result)).toEqual(expectedPartial("rouen-caux-vexin", epcis));
    });
  });

  describe("in the data folder of CC des Quatre Rivières en Bray, which the file covers in part", () => {
    let l: Loaded;
    beforeAll(async () => {
      l = await dropInto("quatre-rivieres", [QUATRE_RIVIERES]);
    }, 60_000);
    afterAll(() => close(l));

    it("loads the rows of its 24 communes present in the file (365 rows, plus 9 of Le Héron mapped to Morville-le-Héron)", async () => {
      expect(l.report).toMatchObject({ rowsRead: 9338, rowsLoaded: 374, rowsOutside: 8964, rejections: [] });
      expectCountsAddUp(l.report);
      expect(l.report.notes).toContain("3001 année(s) commune x APE sans établissement (deux cellules vides) chargée(s) comme 0 établissement et 0 salarié");
      expect(l.report.notes.some((n) => n.includes("76358 → 76455"))).toBe(true);
      expect(l.report.notes.some((n) => n.includes("inconnu"))).toBe(false); // no unknown cell in these rows
      expect(await rows(l.folder.db, "SELECT count(DISTINCT code_commune) AS n FROM urssaf")).toEqual([{ n: 24 }]);
      // Morville-le-Héron = its own rows + those of 76358 Le Héron.
      expect(
        await rows(l.folder.db, "SELECT annee, sum(effectifs) AS eff, sum(etablissements) AS etab FROM urssaf WHERE code_commune = '76455' AND annee IN (2018, 2022) GROUP BY annee ORDER BY annee"),
      ).toEqual([
        { annee: 2018, eff: 46, etab: 5 },
        { annee: 2022, eff: 44, etab: 7 },
      ]);
      // The EPCI total of what was loaded (24 of 52 communes): 1 777 jobs in 2018, 1 970 in 2022.
      expect(await rows(l.folder.db, "SELECT annee, sum(effectifs) AS eff FROM urssaf WHERE annee IN (2018, 2022) GROUP BY annee ORDER BY annee")).toEqual([
        { annee: 2018, eff: 1777 },
        { annee: 2022, eff: 1970 },
      ]);
    });

    it("covers its 24 communes present in the file, not the 28 others: they are unknown and the EPCI total partial", () => {
      const c = l.folder.coverage.find((x) => x.source === "urssaf")!;
      expect(c.national).toBe(false);
      expect(c.communes.size).toBe(24);
      expect(c.missing).toHaveLength(28);
      expect(c.missing).toContain("27098"); // Bouchevilliers (Eure), outside the zone d'emploi of Rouen
      const absent = c.missing[0]!;
      expect(vs(l.result, "emploi_salarie_prive", "commune", absent, 2018)).toEqual([null, "manquant"]);
      expect(vs(l.result, "emploi_salarie_prive", "commune", "76455", 2018)).toEqual([46, "ok"]);
      // What the file holds (1 777 jobs in 2018), never presented as the EPCI's whole.
      expect(vs(l.result, "emploi_salarie_prive", "epci", QUATRE_RIVIERES, 2018)).toEqual([1777, "partiel"]);
      expect(vs(l.result, "emploi_salarie_prive", "territoire", "quatre-rivieres", 2022)).toEqual([1970, "partiel"]);
    });
  });
});
