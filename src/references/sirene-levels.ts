// The Sirene creation indicators (src/indicators/catalogue/attirer.ts: creations_etablissements, creations_industrie,
// taux_creation_10000_hab) at the reference levels, from table sirene_agregats (every establishment of the loaded
// stock whose commune is understood, in the territory or not), with the rules of the territory's indicators:
// - a level is published only where the stock covers it wholly: Sirene files are whole départements (the rule of
//   src/pipeline/coverage.ts, an extract below one row per thousand inhabitants covering nothing whole); a région
//   when all its départements are covered, France when the stock is national, a Territoire d'industrie when all its
//   communes lie in covered départements. A covered group without creation in a year has 0, known.
// - creations_industrie counts NAF rév. 2 activities of divisions 05 to 39; a creation coded in an older nomenclature
//   (or without activity) makes the value a minimum, « partiel »;
// - the rate is summed creations over the summed population of the group's communes (COG package), × 10 000; the
//   few communes without a population there (TAAF, Clipperton: no permanent inhabitants) are left out of both, and
//   the rate is « partiel » in a year one of them has creations;
// - a year the stock was taken before the end of is « provisoire » (date_millesime, else the newest creation).
import type { DuckDBConnection } from "@duckdb/node-api";
import { CATALOGUE } from "../indicators/catalogue/index.ts";
import { SIRENE_FIRST_YEAR } from "../indicators/sql.ts";
import type { ObservationStatus } from "../indicators/types.ts";
import { cog } from "../geography/cog.ts";
import { FRANCE_CODE, REFERENCE_LEVELS, referenceGeography, type ReferenceLevel } from "../geography/reference-levels.ts";
import { departementPopulation } from "../io/reference.ts";
import { NATIONAL_DEPARTEMENTS } from "../pipeline/coverage.ts";
import { loaderFor } from "../sources/registry.ts";
import type { ReferenceRow } from "./types.ts";

export const SIRENE_REFERENCE_INDICATORS = ["creations_etablissements", "creations_industrie", "taux_creation_10000_hab"] as const;

interface Counts {
  creations: number;
  industrie: number;
  inconnue: number;
  /** Creations in communes without a known population (left out of the rate). */
  sansPopulation: number;
}

export interface SireneLevels {
  rows: ReferenceRow[];
  /** Départements the stock covers wholly. */
  departements: number;
  national: boolean;
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 1e9) / 1e9);

/** Groups of each reference level the stock covers, with their current communes. */
function coveredGroups(covered: Set<string>, national: boolean): { niveau: ReferenceLevel; code: string; communes: string[] }[] {
  const geo = referenceGeography();
  const out: { niveau: ReferenceLevel; code: string; communes: string[] }[] = [];
  for (const [d, communes] of [...geo.communesOfDepartement].sort(([a], [b]) => a.localeCompare(b))) if (covered.has(d)) out.push({ niveau: "departement", code: d, communes });
  for (const [r, deps] of [...geo.departementsOfRegion].sort(([a], [b]) => a.localeCompare(b)))
    if (deps.length > 0 && deps.every((d) => covered.has(d))) out.push({ niveau: "region", code: r, communes: deps.flatMap((d) => geo.communesOfDepartement.get(d) ?? []) });
  if (national) out.push({ niveau: "france", code: FRANCE_CODE, communes: [...geo.communes.keys()] });
  for (const [ti, communes] of [...geo.communesOfTi].sort(([a], [b]) => a.localeCompare(b)))
    if (communes.length > 0 && communes.every((c) => covered.has(geo.communes.get(c)!.departement))) out.push({ niveau: "territoire_industrie", code: ti, communes });
  return out.sort((a, b) => REFERENCE_LEVELS.indexOf(a.niveau) - REFERENCE_LEVELS.indexOf(b.niveau));
}

/**
 * A département's figure is published only from a stock that has establishments in at least this share of its
 * communes: INSEE's stock (closed establishments included) has some in nearly every commune, while an extract of a
 * territory's communes, however dense, would be passed off as the whole département (the territory's 1 044 creations
 * beside an « Aisne » of 784).
 */
export const MIN_COMMUNE_SHARE = 0.9;

