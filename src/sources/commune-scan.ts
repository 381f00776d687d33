// The first step of a communal file's rule in SQL (DARES, Cerema, Cartofriches): one pass over the whole file, joined
// to the commune codes (commune-codes.ts). A row whose commune code is, as written, a commune outside the territory is
// only counted, by commune; every other row (the territory's, and those whose code the table does not hold as
// written: spaces, a lost leading zero, an unknown code) is kept whole, keyed by its line, for the loader's rule. Then
// the codes are resolved by the project's one rule (CommuneResolver, which counts them for its notes) into a mapping
// table.
import type { DuckDBConnection } from "@duckdb/node-api";
import { fillTable } from "../io/appender.ts";
import type { CommuneResolver } from "../io/communes.ts";
import { departementOfCommune } from "../io/reference.ts";
import { duplicateReason, type ReportBuilder } from "../io/report.ts";
import { withJoinAsWritten } from "../db/join-order.ts";
import type { Relation } from "../db/read-csv.ts";
import { rowsOf } from "../db/rows.ts";

export interface CommuneScanTables {
  /** The commune codes (writeCommuneCodes). */
  codes: string;
  /** The scan: key (-line for a kept row, else the commune's id), n, first_line, the fields (NULL outside). */
  scan: string;
  /** The kept rows' codes resolved: raw, ok, code, source, member, arrondissement, departement, reason. */
  communes: string;
}

/**
 * Scans `relation` (line, commune, the other fields; never NULL) into `tables.scan`: a kept row is its own group
 * carrying its fields; the rows of a commune outside the territory are counted by commune, with their first line
 * (the order of the notes). The join runs as written: the codes are the hash table, the file streams through it.
 * `outsideValues`: fields of which the rows counted outside keep their distinct texts, a list per commune in column
 * `outside_<field>` (a loader's rule that reads every row, e.g. Cartofriches' vintage: the file's newest update date).
 * Returns how many records were scanned.
 */
export async function scanCommuneRows(
  db: DuckDBConnection,
  relation: Relation,
  tables: CommuneScanTables,
  fields: readonly string[],
  outsideValues: readonly string[] = [],
): Promise<number> {
  const lists = outsideValues.map((f) => `, list(DISTINCT ${f}) FILTER (WHERE NOT kept) AS outside_${f}`).join("");
  await withJoinAsWritten(db, () =>
    db.run(`CREATE OR REPLACE TEMP TABLE ${tables.scan} AS
      SELECT key, n, first_line, ${fields.map((f) => `fields.${f} AS ${f}`).join(", ")}${outsideValues.map((f) => `, outside_${f}`).join("")}
      FROM (
        SELECT CASE WHEN kept THEN -line ELSE commune_id END AS key, count(*) AS n, min(line) AS first_line,
          any_value(CASE WHEN kept THEN {${fields.map((f) => `${f}: ${f}`).join(", ")}} END) AS fields${lists}
        FROM (SELECT src.*, u.id AS commune_id, u.member IS NOT FALSE AS kept
              FROM (${relation.sql}) AS src LEFT JOIN ${tables.codes} AS u ON u.code = src.commune)
        GROUP BY 1)`, relation.params),
  );
  const [total] = (await db.runAndReadAll(`SELECT coalesce(sum(n), 0) AS n FROM ${tables.scan}`)).getRowObjectsJS();
  return Number(total!.n);
}

/** The distinct texts of some fields of the scan's kept rows (for a mapping table filled in JavaScript). */
export async function distinctKeptTexts(db: DuckDBConnection, scan: string, fields: readonly string[]): Promise<string[]> {
  return (await rowsOf(db, `SELECT DISTINCT v FROM (SELECT unnest([${fields.join(", ")}]) AS v FROM ${scan} WHERE key < 0)`)).map((r) => String(r.v));
}

/** The kept rows of the scan: line and fields. */
export const keptRowsSql = (scan: string, fields: readonly string[]) => `SELECT -key AS line, ${fields.join(", ")} FROM ${scan} WHERE key < 0`;

/** How a loader's rule reads the commune codes (resolveScannedCommunes). */
export interface CommuneReading {
  /** The text of a kept row's code the resolver is given (default: as written; Cartofriches: `NA` is no code). */
  code?: (raw: string) => string;
  /** Whether the report records where the rows speak (FileReport.coverage); default true. */
  coverage?: boolean;
}

