// The territory beside its references and its comparables (src/references/beside.ts) and the report's sentences
// (src/report/references.ts), on hand-made rows: every number below is computed by hand in the comments.
import { describe, expect, it } from "vitest";
import { changeOf, perThousand, signedChange } from "../../docs/components/evolution.js";
import { besideBlocks, type Observation } from "../../src/references/beside.ts";
import { referenceSentences } from "../../src/report/references.ts";

const row = (indicateur: string, niveau: string, code_geo: string, annee: number, valeur: number | null, statut = "ok", libelle_geo = code_geo): Observation => ({
  indicateur, niveau, code_geo, libelle_geo, annee, valeur, statut: valeur === null ? "manquant" : statut,
});

const E = "emploi";
const P = "part";
const rows: Observation[] = [
  // Territory t: 100 -> 110 jobs (+10 %), share 20 -> 22 % (+2 points); 2017 is before the reference year: left out.
  row(E, "territoire", "t", 2017, 90), row(E, "territoire", "t", 2018, 100), row(E, "territoire", "t", 2020, 110),
  row(P, "territoire", "t", 2018, 20), row(P, "territoire", "t", 2020, 22),
  // Its département: 1000 -> 1050 (+5 %); its région unknown in 2020; France 10000 -> 10100 (+1 %), partial in 2020.
  row(E, "departement", "02", 2018, 1000, "ok", "Aisne"), row(E, "departement", "02", 2020, 1050, "ok", "Aisne"),
  row(E, "region", "32", 2018, 2000, "ok", "Hauts-de-France"), row(E, "region", "32", 2020, null, "ok", "Hauts-de-France"),
  row(E, "france", "FR", 2018, 10000, "ok", "France"), row(E, "france", "FR", 2020, 10100, "partiel", "France"),
  row(P, "departement", "02", 2018, 10, "ok", "Aisne"), row(P, "departement", "02", 2020, 11, "ok", "Aisne"),
  // Comparables: +5 %, −5 %, +20 %, 0 %, and c5 without 2020 (left out): sorted −5, 0, 5, 20.
  row(E, "territoire_industrie", "c1", 2018, 100), row(E, "territoire_industrie", "c1", 2020, 105),
  row(E, "territoire_industrie", "c2", 2018, 200), row(E, "territoire_industrie", "c2", 2020, 190),
  row(E, "territoire_industrie", "c3", 2018, 50), row(E, "territoire_industrie", "c3", 2020, 60),
  row(E, "territoire_industrie", "c4", 2018, 100), row(E, "territoire_industrie", "c4", 2020, 100),
  row(E, "territoire_industrie", "c5", 2018, 100),
  // Shares of the comparables: 30 -> 31 (+1 point), 10 -> 13 (+3 points, partial).
  row(P, "territoire_industrie", "c1", 2018, 30), row(P, "territoire_industrie", "c1", 2020, 31),
  row(P, "territoire_industrie", "c2", 2018, 10), row(P, "territoire_industrie", "c2", 2020, 13, "partiel"),
  // An indicator of the territory without any reference level: no block.
  row("creations", "territoire", "t", 2018, 5), row("creations", "territoire", "t", 2020, 6),
];

const POPULATIONS: Record<string, number> = { departement: 10_000, region: 50_000, france: 1_000_000 };
const input = {
  territory: { code: "t", nom: "Territoire T", referenceYear: 2018, departements: ["02"], regions: ["32"], population: 1000 },
  rows,
  comparables: ["c1", "c2", "c3", "c4", "c5"],
  sheets: [
    { id: E, title: "Emploi", unit: "salariés" },
    { id: P, title: "Part de l'industrie", unit: "%" },
    { id: "creations", title: "Créations", unit: "établissements" },
  ],
  population: (niveau: "departement" | "region" | "france") => ({ population: POPULATIONS[niveau]!, partielle: niveau === "france" }),
};

