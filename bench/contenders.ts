// What each contender of the benchmark does, run inside its own child process (bench/worker.ts) so that
// its peak memory is its own. Every contender builds its territory and an in-memory DuckDB with the
// canonical schema before the clock starts, so the memory floor (Node, tsx, DuckDB, communes.json) is the
// same for all; the timed part is the ingestion alone.
import { readFileSync } from "node:fs";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { SCHEMA } from "../src/db/schema.ts";
import { sqlString } from "../src/db/sql-literals.ts";
import { a38OfDivision } from "../src/geography/naf-a38.ts";
import { writeGeographyTables } from "../src/sources/urssaf/geography.ts";
import { UNKNOWN_SECTOR } from "../src/sources/urssaf/aggregator.ts";
import { detectSource } from "../src/sources/detect.ts";
import { computeReferences } from "../src/references/index.ts";
import type { Territory } from "../src/territory/territory.ts";
import { nationalHeader, YEARS } from "../src/sources/urssaf/national-generator.ts";
import { benchTerritory, TERRITORY_LABELS, type BenchTerritoryId } from "./territories.ts";

export type ContenderKind = "chargeur" | "chargeur-niveaux" | "duckdb-count" | "duckdb-unpivot" | "duckdb-agregats";

export interface Contender {
  id: string;
  /** Short name in the table (a, b, c1...), also used in the reference column. */
  code: string;
  label: string;
  kind: ContenderKind;
  territory: BenchTerritoryId;
  /** The DuckDB contender doing the same work, against which time and memory ratios are computed. */
  reference: string | null;
  /** Another contender the ratios are also given against, in a note under the table (a against c2). */
  alsoAgainst?: string;
}

export const CONTENDERS: readonly Contender[] = [
  {
    id: "chargeur-defaut",
    code: "a",
    label: `Chargeur URSSAF, ${TERRITORY_LABELS.defaut}`,
    kind: "chargeur",
    territory: "defaut",
    reference: "duckdb-agregats-defaut",
    alsoAgainst: "duckdb-unpivot-defaut",
  },
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
    id: "duckdb-agregats-defaut",
    code: "c4",
    label: `DuckDB read_csv + UNPIVOT + agrégats de tous les niveaux, ${TERRITORY_LABELS.defaut}`,
    kind: "duckdb-agregats",
    territory: "defaut",
    reference: "duckdb-count",
  },
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
  /** Totals of table urssaf_agregats per level, and the communes seen; null (or absent) when the contender does not write them. */
  aggregates?: AggregatesChecksum | null;
}

/** Totals of urssaf_agregats for one level, every year and sector summed: what the loader and c4 must agree on. */
export interface LevelTotals {
  niveau: string;
  /** Rows of urssaf_agregats (code_geo x year x sector). */
  lignes: number;
  etablissements: number | null;
  effectifs: number | null;
  inconnusEtablissements: number;
  inconnusEffectifs: number;
  /** Rows whose effectifs is NULL (no known cell): the rule « a sum with no known cell is NULL ». */
  effectifsNuls: number;
}

export interface AggregatesChecksum {
  niveaux: LevelTotals[];
  /** Rows of urssaf_communes_vues. */
  communesVues: number;
}

/** read_csv with every column typed as the official format says (no sniffing: commune codes stay text). */
export function readCsvSql(file: string): string {
  const columns = nationalHeader()
    .map((name) => `${sqlString(name)}: '${/_(\d{4})$/.test(name) ? "INTEGER" : "VARCHAR"}'`)
    .join(", ");
  return `read_csv(${sqlString(file)}, delim = ';', quote = '"', escape = '"', header = true, auto_detect = false, columns = {${columns}})`;
}

/**
 * The loader's rule on a year's pair of cells (both empty = no establishment: 0 and 0; one empty beside a written one
 * = NULL; 0 establishments = 0 jobs), as two SQL expressions over the establishments and jobs columns.
 */
