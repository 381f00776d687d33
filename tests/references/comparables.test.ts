// Comparison territories: traits, standardised distance and the gaps to the comparables' median, on hand-made groups.
import { describe, expect, it } from "vitest";
import { dissimilarity, gapsToComparables, quantile, selectComparables, traitsOf } from "../../src/references/comparables.ts";
import type { Group } from "../../src/references/aggregates.ts";

const cell = (j: number) => ({ etablissements: 1, effectifs: j, inconnusEtablissements: 0, inconnusEffectifs: 0 });
/** A group with jobs CH (industry) and GZ in 2013 and 2018 (the reference), and 2023. */
function group(code: string, ind: number, other: number, prior: number, last = 1): Group {
  const y = (k: number) => new Map([["CH", cell(ind * k)], ["GZ", cell(other * k)]]);
  return { niveau: code === "t" ? "territoire" : "territoire_industrie", code, libelle: code, years: new Map([[2013, y(prior)], [2018, y(1)], [2023, y(last)]]) };
}

describe("comparison territories", () => {
  it("computes the traits and the dissimilarity of sector mixes", () => {
    // 300 CH + 700 GZ: industry 30 %, log size ln(1000), 2013 at 0.8 of 2018: trend 1/0.8 - 1 = +25 %.
    const t = traitsOf(group("t", 300, 700, 0.8), 2018)!;
    expect(t.part_industrie).toBeCloseTo(30, 9);
    expect(t.taille).toBeCloseTo(Math.log(1000), 9);
    expect(t.tendance).toBeCloseTo(25, 9);
    // Shares (0.3, 0.7) vs (0.5, 0.5): ½ (0.2 + 0.2) = 0.2.
    expect(dissimilarity(t.shares, new Map([["CH", 0.5], ["GZ", 0.5]]))).toBeCloseTo(0.2, 9);
  });

  it("keeps the nearest on the standardised traits, never the territory itself or an excluded one", () => {
    const territory = group("t", 300, 700, 0.8);
    const cands = [
      group("same", 300, 700, 0.8), // distance 0
      group("a", 310, 690, 0.8),
      group("b", 600, 400, 0.8),
      group("c", 300, 700, 0.5),
      group("d", 3000, 7000, 0.8),
      group("excluded", 300, 700, 0.8),
    ];
    const sel = selectComparables(territory, cands, 2018, new Set(["excluded"]));
    expect(sel.comparables).toHaveLength(5);
    expect(sel.comparables[0]).toMatchObject({ code_geo: "same", distance: 0, rang: 1 });
    expect(sel.comparables.map((c) => c.code_geo)).not.toContain("excluded");
    // "a" differs by 1 point of industry share (sd of the shares 30, 31, 60, 30, 30 = 13.2...), a dissimilarity 0.01 …:
    // it must come before "b" (30 points of industry share and a dissimilarity of 0.3).
    const rank = (code: string) => sel.comparables.find((c) => c.code_geo === code)!.rang;
    expect(rank("a")).toBeLessThan(rank("b"));
    expect(sel.comparables.find((c) => c.code_geo === "a")!.raison).toContain("industrie 31,0 % des emplois (territoire 30,0 %)");
    expect(sel.notes.join(" ")).toContain("excluded");
  });

  it("gives the territory's change against the comparables' median and interquartile range", () => {
    // Territory +10 % jobs 2018-2023; comparables +0 %, +4 %, +8 %, +20 %: median 6, Q1 3, Q3 11 (type 7); gap +4 points.
    const t = group("t", 300, 700, 0.8, 1.1);
    const others = [1, 1.04, 1.08, 1.2].map((k, i) => group(`c${i}`, 300, 700, 0.8, k));
    const g = gapsToComparables(t, others, 2018, 2023).find((x) => x.indicateur === "emploi_salarie_prive")!;
    expect(g.evolution_territoire).toBeCloseTo(10, 9);
    expect(g.mediane_comparables).toBeCloseTo(6, 9);
    expect(g.q1_comparables).toBeCloseTo(3, 9);
    expect(g.q3_comparables).toBeCloseTo(11, 9);
    expect(g.ecart_aux_comparables).toBeCloseTo(4, 9);
    // A share changes in points: 30 % both years for all: 0.
    expect(gapsToComparables(t, others, 2018, 2023).find((x) => x.indicateur === "part_emploi_industriel")).toMatchObject({ unite_evolution: "points" });
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });
});
