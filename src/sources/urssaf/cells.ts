// The values of an URSSAF row, in SQL: each count cell read as src/io/values.ts parseCount reads it (a secret or
// missing marker is an unknown we know about, anything else that is not a count is a bad cell with its French
// reason), then each year's pair (establishments, jobs) by the producer's empty-cell convention (src/sources/urssaf/loader.ts).
// A row whose count cells are all plain digits (or empty) takes a fast path: one pattern per row instead of one per
// cell; any other row takes the exact rules cell by cell.
import { MAX_COUNT } from "../../io/values.ts";
import { sqlString } from "../../db/sql-literals.ts";

const frenchInteger = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");

/** Macros of the exact rules (src/io/values.ts: missing markers, parseCount), created once per connection. */
export const CELL_MACROS = `
CREATE OR REPLACE TEMP MACRO u_trim(x) AS regexp_replace(coalesce(x, ''), '^\\s+|\\s+$', '', 'g');
CREATE OR REPLACE TEMP MACRO u_kind(x) AS CASE
  WHEN u_trim(x) = '' THEN 'vide'
  WHEN lower(u_trim(x)) IN ('*', 's', 'nd', 'n.d.') THEN 'secret'
  WHEN lower(u_trim(x)) IN ('na', 'n/a', 'nan') THEN 'non_renseigne' END;
CREATE OR REPLACE TEMP MACRO u_compact(x) AS regexp_replace(coalesce(x, ''), '[\\s\\x{00a0}\\x{202f}]', '', 'g');
CREATE OR REPLACE TEMP MACRO u_digits(x) AS ltrim(regexp_extract(u_compact(x), '^-?([0-9]+)(?:[.,]0+)?$', 1), '0');
CREATE OR REPLACE TEMP MACRO u_reason(x) AS CASE
  WHEN u_kind(x) IS NOT NULL THEN NULL
  WHEN NOT regexp_full_match(u_compact(x), '-?[0-9]+([.,]0+)?') THEN
    CASE WHEN regexp_full_match(u_compact(x), '-?[0-9]*[.,][0-9]+') THEN 'nombre entier attendu' ELSE 'valeur non numérique' END
  WHEN starts_with(u_compact(x), '-') AND u_digits(x) <> '' THEN 'valeur négative'
  WHEN length(u_digits(x)) > ${String(MAX_COUNT).length} OR TRY_CAST(u_digits(x) AS BIGINT) > ${MAX_COUNT}
    THEN ${sqlString(`nombre invraisemblable : plus de ${frenchInteger(MAX_COUNT)} sur une seule ligne (plus que la population de la France)`)} END;
CREATE OR REPLACE TEMP MACRO u_value(x) AS CASE
  WHEN u_kind(x) IS NULL AND u_reason(x) IS NULL THEN coalesce(TRY_CAST(nullif(u_digits(x), '') AS INTEGER), 0) END;
`;

/** A count column of the file: its SQL name in the scan and its name in the header (for rejections). */
export interface CountColumn {
  sql: string;
  header: string;
  /** Position in the header. */
  index: number;
}

export interface YearPair {
  year: number;
  establishments: CountColumn | undefined;
  jobs: CountColumn | undefined;
}

/**
 * How the rows are read: "typed" without numbering them (DuckDB reads on every thread) and the count cells typed
 * INTEGER by DuckDB, valid only for a file whose every count cell was proved plain digits or empty on the bytes
 * (src/io/digit-tails.ts, at most FAST_DIGITS digits: the fast path for every row); "exact" otherwise (a secret marker,
 * text, a decimal, `+12`, `1e2`, `1_000`, count columns that are not the last ones), rows numbered, the counts read
 * as text and every rule of parseCount in SQL. DuckDB's own integer reading is not enough: it takes `+12`, `1e2`,
 * `0x10` and `1_000` as the numbers they write and rounds `1.5`, where the rules refuse them.
 */
export type CellMode = "typed" | "exact";

/** The most digits of a count cell on the fast path: 8, so that no fast value can pass MAX_COUNT. */
export const FAST_DIGITS = String(MAX_COUNT).length - 1;

