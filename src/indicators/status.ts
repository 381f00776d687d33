// Status rules of the copil dashboard (pure functions).
//
// With a target — linear trajectory from the baseline (year Y0, value B) to the target (year Yc, value T):
//   expected progress  e = (Y − Y0) / (Yc − Y0), capped to [0, 1], at the year Y of the latest usable value V;
//   achieved progress  p = (V − B) / (T − B)  (share of the planned change achieved, whatever its sign);
//   gap = e − p:  gap ≤ 0.10 → en_bonne_voie;  0.10 < gap ≤ 0.25 → a_surveiller;  gap > 0.25 → en_retard.
//   The tolerances are in share of the planned change: 10 points behind the straight line is still on track.
//   Target equal to the baseline (keep the level): the deviation d from B in the undesired direction (either way for
//   a "neutre" indicator), in % of |B|: d ≤ 10 → en_bonne_voie, d ≤ 25 → a_surveiller, beyond → en_retard.
// Without a target — direction of change since the baseline: |V − B| ≤ 2 % of |B| → stable; otherwise amelioration
// or degradation according to the desired direction ("hausse" / "baisse" for a "neutre" indicator).
// An envelope (ZAN: a quantity to consume at most over a period, the indicator being the consumed share) is judged on
// its linear path, not on its rise: pace = consumed share / elapsed share of the period at the end of year Y;
//   pace ≤ 1.10 → en_bonne_voie;  ≤ 1.25 → a_surveiller;  beyond → en_retard (consuming faster than the path allows).
// The words of every status are defined once, in src/indicators/status-labels.js (linked into docs/components for the pages) (re-exported below).
import type { Direction, TargetStatus, TrendStatus } from "./types.ts";

export {
  HEADLINE_CATEGORIES, headlineCategory, headlineCounts, headlineLabel, headlineWords, isTargetStatus, isTrendStatus, NOT_EVALUABLE_LABEL,
  statusLabel, TARGET_LABELS, TRACKING_LABELS, TREND_LABELS, trendArrow, WITHOUT_TARGET_LABEL, type HeadlineCategory,
} from "./status-labels.js";

export const ON_TRACK_GAP = 0.10;
export const LATE_GAP = 0.25;
export const KEEP_ON_TRACK_PCT = 10;
export const KEEP_LATE_PCT = 25;
export const STABLE_PCT = 2;
export const ENVELOPE_ON_TRACK_PACE = 1.10;
export const ENVELOPE_LATE_PACE = 1.25;

export interface TargetInput {
  baselineYear: number;
  baseline: number;
  targetYear: number;
  target: number;
  year: number;
  value: number;
  direction: Direction;
}

export interface TargetEvaluation {
  statut: TargetStatus;
  /** Shares in [0, 1] (expected) and unbounded (achieved); null when the target keeps the baseline level. */
  expected: number | null;
  achieved: number | null;
}

function classify(gap: number, onTrack: number, late: number): TargetStatus {
  return gap <= onTrack ? "en_bonne_voie" : gap <= late ? "a_surveiller" : "en_retard";
}

/** Requires targetYear > baselineYear and year > baselineYear (checked by the caller, which explains why not). */
export function targetStatus(i: TargetInput): TargetEvaluation {
  if (i.target === i.baseline) {
    const delta = i.value - i.baseline;
    const undesired = i.direction === "hausse" ? -delta : i.direction === "baisse" ? delta : Math.abs(delta);
    const deviationPct = i.baseline === 0 ? (undesired > 0 ? Infinity : 0) : (Math.max(undesired, 0) / Math.abs(i.baseline)) * 100;
    return { statut: classify(deviationPct, KEEP_ON_TRACK_PCT, KEEP_LATE_PCT), expected: null, achieved: null };
  }
  const expected = Math.min(1, Math.max(0, (i.year - i.baselineYear) / (i.targetYear - i.baselineYear)));
  const achieved = (i.value - i.baseline) / (i.target - i.baseline);
  // A tiny epsilon so that a gap of exactly 0.10 computed in floating point is not pushed over the line.
  return { statut: classify(expected - achieved - 1e-9, ON_TRACK_GAP, LATE_GAP), expected, achieved };
}

export function trendStatus(baseline: number, value: number, direction: Direction): TrendStatus {
  const delta = value - baseline;
  const stable = baseline === 0 ? delta === 0 : (Math.abs(delta) / Math.abs(baseline)) * 100 <= STABLE_PCT;
  if (stable) return "stable";
  if (direction === "neutre") return delta > 0 ? "hausse" : "baisse";
  return (delta > 0) === (direction === "hausse") ? "amelioration" : "degradation";
}

export interface EnvelopeInput {
  /** First and last years of the period the envelope covers (2021 and 2030 for the ZAN), both included. */
  start: number;
  end: number;
  /** Year of the value: the consumption is cumulated from 1 January of `start` to the end of this year. */
  year: number;
  /** Consumed share of the envelope, in % (the indicator's value). */
  consumedPct: number;
}

export interface EnvelopeEvaluation {
  statut: TargetStatus;
  /** Elapsed share of the period at the end of `year`, in [0, 1]: the linear path's consumption. */
  expected: number;
  /** Consumed share, in [0, ∞). */
  achieved: number;
  /** achieved / expected: 1 = exactly on the linear path. */
  pace: number;
}

/** Requires start <= year (checked by the caller): a value before the period has nothing to be judged against. */
export function envelopeStatus(i: EnvelopeInput): EnvelopeEvaluation {
  const expected = Math.min(1, (i.year - i.start + 1) / (i.end - i.start + 1));
  const achieved = i.consumedPct / 100;
  const pace = achieved / expected;
  return { statut: classify(pace - 1e-9, ENVELOPE_ON_TRACK_PACE, ENVELOPE_LATE_PACE), expected, achieved, pace };
}
