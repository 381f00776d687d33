// Types of the evaluation framework: indicator sheets (declarations), computed rows, baselines and tracking.
import type { Rejection } from "../sources/types.ts";
import type { Axis } from "../phases/axes.ts";
import type { Level } from "../geography/level.ts";
import type { Target, TargetType } from "../local/cibles.ts";

// Declared with the stage they belong to (the contract's axes, the geography, the local targets file), named here too
// for the indicators' users.
export type { Axis, Level, Target, TargetType };

export type IndicatorType = "contexte" | "réalisation" | "résultat" | "impact";
/** Which way is better: "neutre" for context indicators that have no desirable direction. */
export type Direction = "hausse" | "baisse" | "neutre";
/** Observation status of one value (see engine.ts for the precedence). */
export type ObservationStatus = "ok" | "provisoire" | "partiel" | "secret" | "manquant";

/** How components are aggregated: a sum of numerators, or a ratio of summed numerators and denominators. */
export type Aggregation =
  | { kind: "somme" }
  | { kind: "ratio"; /** valeur = Σnumérateur / Σdénominateur × facteur (100 for a percentage). */ factor: number };

export interface IndicatorSource {
  producer: string;
  dataset: string;
  licence: string;
  periodicity: string;
  /** Known limits and breaks in series, in French. */
  limits: string[];
  /** Canonical tables (or local_* tables) whose `fichier` column gives the vintage at compute time. */
  tables: string[];
}

/**
 * One indicator sheet. `sql` returns the components, one or more rows per geography x year, with columns:
 *   niveau       'commune' | 'epci' | 'territoire' | 'bassin_emploi' — the level of the component's geography
 *   code_geo     INSEE code, SIREN, territory id or bassin code
 *   annee        INTEGER
 *   numerateur   DOUBLE, NULL = unknown
 *   denominateur DOUBLE, NULL = unknown (ignored by "somme" indicators)
 *   secret       BOOLEAN (optional, default false): the unknown value is a statistical secret
 *   partiel      BOOLEAN (optional): the component itself is known only in part
 *   provisoire   BOOLEAN (optional): the component is a provisional value
 * The SQL may use the named parameters `$territoire` (the territory id) and `$indicateur` (the declaration's id), which
 * DuckDB binds (src/indicators/engine.ts); it never holds a value from a file or a territory. The engine sums the components of each group; a geography with
 * no component row for a year is unknown (never zero): declarations whose source is exhaustive emit explicit zeros.
 */
export interface IndicatorDeclaration {
  id: string;
  axis: Axis;
  /** French title and definition. */
  title: string;
  definition: string;
  type: IndicatorType;
  numerator: string;
  denominator: string | null;
  unit: string;
  direction: Direction;
  source: IndicatorSource;
  levels: Level[];
  aggregation: Aggregation;
  /** How it aggregates, in French, for the sheet. */
  aggregationRule: string;
  sql: string;
  /**
   * For the consumed share (%) of an envelope over a period (ZAN: 2021-2030): the status compares it with the
   * elapsed share of the period, its linear path (status.ts envelopeStatus), instead of its direction of change.
   */
  envelope?: { start: number; end: number };
}

/** The sheet as published, with the vintage found in the loaded files. */
export interface IndicatorSheet extends Omit<IndicatorDeclaration, "sql" | "source"> {
  source: IndicatorSource & { vintage: string | null; files: string[] };
  years: [number, number] | null;
}

/** One row of indicateurs.csv, columns in the published order. */
export interface IndicatorRow {
  indicateur: string;
  axe: Axis;
  niveau: Level;
  code_geo: string;
  libelle_geo: string;
  annee: number;
  valeur: number | null;
  numerateur: number | null;
  denominateur: number | null;
  unite: string;
  statut: ObservationStatus;
}

export const INDICATOR_COLUMNS = [
  "indicateur", "axe", "niveau", "code_geo", "libelle_geo", "annee", "valeur", "numerateur", "denominateur", "unite", "statut",
] as const;

