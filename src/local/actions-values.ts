// Amounts in euros as officers type them in a spreadsheet: "12 000", "12000,50", "12 000 €", "12 000,50 EUR".
// Spaces (also the no-break spaces French spreadsheets insert) group thousands; "," or "." is the decimal mark with
// at most two decimals, so that an ambiguous "12.000" (twelve thousand written the German way?) is refused.
import { formatUpTo, plainSpaces } from "../format/number.ts";

/** Largest plausible budget of one action: a thousand billion euros (the State's whole budget is under 600 billion). */
export const MAX_EUROS = 1e12;
export const EUROS_REASON = "montant en euros attendu (par exemple « 12 000 », « 12000,50 » ou « 12 000 € »)";
export const EUROS_TOO_LARGE_REASON = "montant invraisemblable : plus de 1 000 milliards d'euros";

function eurosDigits(text: string): RegExpExecArray | null {
  const t = text.replace(/[\s\u00a0\u202f]/g, "").replace(/(€|eur|euros?)$/i, "");
  return /^(\d+)(?:[.,](\d{1,2}))?$/.exec(t);
}

/** Euros as a number; null when empty (unknown); undefined when not a (plausible) amount. */
export function parseEuros(text: string): number | null | undefined {
  if (text.trim() === "") return null;
  const m = eurosDigits(text);
  if (!m) return undefined;
  const n = Number(`${m[1]}.${m[2] ?? "0"}`);
  return Number.isFinite(n) && n <= MAX_EUROS ? n : undefined;
}

/** Why parseEuros refused `text`. */
export function eurosReason(text: string): string {
  return eurosDigits(text) ? EUROS_TOO_LARGE_REASON : EUROS_REASON;
}

/** "12 000 €" (French grouping, no decimals when whole). */
export function formatEuros(value: number): string {
  return `${plainSpaces(formatUpTo(value, 2))} €`;
}
