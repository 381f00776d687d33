// Shift-share decomposition: a 2-sector, 2-year example computed by hand, the identity over every row of a generated
// example, and the treatment of unknown cells.
import { describe, expect, it } from "vitest";
import { decompose, locationQuotients } from "../../src/references/shift-share.ts";
import type { Sectors } from "../../src/references/aggregates.ts";

const jobs = (entries: Record<string, number | null>, unknown: Record<string, number> = {}): Sectors =>
  new Map(Object.entries(entries).map(([s, j]) => [s, { etablissements: 1, effectifs: j, inconnusEtablissements: 0, inconnusEffectifs: unknown[s] ?? 0 }]));
const id = { niveau: "territoire", code_geo: "t", annee_debut: 2018, annee_fin: 2023 };

describe("shift-share decomposition", () => {
  it("matches the hand computation on 2 sectors and 2 years", () => {
    // France: A 1000 -> 1100 (+10 %), B 3000 -> 2850 (-5 %); total 4000 -> 3950: N1/N0 - 1 = -0.0125.
    // Territory: A 100 -> 120, B 200 -> 190; change +10.
    // effet_national   = (100 + 200) x -0.0125 = -3.75           (A -1.25, B -2.5)
    // expected growth  = 100 x 0.10 + 200 x -0.05 = 10 - 10 = 0  (A +10, B -10)
    // effet_structurel = 0 - (-3.75) = +3.75                     (A 10 + 1.25 = 11.25, B -10 + 2.5 = -7.5)
    // effet_local      = 10 - 0 = +10                            (A 20 - 10 = 10, B -10 - (-10) = 0)
    const rows = decompose(id, jobs({ A: 100, B: 200 }), jobs({ A: 120, B: 190 }), jobs({ A: 1000, B: 3000 }), jobs({ A: 1100, B: 2850 }));
    const by = Object.fromEntries(rows.map((r) => [r.secteur, r]));
    expect(by.A).toMatchObject({ emploi_debut: 100, emploi_fin: 120, statut: "ok" });
    expect(by.A!.effet_national).toBeCloseTo(-1.25, 9);
    expect(by.A!.effet_structurel).toBeCloseTo(11.25, 9);
    expect(by.A!.effet_local).toBeCloseTo(10, 9);
    expect(by.B!.effet_national).toBeCloseTo(-2.5, 9);
    expect(by.B!.effet_structurel).toBeCloseTo(-7.5, 9);
    expect(by.B!.effet_local).toBeCloseTo(0, 9);
    expect(by.TOTAL).toMatchObject({ emploi_debut: 300, emploi_fin: 310, statut: "ok" });
    expect(by.TOTAL!.effet_national).toBeCloseTo(-3.75, 9);
    expect(by.TOTAL!.effet_structurel).toBeCloseTo(3.75, 9);
    expect(by.TOTAL!.effet_local).toBeCloseTo(10, 9);
  });

  it("the three effects add up to emploi_fin - emploi_debut on every row", () => {
    // 38-sector pseudo-random levels (a fixed linear congruential sequence): the identity must hold exactly.
    let x = 12345;
    const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31), x / 2 ** 31);
    const sectors = Array.from({ length: 38 }, (_, i) => `S${i}`);
    const make = (scale: number) => jobs(Object.fromEntries(sectors.map((s) => [s, Math.round(next() * scale)])));
    const rows = decompose(id, make(500), make(500), make(100000), make(100000));
    expect(rows).toHaveLength(39);
    for (const r of rows) {
      if (r.statut === "exclu") continue;
      expect(r.effet_national! + r.effet_structurel! + r.effet_local!, r.secteur).toBeCloseTo(r.emploi_fin! - r.emploi_debut!, 6);
    }
  });

  it("leaves a sector with an unknown cell out of both years and of the TOTAL, flagged", () => {
    // B's jobs are unknown in 2023: the TOTAL is A alone (100 -> 120), « partiel »; B's row has no effects, « exclu ».
    const rows = decompose(id, jobs({ A: 100, B: 200 }), jobs({ A: 120, B: null }, { B: 1 }), jobs({ A: 1000, B: 3000 }), jobs({ A: 1100, B: 2850 }));
    const by = Object.fromEntries(rows.map((r) => [r.secteur, r]));
    expect(by.B).toMatchObject({ emploi_debut: 200, emploi_fin: null, effet_national: null, effet_structurel: null, effet_local: null, statut: "exclu" });
    expect(by.TOTAL).toMatchObject({ emploi_debut: 100, emploi_fin: 120, statut: "partiel" });
    // National rate still France's total: -1.25 for A's 100 jobs; A's own rate +10 %: structural 11.25, local 10.
    expect(by.TOTAL!.effet_national).toBeCloseTo(-1.25, 9);
    expect(by.TOTAL!.effet_structurel).toBeCloseTo(11.25, 9);
    expect(by.TOTAL!.effet_local).toBeCloseTo(10, 9);
    // The unknown sector ND is never decomposed.
    const nd = decompose(id, jobs({ A: 100, ND: 5 }), jobs({ A: 110, ND: 5 }), jobs({ A: 1000, ND: 50 }), jobs({ A: 1000, ND: 50 }));
    expect(nd.find((r) => r.secteur === "ND")?.statut).toBe("exclu");
  });

  it("location quotients: local share over France's share", () => {
    // Territory A 100 of 300 (1/3), France A 1000 of 4000 (1/4): QL = (1/3) / (1/4) = 4/3; B: (2/3) / (3/4) = 8/9.
    const q = locationQuotients(jobs({ A: 100, B: 200 }), jobs({ A: 1000, B: 3000 }));
    expect(q.find((r) => r.secteur === "A")!.quotient).toBeCloseTo(4 / 3, 9);
    expect(q.find((r) => r.secteur === "B")!.quotient).toBeCloseTo(8 / 9, 9);
  });
});

describe("reading of the decomposition", () => {
  it("says the change and each effect with its sign, from the numbers, and never a cause", async () => {
    const { readDecomposition } = await import("../../src/references/reading.ts");
    const rows = decompose(id, jobs({ A: 100, B: 200 }), jobs({ A: 120, B: 190 }), jobs({ A: 1000, B: 3000 }), jobs({ A: 1100, B: 2850 }));
    const text = readDecomposition(rows.find((r) => r.secteur === "TOTAL")!, "le territoire");
    // 300 -> 310: +10 jobs, +3,3 %; national -3.75 -> −4; structural +3.75 -> +4; local +10.
    expect(text).toContain("dans le territoire, l'emploi salarié privé est passé de 300 à 310 salariés (+10 emplois, +3,3 %)");
    expect(text).toContain("il aurait varié de −4 emplois (effet national)");
    expect(text).toContain("Sa spécialisation sectorielle y ajoute +4 emplois");
    expect(text).toContain("Le reste, +10 emplois, est l'effet local : à secteurs égaux, l'emploi y a évolué mieux qu'en France.");
    expect(text).toContain("pas ce qui l'a causé");
  });
});
