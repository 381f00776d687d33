// Shift-share decomposition of private salaried employment (URSSAF, jobs at 31 December) between two years, by NA38
// sector, against France. With E the jobs of the level and N those of France, by sector s, between years 0 and 1:
//   effet_national   = Σs E_s0 × (N1/N0 − 1)                       growth had every sector followed France's total
//   effet_structurel = Σs E_s0 × (N_s1/N_s0 − 1) − effet_national  what the sector mix adds to it
//   effet_local      = Σs (E_s1 − E_s0) − Σs E_s0 × (N_s1/N_s0 − 1)  the rest: what the level did beyond its sectors' trends
// so that the three effects add up to Σs (E_s1 − E_s0). Each sector's row holds its own terms, and the TOTAL row their sum.
// Unknown values: a sector of the level with an unknown cell (secret, not published) in either year, or in the unknown
// sector `ND`, is left out of BOTH years and of the TOTAL, its row kept with empty effects and statut « exclu »; the
// TOTAL is then « partiel ». France's rates are those of its known cells (a national file has a few unpublished
// cells among millions: their count is stated beside the decomposition).
// Location quotient of a sector: its share of the level's jobs over its share of France's, QL = (E_s/E) / (N_s/N).
import { UNKNOWN_SECTOR } from "../sources/urssaf/aggregator.ts";
import type { Sectors } from "./aggregates.ts";

export const DECOMPOSITION_COLUMNS = [
  "niveau", "code_geo", "annee_debut", "annee_fin", "secteur", "emploi_debut", "emploi_fin",
  "effet_national", "effet_structurel", "effet_local", "statut",
] as const;

export interface DecompositionRow {
  niveau: string;
  code_geo: string;
  annee_debut: number;
  annee_fin: number;
  /** NA38 code, or TOTAL. */
  secteur: string;
  emploi_debut: number | null;
  emploi_fin: number | null;
  effet_national: number | null;
  effet_structurel: number | null;
  effet_local: number | null;
  /** ok; exclu (an unknown cell: left out of both years and of the TOTAL); partiel (TOTAL without some sectors). */
  statut: "ok" | "exclu" | "partiel";
}

/** Known jobs of a sector, null when unknown (no known cell, or some unknown cell). */
function knownJobs(sectors: Sectors, s: string): number | null {
  const c = sectors.get(s);
  if (!c) return 0; // no row: no establishment of that sector
  return c.inconnusEffectifs > 0 ? null : c.effectifs;
}

function franceJobs(sectors: Sectors, s: string): number | null {
  return sectors.get(s)?.effectifs ?? null;
}

function franceTotal(sectors: Sectors): number | null {
  let t: number | null = null;
  for (const c of sectors.values()) if (c.effectifs !== null) t = (t ?? 0) + c.effectifs;
  return t;
}

/**
 * Decomposes the change of `local` between two years (its sectors at year 0 and 1) against `france` (the same).
 * Returns one row per sector the level has a row for in either year, then the TOTAL row.
 */
export function decompose(
  id: { niveau: string; code_geo: string; annee_debut: number; annee_fin: number },
  local0: Sectors,
  local1: Sectors,
  france0: Sectors,
  france1: Sectors,
): DecompositionRow[] {
  const n0 = franceTotal(france0);
  const n1 = franceTotal(france1);
  const nationalRate = n0 !== null && n1 !== null && n0 > 0 ? n1 / n0 - 1 : null;
  const sectors = [...new Set([...local0.keys(), ...local1.keys()])].sort();
  const rows: DecompositionRow[] = [];
  const sums = { debut: 0, fin: 0, national: 0, structural: 0, local: 0 };
  let excluded = 0;
  for (const s of sectors) {
    const e0 = knownJobs(local0, s);
    const e1 = knownJobs(local1, s);
    const ns0 = franceJobs(france0, s);
    const ns1 = franceJobs(france1, s);
    const base = { ...id, secteur: s, emploi_debut: e0, emploi_fin: e1 };
    // The sector's own rate; a sector France does not have at year 0 can only be one the level lacks too (E_s0 = 0).
    const sectorRate = ns0 !== null && ns1 !== null && ns0 > 0 ? ns1 / ns0 - 1 : e0 === 0 ? 0 : null;
    if (s === UNKNOWN_SECTOR || e0 === null || e1 === null || nationalRate === null || sectorRate === null) {
      excluded++;
      rows.push({ ...base, effet_national: null, effet_structurel: null, effet_local: null, statut: "exclu" });
      continue;
    }
    const national = e0 * nationalRate;
    const expected = e0 * sectorRate;
    const row: DecompositionRow = { ...base, effet_national: national, effet_structurel: expected - national, effet_local: e1 - e0 - expected, statut: "ok" };
    rows.push(row);
    sums.debut += e0;
    sums.fin += e1;
    sums.national += row.effet_national!;
    sums.structural += row.effet_structurel!;
    sums.local += row.effet_local!;
  }
  const allOut = nationalRate === null || excluded === sectors.length;
  rows.push({
    ...id,
    secteur: "TOTAL",
    emploi_debut: allOut && sectors.length > 0 ? null : sums.debut,
    emploi_fin: allOut && sectors.length > 0 ? null : sums.fin,
    effet_national: allOut && sectors.length > 0 ? null : sums.national,
    effet_structurel: allOut && sectors.length > 0 ? null : sums.structural,
    effet_local: allOut && sectors.length > 0 ? null : sums.local,
    statut: allOut && sectors.length > 0 ? "exclu" : excluded > 0 ? "partiel" : "ok",
  });
  return rows;
}

export interface LocationQuotient {
  secteur: string;
  emploi: number | null;
  part_locale: number | null;
  part_france: number | null;
  quotient: number | null;
}

/** Location quotient of each sector of the level in one year (null where a value is unknown). */
export function locationQuotients(local: Sectors, france: Sectors): LocationQuotient[] {
  const e = franceTotal(local);
  const n = franceTotal(france);
  const out: LocationQuotient[] = [];
  for (const s of [...local.keys()].sort()) {
    if (s === UNKNOWN_SECTOR) continue;
    const es = knownJobs(local, s);
    const ns = franceJobs(france, s);
    const partLocale = es !== null && e ? es / e : null;
    const partFrance = ns !== null && n ? ns / n : null;
    out.push({ secteur: s, emploi: es, part_locale: partLocale, part_france: partFrance, quotient: partLocale !== null && partFrance ? partLocale / partFrance : null });
  }
  return out;
}