export async function sireneReferenceLevels(db: DuckDBConnection): Promise<SireneLevels> {
  const read = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  const byDepartement = new Map<string, number>();
  const communesSeen = new Map<string, number>();
  const geo = referenceGeography();
  const perCommune = await read(`SELECT code_commune, sum(etablissements) AS n FROM sirene_agregats GROUP BY ALL`);
  for (const r of perCommune) {
    const d = geo.communes.get(String(r.code_commune))?.departement;
    if (!d) continue;
    byDepartement.set(d, (byDepartement.get(d) ?? 0) + Number(r.n));
    if (Number(r.n) > 0) communesSeen.set(d, (communesSeen.get(d) ?? 0) + 1);
  }
  const floor = loaderFor("sirene").minRowsPerInhabitant ?? 0;
  const communeShare = (d: string) => (communesSeen.get(d) ?? 0) / Math.max(1, geo.communesOfDepartement.get(d)?.length ?? 0);
  const covered = new Set([...byDepartement]
    .filter(([d, n]) => n > 0 && n >= floor * (departementPopulation(d) ?? 0) && communeShare(d) >= MIN_COMMUNE_SHARE)
    .map(([d]) => d));
  const national = covered.size >= NATIONAL_DEPARTEMENTS;
  if (covered.size === 0) return { rows: [], departements: 0, national };

  const creations = new Map<string, Map<number, Counts>>(); // commune -> year -> counts
  for (const r of await read(`SELECT code_commune, annee, classe, sum(etablissements) AS n FROM sirene_agregats WHERE annee IS NOT NULL GROUP BY ALL`)) {
    const years = creations.get(String(r.code_commune)) ?? creations.set(String(r.code_commune), new Map()).get(String(r.code_commune))!;
    const c = years.get(Number(r.annee)) ?? years.set(Number(r.annee), { creations: 0, industrie: 0, inconnue: 0, sansPopulation: 0 }).get(Number(r.annee))!;
    const n = Number(r.n);
    c.creations += n;
    if (r.classe === "industrie") c.industrie += n;
    if (r.classe === "inconnue") c.inconnue += n;
  }
  const bounds = (await read(`SELECT CAST(coalesce(min(date_millesime), max(derniere_creation)) AS VARCHAR) AS stock, max(annee) AS last FROM sirene_agregats`))[0]!;
  const stockDate = bounds.stock === null ? null : String(bounds.stock);
  const lastYear = bounds.last === null ? null : Number(bounds.last);
  if (lastYear === null) return { rows: [], departements: covered.size, national };
  const provisional = (year: number) => stockDate !== null && stockDate < `${year}-12-31`;

  const population = new Map([...cog().communes.values()].map((c) => [c.code, c.population ?? null]));
  const rows: ReferenceRow[] = [];
  const declarations = new Map(CATALOGUE.filter((d) => (SIRENE_REFERENCE_INDICATORS as readonly string[]).includes(d.id)).map((d) => [d.id, d]));
  const groups = coveredGroups(covered, national);
  for (const g of groups) {
    const pop = g.communes.reduce((n, c) => n + (population.get(c) ?? 0), 0);
    for (let year = SIRENE_FIRST_YEAR; year <= lastYear; year++) {
      const sum: Counts = { creations: 0, industrie: 0, inconnue: 0, sansPopulation: 0 };
      for (const c of g.communes) {
        const k = creations.get(c)?.get(year);
        if (k) (sum.creations += k.creations, sum.industrie += k.industrie, sum.inconnue += k.inconnue);
        if (k && (population.get(c) ?? null) === null) sum.sansPopulation += k.creations;
      }
      const rated = sum.creations - sum.sansPopulation;
      const values: Record<(typeof SIRENE_REFERENCE_INDICATORS)[number], { valeur: number | null; numerateur: number; denominateur: number | null; partiel: boolean }> = {
        creations_etablissements: { valeur: sum.creations, numerateur: sum.creations, denominateur: null, partiel: false },
        creations_industrie: { valeur: sum.industrie, numerateur: sum.industrie, denominateur: null, partiel: sum.inconnue > 0 },
        taux_creation_10000_hab: { valeur: pop > 0 ? (rated / pop) * 10000 : null, numerateur: rated, denominateur: pop > 0 ? pop : null, partiel: sum.sansPopulation > 0 },
      };
      for (const [id, v] of Object.entries(values)) {
        const decl = declarations.get(id);
        if (!decl) continue;
        const statut: ObservationStatus = v.valeur === null ? "manquant" : v.partiel ? "partiel" : provisional(year) ? "provisoire" : "ok";
        rows.push({
          indicateur: id, axe: decl.axis, niveau: g.niveau, code_geo: g.code, libelle_geo: geo.label(g.niveau, g.code), annee: year,
          valeur: round(v.valeur), numerateur: v.numerateur, denominateur: v.denominateur, unite: decl.unit, statut,
        });
      }
    }
  }
  // Indicator by indicator, then level, code and year, as the URSSAF reference rows.
  const order = (id: string) => (SIRENE_REFERENCE_INDICATORS as readonly string[]).indexOf(id);
  rows.sort((a, b) => order(a.indicateur) - order(b.indicateur));
  return { rows, departements: covered.size, national };
}