describe("the territory beside its references", () => {
  const blocks = besideBlocks(input);
  const emploi = blocks.find((b) => b.indicateur === E)!;
  const part = blocks.find((b) => b.indicateur === P)!;

  it("gives a block to each indicator with reference levels, its geographies in order, years from the reference year", () => {
    expect(blocks.map((b) => b.indicateur)).toEqual([E, P]);
    expect(emploi.geos.map((g) => `${g.niveau}:${g.code_geo}`)).toEqual(["territoire:t", "departement:02", "region:32", "france:FR"]);
    expect(emploi.annees).toEqual([2018, 2020]);
    expect(emploi.geos[2]!.valeurs["2020"]).toEqual({ v: null, s: "manquant" });
    expect(emploi.geos[3]).toMatchObject({ libelle_geo: "France", population: 1_000_000, population_partielle: true });
    expect(part.geos.map((g) => g.code_geo)).toEqual(["t", "02"]);
    expect(emploi.unite_evolution).toBe("%");
    expect(part.unite_evolution).toBe("points");
  });

  it("changes: % of a count, points of a share, unknown when a value or a positive base is missing", () => {
    expect(changeOf(100, 110, false)).toBeCloseTo(10, 9);
    expect(changeOf(20, 22, true)).toBeCloseTo(2, 9);
    expect(changeOf(0, 5, false)).toBeNull();
    expect(changeOf(null, 5, true)).toBeNull();
    expect(perThousand(110, 1000)).toBeCloseTo(110, 9);
    expect(perThousand(110, null)).toBeNull();
    // Written with the sign of the rounded value: −0,04 is "0,0", never "−0,0".
    expect(signedChange(-0.04, "%")).toBe("0,0\u202f%");
    expect(signedChange(1.26, "points")).toBe("+1,3 pt");
    expect(signedChange(null, "%")).toBe("n.d.");
  });

  it("compares the territory's change with the comparables': median, quartiles, extremes, rank, gap", () => {
    // Changes −5, 0, 5, 20: median 2.5; Q1 at h = 0.75: −5 + 0.75 × 5 = −1.25; Q3 at h = 2.25: 5 + 0.25 × 15 = 8.75.
    // Territory +10 %: only c3 (+20 %) did better, rank 2 of 5; gap 10 − 2.5 = 7.5 points.
    const [c] = emploi.comparables;
    expect(c).toMatchObject({ annee_fin: 2020, n: 4, rang: 2, partiel: false });
    expect(c!.min).toBeCloseTo(-5, 9);
    expect(c!.max).toBeCloseTo(20, 9);
    expect(c!.evolution_territoire).toBeCloseTo(10, 9);
    expect(c!.mediane).toBeCloseTo(2.5, 9);
    expect(c!.q1).toBeCloseTo(-1.25, 9);
    expect(c!.q3).toBeCloseTo(8.75, 9);
    expect(c!.ecart).toBeCloseTo(7.5, 9);
    // Shares: +1 and +3 points, median 2, territory +2: gap 0, rank 2 (c2 did better); c2's 2020 value is partial.
    const [s] = part.comparables;
    expect(s).toMatchObject({ n: 2, rang: 2, partiel: true });
    expect(s!.ecart).toBeCloseTo(0, 9);
  });

  it("has no comparison when there are no comparables", () => {
    expect(besideBlocks({ ...input, comparables: [] })[0]!.comparables).toEqual([]);
  });

  it("writes the report's sentences from the same numbers, unknown values left out, never 0", () => {
    const [change, rates, gap] = referenceSentences(emploi, 2020);
    // The région is unknown in 2020: not among the references compared.
    expect(change).toBe("Emploi : entre 2018 et 2020, +10,0\u202f% dans le territoire (de 100 à 110), contre +5,0\u202f% (Aisne) et +1,0\u202f% (France).");
    // 110 / 1000 × 1000 = 110; 1050 / 10 000 × 1000 = 105; 10 100 / 1 000 000 × 1000 = 10.1; the région unknown.
    expect(rates).toBe("En 2020, 110,0 pour 1 000 habitants dans le territoire, contre 105,0 (Aisne) et 10,1 (France).");
    expect(gap).toBe("Écart aux territoires comparables : +7,5 pt de pourcentage (médiane des 4 territoires comparables +2,5\u202f%, moitié centrale de −1,3\u202f% à +8,8\u202f% ; rang du territoire 2 sur 5).");
    const shares = referenceSentences(part, 2020);
    expect(shares).toHaveLength(2);
    expect(shares[0]).toBe("Part de l'industrie : entre 2018 et 2020, +2,0 pt dans le territoire (de 20,0\u202f% à 22,0\u202f%), contre +1,0 pt (Aisne).");
    expect(shares[1]).toContain("Écart aux territoires comparables : 0,0 pt");
    expect(shares[1]).toContain("indicatif : des effectifs inconnus ont été laissés de côté");
  });
});
