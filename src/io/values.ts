// Parsing of published values. A secret or missing value is an unknown we know about (loaded as NULL and
// counted); a value that cannot be a count (negative, text) or that no real file can hold (a count above
// France's population, an area above the country's, an overflowing `1e400`) is a bad row (rejected with its reason).
// `NA` (and `N/A`, `NaN`), the missing-value markers of R exports and of the CNIG standards (Cartofriches), is
// an unknown "non renseigné" wherever a value is parsed: numbers, texts and dates.

export type MissingKind = "secret" | "vide" | "non_renseigne";

export type ParsedValue =
  | { ok: true; value: number; missing?: undefined }
  | { ok: true; value: null; missing: MissingKind }
  | { ok: false; reason: string };

/** Statistical secret markers used by the producers (URSSAF, DARES, France Travail...). */
const SECRET_MARKERS = new Set(["*", "s", "nd", "n.d."]);

// Thousands separators seen in French exports: space, no-break space, narrow no-break space.
const SPACES = /[\s\u00a0\u202f]/g;

/** "Not available" markers: R's `NA`, and the other missing values the CNIG schemas declare (`N/A`, `NaN`). */
const NOT_AVAILABLE_MARKERS = new Set(["na", "n/a", "nan"]);

/**
 * Largest plausible count in one row. Every count the sources publish is per commune, school or bassin d'emploi
 * (establishments, jobs, job seekers, pupils, recruitment projects): none can exceed France's population (68
 * million). 100 million leaves room and keeps every count far below 2^31, the limit of the INTEGER columns.
 */
export const MAX_COUNT = 100_000_000;

/**
 * Largest plausible decimal (m² of land use per commune and year): 10^12 m² is a million km², twice France's
 * area (the largest commune, Maripasoula, has 1.8 × 10^10 m²).
 */
export const MAX_DECIMAL = 1e12;

/** Plausible years of data: from 1900 to next year (a file cannot describe a year not yet begun; one year of slack for clocks). */
export const FIRST_DATA_YEAR = 1900;
export function lastDataYear(today: Date = new Date()): number {
  return today.getFullYear() + 1;
}

/** French reason when `year` is outside the plausible years of data, undefined when plausible. */
export function yearProblem(year: number, today: Date = new Date()): string | undefined {
  const last = lastDataYear(today);
  if (Number.isInteger(year) && year >= FIRST_DATA_YEAR && year <= last) return undefined;
  return `année ${year} invraisemblable (attendu entre ${FIRST_DATA_YEAR} et ${last})`;
}

const frenchInteger = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");

function missing(raw: string): MissingKind | undefined {
  const v = raw.trim().toLowerCase();
  if (v === "") return "vide";
  if (SECRET_MARKERS.has(v)) return "secret";
  if (NOT_AVAILABLE_MARKERS.has(v)) return "non_renseigne";
  return undefined;
}

/** True when the cell says the value is not given (`NA`, `N/A`, `NaN`), as opposed to empty or secret. */
export function isNotAvailable(raw: string): boolean {
  return NOT_AVAILABLE_MARKERS.has(raw.trim().toLowerCase());
}

