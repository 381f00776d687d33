// The official sources, one folder each: src/sources/<source>/ holds its description (source.ts: the one text of
// its source line), its reader (loader.ts) and its demonstration generator (demo.ts). Adding a source is adding a
// folder and its line here. detectSource() asks each reader, in this order, whether it reads a file; the data page
// reads their descriptions.
import { urssaf } from "./urssaf/loader.ts";
import { sirene } from "./sirene/loader.ts";
import { cerema } from "./cerema/loader.ts";
import { dares } from "./dares/loader.ts";
import { lyceesPro } from "./lycees-pro/loader.ts";
import { bmo } from "./bmo/loader.ts";
import { bassinsBmo } from "./bassins-bmo/loader.ts";
import { cartofriches } from "./cartofriches/loader.ts";
import type { SourceId, SourceLoader } from "./types.ts";

export const loaders: readonly SourceLoader[] = [urssaf, sirene, cerema, dares, lyceesPro, bmo, bassinsBmo, cartofriches];

export function loaderFor(id: SourceId): SourceLoader {
  const loader = loaders.find((l) => l.description.id === id);
  if (!loader) throw new Error(`aucun chargeur pour la source ${id}`);
  return loader;
}
