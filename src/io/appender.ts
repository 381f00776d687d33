// DuckDB appender lifecycle for a loader: rows are appended as they are read (no intermediate arrays) and
// the appender is always closed, which flushes what was appended.
import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";

export async function withAppender<T>(db: DuckDBConnection, table: string, fn: (appender: DuckDBAppender) => Promise<T>): Promise<T> {
  const appender = await db.createAppender(table);
  try {
    return await fn(appender);
  } finally {
    appender.closeSync();
  }
}

/** Appends an INTEGER or NULL. */
export function appendIntOrNull(appender: DuckDBAppender, value: number | null): void {
  if (value === null) appender.appendNull();
  else appender.appendInteger(value);
}

/** Appends a DOUBLE or NULL. */
export function appendDoubleOrNull(appender: DuckDBAppender, value: number | null): void {
  if (value === null) appender.appendNull();
  else appender.appendDouble(value);
}

/** Appends a VARCHAR, NULL for an empty text. */
export function appendTextOrNull(appender: DuckDBAppender, value: string): void {
  if (value === "") appender.appendNull();
  else appender.appendVarchar(value);
}

/** A cell of fillTable: text, boolean, number, or NULL. */
export type TableCell = string | boolean | number | null;

/** A column of fillTable: its name and DuckDB type. */
export type TableColumns = Record<string, "VARCHAR" | "BOOLEAN" | "INTEGER" | "DOUBLE">;

/**
 * Creates (or replaces) the temporary table `table` with `columns` and fills it with `rows`: the small mapping tables
 * a loader builds in JavaScript for its SQL (one row per distinct code or text of a file).
 */
export async function fillTable(db: DuckDBConnection, table: string, columns: TableColumns, rows: Iterable<readonly TableCell[]>): Promise<void> {
  const types = Object.values(columns);
  await db.run(`CREATE OR REPLACE TEMP TABLE ${table} (${Object.entries(columns).map(([name, type]) => `${name} ${type}`).join(", ")})`);
  await withAppender(db, table, async (appender) => {
    for (const row of rows) {
      row.forEach((v, i) => {
        if (v === null) appender.appendNull();
        else if (types[i] === "BOOLEAN") appender.appendBoolean(v as boolean);
        else if (types[i] === "INTEGER") appender.appendInteger(v as number);
        else if (types[i] === "DOUBLE") appender.appendDouble(v as number);
        else appender.appendVarchar(v as string);
      });
      appender.endRow();
    }
    appender.flushSync();
  });
}
