// `npm run data:refresh`: downloads every official source of the territory, each independently (one
// failure never stops the others), through the cache, into data/sources/ and data/contours/, and records
// them in data/manifest.json; and the list of Territoires d'industrie into data/territoires-industrie/
// (territoires-industrie.ts), first, since the territory may be named after it.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { acquireLock, LockBusyError, type HeldLock } from "../io/lock-file.ts";
import { loadTerritory, TerritoryError } from "../territory/territory.ts";
import { removeStaleParts } from "./atomic.ts";
import { assemble, fileSha256 } from "./assemble.ts";
import { DownloadCache, type CacheFetchOptions, type CacheHit } from "./cache.ts";
import { buildCatalogue, selectDownloads, territoryListDownload, type Download, type Location } from "./catalogue.ts";
import { CatalogueReader, catalogueSearch, discover } from "./discovery.ts";
import { DownloadError, describe } from "./errors.ts";
import type { FetchOptions } from "./fetch-to-file.ts";
import { recordDownload, REFRESH_COMMAND, type DownloadedEntry } from "./manifest-update.ts";
import { startProgress, type ProgressSink } from "./progress.ts";
import { createHttpClient } from "./http.ts";
import { readDownloadSettings, sizeCapEnvName, type DownloadSettings } from "./settings.ts";
import { extractMember } from "./unzip-member.ts";
import { refreshTerritoryList, TI_CATALOGUE_SEARCH } from "./territoires-industrie.ts";
import { downloads } from "../sources/registry.ts";
import { readManifest } from "../io/manifest.ts";
import { proveReadable, RefusedContent } from "./verify.ts";
import { printable } from "../format/terminal.ts";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_CACHE_DIR = path.join(projectRoot, ".cache", "telechargements");
export const DEFAULT_MAX_AGE_MS = 24 * 3600 * 1000;

export type RowStatus = "mis à jour" | "inchangé" | "inchangé (cache)" | "échec" | "non configurée" | "non publiée";

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
  fetch?: Pick<FetchOptions, "idleTimeoutMs" | "retries" | "retryDelayMs" | "maxDurationMs">;
  /** Where progress and notes go (stderr in the CLI); silent when absent. */
  progress?: ProgressSink;
  now?: () => Date;
  /** Overrides the number of commune codes per filtered request (tests exercise the split). */
  communesPerRequest?: number;
  /** `--urssaf-national`: the whole URSSAF dataset, for the reference levels (src/sources/urssaf/national.ts). */
  urssafNational?: boolean;
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

  // One refresh at a time per cache and per data folder: another one would delete this one's part files as
  // stale, and both would rewrite the same manifest.
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const locks = takeLocks([path.join(cacheDir, LOCK_NAME), path.join(dataDir, LOCK_NAME)]);
  try {
    return await refreshLocked(options, settings, cacheDir);
  } finally {
    for (const lock of locks) lock.release();
  }
}

/** The lock file of a refresh, in the cache folder and in the data folder. */
export const LOCK_NAME = ".rafraichissement.verrou";

function takeLocks(files: string[]): HeldLock[] {
  const held: HeldLock[] = [];
  try {
    for (const file of files) held.push(acquireLock(file, "Un rafraîchissement des données (npm run data:refresh) utilisant ce dossier"));
  } catch (e) {
    for (const lock of held) lock.release();
    if (e instanceof LockBusyError) throw new DownloadError(e.message, "configuration", false);
    throw e;
  }
  return held;
}

