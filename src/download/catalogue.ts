// The files to download for a territory, assembled from the sources' folders (src/sources/<source>/download.ts, listed
// by the registry) and the contours: one entry per file written under data/, each with the request(s) that produce it.
// A source without an address stays in the list, marked, so that the summary says what to configure.
import type { Territory } from "../territory/territory.ts";
import type { Discovery, FileDownload, Location } from "../sources/download.ts";
import { downloads } from "../sources/registry.ts";
import { contoursDownloads } from "./contours.ts";
import { TI_CATALOGUE_SEARCH } from "./territoires-industrie.ts";
import { DEFAULT_BASES, envName, type DownloadedId, type DownloadSettings } from "./settings.ts";

export type { Discovery, Location };

/** One file to download: a source's, the contours', or the list of Territoires d'industrie (not tied to the territory). */
export type Download = FileDownload<DownloadedId | "territoires_industrie">;

export interface CatalogueOptions {
  /** The national export of the sources that have one (URSSAF: src/sources/urssaf/national.ts) instead of the territory's extract. */
  national?: boolean;
}

export function buildCatalogue(territory: Territory, settings: DownloadSettings, now = new Date(), options: CatalogueOptions = {}): Download[] {
  const communes = territory.communes.map((c) => c.code);
  const departements = [...new Set(territory.communes.map((c) => c.departement))].sort();
  const notConfigured = (id: DownloadedId) => ({ notConfigured: `adresse non configurée : définissez ${envName(id)} ou « ${id} » dans data/sources-urls.json` });
  const fromSources = downloads.flatMap((source): Download[] => {
    const base = settings.bases[source.source];
    const files = source.files({
      territory,
      communes,
      departements,
      base,
      producerBase: base !== undefined && base === DEFAULT_BASES[source.source],
      datagouv: settings.datagouv,
      communesPerRequest: settings.communesPerRequest,
      years: settings.bmoYears,
      national: options.national === true && source.national !== undefined,
      now,
    });
    return source.needsBase && !base ? files.map((f) => ({ ...f, ...notConfigured(source.source) })) : files;
  });
  const contours = contoursDownloads(settings).map((f) => (settings.bases.contours ? f : { ...f, ...notConfigured("contours") }));
  return [...fromSources, ...contours, territoryListDownload(settings)];
}

/**
 * The list of Territoires d'industrie (ANCT): several files per phase, found in the data.gouv.fr catalogue and
 * derived into the list in use (see territoires-industrie.ts); not a source of indicators, and not tied to the
 * territory (the refresh fetches it before reading the territory).
 */
export function territoryListDownload(settings: DownloadSettings): Download {
  return {
    id: "territoires-industrie",
    source: "territoires_industrie",
    label: "ANCT – liste des Territoires d'industrie (territoires, groupements, communes)",
    locations: [],
    discovery: { kind: TI_CATALOGUE_SEARCH.kind, api: settings.datagouv },
    target: "territoires-industrie/",
    format: "csv",
  };
}

/** Keeps the downloads named by `--source` (file ids or source ids); unknown names are an error. */
export function selectDownloads(all: Download[], names: string[] | undefined): { selected: Download[]; unknown: string[] } {
  if (!names || names.length === 0) return { selected: all, unknown: [] };
  const unknown = names.filter((n) => !all.some((d) => d.id === n || d.source === n));
  return { selected: all.filter((d) => names.includes(d.id) || names.includes(d.source)), unknown };
}
