// Where the Cartofriches file is downloaded from: one national CSV in the CNIG « friches » standard (no filtering
// possible; the loader keeps the territory's sites and notes the départements the file covers). Cerema's data.gouv.fr
// dataset « Sites référencés dans Cartofriches » (slug sites-references-dans-cartofriches, which the catalogue API
// accepts in place of an id) republishes the export at each update under a new dated address on static.data.gouv.fr
// (`friches-standard-2026-04-15.csv`), beside a geopackage: the dataset's resources give the address of the day when
// the address is data.gouv.fr's own; a mirror replaces its host and serves what it serves.
import { resourceFormat, type ApiDataset } from "../datagouv.ts";
import { location, type CatalogueSearch, type Location, type SourceDownload } from "../download.ts";

export const CARTOFRICHES_DATASET = "sites-references-dans-cartofriches";

/**
 * The last Cartofriches export whose address public code gives (github.com/bpineau/gazetteer, dataset slug
 * sites-references-dans-cartofriches, export of 15 April 2026): data.gouv.fr gives each export a new dated path, so
 * the dataset's resources are asked first. Not tried from the build machines.
 */
export const CARTOFRICHES_KNOWN_PATH = "/resources/sites-references-dans-cartofriches/20260429-124852/friches-standard-2026-04-15.csv";
export const CARTOFRICHES_KNOWN_VINTAGE = "2026-04-15";

export function cartofrichesDatasetUrl(api: string): string {
  return `${api}/api/1/datasets/${CARTOFRICHES_DATASET}/`;
}

const STANDARD_FILE = /friches[-_ ]?standard/i;
const DATE = /(\d{4})-(\d{2})-(\d{2})/;

/** `2026-04-15` from `friches-standard-2026-04-15.csv`, or null when the name carries no date. */
function exportDate(text: string): string | null {
  const m = DATE.exec(text);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/**
 * The CSV of the CNIG standard among the dataset's resources (not the geopackage, not another CSV), the most recent
 * export first when several are listed; undefined when none. Its vintage is the date its name carries.
 */
export function pickCartofrichesFile(dataset: ApiDataset): Location | undefined {
  const candidates = (dataset.resources ?? [])
    .filter((r) => r.url && resourceFormat(r) === "csv" && STANDARD_FILE.test(`${r.title ?? ""} ${r.url}`))
    .map((r) => ({ url: r.url!, date: exportDate(`${r.title ?? ""} ${r.url}`) }))
    // Dated exports, newest first; an undated one after them (the catalogue lists the current resource first).
    .sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""));
  const best = candidates[0];
  if (!best) return undefined;
  return { urls: [best.url], gunzip: false, serverFiltered: false, millesime: best.date };
}

const search: CatalogueSearch = {
  kind: "cartofriches-datagouv",
  url: (d) => cartofrichesDatasetUrl(d.api),
  label: () => "export du jour cherché",
  pick: (answer) => pickCartofrichesFile(answer as ApiDataset),
  knownVintageNote: (vintage) => `dernier export connu (${vintage}) utilisé`,
  notListedNote: "catalogue data.gouv.fr : aucun fichier « friches-standard » en CSV dans le jeu « Sites référencés dans Cartofriches »",
};

export const download: SourceDownload<"cartofriches"> = {
  source: "cartofriches",
  // data.gouv.fr's file server, where each export gets a dated address.
  defaultBase: "https://static.data.gouv.fr",
  needsBase: true,
  // A national CSV of a few tens of Mo.
  maxMegabytes: 500,
  catalogueSearch: search,
  files: ({ base, producerBase, datagouv }) => [
    {
      id: "cartofriches",
      source: "cartofriches",
      label: "Cerema – friches recensées par Cartofriches",
      locations: base ? [location([`${base}${CARTOFRICHES_KNOWN_PATH}`], { millesime: CARTOFRICHES_KNOWN_VINTAGE })] : [],
      ...(producerBase ? { discovery: { kind: search.kind, api: datagouv } } : {}),
      target: "sources/cartofriches-friches-standard.csv",
      format: "csv",
    },
  ],
};
