// The one vocabulary of statuses, shared by the pages and (through src/indicators/status.ts) the reports.
// Two families that must never be confused:
//   - progress toward a copil target (or a legal envelope): « En bonne voie », « À surveiller », « En retard »;
//     an indicator without one is « Sans cible »;
//   - direction of change since the reference, without a target: an arrow for the way the value moved, then
//     « en amélioration » / « stable » / « en dégradation » (or « en hausse » / « en baisse » for a context
//     indicator that has no desired direction).
// « non évaluable » only when no comparison is possible (reference or later value unknown).
// Plain JavaScript without imports, so that Node code and the browser read the same file.

export const TARGET_STATUSES = ["en_bonne_voie", "a_surveiller", "en_retard"];
export const TREND_STATUSES = ["amelioration", "stable", "degradation", "hausse", "baisse"];

/** Progress toward a target: capitalised, shown as a filled badge. */
export const TARGET_LABELS = {en_bonne_voie: "En bonne voie", a_surveiller: "À surveiller", en_retard: "En retard"};

/** The headline category of an indicator that has no target. */
export const WITHOUT_TARGET_LABEL = "Sans cible";

/** Direction of change without a target: lower case, shown as plain text after an arrow. */
export const TREND_LABELS = {amelioration: "en amélioration", stable: "stable", degradation: "en dégradation", hausse: "en hausse", baisse: "en baisse"};

export const NOT_EVALUABLE_LABEL = "non évaluable";

/** Every status code -> its words (without the arrow). */
export const TRACKING_LABELS = {...TARGET_LABELS, ...TREND_LABELS, non_evaluable: NOT_EVALUABLE_LABEL};

export const isTargetStatus = (statut) => TARGET_STATUSES.includes(statut);
export const isTrendStatus = (statut) => TREND_STATUSES.includes(statut);

/**
 * The arrow of a direction-of-change status: the way the value moved (not the judgement), so that fewer job
 * seekers reads "↘ en amélioration". `sens`: the desired direction (hausse, baisse, neutre).
 */
export function trendArrow(statut, sens) {
  if (statut === "stable") return "→";
  if (statut === "hausse") return "↗";
  if (statut === "baisse") return "↘";
  // Without the desired direction the way the value moved is unknown: no arrow rather than a wrong one.
  if ((statut !== "amelioration" && statut !== "degradation") || !sens) return "";
  const rose = (statut === "amelioration") === (sens !== "baisse");
  return rose ? "↗" : "↘";
}

/** A status in words, with its arrow for a direction of change: "En retard", "↘ en amélioration", "non évaluable". */
export function statusLabel(statut, sens) {
  const words = TRACKING_LABELS[statut] ?? statut ?? "";
  const arrow = trendArrow(statut, sens);
  return arrow ? `${arrow} ${words}` : words;
}

/**
 * The headline category of one tracking row: its target status, « sans_cible » when it has no target (whatever
 * its direction of change), « non_evaluable » when it has a target that cannot be judged.
 */
export function headlineCategory(row) {
  if (isTargetStatus(row.statut)) return row.statut;
  const hasTarget = (row.cible_calculee ?? null) !== null || (row.type_cible ?? null) !== null;
  return hasTarget ? "non_evaluable" : "sans_cible";
}

export const HEADLINE_CATEGORIES = ["en_bonne_voie", "a_surveiller", "en_retard", "sans_cible", "non_evaluable"];

/** Counts of headline categories, in HEADLINE_CATEGORIES order. */
export function headlineCounts(rows) {
  const counts = Object.fromEntries(HEADLINE_CATEGORIES.map((c) => [c, 0]));
  for (const r of rows) counts[headlineCategory(r)] += 1;
  return counts;
}

/** The words after a headline count, lower case, plural where French needs one: "en bonne voie", "cibles non évaluables". */
export function headlineLabel(category, n) {
  if (category === "sans_cible") return WITHOUT_TARGET_LABEL.toLowerCase();
  if (category === "non_evaluable") return n > 1 ? "cibles non évaluables" : "cible non évaluable";
  return TARGET_LABELS[category].toLowerCase();
}

/** "3 en bonne voie", "1 cible non évaluable". */
export function headlineWords(category, n) {
  return `${n} ${headlineLabel(category, n)}`;
}
