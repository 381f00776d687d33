// The report years of a data folder as the site's build computed them: read from the cached evaluation
// (src/site/cached-bundle.ts), so that the configuration's dynamic paths, the data loader and `ti report` share one
// computation. (The rule itself is src/evaluation/report-years.ts.)
import path from "node:path";
import { siteData } from "./cached-bundle.ts";

export const DEFAULT_CACHE_DIR = path.resolve(import.meta.dirname, "../../node_modules/.cache/ti-rapports");

/**
 * The report years of a data folder: those of its evaluation, which the site's build caches (src/site/cached-bundle.ts)
 * for the same files, data and code alike: the configuration's dynamic paths, the data loader and `ti report` share
 * one computation.
 */
export async function reportYearsOfDataDir(dataDir: string, cacheDir?: string): Promise<number[]> {
  return (await siteData(dataDir, cacheDir ? { cacheDir } : {})).years;
}

/** Framework dynamicPaths: one report page per year. */
export async function* reportPaths(dataDir: string): AsyncGenerator<string> {
  for (const y of await reportYearsOfDataDir(dataDir)) yield `/rapports/${y}`;
}
