// The tracking of a past year, as the copil would have evaluated it then: baselines, latest values and statuses
// computed with only the rows up to that year (src/indicators/tracking.ts, unchanged rules).
import { computeBaselines } from "../indicators/baselines.ts";
import { computeTracking } from "../indicators/tracking.ts";
import type { IndicatorDeclaration, IndicatorRow, Target, TrackingRow } from "../indicators/types.ts";

/** The copil's targets, recovered from the full tracking rows (the target does not depend on the year). */
export function targetsOf(tracking: readonly TrackingRow[]): Target[] {
  const out: Target[] = [];
  for (const t of tracking) {
    if (t.type_cible === null || t.valeur_cible === null || t.annee_cible === null) continue;
    // tracking.ts writes "cible : <file:line>" in the comment; keep it so that messages still cite the file.
    const origine = t.commentaire.split(" ; ").find((p) => p.startsWith("cible : "))?.slice("cible : ".length) ?? "cibles.csv";
    out.push({ indicateur: t.indicateur, niveau: t.niveau, code_geo: t.code_geo, valeur_cible: t.valeur_cible, annee_cible: t.annee_cible, type: t.type_cible, origine });
  }
  return out;
}

export function rowsUpTo(rows: readonly IndicatorRow[], year: number): IndicatorRow[] {
  return rows.filter((r) => r.annee <= year);
}

export function trackingForYear(
  rows: readonly IndicatorRow[], targets: Target[], catalogue: readonly IndicatorDeclaration[], referenceYear: number, year: number,
): TrackingRow[] {
  const upTo = rowsUpTo(rows, year);
  return computeTracking(upTo, computeBaselines(upTo, referenceYear), targets, catalogue, referenceYear);
}
