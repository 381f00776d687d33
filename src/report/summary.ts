// The report's sentences, generated from the tracking rows of a year: where each indicator stands against its
// target, or how it moved when it has none, with the numbers. Pure functions; they state values and changes, never
// causes. Each row is counted and listed once: by its target status when the copil set a target, otherwise by its
// direction of change (the row's own `statut`, as tracking.ts computed it), so that no indicator is said to be both
// late and stable.
import { formatNumber } from "../format/number.ts";
import { headlineLabel, isTargetStatus, NOT_EVALUABLE_LABEL, TREND_LABELS, trendStatus } from "../indicators/status.ts";
import type { Axis, TrackingStatus, TrendStatus } from "../indicators/types.ts";
import { formatChange, formatQuantity, joinFrench, plural } from "./format.ts";
import type { ReportRow, StatusCounts } from "./types.ts";

const OBSERVATION_NOTE: Record<string, string> = { provisoire: "valeur provisoire", partiel: "valeur partielle" };

/** The geography when it is not the territory: " dans le bassin d'emploi Saint-Quentin". */
function geo(r: ReportRow): string {
  if (r.niveau === "territoire") return "";
  if (r.niveau === "bassin_emploi") return ` dans le bassin d'emploi ${r.libelle_geo}`;
  return r.niveau === "epci" ? ` de l'EPCI ${r.libelle_geo}` : ` à ${r.libelle_geo}`;
}

const name = (r: ReportRow) => `${r.titre}${geo(r)}`;

/** Whether the row has a baseline and a later usable value, i.e. a change to talk about. */
export function isEvaluable(r: ReportRow): boolean {
  return r.valeur_reference !== null && r.derniere_valeur !== null && r.derniere_annee !== null && r.annee_reference !== null;
}

/** Direction of change since the baseline, whatever the target (status.ts rules, 2 % band = stable). */
export function trendOf(r: ReportRow): TrendStatus | null {
  if (!isEvaluable(r)) return null;
  return trendStatus(r.valeur_reference!, r.derniere_valeur!, r.sens_souhaite);
}

/**
 * Whether the row is judged against a target: one the copil set (evaluable or not), or a path fixed by law that the
 * tracking judges it on without one (the ZAN envelope: src/indicators/tracking.ts gives it a target status).
 */
export const hasTarget = (r: ReportRow) => r.type_cible !== null || isTargetStatus(r.statut);

/** "44 120 salariés en 2021, soit +2,3 % par rapport à 2018" (", valeur partielle" when so). */
export function valueClause(r: ReportRow): string {
  if (!isEvaluable(r)) return `${formatQuantity(r.valeur_reference, r.unite)} en ${r.annee_reference ?? "?"}, année de référence`;
  const note = OBSERVATION_NOTE[r.statut_derniere_valeur ?? ""];
  return `${formatQuantity(r.derniere_valeur, r.unite)} en ${r.derniere_annee}${note ? `, ${note},` : ","} soit ${formatChange(r.evolution, r.unite)} par rapport à ${r.annee_reference}`;
}

/** One indicator as a sentence: "Emploi salarié privé : 44 120 salariés en 2021, soit +2,3 % par rapport à 2018." */
export function indicatorSentence(r: ReportRow, year: number): string {
  if (r.valeur_reference === null || r.annee_reference === null) return `${name(r)} : pas de valeur de référence jusqu'en ${year}.`;
  if (!isEvaluable(r)) {
    if (r.annee_reference === year) return `${name(r)} : ${formatQuantity(r.valeur_reference, r.unite)} en ${year} (valeur de référence).`;
    return `${name(r)} : aucune valeur utilisable entre ${r.annee_reference + 1} et ${year} ; référence ${formatQuantity(r.valeur_reference, r.unite)} en ${r.annee_reference}.`;
  }
  const stale = r.derniere_annee !== year ? ` ; pas de valeur utilisable en ${year}, la dernière est de ${r.derniere_annee}` : "";
  return `${name(r)} : ${valueClause(r)}${stale}.`;
}

/** How far along the straight line to the target: in words, never "−34 % of the planned change achieved". */
export function progressClause(r: ReportRow): string {
  const done = r.progression_realisee_pct;
  const due = r.progression_attendue_pct;
  if (done === null || due === null) return "";
  const time = `${formatNumber(due, 0)} % du délai écoulé`;
  if (done < 0) return ` Il s'en éloigne (évolution en sens contraire), avec ${time}.`;
  if (done >= 100) return ` La cible est déjà atteinte, avec ${time}.`;
  return ` ${formatNumber(done, 0)} % du chemin vers la cible est parcouru, pour ${time}.`;
}

