// Where the BMO surveys are downloaded from: one national workbook per survey year, an xlsx for recent years, a zip
// archive holding it for earlier ones (on francetravail.org, or on the former pole-emploi.org for the oldest). The
// address France Travail's data.gouv.fr dataset « Enquête Besoins en Main-d'Œuvre (BMO) » gives for the year comes
// first: it lists one resource per survey year, hosted on francetravail.org, whose URL is the producer's real address
// of that year, whatever the naming of the year.
import type { Territory } from "../../territory/territory.ts";
import { resourceFormat, type ApiDataset, type ApiResource } from "../datagouv.ts";
import { location, type CatalogueSearch, type Location, type SourceDownload } from "../download.ts";

const BMO_FIRST_OPEN_DATA_YEAR = 2015;
const BMO_PATH = "/files/live/sites/peorg/files/documents/Statistiques-et-analyses/Open-data/BMO";
/** France Travail's site. */
const BMO_BASE = "https://www.francetravail.org";
/** Pôle emploi's former site, where the archives of earlier surveys were published. */
export const BMO_FORMER_BASE = "https://www.pole-emploi.org";
/** In a BMO archive, the open-data workbook; other members are notes and methodology. */
export const BMO_ARCHIVE_MEMBERS = [/base_open_data.*\.xlsx$/i, /bmo.*\.xlsx$/i, /\.xlsx$/i];

export const BMO_DATASET_ID = "561fa564c751df4f2acdbb48";

export function bmoDatasetUrl(api: string): string {
  return `${api}/api/1/datasets/${BMO_DATASET_ID}/`;
}

/** Years of BMO surveys to fetch by default: from the territory's reference year (the open data starts in 2015) to this year. */
export function defaultBmoYears(territory: Territory, now: Date): number[] {
  const from = Math.max(BMO_FIRST_OPEN_DATA_YEAR, territory.referenceYear);
  const to = now.getFullYear();
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** How likely a resource is the open-data base of the survey (not the results leaflet or a methodology note). */
function score(r: ApiResource): number {
  const text = `${r.title ?? ""} ${r.url ?? ""}`.toLowerCase();
  return (/open.?data|base/.test(text) ? 2 : 0) + (/consolid|donn/.test(text) ? 1 : 0);
}

/** The workbook (or its archive) of one survey year among the dataset's resources; undefined when not listed. */
export function pickBmoYear(dataset: ApiDataset, year: number): Location | undefined {
  const ofYear = (dataset.resources ?? []).filter(
    (r) => r.url && ["xlsx", "zip"].includes(resourceFormat(r)) && new RegExp(`(^|\\D)${year}(\\D|$)`).test(`${r.title ?? ""} ${r.url}`),
  );
  // Best first: the open-data base, and a workbook before an archive.
  const best = ofYear.sort((a, b) => score(b) - score(a) || (resourceFormat(a) === "xlsx" ? -1 : 1))[0];
  if (!best) return undefined;
  const zipped = resourceFormat(best) === "zip";
  return { urls: [best.url!], gunzip: false, serverFiltered: false, millesime: String(year), ...(zipped ? { zipMember: BMO_ARCHIVE_MEMBERS } : {}) };
}

const search: CatalogueSearch = {
  kind: "bmo-datagouv",
  url: (d) => bmoDatasetUrl(d.api),
  label: (d) => `adresse de l'enquête ${d.year} cherchée`,
  pick: (answer, d) => pickBmoYear(answer as ApiDataset, d.year!),
};

export const download: SourceDownload<"bmo"> = {
  source: "bmo",
  defaultBase: BMO_BASE,
  needsBase: true,
  // A workbook of about 10 Mo (or its zip archive).
  maxMegabytes: 500,
  catalogueSearch: search,
  files: ({ base, producerBase, datagouv, years, territory, now }) => {
    const thisYear = now.getFullYear();
    return (years ?? defaultBmoYears(territory, now)).map((year) => {
      const millesime = String(year);
      return {
        id: `bmo-${year}`,
        source: "bmo",
        label: `France Travail – besoins en main-d'œuvre ${year}`,
        locations: base
          ? [
              location([`${base}${BMO_PATH}/Base_open_data_BMO_${year}.xlsx`], { millesime }),
              location([`${base}${BMO_PATH}/Donnees_consolidees_${year}.zip`], { millesime, zipMember: BMO_ARCHIVE_MEMBERS }),
              // The former site's archives, for the producer's addresses only: a mirror serves its own.
              ...(producerBase ? [location([`${BMO_FORMER_BASE}${BMO_PATH}/Donnees_consolidees_${year}.zip`], { millesime, zipMember: BMO_ARCHIVE_MEMBERS })] : []),
            ]
          : [],
        // The catalogue is asked only for the producer's own addresses: a mirror serves what it serves.
        ...(producerBase ? { discovery: { kind: search.kind, api: datagouv, year } } : {}),
        mayBeUnpublished: year >= thisYear,
        target: `sources/Base_open_data_BMO_${year}.xlsx`,
        format: "xlsx" as const,
      };
    });
  },
};
