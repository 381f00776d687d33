// Baseline of each indicator x geography: its value in the territory's reference year (territory.referenceYear,
// 2018 by default, the year of designation). Usable values are those whose statut is ok or provisoire: a partial
// value is a lower bound, and comparing it with a complete one fakes a trend. Exception: a series with no complete
// value at all from the reference year on (job seekers of an EPCI with a secret commune every year) uses its partial
// values, at both ends, and says so (`valeurs_partielles`): partial against partial is an indicative comparison.
// When the reference year has no usable value, the first later year with one is used and the baseline is marked
// `decalee` (local follow-up often starts later): never an earlier year, which would predate the programme.
import type { Baseline, IndicatorRow } from "./types.ts";

export const USABLE = new Set(["ok", "provisoire"]);
const USABLE_WITH_PARTIAL = new Set(["ok", "provisoire", "partiel"]);

/** The statuses usable in this series: complete values only, unless it has none from the reference year on. */
export function usableStatuses(serie: IndicatorRow[], referenceYear: number): Set<string> {
  const complete = serie.some((r) => r.annee >= referenceYear && r.valeur !== null && USABLE.has(r.statut));
  return complete ? USABLE : USABLE_WITH_PARTIAL;
}

export function seriesKey(r: { indicateur: string; niveau: string; code_geo: string }): string {
  return `${r.indicateur}|${r.niveau}|${r.code_geo}`;
}

/** Groups the rows by indicator x geography, each series sorted by year. */
export function series(rows: IndicatorRow[]): Map<string, IndicatorRow[]> {
  const map = new Map<string, IndicatorRow[]>();
  for (const r of rows) {
    const list = map.get(seriesKey(r)) ?? [];
    list.push(r);
    map.set(seriesKey(r), list);
  }
  for (const list of map.values()) list.sort((a, b) => a.annee - b.annee);
  return map;
}

export function baselineOf(serie: IndicatorRow[], referenceYear: number): Baseline {
  const first = serie[0];
  if (!first) throw new Error("série vide");
  const statuses = usableStatuses(serie, referenceYear);
  const usable = serie.filter((r) => r.annee >= referenceYear && r.valeur !== null && statuses.has(r.statut));
  const found = usable[0];
  return {
    indicateur: first.indicateur,
    niveau: first.niveau,
    code_geo: first.code_geo,
    annee: found?.annee ?? null,
    valeur: found?.valeur ?? null,
    statut: found?.statut ?? null,
    decalee: found !== undefined && found.annee !== referenceYear,
    valeurs_partielles: found !== undefined && statuses.has("partiel"),
  };
}

export function computeBaselines(rows: IndicatorRow[], referenceYear: number): Baseline[] {
  return [...series(rows).values()].map((s) => baselineOf(s, referenceYear));
}
