// The report's sentences, generated from the tracking rows of a year: what improved, what is late against its
// target, with the numbers. Pure functions; they state values and changes, never causes.
import { formatNumber } from "../format/number.ts";
import { headlineLabel, NOT_EVALUABLE_LABEL, TREND_LABELS, trendStatus } from "../indicators/status.ts";
import type { Axis, TrendStatus } from "../indicators/types.ts";
import { formatChange, formatQuantity, joinFrench, plural } from "./format.ts";
import type { ReportRow } from "./types.ts";

const OBSERVATION_NOTE: Record<string, string> = { provisoire: ", provisoire", partiel: ", valeur partielle" };

/** The geography when it is not the territory: " (bassin d'emploi Saint-Quentin)". */
function geo(r: ReportRow): string {
  if (r.niveau === "territoire") return "";
  const level = r.niveau === "bassin_emploi" ? "bassin d'emploi" : r.niveau === "epci" ? "EPCI" : "commune";
  return ` (${level} ${r.libelle_geo})`;
}

/** Whether the row has a baseline and a later usable value, i.e. a change to talk about. */
export function isEvaluable(r: ReportRow): boolean {
  return r.valeur_reference !== null && r.derniere_valeur !== null && r.derniere_annee !== null && r.annee_reference !== null;
}

/** Direction of change since the baseline, whatever the target (status.ts rules, 2 % band = stable). */
export function trendOf(r: ReportRow): TrendStatus | null {
  if (!isEvaluable(r)) return null;
  return trendStatus(r.valeur_reference!, r.derniere_valeur!, r.sens_souhaite);
}

/** "44 120 salariés en 2021, +2,3 % depuis 2018 (référence)". */
export function valueClause(r: ReportRow): string {
  if (!isEvaluable(r)) return `${formatQuantity(r.valeur_reference, r.unite)} en ${r.annee_reference ?? "?"} (référence)`;
  const note = OBSERVATION_NOTE[r.statut_derniere_valeur ?? ""] ?? "";
  return `${formatQuantity(r.derniere_valeur, r.unite)} en ${r.derniere_annee}${note}, ${formatChange(r.evolution, r.unite)} depuis ${r.annee_reference} (référence)`;
}

/** One indicator as a sentence: "Emploi salarié privé : 44 120 salariés en 2021, +2,3 % depuis 2018 (référence)." */
export function indicatorSentence(r: ReportRow, year: number): string {
  const name = `${r.titre}${geo(r)}`;
  if (r.valeur_reference === null || r.annee_reference === null) return `${name} : pas de valeur de référence jusqu'en ${year}.`;
  if (!isEvaluable(r)) {
    if (r.annee_reference === year) return `${name} : ${formatQuantity(r.valeur_reference, r.unite)} en ${year} (valeur de référence).`;
    return `${name} : aucune valeur utilisable entre ${r.annee_reference + 1} et ${year} ; référence ${formatQuantity(r.valeur_reference, r.unite)} en ${r.annee_reference}.`;
  }
  const stale = r.derniere_annee !== year ? ` (dernière valeur utilisable ; pas de valeur utilisable en ${year})` : "";
  return `${name} : ${valueClause(r)}${stale}.`;
}

function targetClause(r: ReportRow): string {
  const target = `cible ${formatQuantity(r.cible_calculee, r.unite)} en ${r.annee_cible}`;
  const progress = r.progression_realisee_pct !== null && r.progression_attendue_pct !== null
    ? ` ; ${formatNumber(r.progression_realisee_pct, 0)} % de l'évolution prévue réalisée pour ${formatNumber(r.progression_attendue_pct, 0)} % attendus à cette date`
    : "";
  return `${r.titre}${geo(r)} (${valueClause(r)} ; ${target}${progress})`;
}

const detail = (r: ReportRow) => `${r.titre}${geo(r)} (${valueClause(r)})`;

/** "2 indicateurs sont en retard sur leur cible : A (...) et B (...)." — or nothing when the list is empty. */
function listSentence(rows: ReportRow[], one: string, many: string, item: (r: ReportRow) => string): string[] {
  if (rows.length === 0) return [];
  return [`${plural(rows.length, "indicateur")} ${rows.length > 1 ? many : one} : ${joinFrench(rows.map(item))}.`];
}