/** A text cell trimmed, or null when empty or not available (`NA`): an unknown text, never the string "NA". */
export function parseText(raw: string): string | null {
  const v = raw.trim();
  return v === "" || isNotAvailable(v) ? null : v;
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/**
 * `AAAA-MM-JJ` (a time part after it is ignored, as database exports write it) or `JJ/MM/AAAA` (French exports) to
 * date parts; null when neither, or not a calendar day (31/02).
 */
export function calendarDate(text: string): CalendarDate | null {
  const v = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
  const parts = iso ? [iso[1], iso[2], iso[3]] : fr ? [fr[3], fr[2], fr[1]] : null;
  if (!parts) return null;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? { year, month, day } : null;
}

export type ParsedDate = { ok: true; value: CalendarDate | null; missing?: MissingKind } | { ok: false; reason: string };

/** A date cell: parts, or null when empty or `NA` (unknown), or the reason it is not a date. */
export function parseDate(raw: string): ParsedDate {
  const kind = missing(raw);
  if (kind) return { ok: true, value: null, missing: kind };
  const date = calendarDate(raw);
  return date ? { ok: true, value: date } : { ok: false, reason: "date invalide (JJ/MM/AAAA ou AAAA-MM-JJ attendu)" };
}

/** `2023-04-15`: the ISO form of date parts. */
export function isoDate(d: CalendarDate): string {
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

/** A count: integer >= 0 (`12`, `1 234`, `12.0` as written by spreadsheets); secret markers and empty => null. */
export function parseCount(raw: string): ParsedValue {
  const kind = missing(raw);
  if (kind) return { ok: true, value: null, missing: kind };
  const v = raw.replace(SPACES, "");
  const m = /^(-?)(\d+)(?:[.,]0+)?$/.exec(v);
  if (!m) return { ok: false, reason: /^-?\d*[.,]\d+$/.test(v) ? "nombre entier attendu" : "valeur non numérique" };
  const digits = m[2]!.replace(/^0+(?=\d)/, "");
  if (m[1] === "-" && digits !== "0") return { ok: false, reason: "valeur négative" };
  // Compared on the digits: a 400-digit count is not even a finite number.
  if (digits.length > String(MAX_COUNT).length || Number(digits) > MAX_COUNT)
    return { ok: false, reason: `nombre invraisemblable : plus de ${frenchInteger(MAX_COUNT)} sur une seule ligne (plus que la population de la France)` };
  return { ok: true, value: Number(digits) };
}

/** A decimal of any sign: `.` or decimal comma (`1234,5`), spaces as thousands separators. */
export function parseSignedDecimal(raw: string): ParsedValue {
  const kind = missing(raw);
  if (kind) return { ok: true, value: null, missing: kind };
  const v = raw.replace(SPACES, "").replace(",", ".");
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v)) return { ok: false, reason: "valeur non numérique" };
  const n = Number(v);
  // Magnitude bounded with either sign: `1e400` is Infinity, and no area nor residual comes near 10^12 m².
  if (!Number.isFinite(n) || Math.abs(n) > MAX_DECIMAL)
    return { ok: false, reason: `nombre invraisemblable : au-delà de 10^12 (un million de km² en m², deux fois la superficie de la France)` };
  return { ok: true, value: n === 0 ? 0 : n }; // no -0
}

/** A non-negative decimal (m²...): as parseSignedDecimal, a negative value is refused. */
export function parseDecimal(raw: string): ParsedValue {
  const v = parseSignedDecimal(raw);
  if (v.ok && v.value !== null && v.value < 0) return { ok: false, reason: "valeur négative" };
  return v;
}

/** Counts NULL values by kind, for the notes of a report ("unknown values are counted and shown"). */
export class MissingCounter {
  secret = 0;
  empty = 0;
  notAvailable = 0;
  /** `n`: how many values of that kind (a reader counting them in SQL adds them all at once). */
  add(kind: MissingKind | undefined, n = 1): void {
    if (kind === "secret") this.secret += n;
    else if (kind === "vide") this.empty += n;
    else if (kind === "non_renseigne") this.notAvailable += n;
  }
  /** Forgets a value counted by add (its row was retracted). */
  remove(kind: MissingKind | undefined): void {
    if (kind === "secret") this.secret--;
    else if (kind === "vide") this.empty--;
  }
  note(): string | undefined {
    if (this.secret === 0 && this.empty === 0 && this.notAvailable === 0) return undefined;
    const na = this.notAvailable > 0 ? `, ${this.notAvailable} valeur(s) non renseignée(s) (NA)` : "";
    return `${this.secret} valeur(s) secrète(s)${na} et ${this.empty} valeur(s) vide(s) chargée(s) comme inconnues (NULL, jamais 0)`;
  }
}

export type ParsedPoint = { ok: true; value: { longitude: number; latitude: number } | null } | { ok: false; reason: string };

const NUMBER = "([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)";
const WKT_POINT = new RegExp(`^(?:SRID=4326;)?\\s*POINT\\s*\\(\\s*${NUMBER}\\s+${NUMBER}\\s*\\)\\s*$`, "i");

/**
 * A WKT point `POINT (longitude latitude)` in WGS84 (as CNIG exports write `geompoint`): its coordinates, null when
 * empty or `NA`, or why it cannot be read (not a WKT POINT, or coordinates outside longitude/latitude ranges, as a
 * point in Lambert 93 metres would be).
 */
export function parseWktPoint(raw: string): ParsedPoint {
  if (missing(raw)) return { ok: true, value: null };
  const m = WKT_POINT.exec(raw.trim());
  if (!m) return { ok: false, reason: "point WKT illisible (POINT (longitude latitude) attendu)" };
  const [longitude, latitude] = [Number(m[1]), Number(m[2])];
  if (Math.abs(longitude) > 180 || Math.abs(latitude) > 90) return { ok: false, reason: "coordonnées hors des bornes de longitude et de latitude (WGS84 attendu)" };
  return { ok: true, value: { longitude, latitude } };
}