function pairRuleSql(e: string, j: string): [string, string] {
  return [
    `CASE WHEN ${e} IS NULL AND ${j} IS NULL THEN 0 ELSE ${e} END`,
    `CASE WHEN ${e} IS NULL AND ${j} IS NULL THEN 0 WHEN ${e} = 0 THEN coalesce(${j}, 0) ELSE ${j} END`,
  ];
}

/** `code_ape` written with its dot, as table urssaf holds it (2511Z -> 25.11Z). */
const dottedApe = "substr(code_ape, 1, 2) || '.' || substr(code_ape, 3)";

/** The territory's rows of `from` (a relation with code_commune, code_ape and the year pairs as `pairs` names them), long by year into urssaf. */
function insertTerritoryRowsSql(from: string, pairs: string, select: (e: string, j: string) => [string, string], file: string): string {
  const [e, j] = select("etablissements", "effectifs");
  return `INSERT INTO urssaf
SELECT code_commune, ${dottedApe}, CAST(annee AS INTEGER), ${e}, ${j}, ${sqlString(file)}
FROM (SELECT * FROM ${from} WHERE code_commune IN (SELECT code FROM communes))
UNPIVOT INCLUDE NULLS ((etablissements, effectifs) FOR annee IN (${pairs}))`;
}

/**
 * The same work as the loader on the territory's rows, in SQL: territory's rows, long by year, dotted APE code, and
 * the loader's rule on empty cells (pairRuleSql).
 */
export function unpivotSql(file: string): string {
  const pairs = YEARS.map((y) => `(nombre_d_etablissements_${y}, effectifs_salaries_${y}) AS "${y}"`).join(", ");
  return insertTerritoryRowsSql(readCsvSql(file), pairs, pairRuleSql, file);
}

/** The table c4 reads the file into, once: the codes and each year's pair after pairRuleSql (e_YYYY, j_YYYY). */
const C4_ROWS = "c4_lignes";

/**
 * c4: the whole work of the loader in plain DuckDB, as a DuckDB user would write it. The file is read once into a
 * temporary table (typed read_csv, the pair rule applied), then: the territory's rows long by year into urssaf (as
 * c2), and every row (inside the territory or not) summed into urssaf_agregats by level x code x year x NA38 sector
 * (the sector of the APE code's division, ND when unknown; each row in every level of its commune; the sums of the
 * known cells, NULL when none, the unknown cells counted) and its commune into urssaf_communes_vues. The commune ->
 * levels mapping (u_codes, u_ensembles) and the division -> A38 table (c4_a38) are built in the clock
 * (setUpAggregates), as the loader builds them in its own. The rows are first summed by set of levels (u_codes.ensemble, the key of u_ensembles) x sector,
 * then each set's sums added to its levels: joining each of 1.2 million rows to its five to seven levels before
 * summing would multiply them. INCLUDE NULLS: UNPIVOT drops a row with a NULL value, here a set whose cells of a
 * year are all unknown (sum NULL), which must still count its unknown cells.
 */
