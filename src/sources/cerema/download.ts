// Where the Cerema file is downloaded from: one national CSV per vintage, each vintage a new data.gouv.fr dataset
// titled "Consommation d'espaces naturels, agricoles et forestiers du 1er janvier 2011 au 1er janvier 2025" (the
// window moves every year), whose resources include the commune CSV (`conso_com.csv`; zipped in older vintages)
// beside workbooks and geopackages. A configured URL (TI_URL_CEREMA: the file itself) is used as is; otherwise the
// newest window is looked up in the catalogue API (/api/1/datasets/?q=...), without hard-coding next year's address,
// with the known 2025 file as the fallback.
import { resourceFormat, type ApiDataset, type ApiResource } from "../datagouv.ts";
import { location, type CatalogueSearch, type Location, type SourceDownload } from "../download.ts";

/**
 * The Cerema file of the 2025 vintage (flows 2011-2025, `conso_com.csv`, dataset 6a01b9280dd2d45907e5fc61
 * on data.gouv.fr), through data.gouv.fr's stable redirect to the latest upload of that resource.
 */
export const CEREMA_KNOWN_RESOURCE = "b258feec-f8ff-4e0a-93b3-baf1fe46ef66";
export const CEREMA_KNOWN_VINTAGE = "2025";

/** In a Cerema archive (older vintages were zipped), the commune CSV. */
export const CEREMA_ARCHIVE_MEMBERS = [/conso[_-]?com[^/]*\.csv$/i, /\.csv$/i];

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

const search: CatalogueSearch = {
  kind: "cerema-datagouv",
  url: (d) => ceremaSearchUrl(d.api),
  label: () => "dernier millésime cherché",
  pick: (answer) => {
    const { data } = answer as { data?: ApiDataset[] };
    return pickCeremaVintage(Array.isArray(data) ? data : []);
  },
  knownVintageNote: (vintage) => `millésime connu ${vintage} utilisé`,
  notListedNote: "catalogue data.gouv.fr : aucun jeu « Consommation d'espaces naturels, agricoles et forestiers du 1er janvier … » avec un fichier communal dans le catalogue data.gouv.fr",
};

export const download: SourceDownload<"cerema"> = {
  source: "cerema",
  // No base: the file is found through the catalogue, or TI_URL_CEREMA gives the file of the vintage to use.
  needsBase: false,
  // About 20 Mo national.
  maxMegabytes: 1000,
  catalogueSearch: search,
  files: ({ base, datagouv }) => [
    {
      id: "cerema",
      source: "cerema",
      label: "Cerema – consommation d'espaces NAF par commune",
      locations: base
        ? [location([base], { gunzip: /\.gz($|\?)/i.test(base), ...(/\.zip($|\?)/i.test(base) ? { zipMember: CEREMA_ARCHIVE_MEMBERS } : {}) })]
        : [location([`${datagouv}/api/1/datasets/r/${CEREMA_KNOWN_RESOURCE}`], { millesime: CEREMA_KNOWN_VINTAGE })],
      ...(base ? {} : { discovery: { kind: search.kind, api: datagouv } }),
      target: "sources/cerema-conso-espaces-communes.csv",
      format: "csv",
    },
  ],
};
