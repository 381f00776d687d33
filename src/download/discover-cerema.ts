// Finding the newest vintage of the Cerema land-consumption file. The Cerema publishes each vintage as a
// new data.gouv.fr dataset titled "Consommation d'espaces naturels, agricoles et forestiers du 1er janvier
// 2011 au 1er janvier 2025" (the window moves every year), whose resources include the commune CSV
// (`conso_com.csv`; zipped in older vintages) beside workbooks and geopackages. The catalogue API of
// data.gouv.fr (/api/1/datasets/?q=...) lists datasets with their resources, so the newest window can be
// found without hard-coding next year's address.
import { CEREMA_ARCHIVE_MEMBERS, type Location } from "./catalogue.ts";
import { resourceFormat, type ApiDataset, type ApiResource } from "./datagouv.ts";

const TITLE = /consommation d.espaces naturels,? agricoles et forestiers du 1er janvier (\d{4}) au 1er janvier (\d{4})/i;
const COMMUNE_FILE = /conso[_-]?com(?!m)/i;
const SEARCH = "consommation d'espaces naturels agricoles et forestiers";

export function ceremaSearchUrl(api: string): string {
  return `${api}/api/1/datasets/?q=${encodeURIComponent(SEARCH)}&page_size=50`;
}

/** The commune file among a dataset's resources: a CSV, or a zip holding it. */
function communeResource(resources: ApiResource[]): { url: string; zipped: boolean } | undefined {
  const named = resources.filter((r) => r.url && COMMUNE_FILE.test(`${r.title ?? ""} ${r.url}`));
  const csv = named.find((r) => resourceFormat(r) === "csv");
  if (csv) return { url: csv.url!, zipped: false };
  const zip = named.find((r) => resourceFormat(r) === "zip");
  return zip ? { url: zip.url!, zipped: true } : undefined;
}

/**
 * Picks, among the catalogue's answer, the Cerema dataset with the newest window that has a commune file.
 * Exported for tests; returns undefined when nothing fits.
 */
export function pickCeremaVintage(datasets: ApiDataset[]): Location | undefined {
  const candidates = datasets
    .map((d) => ({ d, m: TITLE.exec(d.title ?? "") }))
    .filter(({ d, m }) => m && (!d.organization?.name || /cerema/i.test(d.organization.name)))
    .map(({ d, m }) => ({ end: Number(m![2]), file: communeResource(d.resources ?? []) }))
    .filter((c) => c.file)
    .sort((a, b) => b.end - a.end);
  const best = candidates[0];
  if (!best) return undefined;
  return {
    urls: [best.file!.url],
    gunzip: false,
    serverFiltered: false,
    millesime: String(best.end),
    ...(best.file!.zipped ? { zipMember: CEREMA_ARCHIVE_MEMBERS } : {}),
  };
}
