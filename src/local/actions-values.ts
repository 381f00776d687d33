// Amounts in euros as officers type them in a spreadsheet: "12 000", "12000,50", "12 000 €", "12 000,50 EUR".
// Spaces (also the no-break spaces French spreadsheets insert) group thousands; "," or "." is the decimal mark with
// at most two decimals, so that an ambiguous "12.000" (twelve thousand written the German way?) is refused.

/** Euros as a number; null when empty (unknown); undefined when not an amount. */
export function parseEuros(text: string): number | null | undefined {
  const t = text.replace(/[\s\u00a0\u202f]/g, "").replace(/(€|eur|euros?)$/i, "");
  if (t === "") return text.trim() === "" ? null : undefined;
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return undefined;
  return Number(`${m[1]}.${m[2] ?? "0"}`);
}

const euros = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

/** "12 000 €" (French grouping, no decimals when whole). */
export function formatEuros(value: number): string {
  return `${euros.format(value).replace(/\u202f|\u00a0/g, " ")} €`;
}