async function refreshLocked(options: RefreshOptions, settings: DownloadSettings, cacheDir: string): Promise<RefreshResult> {
  const { dataDir } = options;
  const cache = await DownloadCache.open(cacheDir);
  const rows: RefreshRow[] = [];
  const removedDemo: string[] = [];
  const http = createHttpClient(options.env ?? process.env);
  if (http.proxy) options.progress?.write(`Proxy : ${printable(http.proxy)} (variables HTTPS_PROXY / HTTP_PROXY, exceptions NO_PROXY)\n`);
  // How every request of this run goes through the cache: files and catalogue answers alike.
  const through: CacheFetchOptions = { ...options.fetch, http, force: options.force, maxAgeMs: options.maxAgeMs ?? DEFAULT_MAX_AGE_MS, now: options.now };
  const catalogue = new CatalogueReader(cache, { ...through, maxBytes: settings.maxBytes.catalogue, sizeCapName: sizeCapEnvName("catalogue") });
  const run: RunOptions = { ...options, through, catalogue, settings };
  try {
    // The list of Territoires d'industrie first, and without the territory: the territory may be one that only
    // the refreshed list knows (`{"ti": ...}` of a territory new to the list).
    const list = territoryListDownload(settings);
    const wantsList = !options.only || options.only.some((n) => n === list.id || n === list.source);
    const listRow = wantsList ? (await refreshOne(list, cache, run)).row : undefined;
    const onlyList = wantsList && options.only !== undefined && options.only.every((n) => n === list.id || n === list.source);

    let territory;
    try {
      territory = await loadTerritory(dataDir);
    } catch (e) {
      if (!(onlyList && e instanceof TerritoryError)) throw e;
    }
    // A national file in place stays national: a refresh never swaps it silently for the territory's extract.
    const entries = (await readManifest(dataDir))?.fichiers ?? [];
    const kept = downloads.filter((d) => d.national && entries.some((e) => d.national!.isNationalEntry(e)));
    const national = options.urssafNational === true || kept.length > 0;
    if (!options.urssafNational) for (const d of kept) options.progress?.write(d.national!.keptNote);
    const catalogue = territory ? buildCatalogue(territory, settings, options.now?.(), { national }) : [];
    const { selected, unknown } = territory ? selectDownloads(catalogue, options.only) : { selected: [], unknown: [] };
    if (unknown.length > 0)
      throw new DownloadError(`source inconnue : ${unknown.join(", ")} (voir « npm run data:refresh -- --liste »)`, "configuration", false);
    for (const dir of ["sources", "contours"]) await removeStaleParts(path.join(dataDir, dir));

    for (const download of selected) {
      if (download.id === list.id) continue;
      const nationalExport = national && !download.notConfigured ? downloads.find((d) => d.source === download.source)?.national : undefined;
      if (nationalExport) options.progress?.write(nationalExport.announce());
      const started = Date.now();
      const row = await refreshOne(download, cache, run);
      if (nationalExport && row.row.size !== undefined) options.progress?.write(nationalExport.report(row.row.size, Date.now() - started));
      rows.push(row.row);
      removedDemo.push(...row.removedDemo);
    }
    if (listRow) rows.push(listRow);
  } finally {
    await http.close();
  }

  // Not configured and not yet published are not attempts: they neither fail nor succeed.
  const attempted = rows.filter((r) => r.status !== "non configurée" && r.status !== "non publiée");
  const failed = attempted.filter((r) => r.status === "échec");
  const offline = attempted.length > 0 && failed.length === attempted.length && failed.every((r) => r.error?.unreachable);
  const exitCode = attempted.length === 0 || failed.length === attempted.length ? 1 : failed.length > 0 ? 2 : 0;
  return { rows, exitCode, offline, removedDemo };
}

/**
 * The file is not at this location (or the filter found nothing, or the server sent something else than the
 * file, such as an HTML "not found" page answered with 200): the next location may have it.
 */
function isAbsent(error: DownloadError): boolean {
  return error instanceof EmptyResultError || error.kind === "contenu" || (error.kind === "http" && [400, 404, 410].includes(error.httpStatus ?? 0));
}

class EmptyResultError extends DownloadError {
  constructor() {
    super("le producteur a répondu sans aucune ligne pour le territoire (filtre sans résultat)", "http", false);
  }
}

/** The refresh options with this run's cache settings (HTTP client included) and catalogue reader. */
type RunOptions = RefreshOptions & { through: CacheFetchOptions; catalogue: CatalogueReader; settings: DownloadSettings };

async function refreshOne(download: Download, cache: DownloadCache, options: RunOptions): Promise<{ row: RefreshRow; removedDemo: string[] }> {
  const base = { id: download.id, label: download.label, target: download.target };
  if (download.notConfigured) return { row: { ...base, status: "non configurée", detail: download.notConfigured }, removedDemo: [] };
  if (download.discovery?.kind === TI_CATALOGUE_SEARCH.kind) {
    const through = { ...options.through, maxBytes: options.settings.maxBytes[download.source], sizeCapName: sizeCapEnvName(download.source) };
    return { row: { ...base, ...(await refreshTerritoryList(download, { ...options, through, cache })) }, removedDemo: [] };
  }

  const notes: string[] = [];
  let locations = download.locations;
  if (download.discovery) {
    const found = await discoverSafely(download, options);
    locations = found.locations;
    if (found.note) {
      notes.push(found.note);
      options.progress?.write(`${download.id} : ${printable(found.note)}\n`);
    }
  }

  const absent: Absence[] = [];
  for (const location of locations) {
    try {
      const done = await refreshFrom(download, location, cache, options);
      if (absent.length > 0) notes.push(`adresse de repli utilisée (${absent.map((a) => why(a.error, "")).join(", ")} avant) : ${location.urls[0]}`);
      if (done.member) notes.push(`extrait de l'archive : ${done.member}`);
      return { row: { ...base, ...done.row, ...(notes.length > 0 ? { detail: notes.join(" ; ") } : {}) }, removedDemo: done.removedDemo };
    } catch (e) {
      const error = e instanceof DownloadError ? e : new DownloadError(describe(e), "fichier", false);
      // Only "not here" moves on to the next location, or any failure of an address the catalogue gave; a
      // network or server failure of an address known in advance is reported as it is.
      if (!isAbsent(error) && !location.fromCatalogue)
        return { row: { ...base, status: "échec", detail: [...notes, error.message].join(" ; "), error }, removedDemo: [] };
      absent.push({ url: location.urls[0]!, error });
      if (absent.length < locations.length) options.progress?.write(`${download.id} : ${printable(error.message)} ; essai de l'adresse suivante…\n`);
    }
  }
  return { row: { ...base, ...notFound(download, absent, notes) }, removedDemo: [] };
}

