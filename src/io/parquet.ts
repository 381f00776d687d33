// Parquet files (INSEE publishes the Sirene stock as Parquet beside its CSV): told by their magic bytes, their column
// names read by DuckDB.
import { open } from "node:fs/promises";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { LoadError } from "./problems.ts";

/** Parquet files start (and end) with the magic `PAR1`. */
export async function isParquet(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return bytesRead === 4 && buffer.toString("latin1") === "PAR1";
  } finally {
    await handle.close();
  }
}

/** The column names of a Parquet file (with a connection of its own when none is given), or LoadError. */
export async function parquetColumns(file: string, db?: DuckDBConnection): Promise<string[]> {
  const connection = db ?? (await (await DuckDBInstance.create(":memory:")).connect());
  try {
    // The path is bound (DuckDB reads a table function's arguments from parameters), never written into SQL text.
    const reader = await connection.runAndReadAll("SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet($file))", { file });
    return reader.getRowObjectsJS().map((r) => String(r.column_name));
  } catch (e) {
    throw new LoadError({ file, line: 1, column: "", message: `fichier Parquet illisible (${(e as Error).message.split("\n")[0]})` });
  } finally {
    if (!db) connection.closeSync();
  }
}
