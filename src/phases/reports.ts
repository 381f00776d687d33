// Which contract phase a yearly report belongs to, and what kind of report it is. A report belongs to the phase
// covering its year (its reference year, perimeter, axes and targets); the years before the first phase (its
// reference year) belong to the first phase, the years after the last one to the last. A phase's middle year gets
// the « rapport à mi-parcours » (2025 for 2023-2027) and its last year the « rapport final » (2027): both appear as
// soon as the data folder has a value for that year, since a report is produced only for years with data.
import type { Phase } from "./phase.ts";

export type ReportKind = "annuel" | "mi-parcours" | "final";

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  annuel: "rapport annuel",
  "mi-parcours": "rapport à mi-parcours",
  final: "rapport final",
};

export function phaseOfReport<P extends Pick<Phase, "period">>(phases: readonly P[], year: number): P {
  const sorted = [...phases].sort((a, b) => a.period.start - b.period.start);
  return sorted.find((p) => p.period.start <= year && year <= p.period.end)
    ?? (year < sorted[0]!.period.start ? sorted[0]! : sorted.filter((p) => p.period.start <= year).at(-1) ?? sorted[0]!);
}

/** Mid-term: the middle year of a phase of at least three years (2025 for 2023-2027); final: its last year. */
export function reportKind(phase: Pick<Phase, "period">, year: number): ReportKind {
  const { start, end } = phase.period;
  if (year === end) return "final";
  if (end - start >= 2 && year === start + Math.floor((end - start) / 2)) return "mi-parcours";
  return "annuel";
}
