// NAF rév. 2 division (2 digits) -> NA38 (A38) aggregate of INSEE's aggregated nomenclature (NA 2008). Every A38
// position is a union of whole NAF divisions, so the division alone decides it. Used when an URSSAF file has no
// `secteur_na38` column (the code that starts it, e.g. `CA` in `CA Fabrication de denrées…`, is read otherwise).
import { nafDivision } from "../io/codes.ts";

// prettier-ignore
const RANGES: readonly [string, number, number][] = [
  ["AZ", 1, 3], ["BZ", 5, 9], ["CA", 10, 12], ["CB", 13, 15], ["CC", 16, 18], ["CD", 19, 19], ["CE", 20, 20],
  ["CF", 21, 21], ["CG", 22, 23], ["CH", 24, 25], ["CI", 26, 26], ["CJ", 27, 27], ["CK", 28, 28], ["CL", 29, 30],
  ["CM", 31, 33], ["DZ", 35, 35], ["EZ", 36, 39], ["FZ", 41, 43], ["GZ", 45, 47], ["HZ", 49, 53], ["IZ", 55, 56],
  ["JA", 58, 60], ["JB", 61, 61], ["JC", 62, 63], ["KZ", 64, 66], ["LZ", 68, 68], ["MA", 69, 71], ["MB", 72, 72],
  ["MC", 73, 75], ["NZ", 77, 82], ["OZ", 84, 84], ["PZ", 85, 85], ["QA", 86, 86], ["QB", 87, 88], ["RZ", 90, 93],
  ["SZ", 94, 96], ["TZ", 97, 98], ["UZ", 99, 99],
];

/** Every A38 code, in nomenclature order. */
export const A38_CODES: readonly string[] = RANGES.map((r) => r[0]);

/** Industry as INSEE's aggregate "Industrie (BE)" (NAF divisions 05 to 39) in A38 positions: BZ to EZ. */
export const A38_INDUSTRY: ReadonlySet<string> = new Set(RANGES.filter(([, lo, hi]) => lo >= 5 && hi <= 39).map((r) => r[0]));

/** The A38 code of a NAF division (`25`), or null when the division does not exist (04, 34, 40...). */
export function a38OfDivision(division: string): string | null {
  const n = Number(division);
  if (!/^\d{2}$/.test(division)) return null;
  return RANGES.find(([, lo, hi]) => n >= lo && n <= hi)?.[0] ?? null;
}

/** The A38 code of an APE code in either spelling (`2511Z`, `25.11Z`), or null. */
export function a38OfApe(ape: string): string | null {
  const d = nafDivision(ape);
  return d === null ? null : a38OfDivision(d);
}

/** The A38 code that starts an URSSAF `secteur_na38` cell (`CA Fabrication de…` -> `CA`), or null. */
export function a38OfLabel(cell: string): string | null {
  const m = /^\s*([A-Z]{2})\b/.exec(cell);
  return m && A38_CODES.includes(m[1]!) ? m[1]! : null;
}
