// `ti compute` on the demonstration data (the territory's URSSAF file and the rest of France): the reference levels in
// indicateurs.csv, decomposition-emploi.csv with its columns, and, for every level, code, period and sector, the three
// effects adding up to emploi_fin - emploi_debut; the France level equal to the sum of its départements. The
// computation is the one the unit tests share (tests/support/demo-evaluation.ts): `ti compute` on data/.
import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { demoRun, type DemoRun } from "../support/demo-evaluation.ts";

let demo: DemoRun;
const read = (name: string) => Papa.parse<Record<string, string>>(readFileSync(path.join(demo.compute.dir, name), "utf8"), { header: true, skipEmptyLines: true });

beforeAll(async () => {
  demo = await demoRun();
  expect(demo.compute.code, demo.compute.err).toBe(0);
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
  it("is used for the references, so its rows all outside the territory are no silent emptiness", () => {
    const line = demo.compute.out.split("\n").find((l) => l.includes("sources/urssaf-france-hors-territoire.csv.gz : "));
    const [read, loaded, outside, rejected] = (line?.match(/: ([\d\u202f ]+) lues, ([\d\u202f ]+) chargées, ([\d\u202f ]+) hors territoire, ([\d\u202f ]+) rejetées$/) ?? [])
      .slice(1)
      .map((n) => Number(n.replace(/[\u202f ]/g, "")));
    expect(loaded, line).toBe(0);
    expect(read, line).toBeGreaterThan(50_000);
    expect(outside).toBe(read);
    expect(rejected).toBe(0);
    // `ti validate` exits 1 on a file that loads nothing for the territory unless it is used (no emptiness problem).
    expect(demo.validate.out).not.toContain("aucune ligne ne concerne le territoire");
    expect(demo.validate.code).toBe(0);
  });
});
