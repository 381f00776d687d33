// The settings of a refresh. Every producer base URL (given by each source's folder, src/sources/<source>/download.ts)
// can be replaced, for a mirror or for tests, by an environment variable (TI_URL_URSSAF, ...) or by
// data/sources-urls.json; the environment wins over the file, the file over the built-in defaults.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { downloads, type DownloadedSourceId } from "../sources/registry.ts";
import { DownloadError } from "./errors.ts";

/**
 * What has a download address: every official source that says where it is downloaded from (the registry; the BMO
 * bassins are derived from the BMO workbooks, never downloaded on their own), and the administrative contours (not a
 * source of indicators, see contours.ts).
 */
export type DownloadedId = DownloadedSourceId | "contours";
export const DOWNLOADED_IDS: readonly DownloadedId[] = [...downloads.map((d) => d.source), "contours"];

export interface DownloadSettings {
  /** Base URL per source (for cerema: the full file URL, absent = found through data.gouv.fr). Absent = not configured. */
  bases: Partial<Record<DownloadedId, string>>;
  /** The data.gouv.fr site, whose catalogue API says where some files are this year (the newest Cerema vintage...). */
  datagouv: string;
  /** BMO survey years to download; null = from the territory's reference year to this year. */
  bmoYears: number[] | null;
  /** Vintage of the etalab administrative contours. */
  contoursYear: number;
  /** Maximum commune codes per filtered request, to keep URLs well under server limits. */
  communesPerRequest: number;
  /** Size cap per source, in bytes (received, and written once decompressed): an endless answer stops there. */
  maxBytes: Record<SizeCapId, number>;
}

/** The size caps: one per source, one for the list of Territoires d'industrie, one for the catalogue's answers. */
export type SizeCapId = DownloadedId | "territoires_industrie" | "catalogue";

/**
 * Default size caps, in Mo (10^6 bytes): each source's own (src/sources/<source>/download.ts), the contours simplified
 * to 1 000 m (about 50 Mo decompressed), the list of Territoires d'industrie (a few Mo) and a catalogue answer (a few
 * hundred Ko), each generous so that only a server sending without end reaches it.
 * Each can be changed with TI_TAILLE_MAX_<SOURCE> (TI_TAILLE_MAX_SIRENE=5000, in Mo).
 */
export const DEFAULT_MAX_MEGABYTES = {
  ...(Object.fromEntries(downloads.map((d) => [d.source, d.maxMegabytes])) as Record<DownloadedSourceId, number>),
  contours: 1000,
  territoires_industrie: 50,
  catalogue: 50,
} satisfies Record<SizeCapId, number>;

export function sizeCapEnvName(id: SizeCapId): string {
  return `TI_TAILLE_MAX_${id.toUpperCase()}`;
}

function readSizeCaps(env: NodeJS.ProcessEnv): Record<SizeCapId, number> {
  const caps = {} as Record<SizeCapId, number>;
  for (const [id, megabytes] of Object.entries(DEFAULT_MAX_MEGABYTES) as [SizeCapId, number][]) {
    const name = sizeCapEnvName(id);
    const raw = env[name]?.trim();
    let value = megabytes;
    if (raw) {
      value = Number(raw.replace(",", "."));
      if (!Number.isFinite(value) || value <= 0)
        throw new DownloadError(`${name} : taille invalide « ${raw} » (un nombre de Mo, ex. ${megabytes})`, "configuration", false);
    }
    caps[id] = Math.round(value * 1_000_000);
  }
  return caps;
}

export const SETTINGS_FILE = "sources-urls.json";

export function envName(source: DownloadedId): string {
  return `TI_URL_${source.toUpperCase()}`;
}

/**
 * Built-in addresses: each source's producer (src/sources/<source>/download.ts says where each was taken from), and
 * etalab's for the contours. The Cerema has none: its file is found through the data.gouv.fr catalogue.
 */
export const DEFAULT_BASES: Partial<Record<DownloadedId, string>> = {
  ...Object.fromEntries(downloads.flatMap((d) => (d.defaultBase ? [[d.source, d.defaultBase]] : []))),
  contours: "https://etalab-datasets.geo.data.gouv.fr",
};

