// Normalisation of the codes used to join sources: commune codes (COG) and activity codes (NAF rév. 2).

/**
 * A commune code as 5-character text, or null when the text cannot be one. Spreadsheets and some exports
 * drop the leading zero of départements 01-09 (`2691` for `02691`) or write `2691.0`: both are restored.
 * Corsica keeps its letter (`2A004`, `2b004` -> `2B004`).
 */
export function normaliseCommuneCode(raw: string): string | null {
  const v = raw.trim().toUpperCase().replace(/\.0+$/, "");
  if (/^\d{5}$/.test(v)) return v;
  if (/^\d{4}$/.test(v)) return `0${v}`;
  if (/^2[AB]\d{3}$/.test(v)) return v;
  return null;
}

/** The département of a (normalised) commune code: three characters overseas (`97411` -> `974`), two elsewhere. */
export function departementOfCommune(code: string): string {
  return code.slice(0, code.startsWith("97") ? 3 : 2);
}

/** An APE/NAF rév. 2 sub-class with its dot (`2511Z` and `25.11Z` -> `25.11Z`), or null. */
export function normaliseApe(raw: string): string | null {
  const v = raw.trim().toUpperCase();
  const m = /^(\d{2})\.?(\d{2})([A-Z])$/.exec(v);
  return m ? `${m[1]}.${m[2]}${m[3]}` : null;
}

/** The NAF division (2 digits) of an APE code in either spelling, or null. */
export function nafDivision(ape: string): string | null {
  const m = /^(\d{2})/.exec(ape.trim());
  return m ? m[1]! : null;
}

/** Industry as INSEE's aggregate "Industrie (BE)": NAF divisions 05 to 39. */
export function isIndustry(ape: string): boolean {
  const division = nafDivision(ape);
  if (division === null) return false;
  const n = Number(division);
  return n >= 5 && n <= 39;
}
