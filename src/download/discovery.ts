// Looking up, in the data.gouv.fr catalogue, where a file is this year, before trying the addresses known in
// advance: the newest Cerema vintage (a new dataset each year), the BMO survey of a year (a resource of France
// Travail's dataset), the current Cartofriches export (a new dated address at each update). The catalogue's answers go through the download cache like any file, so a refresh within
// --max-age makes no request at all, and each answer is read once per run.
import type { Discovery, Location } from "./catalogue.ts";
import type { ApiDataset } from "./datagouv.ts";
import { bmoDatasetUrl, pickBmoYear } from "./discover-bmo.ts";
import { cartofrichesDatasetUrl, pickCartofrichesFile } from "./discover-cartofriches.ts";
import { ceremaSearchUrl, pickCeremaVintage } from "./discover-cerema.ts";
import { DownloadError } from "./errors.ts";
import { tiDatasetUrl } from "./territoires-industrie.ts";
import { CatalogueReader } from "./catalogue-reader.ts";

export { CatalogueReader };

export type { Discovery };

export function discoveryUrl(d: Discovery): string {
  if (d.kind === "cerema-datagouv") return ceremaSearchUrl(d.api);
  if (d.kind === "cartofriches-datagouv") return cartofrichesDatasetUrl(d.api);
  if (d.kind === "ti-datagouv") return tiDatasetUrl(d.api);
  return bmoDatasetUrl(d.api);
}

/** What the catalogue is asked, in French, for `--liste`. */
export function discoveryLabel(d: Discovery): string {
  if (d.kind === "cerema-datagouv") return "dernier millésime cherché";
  if (d.kind === "cartofriches-datagouv") return "export du jour cherché";
  if (d.kind === "ti-datagouv") return "fichiers liste-ti-*.csv de chaque phase cherchés";
  return `adresse de l'enquête ${d.year} cherchée`;
}


/** Where the catalogue says the file is; undefined when it does not list it. Throws DownloadError when it cannot be read. */
export async function discover(d: Discovery, catalogue: CatalogueReader): Promise<Location | undefined> {
  const answer = (await catalogue.read(discoveryUrl(d))) as { data?: ApiDataset[] } & ApiDataset;
  if (d.kind === "cerema-datagouv") return pickCeremaVintage(Array.isArray(answer.data) ? answer.data : []);
  if (d.kind === "cartofriches-datagouv") return pickCartofrichesFile(answer);
  if (d.kind === "ti-datagouv") throw new DownloadError("la liste des Territoires d'industrie n'est pas un fichier unique (voir territoires-industrie.ts)", "configuration", false);
  return pickBmoYear(answer, d.year);
}
