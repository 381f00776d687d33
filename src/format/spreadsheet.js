// What a spreadsheet makes of a cell: the one rule for every CSV the product writes, the published files
// (src/io/csv-write.ts) and the tables the site offers for download (docs/components/export.js, through the link
// docs/components/spreadsheet.js -> ../../src/format/spreadsheet.js). Plain JavaScript so that Framework bundles it.
//
// Text comes from files typed by people (actions.csv, suivi.csv, rejected rows quoted back): a cell starting with
// `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula by a spreadsheet opening the file
// (`=HYPERLINK(...)`, `@SUM(1)`). Following OWASP's advice on CSV injection, such a TEXT cell is written with a
// leading `'`; numbers are written as numbers, so `-12.5` stays a negative number, and a text that is just a number
// (`-15`, a rejected negative count quoted back) is no formula either: it is left as it is.

/** Text cells a spreadsheet would read as a formula (OWASP CSV injection). */
export const FORMULA_START = /^(?![+-]?\d+(?:[.,]\d+)?$)[=+\-@\t\r]/;

/** A text cell made safe to open in a spreadsheet: a leading "'" when it would run as a formula. */
export function escapeFormula(text) {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** At most 6 decimals: the floating-point noise of ratios removed. */
export function roundNumber(x) {
  return Math.round(x * 1e6) / 1e6;
}

/** A number with a decimal comma and no thousands separator (what French Excel reads as a number). */
export function frenchNumber(n) {
  return String(roundNumber(n)).replace(".", ",");
}
