// How DuckDB joins a whole file read by read_csv or read_parquet to a small table: as the query writes it.
import type { DuckDBConnection } from "@duckdb/node-api";

/**
 * Runs `run` with a scan's join executed as written: the small table (the commune codes, some 40 000) is the hash table and
 * the file streams through it. DuckDB cannot estimate the size of read_csv behind row_number(), and otherwise builds
 * its hash table from the file: every row of a national file held in memory (measured: twice DuckDB's peak memory
 * and most of the time). The setting is global, so its earlier value is restored.
 */
export async function withJoinAsWritten<T>(db: DuckDBConnection, run: () => Promise<T>): Promise<T> {
  const setting = "build_side_probe_side";
  const before = String((await db.runAndReadAll("SELECT current_setting('disabled_optimizers') AS v")).getRowObjectsJS()[0]?.v ?? "");
  const disabled = before.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (disabled.includes(setting)) return run();
  await db.run(`SET disabled_optimizers = '${[...disabled, setting].join(",")}'`);
  try {
    return await run();
  } finally {
    await db.run(before === "" ? "RESET disabled_optimizers" : `SET disabled_optimizers = '${before}'`);
  }
}
