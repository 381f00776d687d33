// Shape of rapports.json: the annual evaluation reports, one per year, computed at build time from the indicators.
import type { Axis, Direction, IndicatorType, Level, ObservationStatus, TargetType, TrackingStatus } from "../indicators/types.ts";

/** Change from the baseline to the latest usable value: points for percentages, % otherwise (absolute if base = 0). */
export interface Change {
  kind: "pct" | "points" | "absolu";
  value: number;
}

/** One indicator x geography in a year's report: the value of that year and its tracking as evaluated that year. */
export interface ReportRow {
  indicateur: string;
  titre: string;
  axe: Axis;
  type: IndicatorType;
  unite: string;
  sens_souhaite: Direction;
  niveau: Level;
  code_geo: string;
  libelle_geo: string;
  /** Value of the report's year (null = unknown or no row), and its observation status (null = no row at all). */
  valeur: number | null;
  statut_valeur: ObservationStatus | null;
  annee_reference: number | null;
  valeur_reference: number | null;
  /** Latest usable value up to the report's year (the one the status is computed on). */
  derniere_annee: number | null;
  derniere_valeur: number | null;
  statut_derniere_valeur: ObservationStatus | null;
  evolution: Change | null;
  type_cible: TargetType | null;
  cible_calculee: number | null;
  annee_cible: number | null;
  /** Shares of the planned change expected and achieved at derniere_annee, in % (tracking.ts). */
  progression_attendue_pct: number | null;
  progression_realisee_pct: number | null;
  statut: TrackingStatus;
  commentaire: string;
}

/** A chart of the report, in the shape of docs/components/figure.js (plus the target, when one is set). */
export interface ReportChart {
  titre: string;
  unite: string;
  series: { indicateur: string; libelle: string }[];
  points: { annee: number; indicateur: string; libelle: string; valeur: number | null; statut: ObservationStatus }[];
  reference: { annee: number; valeur: number } | null;
  cible: { annee: number; valeur: number } | null;
  source: { producteur: string; jeu_de_donnees: string; millesime: string; licence: string; demonstration: boolean };
}

/** Every row counted once: by its target status when the copil set a target, by its direction of change otherwise. */
export interface StatusCounts {
  indicateurs: number;
  avec_cible: number;
  en_bonne_voie: number;
  a_surveiller: number;
  en_retard: number;
  cible_non_evaluable: number;
  amelioration: number;
  stable: number;
  degradation: number;
  /** Context indicators (no desired direction) that moved. */
  contexte: number;
  non_evaluable: number;
}

/** The copil's own commentary (data/local/commentaires.csv), shown as written. */
export interface ReportCommentary {
  paragraphes: string[];
  origine: string;
}

/** One EPCI x indicator of the comparison: latest usable value up to the report's year and change since the reference. */
export interface EpciValue {
  valeur: number | null;
  annee: number | null;
  statut: ObservationStatus | null;
  valeur_reference: number | null;
  evolution: Change | null;
}

/** The EPCIs of the phase side by side on a few key indicators (src/report/epci.ts). */
export interface EpciComparison {
  annee_reference: number;
  indicateurs: { indicateur: string; titre: string; unite: string; sens_souhaite: Direction; source: ReportChart["source"] }[];
  /** The territory first, then the EPCIs by name; `valeurs` in the order of `indicateurs`. */
  lignes: { niveau: "territoire" | "epci"; code: string; nom: string; valeurs: EpciValue[] }[];
}

export interface ReportAxis {
  /** The axis name (an axis of the phase's axes set) and its id. */
  axe: string;
  id?: string;
  /** Short name for tables (« Recrutement et compétences »). */
  court?: string;
  /** Sentences generated from the rows (summary.ts): numbers only, nothing about causes. */
  synthese: string[];
  comptes: StatusCounts;
  commentaire: ReportCommentary | null;
  indicateurs: ReportRow[];
  graphiques: ReportChart[];
}

export interface ActionItem {
  id: string;
  axe: string;
  /** Contract phase of the action (null: not said). */
  phase: string | null;
  titre: string;
  porteur: string;
  date_debut: string | null;
  date_fin_prevue: string | null;
  statut: string;
  avancement: number | null;
  date_mise_a_jour: string | null;
  /** Late by the action-plan rule (actions.json), null when not said. */
  en_retard: boolean | null;
}

/** Progress of the action plan: a snapshot (the plan keeps no history), dated by its latest update. */
export interface ActionsProgress {
  /** Where it comes from: the action-plan part (actions.json) or the indicator actions_engagees_pct. */
  origine: "actions.json" | "indicateur";
  date_mise_a_jour: string | null;
  /** Share of non-abandoned actions that are engaged or done, in % (null when unknown). */
  engagees_pct: number | null;
  /** Actions late by the action-plan rule, and that rule in words (null when actions.json does not say). */
  en_retard: number | null;
  regle_retard: string | null;
  par_statut: { statut: string; nombre: number }[];
  par_axe: { axe: string; nombre: number; avancement_moyen: number | null }[];
  actions: ActionItem[];
  synthese: string[];
}

export interface ReportYear {
  annee: number;
  /** The contract phase the year belongs to (src/phases/reports.ts). */
  phase: { id: string; nom: string; code: string; annee_reference: number; periode: { debut: number; fin: number }; axes: string };
  nature: "annuel" | "mi-parcours" | "final";
  /** « rapport annuel », « rapport à mi-parcours », « rapport final ». */
  nature_libelle: string;
  /** The executive summary: where the contract stands, in a few sentences, and the counts per axis. */
  synthese: string[];
  comptes: StatusCounts;
  commentaire: ReportCommentary | null;
  comparaison_epci: EpciComparison | null;
  axes: ReportAxis[];
  limites: string[];
  /** The action plan in this year's report, or null with the reason in `actions_note`. */
  actions: ActionsProgress | null;
  actions_note: string;
}

export interface ReportSource {
  source: string;
  producteur: string;
  jeu_de_donnees: string;
  licence: string;
  millesimes: string;
  fichiers: string[];
  demonstration: boolean;
}

export interface ReportsFile {
  territoire: { id: string; nom: string; annee_reference: number; periode_contrat: { debut: number; fin: number } };
  /** ISO date (YYYY-MM-DD) the reports were generated (SOURCE_DATE_EPOCH honoured for reproducible builds). */
  genere_le: string;
  demonstration: boolean;
  titre_avertissement: string | null;
  avertissement: string | null;
  annees: number[];
  methodologie: { regles: string[]; sources: ReportSource[]; indicateurs: { indicateur: string; titre: string; source: string; millesime: string | null; licence: string }[] };
  rapports: Record<string, ReportYear>;
}
