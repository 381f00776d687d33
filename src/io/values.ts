// Parsing of published values. A secret or missing value is an unknown we know about (loaded as NULL and
// counted); a value that cannot be a count (negative, text) is a bad row (rejected with its reason).

export type MissingKind = "secret" | "vide";

export type ParsedValue =
  | { ok: true; value: number; missing?: undefined }
  | { ok: true; value: null; missing: MissingKind }
  | { ok: false; reason: string };

/** Statistical secret markers used by the producers (URSSAF, DARES, France Travail...). */
const SECRET_MARKERS = new Set(["*", "s", "nd", "n.d."]);

// Thousands separators seen in French exports: space, no-break space, narrow no-break space.
const SPACES = /[\s\u00a0\u202f]/g;

function missing(raw: string): MissingKind | undefined {
  const v = raw.trim().toLowerCase();
  if (v === "") return "vide";
  if (SECRET_MARKERS.has(v)) return "secret";
  return undefined;
}

/** A count: integer >= 0 (`12`, `1 234`, `12.0` as written by spreadsheets); secret markers and empty => null. */
export function parseCount(raw: string): ParsedValue {
  const kind = missing(raw);
  if (kind) return { ok: true, value: null, missing: kind };
  const v = raw.replace(SPACES, "");
  const m = /^(-?)(\d+)(?:[.,]0+)?$/.exec(v);
  if (!m) return { ok: false, reason: /^-?\d*[.,]\d+$/.test(v) ? "nombre entier attendu" : "valeur non numérique" };
  if (m[1] === "-" && Number(m[2]) !== 0) return { ok: false, reason: "valeur négative" };
  return { ok: true, value: Number(m[2]) };
}

/** A decimal of any sign: `.` or decimal comma (`1234,5`), spaces as thousands separators. */
export function parseSignedDecimal(raw: string): ParsedValue {
  const kind = missing(raw);
  if (kind) return { ok: true, value: null, missing: kind };
  const v = raw.replace(SPACES, "").replace(",", ".");
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v)) return { ok: false, reason: "valeur non numérique" };
  const n = Number(v);
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
  add(kind: MissingKind | undefined): void {
    if (kind === "secret") this.secret++;
    else if (kind === "vide") this.empty++;
  }
  /** Forgets a value counted by add (its row was retracted). */
  remove(kind: MissingKind | undefined): void {
    if (kind === "secret") this.secret--;
    else if (kind === "vide") this.empty--;
  }
  note(): string | undefined {
    if (this.secret === 0 && this.empty === 0) return undefined;
    return `${this.secret} valeur(s) secrète(s) et ${this.empty} valeur(s) vide(s) chargée(s) comme inconnues (NULL, jamais 0)`;
  }
}
