// Reference levels from the URSSAF loader's aggregates: values computed by hand on tests/fixtures/loaders/urssaf/nominal.csv
// (4 rows: Saint-Quentin 02691 CH and GZ, Péronne 80620 CA with secret jobs, Lille 59350 CH outside the territory).
import { describe, expect, it } from "vitest";
import { urssaf } from "../../src/sources/urssaf/loader.ts";
import { referenceGeography } from "../../src/geography/reference-levels.ts";
import { a38OfApe, a38OfLabel, A38_INDUSTRY } from "../../src/geography/naf-a38.ts";
import { referenceCoverage } from "../../src/references/coverage.ts";
import { referenceRows } from "../../src/references/indicators.ts";
import type { Group } from "../../src/references/aggregates.ts";
import { fixture, freshDb, rows, theTerritory } from "../loaders/helpers.ts";

describe("NAF -> A38", () => {
  it("maps divisions to A38 positions and reads the code that starts secteur_na38", () => {
    expect(a38OfApe("2511Z")).toBe("CH");
    expect(a38OfApe("10.89Z")).toBe("CA");
    expect(a38OfApe("4711D")).toBe("GZ");
    expect(a38OfApe("3900Z")).toBe("EZ");
    expect(a38OfApe("0410Z")).toBeNull(); // division 04 does not exist
    expect(a38OfLabel("CA Fabrication de denrées alimentaires")).toBe("CA");
    expect(a38OfLabel("Commerce")).toBeNull();
    // Industry BE = divisions 05-39 = BZ, CA..CM, DZ, EZ: 15 positions.
    expect([...A38_INDUSTRY].sort()).toEqual(["BZ", "CA", "CB", "CC", "CD", "CE", "CF", "CG", "CH", "CI", "CJ", "CK", "CL", "CM", "DZ", "EZ"].sort());
  });
});

describe("URSSAF aggregates of every row", () => {
  it("sums each level by year and NA38 sector, inside the territory or not, unknown cells counted and never 0", async () => {
    const db = await freshDb();
    const territory = await theTerritory();
    await urssaf.load(fixture("urssaf/nominal.csv"), { db, territory });
    const get = (niveau: string, code: string, annee: number) =>
      rows(db, `SELECT secteur_na38 AS s, sum(etablissements) AS e, sum(effectifs) AS j, sum(inconnus_effectifs) AS uj
                FROM urssaf_agregats WHERE niveau = '${niveau}' AND code_geo = '${code}' AND annee = ${annee} GROUP BY ALL ORDER BY s`);
    // France 2021: CH = Saint-Quentin 3 est. 120 jobs + Lille 5 est. 200 jobs; GZ = 2, 85; CA = 1 est., jobs secret (*).
    expect(await get("france", "FR", 2021)).toEqual([
      { s: "CA", e: 1, j: null, uj: 1 },
      { s: "CH", e: 8, j: 320, uj: 0 },
      { s: "GZ", e: 2, j: 85, uj: 0 },
    ]);
    // Nord (59) 2023: Lille only, 5 est., 220 jobs. Région 32 (Aisne, Nord, Somme) 2023: CH 4 + 5 = 9 est., 131 + 220 = 351.
    expect(await get("departement", "59", 2023)).toEqual([{ s: "CH", e: 5, j: 220, uj: 0 }]);
    expect((await get("region", "32", 2023)).find((r) => r.s === "CH")).toEqual({ s: "CH", e: 9, j: 351, uj: 0 });
    // The territory 2023: GZ's jobs are not published beside 2 establishments: NULL and one unknown cell.
    expect(await get("territoire", territory.id, 2023)).toEqual([
      { s: "CA", e: 1, j: null, uj: 1 },
      { s: "CH", e: 4, j: 131, uj: 0 },
      { s: "GZ", e: 2, j: null, uj: 1 },
    ]);
    expect(await get("epci", "200071892", 2022)).toEqual([
      { s: "CH", e: 3, j: 118, uj: 0 },
      { s: "GZ", e: 2, j: 90, uj: 0 },
    ]);
    // Saint-Quentin belongs to the Territoire d'industrie ti-3208 (Haute-Picardie).
    expect(referenceGeography().communes.get("02691")?.tis).toContain("ti-3208");
    expect((await get("territoire_industrie", "ti-3208", 2021)).find((r) => r.s === "CH")).toEqual({ s: "CH", e: 3, j: 120, uj: 0 });
    expect(await rows(db, "SELECT code_commune FROM urssaf_communes_vues ORDER BY 1")).toEqual([
      { code_commune: "02691" }, { code_commune: "59350" }, { code_commune: "80620" },
    ]);
  });
});

