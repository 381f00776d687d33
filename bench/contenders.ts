// What each contender of the benchmark does, run inside its own child process (bench/worker.ts) so that
// its peak memory is its own. Every contender builds its territory and an in-memory DuckDB with the
// canonical schema before the clock starts, so the memory floor (Node, tsx, DuckDB, communes.json) is the
// same for all; the timed part is the ingestion alone.
import { readFileSync } from "node:fs";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { SCHEMA } from "../src/db/schema.ts";
import { detectSource } from "../src/sources/detect.ts";
import { computeReferences } from "../src/references/index.ts";
import type { Territory } from "../src/territory/territory.ts";
import { nationalHeader, YEARS } from "../src/sources/urssaf/national-generator.ts";
import { benchTerritory, TERRITORY_LABELS, type BenchTerritoryId } from "./territories.ts";

export type ContenderKind = "chargeur" | "chargeur-niveaux" | "duckdb-count" | "duckdb-unpivot";

export interface Contender {
  id: string;
  /** Short name in the table (a, b, c1...), also used in the reference column. */
  code: string;
  label: string;
  kind: ContenderKind;
  territory: BenchTerritoryId;
  /** The DuckDB contender doing the same work, against which time and memory ratios are computed. */
  reference: string | null;
}

export const CONTENDERS: readonly Contender[] = [
  { id: "chargeur-defaut", code: "a", label: `Chargeur URSSAF, ${TERRITORY_LABELS.defaut}`, kind: "chargeur", territory: "defaut", reference: "duckdb-unpivot-defaut" },
  {
    id: "chargeur-niveaux-defaut",
    code: "a2",
    label: `Chargeur URSSAF + tous les niveaux (département, région, France, Territoires d'industrie, décomposition, comparables), ${TERRITORY_LABELS.defaut}`,
    kind: "chargeur-niveaux",
    territory: "defaut",
    reference: "chargeur-defaut",
  },
  { id: "chargeur-aisne-somme", code: "b", label: `Chargeur URSSAF, ${TERRITORY_LABELS["aisne-somme"]}`, kind: "chargeur", territory: "aisne-somme", reference: "duckdb-unpivot-aisne-somme" },
  { id: "duckdb-count", code: "c1", label: "DuckDB read_csv, count(*)", kind: "duckdb-count", territory: "defaut", reference: null },
  { id: "duckdb-unpivot-defaut", code: "c2", label: `DuckDB read_csv + UNPIVOT, ${TERRITORY_LABELS.defaut}`, kind: "duckdb-unpivot", territory: "defaut", reference: "duckdb-count" },
  {
    id: "duckdb-unpivot-aisne-somme",
    code: "c3",
    label: `DuckDB read_csv + UNPIVOT, ${TERRITORY_LABELS["aisne-somme"]}`,
    kind: "duckdb-unpivot",
    territory: "aisne-somme",
    reference: "duckdb-count",
  },
];

/** What a child process reports. Counts are null when the contender cannot know them. */
export interface RunResult {
  contender: string;
  /** Wide rows (commune x APE) read from the file. */
  rowsRead: number | null;
  /** Long rows (commune x APE x year) in table urssaf after the run. */
  rowsLoaded: number | null;
  /** Sum of effectifs loaded: a cross-check that the loader and DuckDB load the same thing. */
  jobsTotal: number | null;
  rejections: number | null;
  seconds: number;
  /** CPU time (user + system, every thread of the process) of the timed part: less sensitive than wall time to a busy machine. */
  cpuSeconds: number;
  /** Peak resident set size of the whole child process (process.resourceUsage().maxRSS), in MiB. */
  peakRssMb: number;
  /** VmHWM of /proc/self/status in MiB (same measure read from the kernel), null off Linux. */
  vmHwmMb: number | null;
  /** RSS just before the timed part (Node, tsx, DuckDB, territory): the floor every contender shares. */
  startRssMb: number;
  /** DuckDB's settings in the child (the same defaults for every contender): threads, memory_limit, preserve_insertion_order. */
  duckdbSettings?: string;
}

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** read_csv with every column typed as the official format says (no sniffing: commune codes stay text). */
export function readCsvSql(file: string): string {
  const columns = nationalHeader()
    .map((name) => `${sqlString(name)}: '${/_(\d{4})$/.test(name) ? "INTEGER" : "VARCHAR"}'`)
    .join(", ");
  return `read_csv(${sqlString(file)}, delim = ';', quote = '"', escape = '"', header = true, auto_detect = false, columns = {${columns}})`;
}

