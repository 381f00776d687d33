// French number formatting, the one implementation for pages, reports and the CLI: "12 345", "12,3 %".
// An unknown value is never shown as 0: "n.d." (not available) or "secret".
// Plain JavaScript so that Observable Framework bundles it as it is: the pages import it through the link
// docs/components/format.js -> ../../src/format/french.js (Framework only serves modules inside its root, docs/).
const integer = new Intl.NumberFormat("fr-FR", {maximumFractionDigits: 0});
const fixed = new Map();
const upTo = new Map();

export const UNKNOWN = "n.d.";
export const SECRET = "secret";

export function formatNumber(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return UNKNOWN;
  if (digits === 0) return integer.format(value);
  let f = fixed.get(digits);
  if (!f) fixed.set(digits, (f = new Intl.NumberFormat("fr-FR", {minimumFractionDigits: digits, maximumFractionDigits: digits})));
  return f.format(value);
}

/** At most `maxDigits` decimals, none when whole: "12 000", "1,5", "0,25". */
export function formatUpTo(value, maxDigits) {
  if (value === null || value === undefined || Number.isNaN(value)) return UNKNOWN;
  let f = upTo.get(maxDigits);
  if (!f) upTo.set(maxDigits, (f = new Intl.NumberFormat("fr-FR", {maximumFractionDigits: maxDigits})));
  return f.format(value);
}

/** French figures with ordinary spaces instead of Intl's no-break ones, for terminals and plain sentences. */
export function plainSpaces(text) {
  return text.replace(/[\u202f\u00a0]/g, " ");
}

/**
 * A duration in French: exact by default ("90 s", "1,5 s", "30 min", "1 h": a limit the user set is said as set);
 * `{rounded: true}` for estimates and measures: the nearest second under a minute, then the nearest minute
 * ("40 s", "7 min", "1 h 05 min").
 */
export function formatDuration(seconds, {rounded = false} = {}) {
  if (rounded) {
    const s = Math.max(1, Math.round(seconds));
    if (s < 60) return `${s} s`;
    const minutes = Math.round(s / 60);
    return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
  }
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${plainSpaces(formatUpTo(seconds, 1))} s`;
}

export function formatPercent(value, digits = 1) {
  const n = formatNumber(value, digits);
  return n === UNKNOWN ? n : `${n}\u202f%`;
}

/** A value with its observation status: "secret" and "manquant" are shown as words, never as numbers. */
export function formatValue(value, statut, digits = 0) {
  if (statut === "secret") return SECRET;
  if (value === null || value === undefined) return UNKNOWN;
  return formatNumber(value, digits);
}

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/** "2024-03-20" -> "20/03/2024" (no Date object: no time-zone shift). */
export function formatDate(iso) {
  if (!iso) return UNKNOWN;
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** "2024-03-20" -> "20 mars 2024". */
export function formatLongDate(iso) {
  if (!iso) return UNKNOWN;
  const [y, m, d] = iso.split("-");
  return `${Number(d) === 1 ? "1er" : Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}
