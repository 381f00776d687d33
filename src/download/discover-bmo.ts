// Finding a BMO survey in the data.gouv.fr catalogue. France Travail's dataset « Enquête Besoins en
// Main-d'Œuvre (BMO) » lists one resource per survey year, hosted on francetravail.org (an xlsx for recent
// years, a zip archive for earlier ones): its URL is the producer's real address of that year, whatever
// the naming of the year.
import { BMO_ARCHIVE_MEMBERS, type Location } from "./catalogue.ts";
import { resourceFormat, type ApiDataset, type ApiResource } from "./datagouv.ts";

export const BMO_DATASET_ID = "561fa564c751df4f2acdbb48";

export function bmoDatasetUrl(api: string): string {
  return `${api}/api/1/datasets/${BMO_DATASET_ID}/`;
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