/**
 * The same work as the loader, in SQL: territory's rows, long by year, dotted APE code, and the loader's rule on
 * empty cells (both empty = no establishment: 0 and 0; one empty beside a written one = NULL; 0 establishments = 0 jobs).
 */
export function unpivotSql(file: string): string {
  const pairs = YEARS.map((y) => `(nombre_d_etablissements_${y}, effectifs_salaries_${y}) AS "${y}"`).join(", ");
  return `INSERT INTO urssaf
SELECT code_commune, substr(code_ape, 1, 2) || '.' || substr(code_ape, 3), CAST(annee AS INTEGER),
       CASE WHEN etablissements IS NULL AND effectifs IS NULL THEN 0 ELSE etablissements END,
       CASE WHEN etablissements IS NULL AND effectifs IS NULL THEN 0 WHEN etablissements = 0 THEN coalesce(effectifs, 0) ELSE effectifs END,
       ${sqlString(file)}
FROM (SELECT * FROM ${readCsvSql(file)} WHERE code_commune IN (SELECT code FROM communes))
UNPIVOT INCLUDE NULLS ((etablissements, effectifs) FOR annee IN (${pairs}))`;
}

async function fillCommunes(db: DuckDBConnection, territory: Territory): Promise<void> {
  const appender = await db.createAppender("communes");
  for (const c of territory.communes) {
    appender.appendVarchar(c.code);
    appender.appendVarchar(c.nom);
    appender.appendVarchar(c.departement);
    appender.appendVarchar(c.epci);
    if (c.population === null) appender.appendNull();
    else appender.appendInteger(c.population);
    appender.endRow();
  }
  appender.closeSync();
}

async function scalar(db: DuckDBConnection, sql: string): Promise<number | null> {
  const value = (await db.runAndReadAll(sql)).getRows()[0]?.[0];
  return value === null || value === undefined ? null : Number(value);
}

const mb = (kib: number) => kib / 1024;

function vmHwmMb(): number | null {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    return m ? mb(Number(m[1])) : null;
  } catch {
    return null;
  }
}

/** Runs one contender in this process and returns its measures. */
export async function runContender(contender: Contender, file: string): Promise<RunResult> {
  const territory = await benchTerritory(contender.territory);
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  await db.run(SCHEMA);
  await fillCommunes(db, territory);
  const settings = (await db.runAndReadAll(
    "SELECT current_setting('threads') || ' fils, memory_limit ' || current_setting('memory_limit') || ', preserve_insertion_order ' || current_setting('preserve_insertion_order')",
  )).getRows()[0]?.[0];
  const startRssMb = process.memoryUsage().rss / 1024 / 1024;

  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let rowsRead: number | null = null;
  let rejections: number | null = null;
  if (contender.kind === "chargeur" || contender.kind === "chargeur-niveaux") {
    const { loader } = await detectSource(file);
    const report = await loader.load(file, { db, territory });
    rowsRead = report.rowsRead;
    rejections = report.rejections.length;
    // The loader aggregates every level in its pass; the reference levels, the decomposition and the comparables are
    // then computed from that compact table (what `ti compute` does on top of the territory's indicators).
    if (contender.kind === "chargeur-niveaux") await computeReferences(db, territory);
  } else if (contender.kind === "duckdb-count") {
    rowsRead = await scalar(db, `SELECT count(*) FROM ${readCsvSql(file)}`);
  } else {
    await db.run(unpivotSql(file));
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  // Peaks read right after the timed part: the cross-check queries below must not count.
  const peakRssMb = mb(process.resourceUsage().maxRSS);
  const hwm = vmHwmMb();

  const counted = contender.kind !== "duckdb-count";
  const result: RunResult = {
    contender: contender.id,
    rowsRead,
    rowsLoaded: counted ? await scalar(db, "SELECT count(*) FROM urssaf") : null,
    jobsTotal: counted ? await scalar(db, "SELECT coalesce(sum(effectifs), 0) FROM urssaf") : null,
    rejections,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb,
    vmHwmMb: hwm,
    startRssMb,
    duckdbSettings: String(settings),
  };
  db.closeSync();
  instance.closeSync();
  return result;
}
