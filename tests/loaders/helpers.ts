// Shared set-up of the loader tests: an in-memory DuckDB with the canonical schema, the real territory.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { expect } from "vitest";
import { SCHEMA } from "../../src/db/schema.ts";
import { loadTerritory, type Territory } from "../../src/territory/territory.ts";
import type { FileReport } from "../../src/sources/types.ts";

export const FIXTURES = "tests/fixtures/loaders";
export const fixture = (path: string) => `${FIXTURES}/${path}`;

let territory: Territory | undefined;
export async function theTerritory(): Promise<Territory> {
  territory ??= await loadTerritory("data");
  return territory;
}

export async function freshDb(): Promise<DuckDBConnection> {
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(SCHEMA);
  return db;
}

/** Rows of a query as plain objects (BIGINT sums converted to numbers). */
export async function rows(db: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await db.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
}

/** The contract of every report: each row read is loaded, outside, or rejected. */
export function expectCountsAddUp(report: FileReport): void {
  expect(report.rowsRead).toBe(report.rowsLoaded + report.rowsOutside + report.rejections.length);
}

/** What a loader tells of a file, the file's name left out: counts (read, loaded, outside), vintage, rejections, notes, coverage. */
export const reportOutcome = (r: FileReport) => ({
  counts: [r.rowsRead, r.rowsLoaded, r.rowsOutside],
  vintage: r.vintage,
  years: r.years,
  rejections: r.rejections.map(({ line, column, value, reason }) => ({ line, column, value, reason })),
  notes: r.notes,
  coverage: r.coverage,
});

/** A writer of test files into `dir`: returns each file's path. */
export const fileWriter = (dir: string) => (name: string, content: string | Buffer): string => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};
