// Where a source is downloaded from, as its folder says it (src/sources/<source>/download.ts): the files it writes
// under data/, the addresses each is fetched from, and what the data.gouv.fr catalogue is asked first. The folders
// only describe; src/download/ does the fetching (HTTP, cache, atomic writes, proof of readability) for every
// source alike, and assembles its catalogue from the registry (src/sources/registry.ts).
import type { Territory } from "../territory/territory.ts";
import type { SourceId } from "./types.ts";

/** One place a file can be fetched from. */
export interface Location {
  /** URLs whose bodies, concatenated (header line kept once for CSV), make the file. */
  urls: string[];
  /** The body is a .gz file to decompress while streaming. */
  gunzip: boolean;
  /**
   * The body is a zip archive holding the file: the member to keep is the largest one matching the first
   * pattern that matches any member.
   */
  zipMember?: RegExp[];
  /** The producer filters to the territory before sending. */
  serverFiltered: boolean;
  /** The communes an export filtered by commune was asked for: one of them without a row has none (coverage.ts). */
  communes?: string[];
  millesime: string | null;
  /** Found in the data.gouv.fr catalogue: any failure there moves on to the addresses known in advance. */
  fromCatalogue?: boolean;
}

/**
 * What the data.gouv.fr catalogue is asked before the addresses known in advance: plain data (shown by `--liste`),
 * read by the `CatalogueSearch` of the same kind.
 */
export interface Discovery {
  /** The search that reads the answer (`CatalogueSearch.kind`), e.g. `cerema-datagouv`. */
  kind: string;
  /** The data.gouv.fr site asked. */
  api: string;
  /** For a publication by year: the year looked for. */
  year?: number;
}

/** How a source reads the data.gouv.fr catalogue: where to ask, and which file of the answer is its own. */
export interface CatalogueSearch {
  kind: string;
  /** The catalogue API address asked. */
  url(discovery: Discovery): string;
  /** What is looked for, in French, for `--liste` (« dernier millésime cherché »). */
  label(discovery: Discovery): string;
  /** The file the answer gives; undefined when the catalogue does not list it. */
  pick(answer: unknown, discovery: Discovery): Location | undefined;
  /** Said when the known addresses are used instead, their vintage known (« millésime connu 2025 utilisé »). */
  knownVintageNote?(vintage: string): string;
  /** Said when the answer lists no file of the source (before the fallback note); silent when absent. */
  notListedNote?: string;
}

/** One file written under data/, with the locations that produce it. */
export interface FileDownload<Source extends string = SourceId> {
  /** Unique id, selectable with --source (e.g. `sirene-02`); the source id selects all its files. */
  id: string;
  /** Manifest source id, shared with the loaders (urssaf, sirene, ...). */
  source: Source;
  label: string;
  /**
   * Where the file is found, best first. The next location is tried only when the server says the
   * previous one does not exist or refuses its filter (HTTP 400, 404, 410), or when a filtered CSV comes
   * back without a single row, or when the previous one came from the catalogue; any other failure
   * (network, 5xx, cut transfer) is reported as it is.
   * Empty when not configured.
   */
  locations: Location[];
  /** Ask the data.gouv.fr catalogue where the file is before trying `locations` (see src/download/discovery.ts). */
  discovery?: Discovery;
  /** An annual publication that may not be out yet this year: 404 everywhere is not a failure. */
  mayBeUnpublished?: boolean;
  /** Files this one supersedes (older names of the same download), removed once it is in place. */
  replaces?: string[];
  /** Path relative to the data folder, forward slashes (`sources/...` or `contours/...`). */
  target: string;
  format: "csv" | "xlsx" | "geojson";
  /** Set when the source cannot be downloaded as configured: the French reason. */
  notConfigured?: string;
}

/** What a source's files depend on: the territory and the settings of this refresh. */
export interface DownloadContext {
  territory: Territory;
  /** The territory's commune codes, in its order. */
  communes: string[];
  /** The départements of its communes, sorted. */
  departements: string[];
  /**
   * The source's address: the producer's (`defaultBase`), or a mirror's (TI_URL_<SOURCE>, data/sources-urls.json);
   * undefined when none is configured.
   */
  base: string | undefined;
  /** The address is the producer's own, not a mirror's: only then is the catalogue asked (a mirror serves what it serves). */
  producerBase: boolean;
  /** The data.gouv.fr site (TI_URL_DATAGOUV). */
  datagouv: string;
  /** Maximum commune codes per filtered request, to keep URLs well under server limits. */
  communesPerRequest: number;
  /** The publication years asked (TI_BMO_ANNEES); null: the source's own default. */
  years: number[] | null;
  /** The source's national export rather than the territory's extract (`SourceDownload.national`). */
  national: boolean;
  now: Date;
}

/**
 * The whole national dataset a source can be fetched as, instead of the territory's extract (`--urssaf-national`),
 * for the reference levels: its cost said before and after the transfer, and kept national by the next refreshes.
 */
export interface NationalExport {
  /** Said before the transfer: what it will cost. */
  announce(): string;
  /** Said after the transfer: the size received and the time it took. */
  report(bytes: number, milliseconds: number): string;
  /** Whether a file recorded in the manifest is the national export: a refresh then keeps it national. */
  isNationalEntry(entry: { source: string; url?: string }): boolean;
  /** Said when a refresh keeps the file in place national without being asked. */
  keptNote: string;
}

/** Where a source is downloaded from: src/sources/<source>/download.ts, listed by the registry. */
export interface SourceDownload<Id extends SourceId = SourceId> {
  source: Id;
  /**
   * The producer's address, replaceable by a mirror (TI_URL_<SOURCE>); absent when the source is found otherwise
   * (catalogue, full URL). Taken from public code that downloads from it: none could be tried from the build
   * machines, which have no internet access.
   */
  defaultBase?: string;
  /**
   * Without an address the source cannot be fetched: its files are listed as not configured. False when the files
   * are found without one (the Cerema: through the catalogue, or a full file URL).
   */
  needsBase: boolean;
  /**
   * Size cap, in Mo (10^6 bytes), generous against the largest real file, so that only a server sending without
   * end reaches it; TI_TAILLE_MAX_<SOURCE> changes it.
   */
  maxMegabytes: number;
  /** Its national export, when it has one (`DownloadContext.national` asks for it). */
  national?: NationalExport;
  /** How the data.gouv.fr catalogue is read for this source, when it is asked (`Discovery.kind`). */
  catalogueSearch?: CatalogueSearch;
  /** The files to write for the territory, in order. */
  files(context: DownloadContext): FileDownload<Id>[];
}

/** A location with the usual defaults: not compressed, not filtered, vintage unknown. */
export function location(urls: string[], more: Partial<Location> = {}): Location {
  return { urls, gunzip: false, serverFiltered: false, millesime: null, ...more };
}
