// French text of numbers in the report's sentences, on src/format/number.ts (the pages' formatting rules).
import { formatNumber } from "../format/number.ts";
import type { Change } from "./types.ts";

/** Decimals for a unit: percentages, hectares, days and rates per 10,000 with one decimal, counts with none
 *  (the same rule as docs/components/indicators.js digitsFor, which the pages use). */
export function digitsFor(unite: string): number {
  return /%|hectare|\bha\b|jour|pour 10/.test(unite) ? 1 : 0;
}

/** "44 120 salariés", "12,3 %", "45,2 ha". Unknown → "n.d.". */
export function formatQuantity(value: number | null, unite: string): string {
  const n = formatNumber(value, digitsFor(unite));
  if (value === null) return n;
  return unite === "%" ? `${n}\u202f%` : `${n} ${Math.abs(value) < 2 ? singular(unite) : unite}`;
}

/** French: singular below 2 ("1 lieu", "1,5 jour"); only one-word units ending in s or x are changed. */
export function singular(unite: string): string {
  return /^[\p{L}]+[sx]$/u.test(unite) ? unite.slice(0, -1) : unite;
}

/** Signed change: "+2,3 %", "−1,5 pt", "+12 salariés" (absolute when the baseline is 0). */
export function formatChange(change: Change | null, unite: string): string {
  if (!change) return "n.d.";
  const sign = change.value > 0 ? "+" : change.value < 0 ? "−" : "";
  const abs = Math.abs(change.value);
  if (change.kind === "points") return `${sign}${formatNumber(abs, 1)} pt`;
  if (change.kind === "pct") return `${sign}${formatNumber(abs, 1)}\u202f%`;
  return `${sign}${formatQuantity(abs, unite)}`;
}

export function computeChange(from: number | null, to: number | null, unite: string): Change | null {
  if (from === null || to === null) return null;
  if (unite === "%") return { kind: "points", value: round(to - from, 6) };
  if (from === 0) return { kind: "absolu", value: round(to - from, 6) };
  return { kind: "pct", value: round(((to - from) / Math.abs(from)) * 100, 6) };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f || 0;
}

/** "1 indicateur", "2 indicateurs". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(n)} ${n > 1 ? pluralForm : singular}`;
}

/** "a, b et c". */
export function joinFrench(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} et ${items.at(-1)}`;
}
