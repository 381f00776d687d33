// Looking up, in the data.gouv.fr catalogue, where a file is this year, before trying the addresses known in
// advance: each source that is found there says how (`catalogueSearch` in src/sources/<source>/download.ts: the
// newest Cerema vintage, the BMO survey of a year, the current Cartofriches export), and the list of Territoires
// d'industrie is found there too (territoires-industrie.ts). The catalogue's answers go through the download cache
// like any file, so a refresh within --max-age makes no request at all, and each answer is read once per run.
import type { CatalogueSearch, Discovery, Location } from "../sources/download.ts";
import { downloads } from "../sources/registry.ts";
import { DownloadError } from "./errors.ts";
import { TI_CATALOGUE_SEARCH } from "./territoires-industrie.ts";
import { CatalogueReader } from "./catalogue-reader.ts";

export { CatalogueReader };

export type { Discovery };

const searches: readonly CatalogueSearch[] = [...downloads.flatMap((d) => (d.catalogueSearch ? [d.catalogueSearch] : [])), TI_CATALOGUE_SEARCH];

/** The search of a discovery's kind. */
export function catalogueSearch(d: Discovery): CatalogueSearch {
  const search = searches.find((s) => s.kind === d.kind);
  if (!search) throw new DownloadError(`recherche inconnue dans le catalogue data.gouv.fr : ${d.kind}`, "configuration", false);
  return search;
}

export function discoveryUrl(d: Discovery): string {
  return catalogueSearch(d).url(d);
}

/** What the catalogue is asked, in French, for `--liste`. */
export function discoveryLabel(d: Discovery): string {
  return catalogueSearch(d).label(d);
}

/** Where the catalogue says the file is; undefined when it does not list it. Throws DownloadError when it cannot be read. */
export async function discover(d: Discovery, catalogue: CatalogueReader): Promise<Location | undefined> {
  const search = catalogueSearch(d);
  return search.pick(await catalogue.read(search.url(d)), d);
}
