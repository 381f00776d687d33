// Tracking per contract phase: each phase is evaluated on its own perimeter (its territory group, its EPCIs and
// communes; BMO bassins are shared), from its own reference year, against its own targets. A target without a
// phase belongs to the current phase (src/local/phases.ts decides it when reading cibles.csv).
import { computeBaselines } from "./baselines.ts";
import { computeTracking } from "./tracking.ts";
import type { Baseline, IndicatorDeclaration, IndicatorRow, Target, TrackingRow } from "./types.ts";
import type { Phase } from "../phases/phase.ts";

/** Whether a row's geography belongs to the phase's perimeter. */
export function inPhase(phase: Pick<Phase, "code" | "epcis" | "communes">): (r: Pick<IndicatorRow, "niveau" | "code_geo">) => boolean {
  const epcis = new Set(phase.epcis);
  const communes = new Set(phase.communes);
  return (r) =>
    r.niveau === "territoire" ? r.code_geo === phase.code
      : r.niveau === "epci" ? epcis.has(r.code_geo)
        : r.niveau === "commune" ? communes.has(r.code_geo)
          : true;
}

export function computePhaseTracking(
  rows: IndicatorRow[], targets: Target[], catalogue: readonly IndicatorDeclaration[], phases: readonly Phase[], current: Phase,
  /** Member communes of each EPCI, to say what a partial reference of an EPCI lacks. */
  epciCommunes: ReadonlyMap<string, readonly string[]> = new Map(),
): { baselines: (Baseline & { phase: string })[]; tracking: TrackingRow[] } {
  const baselines: (Baseline & { phase: string })[] = [];
  const tracking: TrackingRow[] = [];
  for (const phase of phases) {
    const own = rows.filter(inPhase(phase));
    const base = computeBaselines(own, phase.referenceYear, (niveau, code) => (niveau === "epci" ? epciCommunes.get(code) : undefined));
    const mine = targets.filter((t) => (t.phase ?? current.id) === phase.id);
    baselines.push(...base.map((b) => ({ ...b, phase: phase.id })));
    tracking.push(...computeTracking(own, base, mine, catalogue, phase.referenceYear, phase.id));
  }
  return { baselines, tracking };
}