/** True when every count cell of the row is empty or plain digits: the fast path (every row of the typed read). */
export function fastRowSql(columns: readonly CountColumn[], mode: CellMode): string {
  if (columns.length === 0 || mode === "typed") return "true";
  const cells = columns.map((c) => c.sql).join(", ");
  return `regexp_full_match(concat_ws(';', ${cells}), '[0-9]{0,${FAST_DIGITS}}(;[0-9]{0,${FAST_DIGITS}})*')`;
}

/**
 * Value, missing kind and reason of each count cell (columns v_*, k_*, r_*), from a relation holding `fast`. On the
 * fast path a cell is a value or empty (v_ NULL): its kind and reason are not computed.
 */
export function cellColumnsSql(columns: readonly CountColumn[], mode: CellMode): string[] {
  // Typed: DuckDB read the cells as INTEGER, every one plain digits or empty (no kind, no reason).
  if (mode === "typed") return columns.map((c) => `${c.sql} AS v_${c.sql}`);
  return columns.flatMap((c) => [
    `CASE WHEN fast THEN TRY_CAST(${c.sql} AS INTEGER) ELSE u_value(${c.sql}) END AS v_${c.sql}`,
    `CASE WHEN NOT fast THEN u_kind(${c.sql}) END AS k_${c.sql}`,
    `CASE WHEN NOT fast THEN u_reason(${c.sql}) END AS r_${c.sql}`,
  ]);
}

const sum = (terms: string[]) => (terms.length > 0 ? terms.join(" + ") : "0");

/**
 * The fast rules of one year's pair, written for the typed read (where every row that counts is on the fast path: a
 * cell is blank when its value is NULL): both blank -> 0 and 0; jobs blank beside 0 establishments -> 0 jobs; one
 * blank beside a written one -> NULL. Without the twin column, the value as read (a blank is unknown).
 */
function fastPairSql(e: CountColumn | undefined, j: CountColumn | undefined): [string, string] {
  if (!e || !j) return [e ? `v_${e.sql}` : "NULL::INTEGER", j ? `v_${j.sql}` : "NULL::INTEGER"];
  return [`coalesce(v_${e.sql}, CASE WHEN v_${j.sql} IS NULL THEN 0 END)`, `coalesce(v_${j.sql}, CASE WHEN coalesce(v_${e.sql}, 0) = 0 THEN 0 END)`];
}

/**
 * The pair convention per year, over the cell columns and `fast`, `membre`: e_YYYY, j_YYYY (values loaded), and per
 * row `erreur` (the first bad cell: column, value, reason) and, for a row of the territory, the counts of the notes.
 * The fast path has the same rules written for cells that are values or empty.
 */
export function pairColumnsSql(pairs: readonly YearPair[], mode: CellMode): string[] {
  const { out, errors, slow, fast } = pairTerms(pairs, mode);
  // Typed: every row that counts is on the fast path (else the file is read again, exact), so no row has a bad cell;
  // the notes' counts are computed afterwards on the rows kept (typedNoteColumnsSql), from their cells (v_*): 36
  // sums of conditions on every row of a national file were a second of CPU.
  if (mode === "typed") return [...out, "NULL::STRUCT(colonne VARCHAR, valeur VARCHAR, motif VARCHAR) AS erreur", ...typedCellColumns(pairs)];
  out.push(`CASE WHEN NOT fast THEN coalesce(${errors.join(", ")}) END AS erreur`);
  for (const [name, terms] of Object.entries(slow)) {
    const quick = (fast as Record<string, string[]>)[name] ?? [];
    out.push(`CASE WHEN NOT membre THEN 0 WHEN fast THEN ${sum(quick)} ELSE ${sum(terms)} END AS n_${name}`);
  }
  return out;
}

const cellsOf = (p: YearPair) => [p.establishments, p.jobs].filter((c): c is CountColumn => c !== undefined);

/** The cell columns (v_*) the typed read keeps beside each row kept one by one, for typedNoteColumnsSql. */
export const typedCellColumns = (pairs: readonly YearPair[]) => pairs.flatMap(cellsOf).map((c) => `v_${c.sql}`);

/** The notes' counts (n_*) of a row of the typed read, over its kept cells (v_*) and `membre`: the fast rules. */
export function typedNoteColumnsSql(pairs: readonly YearPair[]): string[] {
  const { fast } = pairTerms(pairs, "typed");
  return NOTE_COUNTS.map((name) => `CASE WHEN NOT membre THEN 0 ELSE ${sum((fast as Record<string, string[]>)[name] ?? [])} END AS n_${name}`);
}

