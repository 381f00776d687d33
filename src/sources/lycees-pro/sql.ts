// The vocational-schools rule (see loader.ts) in SQL, in three steps:
// 1. rows: the whole file (a relation from src/io/duckdb-input.ts: the fields read) copied once into a temporary
//    table: every row is checked (year and UAI come before the place), and the national file is some hundred
//    thousand rows.
// 2. mapping tables, filled in JavaScript by the project's one implementation of each rule, one row per distinct
//    value: texts (year, UAI and its département, counts, trimmed MEF and labels), then the places (commune code,
//    name, département as written, with the UAI's département) of the rows whose year and UAI are valid, then the
//    commune codes those places give. The places and codes are read in the order of their first row: the notes
//    (merged communes, examples, spellings) name them as the row-by-row rule did.
// 3. verdict: each row's outcome (`status`: outside, rejected, duplicate, loaded) in the order the rule checks: year,
//    UAI, place (outside or rejected), commune code (rejected or outside), pupils, duplicate (same year, UAI and MEF as
//    an earlier row that passed every other check).

/** The fields the loader reads (the name the relation gives each). */
export const NAMES = ["year", "uai", "mef", "label", "pupils", "code", "name", "dep"] as const;
export type Field = (typeof NAMES)[number];

/** Temporary tables of one load. */
export interface LyceesTables {
  rows: string;
  years: string;
  uais: string;
  counts: string;
  texts: string;
  places: string;
  communes: string;
  verdict: string;
}

/** The columns the rejections name, and the French reasons of the checks written in SQL. */
export interface VerdictTexts {
  year: string;
  uai: string;
  pupils: string;
  badYear: string;
  badUai: string;
}

const text = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Step 1: the file's relation kept as the table `rows` (line + fields). */
export const rowsSql = (t: LyceesTables, relation: string) => `CREATE OR REPLACE TEMP TABLE ${t.rows} AS ${relation}`;

/** The distinct texts of some fields of every row. */
export const distinctSql = (t: LyceesTables, fields: readonly Field[]) =>
  `SELECT DISTINCT v FROM (SELECT unnest([${fields.join(", ")}]) AS v FROM ${t.rows})`;

/**
 * The distinct places of the rows that pass the year and UAI checks (the rule looks no further for the others): the
 * location cells as written and the UAI's département ('' when it tells none), with their rows, by first row.
 */
export const placesSql = (t: LyceesTables) => `
  SELECT s.code, s.name, s.dep, u.departement AS uai_dep, count(*) AS n, min(s.line) AS first
  FROM ${t.rows} s JOIN ${t.years} y ON y.raw = s.year JOIN ${t.uais} u ON u.raw = s.uai
  WHERE y.year IS NOT NULL AND u.ok
  GROUP BY ALL ORDER BY first`;

/** The commune codes the places give, with their rows, by first row (the order of the merged-commune note). */
export const placeCodesSql = (t: LyceesTables) => `
  SELECT code, sum(n) AS n, min(first) AS first FROM ${t.places} WHERE kind = 'code' GROUP BY code ORDER BY first`;

/** Step 3: every row with its outcome, its rejection (column, value, reason) and the first line of its key. */
export function verdictSql(t: LyceesTables, texts: VerdictTexts): string {
  return `CREATE OR REPLACE TEMP TABLE ${t.verdict} AS
  WITH passed AS (
    SELECT s.line, s.code, s.name, s.dep, u.departement AS uai_dep
    FROM ${t.rows} s JOIN ${t.years} y ON y.raw = s.year JOIN ${t.uais} u ON u.raw = s.uai
    WHERE y.year IS NOT NULL AND u.ok),
  -- Joins on equalities only: a condition on another table in a LEFT JOIN's ON makes DuckDB loop over both sides.
  located AS (
    SELECT a.line, p.kind, p.col AS place_col, p.val AS place_val, p.why AS place_why, p.code AS place_code,
      m.ok AS commune_ok, m.code, m.member, m.departement, m.reason AS commune_reason
    FROM passed a
    JOIN ${t.places} p ON p.code_raw = a.code AND p.name_raw = a.name AND p.dep_raw = a.dep AND p.uai_dep = a.uai_dep
    LEFT JOIN ${t.communes} m ON m.raw = p.code),
  r AS (
    SELECT s.line, y.trimmed AS year_text, y.year, u.uai, u.ok AS uai_ok, l.* EXCLUDE (line),
      s.pupils AS pupils_text, n.ok AS pupils_ok, n.value AS pupils, n.missing, n.reason AS pupils_reason,
      mef.trimmed AS mef, label.trimmed AS label
    FROM ${t.rows} s
    JOIN ${t.years} y ON y.raw = s.year
    JOIN ${t.uais} u ON u.raw = s.uai
    LEFT JOIN located l ON l.line = s.line
    JOIN ${t.counts} n ON n.raw = s.pupils
    JOIN ${t.texts} mef ON mef.raw = s.mef
    JOIN ${t.texts} label ON label.raw = s.label),
  checked AS (
    SELECT *, CASE
        WHEN year IS NULL THEN 'year'
        WHEN NOT uai_ok THEN 'uai'
        WHEN kind = 'outside' THEN 'outside'
        WHEN kind = 'rejected' THEN 'place'
        WHEN NOT commune_ok THEN 'commune'
        WHEN NOT member THEN 'outside'
        WHEN NOT pupils_ok THEN 'pupils'
      END AS failed
    FROM r),
  valid AS (SELECT line, min(line) OVER (PARTITION BY year, uai, mef) AS first_line FROM checked WHERE failed IS NULL)
  SELECT c.*, v.first_line,
    CASE c.failed
      WHEN 'year' THEN {col: ${text(texts.year)}, val: c.year_text, why: ${text(texts.badYear)}}
      WHEN 'uai' THEN {col: ${text(texts.uai)}, val: c.uai, why: ${text(texts.badUai)}}
      WHEN 'place' THEN {col: c.place_col, val: c.place_val, why: c.place_why}
      WHEN 'commune' THEN {col: c.place_col, val: c.place_code, why: c.commune_reason}
      WHEN 'pupils' THEN {col: ${text(texts.pupils)}, val: c.pupils_text, why: c.pupils_reason}
    END AS rejection,
    CASE WHEN c.failed = 'outside' THEN 'outside' WHEN c.failed IS NOT NULL THEN 'rejected'
         WHEN v.first_line < c.line THEN 'duplicate' ELSE 'loaded' END AS status
  FROM checked c LEFT JOIN valid v ON v.line = c.line`;
}

/** The loaded rows into table `lycees_pro`, in the order of the file (an empty MEF or label is NULL). */
export const insertSql = (t: LyceesTables) => `INSERT INTO lycees_pro
  SELECT year, uai, code, nullif(mef, ''), nullif(label, ''), pupils, $file FROM ${t.verdict} WHERE status = 'loaded' ORDER BY line`;