export function aggregatesSql(file: string): string[] {
  const columns = YEARS.flatMap((y) => {
    const [e, j] = pairRuleSql(`nombre_d_etablissements_${y}`, `effectifs_salaries_${y}`);
    return [`${e} AS e_${y}`, `${j} AS j_${y}`];
  });
  const sums = YEARS.flatMap((y) => [`sum(e_${y}) AS se_${y}`, `count(e_${y}) AS ke_${y}`, `sum(j_${y}) AS sj_${y}`, `count(j_${y}) AS kj_${y}`]);
  const long = YEARS.map((y) => `(se_${y}, ke_${y}, sj_${y}, kj_${y}) AS '${y}'`).join(", ");
  const pairs = YEARS.map((y) => `(e_${y}, j_${y}) AS "${y}"`).join(", ");
  return [
    `CREATE OR REPLACE TEMP TABLE ${C4_ROWS} AS SELECT code_commune, code_ape, ${columns.join(", ")} FROM ${readCsvSql(file)}`,
    insertTerritoryRowsSql(C4_ROWS, pairs, (e, j) => [e, j], file),
    `INSERT INTO urssaf_agregats
WITH par_ensemble AS (
  SELECT g.ensemble, coalesce(s.secteur, ${sqlString(UNKNOWN_SECTOR)}) AS secteur, count(*) AS lignes, ${sums.join(", ")}
  FROM ${C4_ROWS} r JOIN u_codes g ON g.code = r.code_commune LEFT JOIN c4_a38 s ON s.division = substr(r.code_ape, 1, 2)
  GROUP BY ALL),
long AS (SELECT * FROM par_ensemble UNPIVOT INCLUDE NULLS ((se, ke, sj, kj) FOR annee IN (${long})))
SELECT l.niveau, l.code_geo, CAST(annee AS INTEGER), secteur, CAST(sum(se) AS DOUBLE), CAST(sum(sj) AS DOUBLE),
       CAST(sum(lignes - ke) AS INTEGER), CAST(sum(lignes - kj) AS INTEGER), ${sqlString(file)}
FROM long JOIN u_ensembles l USING (ensemble)
GROUP BY ALL`,
    `INSERT INTO urssaf_communes_vues SELECT DISTINCT g.courante, ${sqlString(file)} FROM ${C4_ROWS} r JOIN u_codes g ON g.code = r.code_commune`,
    `DROP TABLE ${C4_ROWS}`,
  ];
}

/**
 * c4's setup, outside the timed part like fillCommunes: the loader's geography tables (u_codes: commune code ->
 * current commune and its set of levels; u_ensembles: set -> levels; src/sources/urssaf/geography.ts), the one thing
 * SQL cannot know, and the NAF division -> A38 table of src/geography/naf-a38.ts. The loader builds the same
 * tables inside its timed part.
 */
export async function setUpAggregates(db: DuckDBConnection, territory: Territory): Promise<void> {
  await writeGeographyTables(db, territory);
  const divisions = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0")).flatMap((d) => {
    const a38 = a38OfDivision(d);
    return a38 ? [`('${d}', '${a38}')`] : [];
  });
  await db.run(`CREATE OR REPLACE TEMP TABLE c4_a38 AS SELECT * FROM (VALUES ${divisions.join(", ")}) t(division, secteur)`);
}

/** The totals of urssaf_agregats per level and the communes seen (RunResult.aggregates). */
export async function aggregatesChecksum(db: DuckDBConnection): Promise<AggregatesChecksum> {
  const reader = await db.runAndReadAll(`SELECT niveau, count(*), sum(etablissements), sum(effectifs), sum(inconnus_etablissements),
      sum(inconnus_effectifs), count(*) FILTER (WHERE effectifs IS NULL) FROM urssaf_agregats GROUP BY niveau ORDER BY niveau`);
  const n = (v: unknown) => (v === null ? null : Number(v));
  const niveaux = reader.getRows().map(([niveau, lignes, e, j, ie, ij, nuls]): LevelTotals => ({
    niveau: String(niveau),
    lignes: Number(lignes),
    etablissements: n(e),
    effectifs: n(j),
    inconnusEtablissements: Number(ie),
    inconnusEffectifs: Number(ij),
    effectifsNuls: Number(nuls),
  }));
  return { niveaux, communesVues: (await scalar(db, "SELECT count(*) FROM urssaf_communes_vues")) ?? 0 };
}

/** The territory's communes into table communes (c2 and c4 select the territory's rows with it), set up before the clock. */
export async function fillCommunes(db: DuckDBConnection, territory: Territory): Promise<void> {
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
  } else if (contender.kind === "duckdb-unpivot") {
    await db.run(unpivotSql(file));
  } else {
    // The geography tables (commune-code history, sets of levels) are built in the clock, as the loader builds them in
    // its own: the same work on both sides.
    await setUpAggregates(db, territory);
    for (const sql of aggregatesSql(file)) await db.run(sql);
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
    aggregates: contender.kind === "chargeur" || contender.kind === "chargeur-niveaux" || contender.kind === "duckdb-agregats" ? await aggregatesChecksum(db) : null,
  };
  db.closeSync();
  instance.closeSync();
  return result;
}
