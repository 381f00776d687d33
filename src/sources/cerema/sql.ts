// The Cerema rule (see loader.ts) in SQL, in two steps:
// 1. scan (src/sources/commune-scan.ts): one pass over the whole file (a relation from src/io/duckdb-input.ts:
//    `line, commune, c0, c1...`, one field per flow cell the loader reads); the rows of communes outside the territory
//    only counted, the others kept whole.
// 2. verdict: the kept rows' cells, one per (row, flow column), read through a mapping table that the project's one
//    implementation of the decimal rule fills (src/io/values.ts parseSignedDecimal, one row per distinct text); a row
//    is rejected on its first bad cell in the order of the columns (year, then total before destinations), else on
//    its commune code (rejected, outside, duplicate), else loaded with one row per flow year.

import { keptRowsSql, type CommuneScanTables } from "../commune-scan.ts";

/** A flow cell the loader reads: its field in the relation, its column as written, its year and destination. */
export interface FlowCell {
  field: string;
  column: string;
  year: number;
  /** null for the year's total (`nafYYartZZ`). */
  destination: string | null;
}

export interface CeremaTables extends CommuneScanTables {
  values: string;
  verdict: string;
  cells: string;
}

const text = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The kept rows' flow cells, long: line, position (order of the checks), column, year, destination, text. */
export function cellsSql(t: CeremaTables, flows: readonly FlowCell[]): string {
  const list = flows.map((c, i) => `{pos: ${i}, col: ${text(c.column)}, year: ${c.year}, dest: ${c.destination === null ? "NULL::VARCHAR" : text(c.destination)}, raw: ${c.field}}`);
  return `CREATE OR REPLACE TEMP TABLE ${t.cells} AS
    SELECT line, cell.pos, cell.col, cell.year, cell.dest, cell.raw
    FROM (SELECT line, unnest([${list.join(", ")}]) AS cell FROM (${keptRowsSql(t.scan, flows.map((c) => c.field))}))`;
}

/**
 * Step 2: each kept row's outcome (`status`: outside, rejected, duplicate, loaded) with its rejection (column, value,
 * reason). `residualMax`: the largest negative destination read as the producer's rounding residual.
 */
export function verdictSql(t: CeremaTables, communeColumn: string, residualMax: number): string {
  const why = `CASE WHEN NOT v.ok THEN v.reason
      WHEN v.value < 0 AND c.dest IS NULL THEN ${text("valeur négative : un flux total de consommation ne peut pas être négatif")}
      WHEN v.value < -${residualMax} THEN ${text(`valeur négative au-delà d'un résidu d'arrondi du producteur (-${residualMax} m² au plus)`)} END`;
  return `CREATE OR REPLACE TEMP TABLE ${t.verdict} AS
  WITH bad AS (
    SELECT line, arg_min({col: c.col, val: c.raw, why: ${why}}, c.pos) FILTER (WHERE ${why} IS NOT NULL) AS rejection
    FROM ${t.cells} c JOIN ${t.values} v ON v.raw = c.raw GROUP BY line),
  rows AS (
    SELECT k.line, k.commune AS commune_raw, m.ok AS commune_ok, m.code, m.source, m.member, m.departement, NULL::VARCHAR AS retraction,
      CASE WHEN NOT m.ok THEN {col: ${text(communeColumn)}, val: k.commune, why: m.reason} WHEN m.member THEN b.rejection END AS rejection
    FROM (${keptRowsSql(t.scan, ["commune"])}) k
    JOIN ${t.communes} m ON m.raw = k.commune LEFT JOIN bad b ON b.line = k.line),
  valid AS (SELECT line, min(line) OVER (PARTITION BY source) AS first_line FROM rows WHERE rejection IS NULL AND member)
  SELECT r.*, v.first_line,
    CASE WHEN r.commune_ok AND NOT r.member THEN 'outside' WHEN r.rejection IS NOT NULL THEN 'rejected'
         WHEN v.first_line < r.line THEN 'duplicate' ELSE 'loaded' END AS status
  FROM rows r LEFT JOIN valid v ON v.line = r.line`;
}

/** The loaded rows, one per flow year, into table `cerema`. */
export function insertSql(t: CeremaTables, destinations: readonly string[], newest: number): string {
  return `INSERT INTO cerema
    SELECT r.code, c.year, ${newest}, max(v.value) FILTER (WHERE c.dest IS NULL),
      ${destinations.map((d) => `max(v.value) FILTER (WHERE c.dest = ${text(d)})`).join(", ")}, $file
    FROM ${t.verdict} r JOIN ${t.cells} c ON c.line = r.line JOIN ${t.values} v ON v.raw = c.raw
    WHERE r.status = 'loaded' GROUP BY r.line, r.code, c.year ORDER BY r.line, c.year`;
}
