// Reading the indicator files of the site bundle: series, latest values, labels and formats.
import {html} from "htl";
import {formatNumber, SECRET, UNKNOWN} from "./format.js";
import {isTargetStatus, statusLabel, TRACKING_LABELS} from "./status-labels.js";

// The status words live in status-labels.js (shared with the reports); re-exported for the pages that import them here.
export {TRACKING_LABELS};

export const AXES = ["Attirer", "Recruter", "Innover", "Simplifier"];

export const AXIS_PATHS = {Attirer: "./attirer", Recruter: "./recruter", Innover: "./innover", Simplifier: "./simplifier"};

/** Observation status of a value, as words (never colour alone). */
export const OBSERVATION_LABELS = {ok: "", provisoire: "provisoire", partiel: "partiel", secret: "secret", manquant: "n.d."};

export const DIRECTION_LABELS = {hausse: "une hausse est souhaitée", baisse: "une baisse est souhaitée", neutre: "indicateur de contexte, sans sens souhaité"};

export const LEVEL_LABELS = {commune: "commune", epci: "EPCI", territoire: "territoire", bassin_emploi: "bassin d'emploi"};

/** Decimals shown for a unit: percentages, hectares and days with one decimal, counts with none. */
export function digitsFor(unite) {
  return /%|hectare|\bha\b|jour|pour 10/.test(unite ?? "") ? 1 : 0;
}

/** A value in its unit's format, unknown spelt out: "12 345", "12,3 %", "secret", "n.d.". */
export function formatIndicator(value, unite, statut = "ok") {
  if (statut === "secret" && (value === null || value === undefined)) return SECRET;
  if (value === null || value === undefined) return UNKNOWN;
  const n = formatNumber(value, digitsFor(unite));
  return /%/.test(unite ?? "") ? `${n}\u202f%` : n;
}

/** "12 345 (partiel)": the value and, when not plain, its observation status. */
export function formatWithStatus(value, unite, statut) {
  const text = formatIndicator(value, unite, statut);
  const label = OBSERVATION_LABELS[statut];
  return label && text !== SECRET && text !== UNKNOWN ? `${text} (${label})` : text;
}

/** Index of the rows of indicateurs.json: lookups by indicator, level, geography and year. */
export function indexRows(rows) {
  const byKey = new Map();
  const bySeries = new Map();
  for (const r of rows) {
    byKey.set(`${r.indicateur}|${r.niveau}|${r.code_geo}|${r.annee}`, r);
    const k = `${r.indicateur}|${r.niveau}|${r.code_geo}`;
    if (!bySeries.has(k)) bySeries.set(k, []);
    bySeries.get(k).push(r);
  }
  for (const list of bySeries.values()) list.sort((a, b) => a.annee - b.annee);
  return {
    get: (indicateur, niveau, code, annee) => byKey.get(`${indicateur}|${niveau}|${code}|${annee}`),
    series: (indicateur, niveau, code) => bySeries.get(`${indicateur}|${niveau}|${code}`) ?? [],
    /** Latest year with a known value (or, failing that, the latest row). */
    latest(indicateur, niveau, code) {
      const s = bySeries.get(`${indicateur}|${niveau}|${code}`) ?? [];
      for (let i = s.length - 1; i >= 0; i--) if (s[i].valeur !== null) return s[i];
      return s[s.length - 1];
    },
    years(indicateur) {
      const ys = new Set();
      for (const r of rows) if (r.indicateur === indicateur) ys.add(r.annee);
      return [...ys].sort((a, b) => a - b);
    }
  };
}

/** Index of suivi.json (baseline, target, status) by indicator, level and geography. */
export function indexTracking(rows) {
  const m = new Map(rows.map((r) => [`${r.indicateur}|${r.niveau}|${r.code_geo}`, r]));
  return (indicateur, niveau, code) => m.get(`${indicateur}|${niveau}|${code}`);
}

/** A direction of change (no target): plain text after an arrow, never a badge, so that it is not read as progress. */
export function trendText(statut, sens) {
  return html`<span class="ti-tendance ti-tendance-${statut}">${statusLabel(statut, sens)}</span>`;
}

/**
 * A status: progress toward a target as a badge (the words carry the meaning, the colour only repeats it); a direction
 * of change as plain text with its arrow (`sens`: the desired direction, for the arrow, or the tracking row).
 */
export function statusBadge(statut, sens) {
  if (!isTargetStatus(statut)) return trendText(statut, typeof sens === "object" && sens !== null ? sens.sens_souhaite : sens);
  return html`<span class="ti-badge ti-badge-${statut}">${statusLabel(statut)}</span>`;
}

/** The source line of an indicator sheet: producer, dataset, vintage, licence (and demonstration). */
export function sheetSourceLine(sheet) {
  const s = sheet.source;
  const demo = s.demonstration ? " — données de démonstration fictives, au format de cette source" : "";
  return html`<p class="ti-source">Source : ${s.producer}, ${s.dataset}, millésime ${s.vintage ?? "inconnu"}, ${s.licence}${demo}.</p>`;
}

/** Change between two values, in the unit's terms: points for percentages, % otherwise. */
export function formatChange(from, to, unite) {
  if (from === null || from === undefined || to === null || to === undefined) return UNKNOWN;
  if (/%/.test(unite ?? "")) {
    const d = to - from;
    return `${d > 0 ? "+" : d < 0 ? "−" : ""}${formatNumber(Math.abs(d), 1)} pt`;
  }
  if (from === 0) return UNKNOWN;
  const pct = ((to - from) / Math.abs(from)) * 100;
  return `${pct > 0 ? "+" : pct < 0 ? "−" : ""}${formatNumber(Math.abs(pct), 1)}\u202f%`;
}