/** The counts of the notes, one column n_* each, in this order. */
export const NOTE_COUNTS = ["sans_etablissement", "effectifs_inconnus", "etablissements_inconnus", "secrets", "vides", "non_renseignes"] as const;

function pairTerms(pairs: readonly YearPair[], mode: CellMode) {
  const out: string[] = [];
  const errors: string[] = [];
  const slow = { sans_etablissement: [] as string[], effectifs_inconnus: [] as string[], etablissements_inconnus: [] as string[], secrets: [] as string[], vides: [] as string[], non_renseignes: [] as string[] };
  const fast = { sans_etablissement: [] as string[], effectifs_inconnus: [] as string[], etablissements_inconnus: [] as string[], vides: [] as string[] };
  for (const p of pairs) {
    const value = (c: CountColumn | undefined) => (c ? `v_${c.sql}` : "NULL::INTEGER");
    const [e, j] = [p.establishments, p.jobs];
    // Exact rules: a blank cell is a present column whose text is empty.
    const blank = (c: CountColumn | undefined) => (c ? `coalesce(k_${c.sql} = 'vide', false)` : "false");
    const both = `(${blank(e)} AND ${blank(j)})`;
    const jobsUnknown = `(${blank(j)} AND ${value(e)} IS NOT NULL)`;
    const establishmentsUnknown = `(${blank(e)} AND ${value(j)} IS NOT NULL)`;
    const other = `(NOT ${both} AND NOT ${jobsUnknown} AND NOT ${establishmentsUnknown})`;
    // Fast rules: a cell is blank when its value is NULL.
    const fblank = (c: CountColumn | undefined) => (c ? `${value(c)} IS NULL` : "false");
    const fboth = `(${fblank(e)} AND ${fblank(j)})`;
    const fjobsUnknown = `(${fblank(j)} AND ${value(e)} IS NOT NULL)`;
    const festablishmentsUnknown = `(${fblank(e)} AND ${value(j)} IS NOT NULL)`;
    if (mode === "typed") {
      const [typedE, typedJ] = fastPairSql(e, j);
      out.push(`${typedE} AS e_${p.year}`, `${typedJ} AS j_${p.year}`);
    } else
      for (const [name, v] of [["e", value(e)], ["j", value(j)]] as const)
        out.push(
        `CASE WHEN fast THEN (CASE WHEN ${fboth} OR (${fjobsUnknown} AND ${value(e)} = 0) THEN 0 ELSE ${v} END)
              ELSE (CASE WHEN ${both} OR (${jobsUnknown} AND ${value(e)} = 0) THEN 0 ELSE ${v} END) END AS ${name}_${p.year}`,
      );
    const present = [e, j].filter((c): c is CountColumn => c !== undefined);
    errors.push(`CASE ${present.map((c) => `WHEN r_${c.sql} IS NOT NULL THEN {'colonne': ${sqlString(c.header)}, 'valeur': CAST(${c.sql} AS VARCHAR), 'motif': r_${c.sql}}`).join(" ")} END`);
    slow.sans_etablissement.push(`${both}::INTEGER`);
    slow.effectifs_inconnus.push(`(NOT ${both} AND ${jobsUnknown} AND ${value(e)} <> 0)::INTEGER`);
    slow.etablissements_inconnus.push(`(NOT ${both} AND NOT ${jobsUnknown} AND ${establishmentsUnknown})::INTEGER`);
    for (const [name, kind] of [["secrets", "secret"], ["vides", "vide"], ["non_renseignes", "non_renseigne"]] as const)
      for (const c of present) slow[name].push(`(${other} AND coalesce(k_${c.sql} = '${kind}', false))::INTEGER`);
    fast.sans_etablissement.push(`${fboth}::INTEGER`);
    fast.effectifs_inconnus.push(`(NOT ${fboth} AND ${fjobsUnknown} AND ${value(e)} <> 0)::INTEGER`);
    fast.etablissements_inconnus.push(`(NOT ${fboth} AND NOT ${fjobsUnknown} AND ${festablishmentsUnknown})::INTEGER`);
    // Without its twin column, an empty cell is unknown ("vide"), counted as such.
    if (present.length === 1) fast.vides.push(`(${fblank(present[0])})::INTEGER`);
  }
  return { out, errors, slow, fast };
}