/**
 * Counts the rows outside the territory into the report (by département), resolves every code a note speaks of with
 * `resolver` in the order of the file (old codes of outside rows, every code of the kept rows: the note lists the
 * first ten old codes), and writes the kept rows' codes into `tables.communes` (keyed by the code as written).
 */
export async function resolveScannedCommunes(
  db: DuckDBConnection,
  tables: CommuneScanTables,
  resolver: CommuneResolver,
  report: ReportBuilder,
  reading: CommuneReading = {},
): Promise<void> {
  const outside = `${tables.scan} AS s JOIN ${tables.codes} AS u ON u.id = s.key`;
  for (const g of (await db.runAndReadAll(`SELECT u.departement, sum(s.n) AS n FROM ${outside} GROUP BY 1 ORDER BY 1`)).getRowObjectsJS()) {
    if (reading.coverage !== false) report.sawCommune(0, "", String(g.departement), false, Number(g.n));
    report.outside(Number(g.n));
  }
  const codes = (
    await db.runAndReadAll(`
      SELECT u.code AS raw, sum(s.n) AS n, min(s.first_line) AS first, false AS kept FROM ${outside} WHERE u.current <> u.code GROUP BY 1
      UNION ALL SELECT commune, count(*), min(line), true FROM (${keptRowsSql(tables.scan, ["commune"])}) GROUP BY 1
      ORDER BY first`)
  ).getRowObjectsJS();
  const kept: (string | boolean | null)[][] = [];
  for (const c of codes) {
    const raw = String(c.raw);
    const r = resolver.resolve(c.kept === true && reading.code ? reading.code(raw) : raw, Number(c.n));
    if (c.kept !== true) continue;
    kept.push(r.kind === "ok" ? [raw, true, r.code, r.source, r.member, r.arrondissement, departementOfCommune(r.code), null] : [raw, false, null, null, null, null, null, r.reason]);
  }
  await fillTable(
    db,
    tables.communes,
    { raw: "VARCHAR", ok: "BOOLEAN", code: "VARCHAR", source: "VARCHAR", member: "BOOLEAN", arrondissement: "BOOLEAN", departement: "VARCHAR", reason: "VARCHAR" },
    kept,
  );
}

/** Reports the kept rows whose commune was understood (coverage): grouped, in the territory or not. */
export async function reportKeptCommunes(db: DuckDBConnection, verdict: string, report: ReportBuilder): Promise<void> {
  for (const g of (await db.runAndReadAll(`SELECT code, departement, member, count(*) AS n FROM ${verdict} WHERE commune_ok GROUP BY ALL ORDER BY ALL`)).getRowObjectsJS())
    report.sawCommune(0, String(g.code), String(g.departement), Boolean(g.member), Number(g.n));
}

/**
 * Copies the outcome of each kept row into the report. `verdict` has, per kept row: line, code, departement, member,
 * commune_raw, status (`outside`, `loaded`, `rejected`, `duplicate` of `first_line`, `superseded`: loaded then
 * retracted, a redundant row, with `retraction` its reason) and `rejection` {col, val, why}. Each rejection of a
 * territory commune's row is charged to it; a duplicate names the commune column and the first line.
 */
export async function reportVerdict(db: DuckDBConnection, verdict: string, report: ReportBuilder, communeColumn: string): Promise<void> {
  await reportKeptCommunes(db, verdict, report);
  const outcome = Object.fromEntries((await db.runAndReadAll(`SELECT status, count(*) AS n FROM ${verdict} GROUP BY 1`)).getRowObjectsJS().map((r) => [String(r.status), Number(r.n)]));
  report.outside(outcome.outside ?? 0);
  report.loaded((outcome.loaded ?? 0) + (outcome.superseded ?? 0));
  const rejected = await db.runAndReadAll(`
    SELECT line, code, departement, member, commune_raw, status, first_line, rejection.col AS col, rejection.val AS val, rejection.why AS why,
      retraction
    FROM ${verdict} WHERE status IN ('rejected', 'duplicate', 'superseded') ORDER BY line`);
  for (const r of rejected.getRowObjectsJS()) {
    const line = Number(r.line);
    if (r.status === "superseded") {
      report.retract(line, communeColumn, String(r.commune_raw), String(r.retraction));
      continue;
    }
    if (r.member === true) report.sawCommune(line, String(r.code), String(r.departement), true, 0);
    if (r.status === "duplicate") report.reject(line, communeColumn, String(r.commune_raw), duplicateReason(Number(r.first_line)));
    else report.reject(line, String(r.col), String(r.val), String(r.why));
  }
}
