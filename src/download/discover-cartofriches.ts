// Finding the current Cartofriches export. Cerema's data.gouv.fr dataset « Sites référencés dans Cartofriches »
// (slug sites-references-dans-cartofriches, which the catalogue API accepts in place of an id) republishes the
// national CNIG export at each update under a new dated address on static.data.gouv.fr (`friches-standard-2026-04-15.csv`),
// beside a geopackage: the dataset's resources give the address of the day.
import type { Location } from "./catalogue.ts";
import { resourceFormat, type ApiDataset } from "./datagouv.ts";

export const CARTOFRICHES_DATASET = "sites-references-dans-cartofriches";

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
