// How a change is computed and written, the same on the pages (references.js) and in the reports' sentences
// (src/report/references.ts, src/references/beside.ts): % for a count, points for a share, unknown spelt out.
import {formatNumber, UNKNOWN} from "./french.js";

/** Change between two values: % for a count (unknown from 0), points for a share. */
export function changeOf(v0, v1, share) {
  if (v0 === null || v0 === undefined || v1 === null || v1 === undefined) return null;
  if (share) return v1 - v0;
  return v0 > 0 ? (v1 / v0 - 1) * 100 : null;
}

/** "+2,2 %", "−0,4 pt", "0,0 %": the sign of the rounded value (never "+0,0"). */
export function signedChange(x, unit) {
  if (x === null || x === undefined) return UNKNOWN;
  const r = Math.round(x * 10) / 10;
  return `${r > 0 ? "+" : r < 0 ? "−" : ""}${formatNumber(Math.abs(r), 1)}${unit === "%" ? "\u202f%" : " pt"}`;
}

/** A value per 1,000 inhabitants; unknown when the value or the population is. */
export function perThousand(value, population) {
  return value === null || value === undefined || population === null || population === undefined || population <= 0 ? null : (value / population) * 1000;
}
