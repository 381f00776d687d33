// The timed part of a contender in its child process: wall and CPU time, peak memory, and the counts it gives.
import { readFileSync } from "node:fs";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { SCHEMA } from "../src/db/schema.ts";
import { detectSource } from "../src/sources/detect.ts";
import { writeCommuneCodes } from "../src/sources/commune-codes.ts";
import type { RunResult } from "./contenders.ts";
import { benchTerritory, type BenchTerritoryId } from "./territories.ts";

const mb = (kib: number) => kib / 1024;

/** VmHWM of /proc/self/status in MiB (the peak RSS as the kernel reports it), null off Linux. */
function vmHwmMb(): number | null {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    return m ? mb(Number(m[1])) : null;
  } catch {
    return null;
  }
}

export interface Counts {
  rowsRead: number;
  rowsLoaded: number;
  rejections: number | null;
}

/** Runs `work` (everything set up before: territory, DuckDB) and measures it. */
export async function measured(contender: string, work: () => Promise<Counts>): Promise<RunResult> {
  const startRssMb = process.memoryUsage().rss / 1024 / 1024;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const counts = await work();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return {
    contender,
    ...counts,
    jobsTotal: null,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb: mb(process.resourceUsage().maxRSS),
    vmHwmMb: vmHwmMb(),
    startRssMb,
  };
}

/**
 * One contender of a file bench (Sirene, DARES), set up then measured: the project's loader (detection + load, as
 * `ti compute` runs it), or DuckDB alone running `query` (the commune codes are in table `communes_connues`).
 */
export async function runFileContender(
  contender: { id: string; kind: "chargeur" | "duckdb"; territory: BenchTerritoryId },
  file: string,
  query: (db: DuckDBConnection) => Promise<Counts>,
): Promise<RunResult> {
  const territory = await benchTerritory(contender.territory);
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  await db.run(SCHEMA);
  if (contender.kind === "duckdb") await writeCommuneCodes(db, "communes_connues", territory);
  const result = await measured(contender.id, async () => {
    if (contender.kind === "duckdb") return query(db);
    const { loader } = await detectSource(file);
    const report = await loader.load(file, { db, territory });
    return { rowsRead: report.rowsRead, rowsLoaded: report.rowsLoaded, rejections: report.rejections.length };
  });
  db.closeSync();
  instance.closeSync();
  return result;
}

/** The first row of a query, as numbers. */
export async function scalars(db: DuckDBConnection, sql: string): Promise<number[]> {
  return ((await db.runAndReadAll(sql)).getRows()[0] ?? []).map((v) => Number(v));
}
