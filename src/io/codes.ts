// Normalisation of the codes used to join sources: commune codes (COG), activity codes (NAF rév. 2), and the
// département a school number (UAI) belongs to.

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

/**
 * The département of a school from its UAI number (`0020012C` -> `02`): its first three digits are the département
 * (`002`, `080`, `971`), except Corsica, numbered `620` (2A) and `720` (2B). Undefined for anything else.
 */
export function uaiDepartement(uai: string): string | undefined {
  const m = /^(\d{3})\d{4}[A-Z]$/.exec(uai.trim().toUpperCase());
  if (!m) return undefined;
  const prefix = m[1]!;
  if (prefix === "620") return "2A";
  if (prefix === "720") return "2B";
  if (prefix.startsWith("0") && prefix !== "000" && prefix !== "020") return prefix.slice(1);
  if (prefix.startsWith("97") || prefix.startsWith("98")) return prefix;
  return undefined;
}

/**
 * Sirene activity nomenclatures, spelled as INSEE writes them in `nomenclatureActivitePrincipaleEtablissement`
 * (StockEtablissement 2025: `NAFRev2`, `NAFRev1`, `NAF1993`, `NAP`). Only NAF rév. 2 codes tell industry from the rest.
 */
export const NAF_REV2 = "NAFRev2";
const NOMENCLATURES: Readonly<Record<string, string>> = {
  NAFREV2: NAF_REV2,
  NAFV2: NAF_REV2, // spelling of the demonstration files written before 2026: files already dropped keep loading
  NAFREV1: "NAFRev1",
  NAFV1: "NAFRev1",
  NAF1993: "NAF1993",
  NAP: "NAP",
};

/** The canonical spelling of a known nomenclature (case, spaces, dots and dashes ignored), or null when unknown. */
export function canonicalNomenclature(raw: string): string | null {
  return NOMENCLATURES[raw.toUpperCase().replace(/[^A-Z0-9]/g, "")] ?? null;
}

/** The same rule in SQL over a text expression: true when it spells NAF rév. 2 (for readers that classify in SQL). */
export function isNafRev2Sql(expr: string): string {
  const keys = Object.entries(NOMENCLATURES).filter(([, v]) => v === NAF_REV2).map(([k]) => `'${k}'`);
  return `(regexp_replace(upper(${expr}), '[^A-Z0-9]', '', 'g') IN (${keys.join(", ")}))`;
}