const KIND_WORDS: Record<DownloadError["kind"], string> = {
  reseau: "réseau",
  delai: "délai dépassé",
  interrompu: "transfert interrompu",
  http: "réponse inattendue",
  fichier: "fichier",
  configuration: "configuration",
  contenu: "contenu illisible",
  limite: "limite dépassée",
};

/** Why an address did not give the file, in a word: its HTTP status, "vide", or the kind of failure. */
function why(error: DownloadError, httpPrefix: string): string {
  if (error.httpStatus) return `${httpPrefix}${error.httpStatus}`;
  if (error instanceof RefusedContent) return error.html ? "page HTML au lieu du fichier" : `contenu illisible : ${error.reason}`;
  return error instanceof EmptyResultError ? "vide" : KIND_WORDS[error.kind];
}

interface Absence {
  url: string;
  error: DownloadError;
}

/** The row when every location said the file is not there: not yet published, or a failure naming each address tried. */
function notFound(download: Download, absent: Absence[], notes: string[]): Pick<RefreshRow, "status" | "detail" | "error"> {
  const last = absent.at(-1)?.error ?? new DownloadError("aucune adresse", "configuration", false);
  // A web page answered with 200 instead of the file is many sites' way of saying "not found".
  const notHere = (e: DownloadError) => e.httpStatus === 404 || e.httpStatus === 410 || (e instanceof RefusedContent && e.html);
  if (download.mayBeUnpublished && absent.length > 0 && absent.every((a) => notHere(a.error))) {
    const where = absent.length > 1 ? ` : aucune des ${absent.length} adresses connues ne répond` : "";
    return { status: "non publiée", detail: `pas encore publié${where} (HTTP 404)` };
  }
  if (absent.length <= 1) return { status: "échec", detail: [...notes, last.message].join(" ; "), error: last };
  const detail = `introuvable aux ${absent.length} adresses connues : ${absent.map((a) => `${a.url} (${why(a.error, "HTTP ")})`).join(" ; ")}`;
  return { status: "échec", detail: [...notes, detail].join(" ; "), error: new DownloadError(detail, "http", false, false, last.httpStatus) };
}

/**
 * The locations of a download with what the data.gouv.fr catalogue says first. A catalogue that cannot be
 * read, or that does not list the file, leaves the known addresses, with the note the source's search gives (the
 * Cerema's known address is an older vintage).
 */
async function discoverSafely(download: Download, options: RunOptions): Promise<{ locations: Location[]; note?: string }> {
  const known = download.locations;
  const knownVintage = known[0]?.millesime;
  const search = catalogueSearch(download.discovery!);
  const fallback = knownVintage && search.knownVintageNote ? search.knownVintageNote(knownVintage) : "adresses connues utilisées";
  let found: Location | undefined;
  try {
    found = await discover(download.discovery!, options.catalogue);
  } catch (e) {
    return { locations: known, note: `catalogue data.gouv.fr : ${describe(e)} ; ${fallback}` };
  }
  if (!found) return search.notListedNote ? { locations: known, note: `${search.notListedNote} ; ${fallback}` } : { locations: known };
  const others = known.filter((l) => l.urls[0] !== found.urls[0]);
  // A search that only surfaces an older vintage than the one already known must not make the refresh go back in time.
  if (knownVintage && found.millesime && olderVintage(found.millesime, knownVintage))
    return { locations: [...others, found], note: `le catalogue data.gouv.fr ne propose que le millésime ${found.millesime} : millésime connu ${knownVintage} utilisé` };
  return { locations: [{ ...found, fromCatalogue: true }, ...others] };
}

/** Vintages are years (`2025`) or export dates (`2026-04-15`): both order as text of the same form. */
function olderVintage(found: string, known: string): boolean {
  const form = (v: string) => (/^\d{4}$/.test(v) ? "year" : /^\d{4}-\d{2}-\d{2}$/.test(v) ? "date" : "other");
  return form(found) === form(known) && form(found) !== "other" && found < known;
}

