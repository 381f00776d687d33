// A contract phase of a territory: its period, reference year, perimeter, axes set and the code of its territory
// group in the indicators (niveau "territoire"). Each phase is evaluated on its own perimeter: Haute-Picardie
// (ti-3208, 2023-2027) is the 2019-2022 Saint-Quentinois – Tergnier plus CC Terre de Picardie.
import type { AxesSetId } from "./axes.ts";

export interface PhaseConfig {
  /** "2019-2022", "2023-2027": key of the phase in URLs, local files and reports. */
  id: string;
  nom: string;
  /** Code of the phase's territory group (code_geo of niveau "territoire"): the ti id, or the territory's id. */
  territoire: string;
  periode: { debut: number; fin: number };
  annee_reference: number;
  axes: AxesSetId;
  epci: string[];
  communes: string[];
  /** The Territoire d'industrie of the list the phase names. */
  ti?: string;
}

export interface Phase {
  id: string;
  nom: string;
  code: string;
  period: { start: number; end: number };
  referenceYear: number;
  axes: AxesSetId;
  /** The phase's own perimeter: member communes (INSEE codes) and the SIRENs of its groups at the EPCI level. */
  communes: string[];
  epcis: string[];
  population: number | null;
  ti: string | null;
}

/** The phase covering `year`, else the latest one that started before it, else the first: the default of every page. */
export function currentPhase<P extends { period: { start: number; end: number } }>(phases: readonly P[], year = new Date().getFullYear()): P {
  const sorted = [...phases].sort((a, b) => a.period.start - b.period.start);
  const covering = sorted.find((p) => p.period.start <= year && year <= p.period.end);
  if (covering) return covering;
  const started = sorted.filter((p) => p.period.start <= year);
  return started.at(-1) ?? sorted[0]!;
}

/** The phase a year belongs to (a yearly report, a target's deadline): the one covering it, else none. */
export function phaseOfYear<P extends { period: { start: number; end: number } }>(phases: readonly P[], year: number): P | undefined {
  return phases.find((p) => p.period.start <= year && year <= p.period.end);
}