describe("coverage of the reference levels", () => {
  const geo = referenceGeography();
  it("a file that is not national covers only the départements it has every commune of, never France", () => {
    const aisne = new Set(geo.communesOfDepartement.get("02")!);
    const c = referenceCoverage(aisne);
    expect(c.national).toBe(false);
    expect(c.covered.has("departement|02")).toBe(true);
    expect(c.covered.has("departement|80")).toBe(false);
    expect(c.covered.has("region|32")).toBe(false); // Nord, Oise, Pas-de-Calais, Somme missing
    expect(c.covered.has("france|FR")).toBe(false);
    // A Territoire d'industrie wholly in the Aisne is covered; one reaching into the Somme is not.
    for (const [ti, communes] of geo.communesOfTi) {
      const inAisne = communes.every((x) => geo.communes.get(x)!.departement === "02");
      expect(c.covered.has(`territoire_industrie|${ti}`), ti).toBe(inAisne);
    }
    // One commune missing: the Aisne is no longer covered.
    aisne.delete("02691");
    expect(referenceCoverage(aisne).covered.has("departement|02")).toBe(false);
  });

  it("rows in 90 départements make the files national: every level is covered", () => {
    const one = new Set([...geo.communesOfDepartement.values()].slice(0, 90).map((l) => l[0]!));
    const c = referenceCoverage(one);
    expect(c.national).toBe(true);
    expect(c.covered.has("france|FR")).toBe(true);
    expect(c.covered.has("region|32")).toBe(true);
    expect(c.covered.has("territoire_industrie|ti-3208")).toBe(true);
    const fewer = new Set([...one].slice(0, 89));
    expect(referenceCoverage(fewer).national).toBe(false);
  });
});

describe("indicators at a reference level", () => {
  it("sums known values, recomputes the industrial share from sums, marks unknown cells partial and no known cell manquant", () => {
    const cell = (e: number | null, j: number | null, ue = 0, uj = 0) => ({ etablissements: e, effectifs: j, inconnusEtablissements: ue, inconnusEffectifs: uj });
    const g: Group = {
      niveau: "departement", code: "02", libelle: "Aisne",
      years: new Map([
        [2021, new Map([["CH", cell(3, 120)], ["GZ", cell(2, 80)]])],
        [2022, new Map([["CH", cell(3, 100)], ["GZ", cell(2, null, 0, 1)]])],
        [2023, new Map([["GZ", cell(null, null, 1, 1)]])],
      ]),
    };
    const out = referenceRows([g]);
    const v = (id: string, y: number) => out.find((r) => r.indicateur === id && r.annee === y);
    // 2021: 120 + 80 = 200 jobs, industry 120, share 120 / 200 = 60 %.
    expect(v("emploi_salarie_prive", 2021)).toMatchObject({ niveau: "departement", code_geo: "02", libelle_geo: "Aisne", valeur: 200, statut: "ok" });
    expect(v("emploi_industriel", 2021)).toMatchObject({ valeur: 120, statut: "ok" });
    expect(v("part_emploi_industriel", 2021)).toMatchObject({ valeur: 60, numerateur: 120, denominateur: 200, statut: "ok" });
    expect(v("etablissements_prives", 2021)).toMatchObject({ valeur: 5, statut: "ok" });
    expect(v("etablissements_industriels", 2021)).toMatchObject({ valeur: 3, statut: "ok" });
    // 2022: GZ's jobs unknown: 100 known, partial; the share over the same known cells: 100 / 100.
    expect(v("emploi_salarie_prive", 2022)).toMatchObject({ valeur: 100, statut: "partiel" });
    expect(v("emploi_industriel", 2022)).toMatchObject({ valeur: 100, statut: "ok" });
    expect(v("part_emploi_industriel", 2022)).toMatchObject({ valeur: 100, statut: "partiel" });
    // 2023: no known cell: unknown, never 0; no industry row at all: 0 industrial jobs.
    expect(v("emploi_salarie_prive", 2023)).toMatchObject({ valeur: null, statut: "manquant" });
    expect(v("emploi_industriel", 2023)).toMatchObject({ valeur: 0, statut: "ok" });
  });
});