export interface Baseline {
  indicateur: string;
  niveau: Level;
  code_geo: string;
  /** The phase's configured reference year: always the baseline year, never moved to another one. */
  annee: number;
  /** The value of that year; NULL when unknown (secret, missing, no row): then there is no baseline. */
  valeur: number | null;
  /** Its observation status; NULL when the series has no row that year. */
  statut: ObservationStatus | null;
  /** For a partial reference: member communes without a value that year, and those themselves partial (null: not counted). */
  communes_sans_donnee: number | null;
  communes_partielles: number | null;
  /** When the reference is unknown: the first later year with a value, shown for information only (never a baseline). */
  premiere_annee: number | null;
  premiere_valeur: number | null;
}

export type TargetStatus = "en_bonne_voie" | "a_surveiller" | "en_retard";
export type TrendStatus = "amelioration" | "degradation" | "stable" | "hausse" | "baisse";
export type TrackingStatus = TargetStatus | TrendStatus | "non_evaluable";

/** Baseline, target and status of one indicator x geography (suivi-cibles.csv). */
export interface TrackingRow {
  indicateur: string;
  axe: Axis;
  niveau: Level;
  code_geo: string;
  libelle_geo: string;
  sens_souhaite: Direction;
  annee_reference: number | null;
  valeur_reference: number | null;
  derniere_annee: number | null;
  derniere_valeur: number | null;
  statut_derniere_valeur: ObservationStatus | null;
  type_cible: TargetType | null;
  valeur_cible: number | null;
  annee_cible: number | null;
  /** The target in the indicator's unit (for evolution_pct: baseline x (1 + pct/100)). */
  cible_calculee: number | null;
  /** Share of the planned change expected at derniere_annee on the straight line, in % (0-100). */
  progression_attendue_pct: number | null;
  /** Share of the planned change achieved, in %. */
  progression_realisee_pct: number | null;
  statut: TrackingStatus;
  /** Observation status of the reference value (NULL: no row that year). */
  statut_reference: ObservationStatus | null;
  /** Why the reference is not a plain complete value, in short French ("référence 2018 partielle : 3 communes sans donnée"); "" otherwise. */
  note_reference: string;
  /** Unknown reference: the first later year with a value and that value, for information (never the baseline). */
  premiere_annee: number | null;
  premiere_valeur: number | null;
  commentaire: string;
  /** Contract phase whose reference year, perimeter and targets the row uses. */
  phase: string;
}

/** A BMO bassin d'emploi that touches the territory, with the share of its population inside. */
export interface BassinShare {
  code_bassin: string;
  nom_bassin: string;
  communes_dans_territoire: number;
  communes_total: number | null;
  population_dans_territoire: number | null;
  population_totale: number | null;
  /** NULL when unknown (mapping table absent, or a population unknown): never guessed. */
  part_population_pct: number | null;
  note: string;
}

/** What was read from one local file (data/local/), for the CLI's summary. */
export interface LocalFileReport {
  file: string;
  present: boolean;
  /** Data rows (comment and blank lines excluded). */
  rowsRead: number;
  rowsLoaded: number;
  rejections: Rejection[];
  /** Remarks about the whole file (the encoding it was read in when not UTF-8). */
  notes?: string[];
}

export interface IndicatorResult {
  rows: IndicatorRow[];
  baselines: Baseline[];
  /** One row per indicator x geography: target status when a target exists, direction of change otherwise. */
  targets: TrackingRow[];
  sheets: IndicatorSheet[];
  bassins: BassinShare[];
  rejections: Rejection[];
  /** One report per local file (cibles, actions, suivi), absent files included with present = false. */
  localFiles: LocalFileReport[];
  /** Remarks in French (absent local file, ...). */
  notes: string[];
}

export interface ComputeOptions {
  /** Folder of the territory's own files (cibles.csv, actions.csv, suivi.csv). */
  localDir: string;
  /** Vintage of each loaded file, keyed by the `fichier` value of the canonical tables (FileReport.vintage). */
  vintages?: Record<string, string | null>;
  /** The pipeline's loaded files: their reports' vintages complete `vintages` (matched on path or file name). */
  files?: readonly { relativePath?: string; report: { file: string; vintage: string | null } | null }[];
}
