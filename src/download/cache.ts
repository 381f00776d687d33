// The download cache (default .cache/telechargements/, ignored by git): one file per URL plus an
// index.json recording, for each URL, when it was fetched, its size and sha256, and the validators the
// server gave (ETag, Last-Modified). A later refresh reuses a recent copy without any request, or
// revalidates an older one with a conditional request, and downloads only what changed.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { removeStaleParts, writeTextAtomically } from "./atomic.ts";
import { DownloadError } from "./errors.ts";
import { fetchToFile, type FetchOptions } from "./fetch-to-file.ts";

export interface CacheEntry {
  url: string;
  /** When the current content was downloaded (ISO 8601). */
  date: string;
  /** When the server last confirmed the content (download or 304), ISO 8601: max-age counts from here. */
  verifie_le: string;
  taille: number;
  sha256: string;
  etag?: string;
  last_modified?: string;
  /** File name inside the cache folder. */
  fichier: string;
  lignes: number;
}

interface CacheIndex {
  version: 1;
  entrees: Record<string, CacheEntry>;
}

/** How the cached copy was obtained this time. */
export type CacheOrigin = "telecharge" | "revalide" | "recent";

export interface CacheHit {
  entry: CacheEntry;
  file: string;
  origin: CacheOrigin;
}

export interface CacheFetchOptions extends Omit<FetchOptions, "headers"> {
  /** Ignore the cached copy: no conditional request, always download. */
  force?: boolean;
  /** A copy confirmed less than this long ago is reused without any request. */
  maxAgeMs: number;
  now?: () => Date;
}

export class DownloadCache {
  private constructor(
    readonly dir: string,
    private index: CacheIndex,
  ) {}

  static async open(dir: string): Promise<DownloadCache> {
    const indexFile = path.join(dir, "index.json");
    let index: CacheIndex = { version: 1, entrees: {} };
    try {
      const parsed = JSON.parse(await readFile(indexFile, "utf8")) as CacheIndex;
      if (parsed && typeof parsed.entrees === "object") index = parsed;
    } catch {
      // Missing or unreadable index: the cache starts empty (files without an entry are simply refetched).
    }
    await removeStaleParts(dir);
    return new DownloadCache(dir, index);
  }

  /** The cached entry for a URL (fetched decompressed or not), if its file is still there. */
  get(url: string, gunzip = false): CacheEntry | undefined {
    const entry = this.index.entrees[cacheKey(url, gunzip)];
    return entry && existsSync(path.join(this.dir, entry.fichier)) ? entry : undefined;
  }

  async fetch(url: string, options: CacheFetchOptions): Promise<CacheHit> {
    const now = options.now ?? (() => new Date());
    const key = cacheKey(url, options.gunzip ?? false);
    const cached = options.force ? undefined : this.get(url, options.gunzip);
    if (cached && now().getTime() - Date.parse(cached.verifie_le) < options.maxAgeMs)
      return { entry: cached, file: path.join(this.dir, cached.fichier), origin: "recent" };

    const headers: Record<string, string> = {};
    if (cached?.etag) headers["if-none-match"] = cached.etag;
    if (cached?.last_modified) headers["if-modified-since"] = cached.last_modified;
    const fileName = cacheFileName(url, key, options.gunzip ?? false);
    const result = await fetchToFile(url, path.join(this.dir, fileName), { ...options, headers });

    let entry: CacheEntry;
    if (result.status === "not-modified") {
      if (!cached) throw new DownloadError(`réponse 304 inattendue (aucune copie en cache) : ${url}`, "http", false, false, 304);
      entry = {
        ...cached,
        verifie_le: now().toISOString(),
        ...(result.etag ? { etag: result.etag } : {}),
        ...(result.lastModified ? { last_modified: result.lastModified } : {}),
      };
    } else {
      const date = now().toISOString();
      entry = { url, date, verifie_le: date, taille: result.size, sha256: result.sha256, fichier: fileName, lignes: result.lines };
      if (result.etag) entry.etag = result.etag;
      if (result.lastModified) entry.last_modified = result.lastModified;
    }
    this.index.entrees[key] = entry;
    await this.save();
    return { entry, file: path.join(this.dir, entry.fichier), origin: result.status === "not-modified" ? "revalide" : "telecharge" };
  }

  /**
   * Drops the cached copy of a URL (a download proved unreadable): the next refresh downloads it again instead of
   * reusing, within --max-age, what the server sent wrongly.
   */
  async forget(url: string, gunzip = false): Promise<void> {
    const key = cacheKey(url, gunzip);
    const entry = this.index.entrees[key];
    if (!entry) return;
    delete this.index.entrees[key];
    await this.save();
    await rm(path.join(this.dir, entry.fichier), { force: true });
  }

  private async save(): Promise<void> {
    try {
      await writeTextAtomically(path.join(this.dir, "index.json"), JSON.stringify(this.index, null, 2) + "\n");
    } catch (e) {
      throw new DownloadError(`index du cache illisible ou impossible à écrire (${(e as Error).message})`, "fichier", false);
    }
  }
}

// The same URL fetched as is or decompressed gives two different files: both are keyed apart, so that a
// change of mind (a .gz kept compressed that used to be decompressed) never reuses the wrong bytes.
function cacheKey(url: string, gunzip: boolean): string {
  return gunzip ? `gunzip:${url}` : url;
}

// A stable, file-system-safe name per key: a hash (URLs with long filters would not fit in a file name)
// followed by the last path segment, so that a person browsing the cache recognises the files.
function cacheFileName(url: string, key: string, gunzip: boolean): string {
  const hash = createHash("sha256").update(key).digest("hex").slice(0, 16);
  let base = "telechargement";
  try {
    const name = path.posix.basename(new URL(url).pathname);
    base = (gunzip ? name.replace(/\.gz$/i, "") : name) || base;
  } catch {
    // keep the default
  }
  return `${hash}-${base.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 80)}`;
}
