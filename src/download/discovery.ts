// Looking up, in the data.gouv.fr catalogue, where a file is this year, before trying the addresses known in
// advance: the newest Cerema vintage (a new dataset each year), the BMO survey of a year (a resource of France
// Travail's dataset), the current Cartofriches export (a new dated address at each update). The catalogue's answers go through the download cache like any file, so a refresh within
// --max-age makes no request at all, and each answer is read once per run.
import { readFile } from "node:fs/promises";
import type { DownloadCache, CacheFetchOptions } from "./cache.ts";
import type { Location } from "./catalogue.ts";
import type { ApiDataset } from "./datagouv.ts";
import { bmoDatasetUrl, pickBmoYear } from "./discover-bmo.ts";
import { cartofrichesDatasetUrl, pickCartofrichesFile } from "./discover-cartofriches.ts";
import { ceremaSearchUrl, pickCeremaVintage } from "./discover-cerema.ts";
import { DownloadError } from "./errors.ts";
import { tiDatasetUrl } from "./territoires-industrie.ts";

export type Discovery =
  | { kind: "cerema-datagouv"; api: string }
  | { kind: "bmo-datagouv"; api: string; year: number }
  | { kind: "cartofriches-datagouv"; api: string }
  /** The ANCT dataset of the Territoires d'industrie: several files, fetched by territoires-industrie.ts. */
  | { kind: "ti-datagouv"; api: string };

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

export class CatalogueReader {
  private readonly answers = new Map<string, Promise<unknown>>();

  constructor(
    private readonly cache: DownloadCache,
    private readonly options: CacheFetchOptions,
  ) {}

  /** The JSON answer at `url`, fetched (or revalidated) once per run. */
  read(url: string): Promise<unknown> {
    let answer = this.answers.get(url);
    if (!answer) {
      answer = this.cache.fetch(url, { ...this.options, gunzip: false }).then(async (hit) => {
        try {
          return JSON.parse(await readFile(hit.file, "utf8")) as unknown;
        } catch {
          throw new DownloadError(`réponse illisible du catalogue data.gouv.fr : ${url}`, "http", false);
        }
      });
      this.answers.set(url, answer);
    }
    return answer;
  }
}

/** Where the catalogue says the file is; undefined when it does not list it. Throws DownloadError when it cannot be read. */
export async function discover(d: Discovery, catalogue: CatalogueReader): Promise<Location | undefined> {
  const answer = (await catalogue.read(discoveryUrl(d))) as { data?: ApiDataset[] } & ApiDataset;
  if (d.kind === "cerema-datagouv") return pickCeremaVintage(Array.isArray(answer.data) ? answer.data : []);
  if (d.kind === "cartofriches-datagouv") return pickCartofrichesFile(answer);
  if (d.kind === "ti-datagouv") throw new DownloadError("la liste des Territoires d'industrie n'est pas un fichier unique (voir territoires-industrie.ts)", "configuration", false);
  return pickBmoYear(answer, d.year);
}
