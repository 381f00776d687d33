// The official sources, one folder each: src/sources/<source>/ holds its description (source.ts: the one text of
// its source line), its reader (loader.ts), where it is downloaded from (download.ts) and its demonstration generator
// (demo.ts). Adding a source is adding a folder and its lines here. detectSource() asks each reader, in this order,
// whether it reads a file; the data page reads their descriptions; `npm run data:refresh` fetches the downloads, in
// this order (src/download/catalogue.ts).
import { urssaf } from "./urssaf/loader.ts";
import { sirene } from "./sirene/loader.ts";
import { cerema } from "./cerema/loader.ts";
import { dares } from "./dares/loader.ts";
import { lyceesPro } from "./lycees-pro/loader.ts";
import { bmo } from "./bmo/loader.ts";
import { bassinsBmo } from "./bassins-bmo/loader.ts";
import { cartofriches } from "./cartofriches/loader.ts";
import { download as urssafDownload } from "./urssaf/download.ts";
import { download as sireneDownload } from "./sirene/download.ts";
import { download as ceremaDownload } from "./cerema/download.ts";
import { download as daresDownload } from "./dares/download.ts";
import { download as lyceesProDownload } from "./lycees-pro/download.ts";
import { download as bmoDownload } from "./bmo/download.ts";
import { download as cartofrichesDownload } from "./cartofriches/download.ts";
import type { SourceId, SourceLoader } from "./types.ts";

export const loaders: readonly SourceLoader[] = [urssaf, sirene, cerema, dares, lyceesPro, bmo, bassinsBmo, cartofriches];

/** Where each source is downloaded from; the BMO bassins have no download of their own (a table derived from the BMO workbooks). */
export const downloads = [urssafDownload, sireneDownload, ceremaDownload, daresDownload, lyceesProDownload, bmoDownload, cartofrichesDownload] as const;

/** The sources `npm run data:refresh` fetches. */
export type DownloadedSourceId = (typeof downloads)[number]["source"];

export function loaderFor(id: SourceId): SourceLoader {
  const loader = loaders.find((l) => l.description.id === id);
  if (!loader) throw new Error(`aucun chargeur pour la source ${id}`);
  return loader;
}
