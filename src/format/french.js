// French number formatting for pages, reports and the CLI: "12 345", "12,3 %".
// An unknown value is never shown as 0: "n.d." (not available) or "secret".
const integer = new Intl.NumberFormat("fr-FR", {maximumFractionDigits: 0});
const fixed = new Map();

export const UNKNOWN = "n.d.";
export const SECRET = "secret";

export function formatNumber(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return UNKNOWN;
  if (digits === 0) return integer.format(value);
  let f = fixed.get(digits);
  if (!f) fixed.set(digits, (f = new Intl.NumberFormat("fr-FR", {minimumFractionDigits: digits, maximumFractionDigits: digits})));
  return f.format(value);
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
