// Every loader of loaders/, one per official source. detectSource() asks each of them, in this order,
// whether it reads a file; data-status pages read their descriptions.
import { urssaf } from "../../loaders/urssaf.ts";
import { sirene } from "../../loaders/sirene.ts";
import { cerema } from "../../loaders/cerema.ts";
import { dares } from "../../loaders/dares.ts";
import { lyceesPro } from "../../loaders/lycees-pro.ts";
import { bmo } from "../../loaders/bmo.ts";
import { bassinsBmo } from "../../loaders/bassins-bmo.ts";
import { cartofriches } from "../../loaders/cartofriches.ts";
import type { SourceId, SourceLoader } from "./types.ts";

export const loaders: readonly SourceLoader[] = [urssaf, sirene, cerema, dares, lyceesPro, bmo, bassinsBmo, cartofriches];

export function loaderFor(id: SourceId): SourceLoader {
  const loader = loaders.find((l) => l.description.id === id);
  if (!loader) throw new Error(`aucun chargeur pour la source ${id}`);
  return loader;
}
