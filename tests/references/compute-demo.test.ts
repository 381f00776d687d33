// `ti compute` on the demonstration data (the territory's URSSAF file and the rest of France): the reference levels in
// indicateurs.csv, decomposition-emploi.csv with its columns, and, for every level, code, period and sector, the three
// effects adding up to emploi_fin - emploi_debut; the France level equal to the sum of its départements.
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { writeDemo } from "../../src/sources/demo/generate.ts";
import { runCompute } from "../../src/cli/compute.ts";
import { loadDataFolder } from "../../src/pipeline/load-data-folder.ts";
import { emptinessProblems } from "../../src/pipeline/data-checks.ts";

let out: string;
let data: string;
const read = (name: string) => Papa.parse<Record<string, string>>(readFileSync(path.join(out, name), "utf8"), { header: true, skipEmptyLines: true });

beforeAll(async () => {
  data = mkdtempSync(path.join(os.tmpdir(), "ti-compute-references-"));
  cpSync("data/territoire.json", path.join(data, "territoire.json"));
  cpSync("data/local", path.join(data, "local"), { recursive: true });
  await writeDemo(data, data);
  out = path.join(data, "sortie");
  expect(await runCompute({ data, out, strict: false })).toBe(0);
}, 300_000);

describe("ti compute with a national URSSAF file", () => {
  it("writes decomposition-emploi.csv, whose effects add up on every row", () => {
    const { data, meta } = read("decomposition-emploi.csv");
    expect(meta.fields).toEqual(["niveau", "code_geo", "annee_debut", "annee_fin", "secteur", "emploi_debut", "emploi_fin", "effet_national", "effet_structurel", "effet_local", "statut"]);
    // The current phase's territory (ti-3208) and its 5 EPCIs, 2018 -> 2019..2025: 6 x 7 = 42 periods, each with a TOTAL row.
    expect(data.filter((r) => r.secteur === "TOTAL")).toHaveLength(42);
    expect(new Set(data.map((r) => r.niveau))).toEqual(new Set(["territoire", "epci"]));
    let checked = 0;
    for (const r of data) {
      if (r.statut === "exclu") {
        expect(r.effet_national, JSON.stringify(r)).toBe("");
        continue;
      }
      const sum = Number(r.effet_national) + Number(r.effet_structurel) + Number(r.effet_local);
      // Written with 6 decimals: within 3e-6.
      expect(Math.abs(sum - (Number(r.emploi_fin) - Number(r.emploi_debut))), JSON.stringify(r)).toBeLessThan(3e-6);
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
    // The TOTAL row is the sum of the sector rows kept.
    const total = data.find((r) => r.niveau === "territoire" && r.annee_fin === "2023" && r.secteur === "TOTAL")!;
    const kept = data.filter((r) => r.niveau === "territoire" && r.annee_fin === "2023" && r.secteur !== "TOTAL" && r.statut === "ok");
    expect(kept.reduce((s, r) => s + Number(r.emploi_debut), 0)).toBe(Number(total.emploi_debut));
  });

  it("publishes the reference levels, France equal to the sum of its départements", () => {
    const rows = read("indicateurs.csv").data.filter((r) => r.indicateur === "emploi_salarie_prive" && r.annee === "2020");
    const levels = new Set(rows.map((r) => r.niveau));
    for (const l of ["territoire", "epci", "commune", "departement", "region", "france", "territoire_industrie"]) expect(levels.has(l), l).toBe(true);
    expect(rows.filter((r) => r.niveau === "territoire_industrie")).toHaveLength(183);
    const france = rows.find((r) => r.niveau === "france")!;
    expect(france.libelle_geo).toBe("France");
    const deps = rows.filter((r) => r.niveau === "departement");
    expect(deps.reduce((s, r) => s + Number(r.valeur), 0)).toBeCloseTo(Number(france.valeur), 3);
    // Unknown cells exist in the demo (an unpublished jobs count in 1.5 % of the rows): France is « partiel », never a made-up total.
    expect(france.statut).toBe("partiel");
    const comparables = read("territoires-comparables.csv").data;
    expect(comparables).toHaveLength(10);
    expect(comparables.map((r) => r.code_geo)).not.toContain("ti-3208"); // shares communes with the territory
    expect(read("ecarts-comparables.csv").data.map((r) => r.indicateur)).toEqual([
      "emploi_salarie_prive", "emploi_industriel", "etablissements_prives", "etablissements_industriels", "part_emploi_industriel",
    ]);
  });
});

describe("the rest-of-France file", () => {
  it("is used for the references, so its rows all outside the territory are no silent emptiness", async () => {
    const folder = await loadDataFolder(data);
    try {
      const france = folder.files.find((f) => f.relativePath === "sources/urssaf-france-hors-territoire.csv.gz")!;
      expect(france.report).toMatchObject({ rowsLoaded: 0 });
      expect(france.report!.rowsOutside).toBe(france.report!.rowsRead);
      expect(emptinessProblems(folder.files)).toEqual([]);
    } finally {
      folder.close();
    }
  }, 120_000);
});
