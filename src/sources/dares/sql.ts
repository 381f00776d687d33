// The DARES rule (see loader.ts) in SQL, in two steps:
// 1. scan: one pass over the whole file (a relation from src/io/duckdb-input.ts). A row whose commune code is, as
//    written, a code of a commune outside the territory is only counted, by commune; every other row (the
//    territory's, and those whose code the commune table does not hold as written) is kept whole, keyed by its line.
// 2. verdict: the kept rows (the territory's few thousand in a national file) get their outcome, through mapping
//    tables that the project's one implementation of each rule fills in JavaScript, one row per distinct text
//    (commune history and arrondissements, quarter, kind of data, counts): outside, a rejection (line, column, value,
//    French reason), a duplicate, an arrondissement superseded by its city's row, or loaded.
import { keptRowsSql, type CommuneScanTables } from "../commune-scan.ts";

/** The fields the loader reads: the name the relation gives each, and its field key in the DARES header. */
export const FIELDS = {
  commune: "code_commune",
  date: "date",
  type: "type_de_donnees",
  category: "categorie",
  sex: "sexe",
  age: "tranche_d_age",
  count: "nombre_de_demandeurs_d_emploi",
} as const;
export type Field = keyof typeof FIELDS;
export const NAMES = Object.keys(FIELDS) as Field[];

/** Temporary tables of one load. */
export interface DaresTables extends CommuneScanTables {
  dates: string;
  texts: string;
  counts: string;
  verdict: string;
}

/** The names the rejections give the columns: as the file writes them (`Code commune` in a label export). */
export type ColumnNames = Record<Field, string>;

const text = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * Step 2: every kept row with its outcome (`status`), in the order the rule checks: commune (rejected or outside),
 * date, kind of data, empty key, count, duplicate (same commune as written, quarter, category, sex and age band as an
 * earlier row that passed every other check), arrondissement superseded (its city has its own row for that key), loaded.
 */
export function verdictSql(t: DaresTables, columns: ColumnNames, reasons: { date: string; adjusted: string; unknownKind: string }): string {
  const empty = (f: "category" | "sex" | "age") => `WHEN ${f} = '' THEN {col: ${text(columns[f])}, val: '', why: ${text(`valeur obligatoire absente (« ${columns[f]} »)`)}}`;
  return `CREATE OR REPLACE TEMP TABLE ${t.verdict} AS
  WITH k AS (${keptRowsSql(t.scan, NAMES)}),
  r AS (
    SELECT k.line, k.commune AS commune_raw, c.ok AS commune_ok, c.code, c.source, c.member, c.arrondissement, c.departement, c.reason AS commune_reason,
      k.date AS date_raw, d.year, d.quarter, ty.trimmed AS type_v, ty.kind, ca.trimmed AS category, se.trimmed AS sex, ag.trimmed AS age,
      k.count AS count_raw, n.ok AS count_ok, n.value, n.missing, n.reason AS count_reason
    FROM k
    JOIN ${t.communes} c ON c.raw = k.commune
    JOIN ${t.dates} d ON d.raw = k.date
    JOIN ${t.texts} ty ON ty.raw = k.type
    JOIN ${t.texts} ca ON ca.raw = k.category
    JOIN ${t.texts} se ON se.raw = k.sex
    JOIN ${t.texts} ag ON ag.raw = k.age
    JOIN ${t.counts} n ON n.raw = k.count),
  checked AS (
    SELECT *, CASE
        WHEN NOT commune_ok THEN {col: ${text(columns.commune)}, val: commune_raw, why: commune_reason}
        WHEN NOT member THEN NULL
        WHEN year IS NULL THEN {col: ${text(columns.date)}, val: date_raw, why: ${text(reasons.date)}}
        WHEN kind = 'adjusted' THEN {col: ${text(columns.type)}, val: type_v, why: ${text(reasons.adjusted)}}
        WHEN kind <> 'raw' THEN {col: ${text(columns.type)}, val: type_v, why: ${text(reasons.unknownKind)}}
        ${empty("category")} ${empty("sex")} ${empty("age")}
        WHEN NOT count_ok THEN {col: ${text(columns.count)}, val: count_raw, why: count_reason}
      END AS rejection,
      commune_ok AND NOT member AS outside
    FROM r),
  valid AS (
    SELECT *, min(line) OVER (PARTITION BY source, year, quarter, category, sex, age) AS first_line
    FROM checked WHERE rejection IS NULL AND NOT outside),
  unique_rows AS (SELECT * FROM valid WHERE line = first_line),
  city AS (
    SELECT code, year, quarter, category, sex, age, min(line) AS city_line FROM unique_rows WHERE source = code GROUP BY ALL)
  SELECT c.*, v.first_line, ct.city_line,
    'arrondissement municipal : la commune ' || c.code || ' est publiée en entier (ligne ' || ct.city_line || '), seule sa ligne est retenue' AS retraction,
    CASE WHEN c.outside THEN 'outside' WHEN c.rejection IS NOT NULL THEN 'rejected' WHEN v.first_line < c.line THEN 'duplicate'
         WHEN c.arrondissement AND ct.city_line IS NOT NULL THEN 'superseded' ELSE 'loaded' END AS status
  FROM checked c
  LEFT JOIN valid v ON v.line = c.line
  LEFT JOIN city ct ON ct.code = c.code AND ct.year = c.year AND ct.quarter = c.quarter
    AND ct.category = c.category AND ct.sex = c.sex AND ct.age = c.age`;
}