export const DEFAULT_DATAGOUV = "https://www.data.gouv.fr";
export const DATAGOUV_ENV = "TI_URL_DATAGOUV";
export const DEFAULT_CONTOURS_YEAR = 2025;
export const DEFAULT_COMMUNES_PER_REQUEST = 200;

export async function readDownloadSettings(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<DownloadSettings> {
  const file = path.join(dataDir, SETTINGS_FILE);
  let fromFile: Record<string, unknown> = {};
  let text: string | undefined;
  try {
    text = await readFile(file, "utf8");
  } catch {
    // no file: defaults and environment only
  }
  if (text !== undefined) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("un objet JSON est attendu");
      fromFile = parsed as Record<string, unknown>;
    } catch (e) {
      throw new DownloadError(`${file} : JSON invalide (${(e as Error).message})`, "configuration", false);
    }
    const known = new Set<string>([...DOWNLOADED_IDS, "datagouv", "bmo_annees", "contours_annee"]);
    for (const key of Object.keys(fromFile))
      if (!known.has(key)) throw new DownloadError(`${file} : clé inconnue « ${key} » (attendues : ${[...known].join(", ")})`, "configuration", false);
  }

  const bases: Partial<Record<DownloadedId, string>> = { ...DEFAULT_BASES };
  for (const id of DOWNLOADED_IDS) {
    const fileValue = fromFile[id];
    if (fileValue !== undefined && typeof fileValue !== "string")
      throw new DownloadError(`${file} : « ${id} » doit être une adresse (texte)`, "configuration", false);
    const value = env[envName(id)] || (fileValue as string | undefined);
    if (value) bases[id] = checkUrl(value, env[envName(id)] ? envName(id) : `${file} « ${id} »`);
  }

  const datagouvFile = fromFile.datagouv;
  if (datagouvFile !== undefined && typeof datagouvFile !== "string")
    throw new DownloadError(`${file} : « datagouv » doit être une adresse (texte)`, "configuration", false);
  const datagouvRaw = env[DATAGOUV_ENV] || (datagouvFile as string | undefined);
  const datagouv = datagouvRaw ? checkUrl(datagouvRaw, env[DATAGOUV_ENV] ? DATAGOUV_ENV : `${file} « datagouv »`) : DEFAULT_DATAGOUV;

  const bmoRaw = env.TI_BMO_ANNEES ?? fromFile.bmo_annees;
  const contoursRaw = env.TI_CONTOURS_ANNEE ?? fromFile.contours_annee;
  return {
    bases,
    datagouv,
    bmoYears: bmoRaw === undefined ? null : parseYears(bmoRaw, env.TI_BMO_ANNEES ? "TI_BMO_ANNEES" : `${file} « bmo_annees »`),
    contoursYear: contoursRaw === undefined ? DEFAULT_CONTOURS_YEAR : parseYear(contoursRaw, env.TI_CONTOURS_ANNEE ? "TI_CONTOURS_ANNEE" : `${file} « contours_annee »`),
    communesPerRequest: DEFAULT_COMMUNES_PER_REQUEST,
    maxBytes: readSizeCaps(env),
  };
}

function checkUrl(value: string, where: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DownloadError(`${where} : adresse invalide « ${value} »`, "configuration", false);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new DownloadError(`${where} : seules les adresses http:// et https:// sont acceptées (« ${value} »)`, "configuration", false);
  return value.replace(/\/+$/, "");
}

/** Accepts [2024, 2025], "2024,2025" or a range "2015-2025". */
function parseYears(raw: unknown, where: string): number[] {
  const fail = (): never => {
    throw new DownloadError(`${where} : liste d'années invalide (ex. « 2024,2025 » ou « 2015-2025 »)`, "configuration", false);
  };
  if (Array.isArray(raw)) return raw.map((y) => parseYear(y, where));
  if (typeof raw !== "string") return fail();
  const range = /^\s*(\d{4})\s*-\s*(\d{4})\s*$/.exec(raw);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    if (to < from) fail();
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  const years = raw.split(",").map((s) => s.trim()).filter(Boolean);
  if (years.length === 0) fail();
  return years.map((y) => parseYear(y, where));
}

function parseYear(raw: unknown, where: string): number {
  const year = typeof raw === "number" ? raw : typeof raw === "string" && /^\d{4}$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DownloadError(`${where} : année invalide « ${String(raw)} »`, "configuration", false);
  return year;
}
