// The years that get a report: from the territory's reference year to the latest year with a value from an official
// source (local follow-up, dated by its last update, does not open a year on its own).
// Computed with the evaluation (src/evaluation/evaluate.ts); observablehq.config.ts (dynamicPaths, one page per year)
// and `ti report` read them from the site's cached data (src/site/report-years.ts).
import type { IndicatorDeclaration, IndicatorRow } from "../indicators/types.ts";
import { FIRST_DATA_YEAR, lastDataYear } from "../io/values.ts";

export function isLocalDeclaration(d: IndicatorDeclaration): boolean {
  return d.source.tables.length > 0 && d.source.tables.every((t) => t.startsWith("local_"));
}

/**
 * Years of data never go past next year (src/io/values.ts, enforced by the loaders and the pipeline); the report
 * years are bounded here too, so that no value can make the build write thousands of pages.
 */
export function reportYears(rows: readonly IndicatorRow[], catalogue: readonly IndicatorDeclaration[], referenceYear: number, today: Date = new Date()): number[] {
  const official = new Set(catalogue.filter((d) => !isLocalDeclaration(d)).map((d) => d.id));
  const last = lastDataYear(today);
  let latest: number | null = null;
  for (const r of rows)
    if (r.valeur !== null && official.has(r.indicateur) && r.annee <= last && (latest === null || r.annee > latest)) latest = r.annee;
  if (latest === null || latest < referenceYear || referenceYear < FIRST_DATA_YEAR) return [];
  return Array.from({ length: latest - referenceYear + 1 }, (_, i) => referenceYear + i);
}
