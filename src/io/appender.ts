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
