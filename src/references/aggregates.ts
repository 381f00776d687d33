// Reads table `urssaf_agregats` (summed over the loaded URSSAF files) into groups: one per level x code, with its
// cells by year and NA38 sector, keeping only the groups that the loaded files cover (src/references/coverage.ts)
// and the territory's own levels.
import type { DuckDBConnection } from "@duckdb/node-api";
import { A38_INDUSTRY } from "../geography/naf-a38.ts";
import { referenceGeography, type ReferenceLevel } from "../geography/reference-levels.ts";
import type { Territory } from "../territory/territory.ts";
import { UNKNOWN_SECTOR } from "../sources/urssaf/aggregator.ts";
import { groupKey, type ReferenceCoverage } from "./coverage.ts";

export interface Cell {
  /** Sums of the known cells; null when no cell is known. */
  etablissements: number | null;
  effectifs: number | null;
  /** Unknown cells (secret, not published, unreadable row) left out of the sums. */
  inconnusEtablissements: number;
  inconnusEffectifs: number;
}

export type Sectors = Map<string, Cell>;

export interface Group {
  niveau: "territoire" | "epci" | ReferenceLevel;
  code: string;
  libelle: string;
  years: Map<number, Sectors>;
}

export async function readGroups(db: DuckDBConnection, territory: Territory, coverage: ReferenceCoverage): Promise<Map<string, Group>> {
  const reader = await db.runAndReadAll(`
    SELECT niveau, code_geo, annee, secteur_na38, sum(etablissements) AS e, sum(effectifs) AS j,
           sum(inconnus_etablissements) AS ue, sum(inconnus_effectifs) AS uj
    FROM urssaf_agregats GROUP BY ALL ORDER BY ALL`);
  const geo = referenceGeography();
  const epciNames = new Map(territory.epcis.map((e) => [e.siren, e.nom]));
  const groups = new Map<string, Group>();
  for (const r of reader.getRowObjectsJS()) {
    const niveau = r.niveau as Group["niveau"];
    const code = r.code_geo as string;
    const key = groupKey(niveau, code);
    const own = niveau === "territoire" || niveau === "epci";
    if (!own && !coverage.covered.has(key)) continue;
    let g = groups.get(key);
    if (!g) {
      const libelle = niveau === "territoire" ? territory.nom : niveau === "epci" ? (epciNames.get(code) ?? code) : geo.label(niveau, code);
      groups.set(key, (g = { niveau, code, libelle, years: new Map() }));
    }
    const year = Number(r.annee);
    const sectors = g.years.get(year) ?? g.years.set(year, new Map()).get(year)!;
    const n = (x: unknown) => (x === null || x === undefined ? null : Number(x));
    sectors.set(r.secteur_na38 as string, {
      etablissements: n(r.e),
      effectifs: n(r.j),
      inconnusEtablissements: Number(r.ue),
      inconnusEffectifs: Number(r.uj),
    });
  }
  return groups;
}

export interface Total {
  /** Sum of the known values; null when none is known. */
  value: number | null;
  /** Unknown cells left out. */
  unknown: number;
}

/** Sum of a measure over the sectors `keep` selects (all by default). */
export function total(sectors: Sectors | undefined, measure: "etablissements" | "effectifs", keep: (sector: string) => boolean = () => true): Total {
  let value: number | null = null;
  let unknown = 0;
  let any = false;
  for (const [s, c] of sectors ?? []) {
    if (!keep(s)) continue;
    any = true;
    const v = c[measure];
    if (v !== null) value = (value ?? 0) + v;
    unknown += measure === "effectifs" ? c.inconnusEffectifs : c.inconnusEtablissements;
  }
  // No row in the selected sectors of a covered group: none (0), not unknown.
  return { value: any ? value : sectors ? 0 : null, unknown };
}

export const isIndustrySector = (s: string) => A38_INDUSTRY.has(s);

/** Known jobs of the unknown sector: its rows might be industry, so an industry figure is partial. */
export function unknownSectorJobs(sectors: Sectors | undefined): number {
  const c = sectors?.get(UNKNOWN_SECTOR);
  return c ? (c.effectifs ?? 0) + c.inconnusEffectifs + (c.etablissements ?? 0) : 0;
}