/** Downloads one location through the cache, then puts the file in place and records it. */
async function refreshFrom(
  download: Download,
  location: Location,
  cache: DownloadCache,
  options: RunOptions,
): Promise<{ row: Pick<RefreshRow, "status" | "size" | "sha256">; removedDemo: string[]; member?: string }> {
  const dest = path.join(options.dataDir, ...download.target.split("/"));
  const hits: CacheHit[] = [];
  for (const [index, url] of location.urls.entries()) {
    const part = location.urls.length > 1 ? ` (partie ${index + 1}/${location.urls.length})` : "";
    const progress = options.progress ? startProgress(`${download.label}${part}`, options.progress) : undefined;
    try {
      hits.push(
        await cache.fetch(url, {
          ...options.through,
          gunzip: location.gunzip,
          maxBytes: options.settings.maxBytes[download.source],
          sizeCapName: sizeCapEnvName(download.source),
          onProgress: progress ? (received, total) => progress.update(received, total) : undefined,
          onRetry: (attempt, error) => options.progress?.write(`${download.id} : ${printable(error.message)} ; nouvel essai (${attempt})…\n`),
        }),
      );
    } finally {
      progress?.done();
    }
  }
  // A filtered export with nothing but its header line: the filter matched nothing, which for a whole
  // territory means the filter is wrong, not that there is no data. Never replace a file with that.
  if (location.serverFiltered && download.format === "csv" && hits.every((h) => h.entry.lignes <= 1)) throw new EmptyResultError();

  // Every part must be a readable file of its source before it replaces anything; an archive's member is proved
  // once extracted, before its rename. A cached copy identical to the file in place replaces nothing: no proof
  // needed (a national Sirene file takes seconds to read through). A refused download leaves the cache too, so
  // that the next refresh asks the server again.
  const previous = await fileSha256(dest);
  const prove = (file: string) => proveReadable(file, download);
  try {
    const unchanged = hits.length === 1 && !location.zipMember && hits[0]!.entry.sha256 === previous;
    if (!location.zipMember && !unchanged) for (const hit of hits) await prove(hit.file);
    return await putInPlace(download, location, hits, options, dest, previous, prove);
  } catch (e) {
    if (e instanceof DownloadError && e.kind === "contenu") for (const url of location.urls) await cache.forget(url, location.gunzip);
    throw e;
  }
}

/** Writes the proved download under data/ and records it in the manifest. */
async function putInPlace(
  download: Download,
  location: Location,
  hits: CacheHit[],
  options: RunOptions,
  dest: string,
  previous: string | null,
  prove: (file: string) => Promise<void>,
): Promise<{ row: Pick<RefreshRow, "status" | "size" | "sha256">; removedDemo: string[]; member?: string }> {
  // Only now that every part is complete and proved readable does anything under data/ change.
  const single = hits.length === 1 ? hits[0]!.entry : undefined;
  let member: string | undefined;
  let written: { size: number; sha256: string; lines: number };
  if (location.zipMember) {
    const extracted = await extractMember(hits[0]!.file, location.zipMember, dest, prove);
    member = extracted.member;
    written = extracted;
  } else if (single && previous === single.sha256) {
    // A single cached file identical to the one in place: leave data/ untouched.
    written = { size: single.taille, sha256: single.sha256, lines: single.lignes };
  } else {
    written = await assemble(
      hits.map((h) => h.file),
      dest,
      download.format,
    );
  }
  const downloaded = hits.some((h) => h.origin === "telecharge");
  const status: RowStatus = previous !== written.sha256 ? "mis à jour" : downloaded ? "inchangé" : "inchangé (cache)";
  const entry: DownloadedEntry = {
    chemin: download.target,
    source: download.source,
    millesime: location.millesime,
    // Data lines of a CSV (header excluded; a quoted field spanning lines would count twice). The
    // loaders count rows exactly; this is only a hint for someone reading the manifest.
    lignes: download.format === "csv" && !download.target.endsWith(".gz") ? Math.max(0, written.lines - 1) : 0,
    demonstration: false,
    url: location.urls[0]!,
    ...(location.urls.length > 1 ? { urls: location.urls } : {}),
    ...(member ? { membre_archive: member } : {}),
    ...(location.communes ? { communes_demandees: location.communes } : {}),
    date: hits.map((h) => h.entry.date).sort().at(-1)!,
    taille: written.size,
    sha256: written.sha256,
    telecharge_par: REFRESH_COMMAND,
  };
  const { removedDemo } = await recordDownload(options.dataDir, entry, download.replaces ?? []);
  return { row: { status, size: written.size, sha256: written.sha256 }, removedDemo, member };
}
