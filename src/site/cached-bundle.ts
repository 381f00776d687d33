// The site's data, computed once per build. Framework runs its configuration (which needs the report years for its
// dynamic paths) and each data loader in separate processes, and `npm run build` evaluates the folder before starting
// Framework: whichever of them comes first evaluates the data folder (src/evaluation/evaluate.ts), builds the site
// bundle and writes it here, in a cache keyed by everything the result depends on; the others read it.
// The key (inputsSignature) changes with the data folder's files, the shared reference files, the code that
// computes, the day (the years a value may have depend on it) and SOURCE_DATE_EPOCH: a changed input is never answered
// from the cache. One entry per data folder, replaced when its key changes; written atomically (temporary file,
// then rename), so that a build killed while writing leaves no half entry.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { sharedFile } from "../io/shared-data.ts";
import type { SiteFile } from "./context.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const EVALUATION_CACHE_ENV = "TI_CACHE_EVALUATION";
/** What the bundle is computed by: its code and the versions of the libraries. */
const CODE = ["src", "docs/data", "package-lock.json"].map((p) => path.join(ROOT, p));
/** Files up to this size are hashed; larger ones (national files) are known by size and date, hashing gigabytes would cost seconds in each process. */
const HASHED_UP_TO = 32 * 1024 * 1024;

export interface SiteData {
  /** The bundle as the data loader docs/data/site.zip.ts writes it. */
  zip: Uint8Array;
  /** The years that get an annual report. */
  years: number[];
  /** The computation's notes (what the territory's files lack), for the build's output. */
  notes: string[];
}

export function evaluationCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env[EVALUATION_CACHE_ENV] ?? path.join(ROOT, ".cache/evaluation"));
}

function fileDigest(file: string, size: number, mtimeMs: number): string {
  if (size > HASHED_UP_TO) return `${size}:${mtimeMs}`;
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** Every file under `entry` (a file or a folder, links to files followed), with its digest; absent: nothing. */
function treeDigest(entry: string, hash: ReturnType<typeof createHash>): void {
  const top = statSync(entry, { throwIfNoEntry: false });
  if (!top) {
    hash.update(`\n${entry}\tabsent`);
    return;
  }
  const names = top.isDirectory() ? readdirSync(entry, { recursive: true, encoding: "utf8" }).sort() : [""];
  for (const name of names) {
    if (name.split(path.sep).some((part) => part === "node_modules" || part === ".observablehq")) continue;
    const file = path.join(entry, name);
    const st = statSync(file, { throwIfNoEntry: false });
    if (st?.isFile()) hash.update(`\n${file}\t${fileDigest(file, st.size, st.mtimeMs)}`);
  }
}

/** The key of the cache: what the site's data of `dataDir` depends on, today. */
export function inputsSignature(dataDir: string, env: NodeJS.ProcessEnv = process.env, today = new Date()): string {
  const hash = createHash("sha256");
  hash.update(`${path.resolve(dataDir)}\n${today.toISOString().slice(0, 10)}\n${env.SOURCE_DATE_EPOCH ?? ""}`);
  const shared = [sharedFile("bmo"), sharedFile("contours")].filter((p): p is string => p !== null);
  for (const entry of [path.resolve(dataDir), ...shared, ...CODE]) treeDigest(entry, hash);
  return hash.digest("hex");
}

/** The bundle as one zip archive; a fixed date keeps it byte-identical from one build to the next. */
export async function zipBundle(files: Record<string, SiteFile>): Promise<Uint8Array> {
  const zip = new JSZip();
  const date = new Date("2000-01-01T00:00:00Z");
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === "string" || content instanceof Uint8Array ? content : JSON.stringify(content);
    zip.file(name, data, { date });
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

interface Entry {
  key: string;
  /** The data folder, absolute: an entry whose folder no longer exists (a test's temporary folder) is removed. */
  dataDir: string;
  years: number[];
  notes: string[];
  /** SHA-256 of the zip written beside: the pair is only used whole. */
  zip: string;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function entryPaths(dataDir: string, cacheDir: string) {
  const base = path.join(cacheDir, createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 16));
  return { json: `${base}.json`, zip: `${base}.zip` };
}

function readEntry(dataDir: string, cacheDir: string, key: string): SiteData | null {
  const files = entryPaths(dataDir, cacheDir);
  try {
    const entry = JSON.parse(readFileSync(files.json, "utf8")) as Entry;
    if (entry.key !== key) return null;
    const zip = new Uint8Array(readFileSync(files.zip));
    return sha256(zip) === entry.zip ? { zip, years: entry.years, notes: entry.notes } : null;
  } catch {
    return null; // no entry yet, or an unreadable one: computed again
  }
}

function writeAtomically(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

/** Removes the entries of data folders that no longer exist, so that the cache does not grow with every test run. */
function removeOrphans(cacheDir: string): void {
  for (const name of readdirSync(cacheDir)) {
    if (!name.endsWith(".json")) continue;
    const json = path.join(cacheDir, name);
    try {
      const { dataDir } = JSON.parse(readFileSync(json, "utf8")) as Partial<Entry>;
      if (typeof dataDir === "string" && !existsSync(dataDir)) for (const f of [json, json.replace(/\.json$/, ".zip")]) rmSync(f, { force: true });
    } catch {
      // being written by another process, or not ours: left alone
    }
  }
}

function writeEntry(dataDir: string, cacheDir: string, key: string, data: SiteData): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const files = entryPaths(dataDir, cacheDir);
    writeAtomically(files.zip, data.zip);
    writeAtomically(files.json, JSON.stringify({ key, dataDir: path.resolve(dataDir), years: data.years, notes: data.notes, zip: sha256(data.zip) } satisfies Entry));
    removeOrphans(cacheDir);
  } catch {
    // a read-only tree still builds, computing in each process
  }
}

/** Evaluates the data folder and builds the site bundle (DuckDB and the pipeline are loaded only here). */
async function computeSiteData(dataDir: string): Promise<SiteData> {
  const { evaluate } = await import("../evaluation/evaluate.ts");
  const { buildSiteBundle } = await import("./bundle.ts");
  const evaluation = await evaluate(dataDir);
  try {
    const zip = await zipBundle(await buildSiteBundle(evaluation));
    return { zip, years: evaluation.reportYears, notes: evaluation.indicators.notes };
  } finally {
    evaluation.close();
  }
}

const toStderr = (note: string) => void process.stderr.write(`note : ${note}\n`);

/**
 * The site's data of `dataDir`: from the cache when nothing it depends on changed, else computed (and cached).
 * `computed` says which; the notes are said (`say`, stderr by default: the data loader's stdout is the archive) by
 * the process that computes them, once per build.
 */
export async function siteData(
  dataDir: string, options: { cacheDir?: string; say?: (note: string) => void } = {},
): Promise<SiteData & { computed: boolean }> {
  const cacheDir = options.cacheDir ?? evaluationCacheDir();
  const key = inputsSignature(dataDir);
  const cached = readEntry(dataDir, cacheDir, key);
  if (cached) return { ...cached, computed: false };
  const data = await computeSiteData(dataDir);
  writeEntry(dataDir, cacheDir, key, data);
  data.notes.forEach(options.say ?? toStderr);
  return { ...data, computed: true };
}
