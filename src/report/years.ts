// The years that get a report: from the territory's reference year to the latest year with a value from an official
// source (local follow-up, dated by its last update, does not open a year on its own).
// Used twice, with the same rule: by the site part (rapports.json) and by observablehq.config.ts (dynamicPaths, one
// page per year), which runs before any data loader: `reportYearsOfDataDir` computes the indicators of the data
// folder once and caches the years, keyed by the folder's path and the size and date of each of its files.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { IndicatorDeclaration, IndicatorRow } from "../indicators/types.ts";
import { FIRST_DATA_YEAR, lastDataYear } from "../io/values.ts";

export function isLocalDeclaration(d: IndicatorDeclaration): boolean {
  return d.source.tables.length > 0 && d.source.tables.every((t) => t.startsWith("local_"));
}

/**
 * Years of data never go past next year (src/io/values.ts, enforced by the loaders and the pipeline); the report
 * years are bounded here too, so that no value can make the build write thousands of pages.
 */
export function reportYears(rows: readonly IndicatorRow[], catalogue: readonly IndicatorDeclaration[], referenceYear: number, today: Date = new Date()): number[] {
  const official = new Set(catalogue.filter((d) => !isLocalDeclaration(d)).map((d) => d.id));
  const last = lastDataYear(today);
  let latest: number | null = null;
  for (const r of rows)
    if (r.valeur !== null && official.has(r.indicateur) && r.annee <= last && (latest === null || r.annee > latest)) latest = r.annee;
  if (latest === null || latest < referenceYear || referenceYear < FIRST_DATA_YEAR) return [];
  return Array.from({ length: latest - referenceYear + 1 }, (_, i) => referenceYear + i);
}

/** Path, size and modification time of every file of the data folder: changes whenever the data may change. */
export function dataSignature(dataDir: string): string {
  const root = path.resolve(dataDir);
  const hash = createHash("sha256").update(root);
  let entries: string[] = [];
  try {
    entries = readdirSync(root, { recursive: true, encoding: "utf8" }).sort();
  } catch {
    // no folder: the signature of an empty folder
  }
  for (const e of entries) {
    const st = statSync(path.join(root, e), { throwIfNoEntry: false });
    if (st?.isFile()) hash.update(`\n${e}\t${st.size}\t${st.mtimeMs}`);
  }
  return hash.digest("hex");
}

export const DEFAULT_CACHE_DIR = path.resolve(import.meta.dirname, "../../node_modules/.cache/ti-rapports");

const CODE_DIRS = ["src", "loaders"].map((d) => path.resolve(import.meta.dirname, "../..", d));

/** The cache key: the data folder's files and the code that computes the indicators. */
export function cacheSignature(dataDir: string): string {
  return [dataDir, ...CODE_DIRS].map(dataSignature).join("");
}

/**
 * The report years of a data folder, computed with the real pipeline (about 3 s) unless cached for the same files
 * — data and code alike, so that a change of the catalogue or of a loader is never answered from a stale cache.
 */
export async function reportYearsOfDataDir(dataDir: string, cacheDir = DEFAULT_CACHE_DIR): Promise<number[]> {
  const signature = cacheSignature(dataDir);
  const cacheFile = path.join(cacheDir, "annees.json");
  try {
    const cached = JSON.parse(readFileSync(cacheFile, "utf8")) as { signature: string; annees: number[] };
    if (cached.signature === signature && Array.isArray(cached.annees)) return cached.annees;
  } catch {
    // no cache yet
  }
  // Imported here so that the configuration does not load DuckDB when the cache answers.
  const { loadDataFolder } = await import("../pipeline/load-data-folder.ts");
  const { computeIndicators, CATALOGUE } = await import("../indicators/index.ts");
  const folder = await loadDataFolder(dataDir);
  let annees: number[];
  try {
    const result = await computeIndicators(folder.db, folder.territory, { localDir: path.join(dataDir, "local"), files: folder.files });
    annees = reportYears(result.rows, CATALOGUE, folder.territory.referenceYear);
  } finally {
    folder.close();
  }
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cacheFile, JSON.stringify({ signature, annees }));
  } catch {
    // a read-only tree still builds, without the cache
  }
  return annees;
}

/** Framework dynamicPaths: one report page per year. */
export async function* reportPaths(dataDir: string): AsyncGenerator<string> {
  for (const y of await reportYearsOfDataDir(dataDir)) yield `/rapports/${y}`;
}
