// Reading a query's result in a loader: its rows as plain objects, and a count read from them.
import type { DuckDBConnection } from "@duckdb/node-api";

/** The rows of `sql` (bound with `params`) as objects. */
export async function rowsOf(db: DuckDBConnection, sql: string, params: Record<string, string> = {}): Promise<Record<string, unknown>[]> {
  return (await db.runAndReadAll(sql, params)).getRowObjectsJS() as Record<string, unknown>[];
}

/** A count of rows read from a result (BIGINT, or NULL for the sum of no rows: none). */
export const countOf = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
