// Which reference levels the loaded URSSAF files cover wholly: a level not covered is absent from the outputs, never
// a partial figure passed off as the whole.
// - The files are national when they have rows in at least NATIONAL_DEPARTEMENTS départements (the rule of
//   src/pipeline/coverage.ts): every level is covered, a commune without a row having no private employer.
// - Otherwise a département is covered when the files have rows for every one of its current communes; a région when
//   all its départements are; a Territoire d'industrie when each of its communes has rows or lies in a covered
//   département; France never.
// The territory and its EPCIs are not decided here: their coverage is that of the territory's communes (table
// `couverture`), said by their status.
import type { DuckDBConnection } from "@duckdb/node-api";
import { NATIONAL_DEPARTEMENTS } from "../pipeline/coverage.ts";
import { FRANCE_CODE, referenceGeography, type ReferenceLevel } from "../geography/reference-levels.ts";

export interface ReferenceCoverage {
  national: boolean;
  /** "niveau|code" of each covered reference group. */
  covered: Set<string>;
  /** Départements with at least one row. */
  departementsWithRows: number;
}

export const groupKey = (niveau: string, code: string) => `${niveau}|${code}`;

/** Coverage from the current communes the files have rows for. */
export function referenceCoverage(communesSeen: ReadonlySet<string>): ReferenceCoverage {
  const geo = referenceGeography();
  const departementsWithRows = new Set<string>();
  for (const c of communesSeen) {
    const d = geo.communes.get(c)?.departement;
    if (d) departementsWithRows.add(d);
  }
  const national = departementsWithRows.size >= NATIONAL_DEPARTEMENTS;
  const covered = new Set<string>();
  const add = (level: ReferenceLevel, code: string) => covered.add(groupKey(level, code));
  const departements = new Set<string>();
  for (const [d, communes] of geo.communesOfDepartement)
    if (national || (departementsWithRows.has(d) && communes.every((c) => communesSeen.has(c)))) (departements.add(d), add("departement", d));
  for (const [r, deps] of geo.departementsOfRegion) if (deps.length > 0 && deps.every((d) => departements.has(d))) add("region", r);
  if (national) add("france", FRANCE_CODE);
  for (const [ti, communes] of geo.communesOfTi)
    if (communes.length > 0 && communes.every((c) => national || communesSeen.has(c) || departements.has(geo.communes.get(c)!.departement))) add("territoire_industrie", ti);
  return { national, covered, departementsWithRows: departementsWithRows.size };
}

export async function readReferenceCoverage(db: DuckDBConnection): Promise<ReferenceCoverage> {
  const rows = (await db.runAndReadAll("SELECT DISTINCT code_commune FROM urssaf_communes_vues")).getRowObjectsJS();
  return referenceCoverage(new Set(rows.map((r) => r.code_commune as string)));
}