const TARGET_WORDS: Record<string, string> = {
  en_bonne_voie: "est en bonne voie d'atteindre sa cible",
  a_surveiller: "est à surveiller au regard de sa cible",
  en_retard: "est en retard sur sa cible",
  non_evaluable: "a une cible, mais n'est pas encore évaluable",
};

/** A target row as one or two sentences: status, value and change, the target, the progress along the line. */
export function targetSentence(r: ReportRow): string {
  const words = TARGET_WORDS[r.statut] ?? TARGET_WORDS.non_evaluable!;
  const target = r.cible_calculee !== null && r.annee_cible !== null ? ` ; cible : ${formatQuantity(r.cible_calculee, r.unite)} en ${r.annee_cible}` : "";
  if (!isEvaluable(r)) return `${name(r)} ${words}${target ? ` (${target.slice(3)})` : ""}.`;
  return `${name(r)} ${words} : ${valueClause(r)}${target}.${progressClause(r)}`;
}

const detail = (r: ReportRow) => `${name(r)} (${valueClause(r)})`;

/** Rows of a trend status, without those the copil set a target for (they are told by their target status). */
const trendRows = (rows: ReportRow[], ...statuses: TrackingStatus[]) => rows.filter((r) => !hasTarget(r) && statuses.includes(r.statut));

function listSentence(rows: ReportRow[], one: string, many: string): string[] {
  if (rows.length === 0) return [];
  return [`${plural(rows.length, "indicateur")} sans cible ${rows.length > 1 ? many : one} : ${joinFrench(rows.map(detail))}.`];
}

/** Counts of a set of rows, every row once: target status when a target is set, direction of change otherwise. */
export function statusCounts(rows: ReportRow[]): StatusCounts {
  const n = (f: (r: ReportRow) => boolean) => rows.filter(f).length;
  const withTarget = rows.filter(hasTarget);
  return {
    indicateurs: rows.length,
    avec_cible: withTarget.length,
    en_bonne_voie: n((r) => hasTarget(r) && r.statut === "en_bonne_voie"),
    a_surveiller: n((r) => hasTarget(r) && r.statut === "a_surveiller"),
    en_retard: n((r) => hasTarget(r) && r.statut === "en_retard"),
    cible_non_evaluable: n((r) => hasTarget(r) && r.statut === "non_evaluable"),
    amelioration: trendRows(rows, "amelioration").length,
    stable: trendRows(rows, "stable").length,
    degradation: trendRows(rows, "degradation").length,
    contexte: trendRows(rows, "hausse", "baisse").length,
    non_evaluable: trendRows(rows, "non_evaluable").length,
  };
}

/** "1 en bonne voie, 2 en retard" (only non-zero counts), or "" when all are zero. */
function countList(parts: [number, string, string][]): string {
  return joinFrench(parts.filter(([k]) => k > 0).map(([k, one, many]) => `${formatNumber(k)} ${k > 1 ? many : one}`));
}

/**
 * "1 avec une cible (en retard) ; sans cible : 5 en amélioration, 1 stable ; 2 non évaluables". A target is the
 * copil's (cibles.csv) or the legal path of the land envelope (ZAN), so the words do not say whose.
 */
export function countsClause(rows: ReportRow[]): string {
  const c = statusCounts(rows);
  const targets = countList([
    [c.en_bonne_voie, headlineLabel("en_bonne_voie", 1), headlineLabel("en_bonne_voie", 2)],
    [c.a_surveiller, headlineLabel("a_surveiller", 1), headlineLabel("a_surveiller", 2)],
    [c.en_retard, headlineLabel("en_retard", 1), headlineLabel("en_retard", 2)], [c.cible_non_evaluable, "pas encore évaluable", "pas encore évaluables"],
  ]);
  const trends = countList([
    [c.amelioration, TREND_LABELS.amelioration, TREND_LABELS.amelioration], [c.stable, TREND_LABELS.stable, `${TREND_LABELS.stable}s`],
    [c.degradation, TREND_LABELS.degradation, TREND_LABELS.degradation],
    [c.contexte, "indicateur de contexte en évolution", "indicateurs de contexte en évolution"],
  ]);
  const parts: string[] = [];
  if (c.non_evaluable === rows.length) return `aucun n'est évaluable`;
  if (c.avec_cible > 0) parts.push(c.avec_cible === 1 ? `1 avec une cible, ${targets.slice(2)}` : `${formatNumber(c.avec_cible)} avec une cible (${targets})`);
  if (trends) parts.push(`${c.avec_cible > 0 ? "sans cible : " : ""}${trends}`);
  if (c.non_evaluable > 0) parts.push(`${formatNumber(c.non_evaluable)} ${NOT_EVALUABLE_LABEL}${c.non_evaluable > 1 ? "s" : ""}`);
  return parts.join(" ; ");
}