/** Counts over a set of rows: "9 en amélioration, 3 en dégradation, ..." (only non-zero counts). */
export function countsClause(rows: ReportRow[]): string {
  const trends = rows.map(trendOf);
  const n = (f: (r: ReportRow, i: number) => boolean) => rows.filter(f).length;
  const parts: [number, string][] = [
    [n((_, i) => trends[i] === "amelioration"), TREND_LABELS.amelioration],
    [n((_, i) => trends[i] === "degradation"), TREND_LABELS.degradation],
    [n((_, i) => trends[i] === "stable"), `${TREND_LABELS.stable}(s)`],
    [n((_, i) => trends[i] === "hausse" || trends[i] === "baisse"), "de contexte en évolution (sans sens souhaité)"],
    [n((_, i) => trends[i] === null), `${NOT_EVALUABLE_LABEL}(s)`],
  ];
  const targets: [number, string][] = [
    [n((r) => r.statut === "en_bonne_voie"), headlineLabel("en_bonne_voie", 1)],
    [n((r) => r.statut === "a_surveiller"), headlineLabel("a_surveiller", 1)],
    [n((r) => r.statut === "en_retard"), headlineLabel("en_retard", 1)],
  ];
  const fmt = (list: [number, string][]) => list.filter(([k]) => k > 0).map(([k, label]) => `${formatNumber(k)} ${k > 1 ? label.replace("(s)", "s") : label.replace("(s)", "")}`);
  const withTarget = rows.filter((r) => r.cible_calculee !== null).length;
  const t = fmt(targets);
  return `${fmt(parts).join(", ")}${withTarget > 0 ? ` ; ${plural(withTarget, "indicateur")} avec une cible du comité de pilotage${t.length > 0 ? ` : ${t.join(", ")}` : " (non évaluables)"}` : ""}`;
}

/** The summary of one axis for the report of `year`. */
export function axisSummary(axe: Axis | string, rows: ReportRow[], year: number, referenceYear: number): string[] {
  if (rows.length === 0) return [`Aucun indicateur de l'axe ${axe} n'a de valeur jusqu'en ${year}.`];
  if (year <= referenceYear) {
    const known = rows.filter((r) => r.annee_reference === year && r.valeur_reference !== null);
    return [
      `${year} est l'année de référence : les valeurs de cette année sont le point de départ de l'évaluation, aucune évolution n'est encore mesurée.`,
      ...(known.length > 0 ? [`Valeurs de référence : ${joinFrench(known.map((r) => `${r.titre}${geo(r)} ${formatQuantity(r.valeur_reference, r.unite)}`))}.`] : []),
    ];
  }
  const trends = new Map(rows.map((r) => [r, trendOf(r)]));
  const by = (s: TrendStatus) => rows.filter((r) => trends.get(r) === s);
  const out = [`Axe ${axe}, ${plural(rows.length, "indicateur")} suivi${rows.length > 1 ? "s" : ""} en ${year} : ${countsClause(rows)}.`];
  out.push(...listSentence(rows.filter((r) => r.statut === "en_retard"), "est en retard sur sa cible", "sont en retard sur leur cible", targetClause));
  out.push(...listSentence(rows.filter((r) => r.statut === "a_surveiller"), "est à surveiller au regard de sa cible", "sont à surveiller au regard de leur cible", targetClause));
  out.push(...listSentence(rows.filter((r) => r.statut === "en_bonne_voie"), "est en bonne voie d'atteindre sa cible", "sont en bonne voie d'atteindre leur cible", targetClause));
  out.push(...listSentence(by("amelioration"), "s'améliore depuis la référence", "s'améliorent depuis la référence", detail));
  out.push(...listSentence(by("degradation"), "se dégrade depuis la référence", "se dégradent depuis la référence", detail));
  out.push(...listSentence(by("stable"), "est stable (évolution de 2 % au plus)", "sont stables (évolution de 2 % au plus)", detail));
  out.push(...listSentence([...by("hausse"), ...by("baisse")], "de contexte, sans sens souhaité, évolue", "de contexte, sans sens souhaité, évoluent", detail));
  const none = rows.filter((r) => trends.get(r) === null);
  if (none.length > 0)
    out.push(`Non évaluable${none.length > 1 ? "s" : ""} en ${year} (pas de référence ou pas de valeur utilisable depuis) : ${joinFrench(none.map((r) => `${r.titre}${geo(r)}`))}.`);
  return out;
}

/** The summary of the whole report: counts over every axis. */
export function overallSummary(rows: ReportRow[], year: number, referenceYear: number): string[] {
  if (year <= referenceYear)
    return [`Rapport de l'année de référence ${year} : il fixe le point de départ ${rows.length > 1 ? `des ${formatNumber(rows.length)} indicateurs suivis` : "de l'indicateur suivi"} ; les évolutions seront mesurées à partir de ${year + 1}.`];
  return [`En ${year}, sur ${plural(rows.length, "indicateur")} suivi${rows.length > 1 ? "s" : ""} depuis ${referenceYear} : ${countsClause(rows)}.`];
}
