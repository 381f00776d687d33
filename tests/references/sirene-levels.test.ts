// Creation indicators at the reference levels (src/references/sirene-levels.ts), from sirene_agregats, hand-checked.
import { describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { SCHEMA } from "../../src/db/schema.ts";
import { departementPopulation } from "../../src/io/reference.ts";
import { referenceGeography } from "../../src/geography/reference-levels.ts";
import { sireneReferenceLevels } from "../../src/references/sirene-levels.ts";
import type { ReferenceRow } from "../../src/references/types.ts";

type Agg = [commune: string, annee: number | null, classe: string | null, n: number];

async function levels(rows: Agg[], stockDate = "2021-06-30") {
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(SCHEMA);
  const appender = await db.createAppender("sirene_agregats");
  for (const [commune, annee, classe, n] of rows) {
    appender.appendVarchar(commune);
    if (annee === null) appender.appendNull();
    else appender.appendInteger(annee);
    if (classe === null) appender.appendNull();
    else appender.appendVarchar(classe);
    appender.appendBigInt(BigInt(n));
    appender.appendVarchar(stockDate);
    appender.appendNull();
    appender.appendVarchar("stock.csv");
    appender.endRow();
  }
  appender.closeSync();
  return sireneReferenceLevels(db);
}

const pick = (rows: ReferenceRow[], indicateur: string, niveau: string, code: string, annee: number) => {
  const r = rows.find((x) => x.indicateur === indicateur && x.niveau === niveau && x.code_geo === code && x.annee === annee);
  return r ? [r.valeur === null ? null : Math.round(r.valeur * 1000) / 1000, r.numerateur, r.denominateur, r.statut] : undefined;
};

// Lozère (48): 76 486 inhabitants in the COG package, so a whole département has at least 77 rows (one per thousand).
// Mende (48095) 12 464 inhabitants, Langogne (48080). 2020: 3 industrial, 5 other, 1 in an older nomenclature
// (Mende); 2021: 2 other (Langogne). 90 older establishments. The stock was taken on 2021-06-30: 2021 is provisional.
// Aveyron (12, 279 609 inhabitants) has 10 rows: an extract, covering nothing whole. A whole département's stock also
// has establishments in (nearly) every commune: one old establishment (no creation year) in each Lozère commune.
const everyCommune = (d: string): Agg[] => referenceGeography().communesOfDepartement.get(d)!.map((c) => [c, null, null, 1]);
const LOZERE: Agg[] = [
  ...everyCommune("48"),
  ["48095", null, null, 90],
  ["48095", 2020, "industrie", 3],
  ["48095", 2020, "autre", 5],
  ["48095", 2020, "inconnue", 1],
  ["48080", 2021, "autre", 2],
  ["12202", 2020, "industrie", 10],
];

describe("Sirene creations at the reference levels", () => {
  it("a whole département: sums, 0 when none, partial with an older nomenclature, provisional year, rate on its population", async () => {
    expect(departementPopulation("48")).toBe(76486);
    const { rows, national, departements } = await levels(LOZERE);
    expect([national, departements]).toEqual([false, 1]);
    expect(rows.filter((r) => r.niveau === "departement").map((r) => r.code_geo).filter((c, i, a) => a.indexOf(c) === i)).toEqual(["48"]);
    expect(rows.some((r) => r.niveau === "region" || r.niveau === "france")).toBe(false); // Occitanie is not whole
    expect(pick(rows, "creations_etablissements", "departement", "48", 2019)).toEqual([0, 0, null, "ok"]); // known 0
    expect(pick(rows, "creations_etablissements", "departement", "48", 2020)).toEqual([9, 9, null, "ok"]);
    expect(pick(rows, "creations_industrie", "departement", "48", 2020)).toEqual([3, 3, null, "partiel"]);
    expect(pick(rows, "creations_industrie", "departement", "48", 2021)).toEqual([0, 0, null, "provisoire"]);
    // 9 / 76 486 × 10 000 = 1.177; 2 / 76 486 × 10 000 = 0.261
    expect(pick(rows, "taux_creation_10000_hab", "departement", "48", 2020)).toEqual([1.177, 9, 76486, "ok"]);
    expect(pick(rows, "taux_creation_10000_hab", "departement", "48", 2021)).toEqual([0.261, 2, 76486, "provisoire"]);
    expect(pick(rows, "creations_etablissements", "departement", "12", 2020)).toBeUndefined();
    // Years from 2008 to the newest creation year, for each of the three indicators.
    expect(rows.filter((r) => r.niveau === "departement").length).toBe(3 * (2021 - 2008 + 1));
    // A Territoire d'industrie wholly in Lozère is covered too: its creations are those of its communes.
    const geo = referenceGeography();
    const ti = geo.communesOfTi.get("ti-7612")!;
    const expected2020 = ti.includes("48095") ? 9 : 0;
    expect(pick(rows, "creations_etablissements", "territoire_industrie", "ti-7612", 2020)?.[0]).toBe(expected2020);
  });

  it("an extract of a few communes, however dense, is not a whole département (under 90 % of its communes with rows)", async () => {
    // 5 000 rows in Mende and Langogne alone: far above one per thousand inhabitants, but 2 communes of 152.
    const { rows, departements } = await levels([["48095", null, null, 4_990], ["48095", 2020, "industrie", 3], ["48080", 2021, "autre", 7]]);
    expect(departements).toBe(0);
    expect(rows.filter((r) => r.niveau === "departement")).toEqual([]);
  });

  it("a national stock: every département whole, France and the régions published, France's rate on its population", async () => {
    const geo = referenceGeography();
    const filler: Agg[] = [...geo.communesOfDepartement].flatMap(([d, communes]) => [
      [communes[0]!, null, null, Math.ceil((departementPopulation(d) ?? 0) / 1000) + 1] as Agg, ...communes.slice(1).map((c): Agg => [c, null, null, 1]),
    ]);
    const { rows, national } = await levels([...LOZERE, ...filler]);
    expect(national).toBe(true);
    // France 2020: 9 in Lozère + 10 industrial in Aveyron = 19, industry 13, partial (the older nomenclature of Mende).
    expect(pick(rows, "creations_etablissements", "france", "FR", 2020)).toEqual([19, 19, null, "ok"]);
    expect(pick(rows, "creations_industrie", "france", "FR", 2020)).toEqual([13, 13, null, "partiel"]);
    // Occitanie (76) holds both: same figures.
    expect(pick(rows, "creations_etablissements", "region", "76", 2020)).toEqual([19, 19, null, "ok"]);
    const france = pick(rows, "taux_creation_10000_hab", "france", "FR", 2020)!;
    expect(france[1]).toBe(19);
    expect(france[2]).toBeGreaterThan(60_000_000); // the population of France's communes, summed
    expect(france[0]).toBe(Math.round((19 / (france[2] as number)) * 1e4 * 1000) / 1000);
  });
});
