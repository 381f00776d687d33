// `npm run data:refresh`: downloads every official source of the territory, each independently (one
// failure never stops the others), through the cache, into data/sources/ and data/contours/, and records
// them in data/manifest.json.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadTerritory } from "../territory/territory.ts";
import { removeStaleParts } from "./atomic.ts";
import { assemble, fileSha256 } from "./assemble.ts";
import { DownloadCache, type CacheHit } from "./cache.ts";
import { buildCatalogue, selectDownloads, type Download } from "./catalogue.ts";
import { DownloadError, describe } from "./errors.ts";
import type { FetchOptions } from "./fetch-to-file.ts";
import { recordDownload, REFRESH_COMMAND, type DownloadedEntry } from "./manifest-update.ts";
import { startProgress, type ProgressSink } from "./progress.ts";
import { readDownloadSettings } from "./settings.ts";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_CACHE_DIR = path.join(projectRoot, ".cache", "telechargements");
export const DEFAULT_MAX_AGE_MS = 24 * 3600 * 1000;

export type RowStatus = "mis à jour" | "inchangé" | "inchangé (cache)" | "échec" | "non configurée";

export interface RefreshRow {
  id: string;
  label: string;
  target: string;
  status: RowStatus;
  /** French reason for a failure or a skipped source. */
  detail?: string;
  size?: number;
  sha256?: string;
  error?: DownloadError;
}

export interface RefreshOptions {
  dataDir: string;
  cacheDir?: string;
  /** File or source ids (--source); all when absent. */
  only?: string[];
  force?: boolean;
  maxAgeMs?: number;
  env?: NodeJS.ProcessEnv;
  fetch?: Pick<FetchOptions, "idleTimeoutMs" | "retries" | "retryDelayMs">;
  /** Where progress and notes go (stderr in the CLI); silent when absent. */
  progress?: ProgressSink;
  now?: () => Date;
  /** Overrides the number of commune codes per filtered request (tests exercise the split). */
  communesPerRequest?: number;
}

export interface RefreshResult {
  rows: RefreshRow[];
  /** 0 all refreshed, 2 some failed, 1 all failed (or nothing could be attempted). */
  exitCode: 0 | 1 | 2;
  /** Every attempted download failed because the network or the hosts could not be reached. */
  offline: boolean;
  removedDemo: string[];
}

export const OFFLINE_MESSAGE =
  "Réseau inaccessible : les données existantes de data/ restent utilisables ; relancez « npm run data:refresh » une fois en ligne.";

export async function refresh(options: RefreshOptions): Promise<RefreshResult> {
  const { dataDir } = options;
  const settings = await readDownloadSettings(dataDir, options.env ?? process.env);
  if (options.communesPerRequest) settings.communesPerRequest = options.communesPerRequest;
  const territory = await loadTerritory(dataDir);
  const { selected, unknown } = selectDownloads(buildCatalogue(territory, settings), options.only);
  if (unknown.length > 0)
    throw new DownloadError(`source inconnue : ${unknown.join(", ")} (voir « npm run data:refresh -- --liste »)`, "configuration", false);

  const cache = await DownloadCache.open(options.cacheDir ?? DEFAULT_CACHE_DIR);
  for (const dir of ["sources", "contours"]) await removeStaleParts(path.join(dataDir, dir));

  const rows: RefreshRow[] = [];
  const removedDemo: string[] = [];
  for (const download of selected) {
    const row = await refreshOne(download, cache, options);
    rows.push(row.row);
    removedDemo.push(...row.removedDemo);
  }

  const attempted = rows.filter((r) => r.status !== "non configurée");
  const failed = attempted.filter((r) => r.status === "échec");
  const offline = attempted.length > 0 && failed.length === attempted.length && failed.every((r) => r.error?.unreachable);
  const exitCode = attempted.length === 0 || failed.length === attempted.length ? 1 : failed.length > 0 ? 2 : 0;
  return { rows, exitCode, offline, removedDemo };
}

async function refreshOne(download: Download, cache: DownloadCache, options: RefreshOptions): Promise<{ row: RefreshRow; removedDemo: string[] }> {
  const base = { id: download.id, label: download.label, target: download.target };
  if (download.notConfigured) return { row: { ...base, status: "non configurée", detail: download.notConfigured }, removedDemo: [] };

  const dest = path.join(options.dataDir, ...download.target.split("/"));
  try {
    const hits: CacheHit[] = [];
    for (const [index, url] of download.urls.entries()) {
      const part = download.urls.length > 1 ? ` (partie ${index + 1}/${download.urls.length})` : "";
      const progress = options.progress ? startProgress(`${download.label}${part}`, options.progress) : undefined;
      try {
        hits.push(
          await cache.fetch(url, {
            ...options.fetch,
            gunzip: download.gunzip,
            force: options.force,
            maxAgeMs: options.maxAgeMs ?? DEFAULT_MAX_AGE_MS,
            now: options.now,
            onProgress: progress ? (received, total) => progress.update(received, total) : undefined,
            onRetry: (attempt, error) => options.progress?.write(`${download.id} : ${error.message} ; nouvel essai (${attempt})…\n`),
          }),
        );
      } finally {
        progress?.done();
      }
    }

    // Only now that every part is complete does anything under data/ change.
    const previous = await fileSha256(dest);
    const single = hits.length === 1 ? hits[0]!.entry : undefined;
    // A single cached file identical to the one in place: leave data/ untouched.
    const written =
      single && previous === single.sha256
        ? { size: single.taille, sha256: single.sha256, lines: single.lignes }
        : await assemble(
            hits.map((h) => h.file),
            dest,
            download.format,
          );
    const downloaded = hits.some((h) => h.origin === "telecharge");
    const status: RowStatus = previous !== written.sha256 ? "mis à jour" : downloaded ? "inchangé" : "inchangé (cache)";
    const entry: DownloadedEntry = {
      chemin: download.target,
      source: download.source,
      millesime: download.millesime,
      // Data lines of a CSV (header excluded; a quoted field spanning lines would count twice). The
      // loaders count rows exactly; this is only a hint for someone reading the manifest.
      lignes: download.format === "csv" ? Math.max(0, written.lines - 1) : 0,
      demonstration: false,
      url: download.urls[0]!,
      ...(download.urls.length > 1 ? { urls: download.urls } : {}),
      date: hits.map((h) => h.entry.date).sort().at(-1)!,
      taille: written.size,
      sha256: written.sha256,
      telecharge_par: REFRESH_COMMAND,
    };
    const { removedDemo } = await recordDownload(options.dataDir, entry);
    return { row: { ...base, status, size: written.size, sha256: written.sha256 }, removedDemo };
  } catch (e) {
    const error = e instanceof DownloadError ? e : new DownloadError(describe(e), "fichier", false);
    return { row: { ...base, status: "échec", detail: error.message, error }, removedDemo: [] };
  }
}