/** The summary of one axis for the report of `year` (shown in the axis section only). */
export function axisSummary(axe: Axis | string, rows: ReportRow[], year: number, referenceYear: number): string[] {
  if (rows.length === 0) return [`Aucun indicateur de l'axe ${axe} n'a de valeur jusqu'en ${year}.`];
  if (year <= referenceYear) {
    const known = rows.filter((r) => r.annee_reference === year && r.valeur_reference !== null);
    return [
      `${year} est l'année de référence : ses valeurs sont le point de départ de l'évaluation ; aucune évolution n'est encore mesurée.`,
      ...(known.length > 0 ? [`Valeurs de référence : ${joinFrench(known.map((r) => `${name(r)}, ${formatQuantity(r.valeur_reference, r.unite)}`))}.`] : []),
    ];
  }
  const out = [`${plural(rows.length, "indicateur")} suivi${rows.length > 1 ? "s" : ""} en ${year} : ${countsClause(rows)}.`];
  for (const status of ["en_retard", "a_surveiller", "en_bonne_voie", "non_evaluable"] as const)
    out.push(...rows.filter((r) => hasTarget(r) && r.statut === status).map(targetSentence));
  out.push(...listSentence(trendRows(rows, "amelioration"), "s'améliore depuis la référence", "s'améliorent depuis la référence"));
  out.push(...listSentence(trendRows(rows, "degradation"), "se dégrade depuis la référence", "se dégradent depuis la référence"));
  out.push(...listSentence(trendRows(rows, "stable"), "est stable (variation de 2 % au plus)", "sont stables (variation de 2 % au plus)"));
  out.push(...listSentence(trendRows(rows, "hausse", "baisse"), "est un indicateur de contexte, sans sens souhaité", "sont des indicateurs de contexte, sans sens souhaité"));
  const none = trendRows(rows, "non_evaluable");
  if (none.length > 0)
    out.push(`Non évaluable${none.length > 1 ? "s" : ""} en ${year}, faute de référence ou de valeur utilisable depuis : ${joinFrench(none.map(name))}.`);
  return out;
}

/** The executive summary's opening: how many indicators, how the targeted ones stand, how the others moved. */
export function overallSummary(rows: ReportRow[], year: number, referenceYear: number): string[] {
  if (year <= referenceYear)
    return [`${year} est l'année de référence : ce rapport fixe le point de départ ${rows.length > 1 ? `des ${formatNumber(rows.length)} indicateurs suivis` : "de l'indicateur suivi"} ; les évolutions seront mesurées à partir de ${year + 1}.`];
  const c = statusCounts(rows);
  const out = [`En ${year}, le territoire suit ${plural(rows.length, "indicateur")} depuis l'année de référence ${referenceYear}.`];
  if (c.avec_cible > 0) {
    const parts = countList([
      [c.en_bonne_voie, "est en bonne voie", "sont en bonne voie"], [c.a_surveiller, "est à surveiller", "sont à surveiller"],
      [c.en_retard, "est en retard", "sont en retard"], [c.cible_non_evaluable, "n'est pas encore évaluable", "ne sont pas encore évaluables"],
    ]);
    out.push(`Le comité de pilotage a fixé une cible à ${c.avec_cible > 1 ? `${formatNumber(c.avec_cible)} d'entre eux` : "l'un d'entre eux"} : ${parts}.`);
  } else out.push("Le comité de pilotage n'a fixé de cible à aucun d'entre eux.");
  const trends = countList([
    [c.amelioration, "évolue dans le sens souhaité", "évoluent dans le sens souhaité"], [c.degradation, "évolue dans le sens contraire", "évoluent dans le sens contraire"],
    [c.stable, "est stable", "sont stables"], [c.contexte, "indicateur de contexte évolue sans sens souhaité", "indicateurs de contexte évoluent sans sens souhaité"],
  ]);
  if (trends) out.push(`${c.avec_cible > 0 ? "Parmi les autres, " : ""}${trends}.`);
  if (c.non_evaluable > 0)
    out.push(`${c.non_evaluable > 1 ? `${formatNumber(c.non_evaluable)} indicateurs ne sont pas évaluables` : "Un indicateur n'est pas évaluable"} faute de référence ou de valeur récente.`);
  const late = rows.filter((r) => hasTarget(r) && r.statut === "en_retard");
  if (late.length > 0) out.push(`En retard sur la cible : ${joinFrench(late.map(name))}.`);
  return out;
}
