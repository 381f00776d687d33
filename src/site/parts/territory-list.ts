// The data page's account of the list of Territoires d'industrie (liste-territoires.json): which list gave the
// territory its perimeter, phase by phase where that list comes from (producer, dataset, files and their
// SHA-256, download date), and whether it is the product's table or a list of the data folder.
import { loadTerritoryList, LIST_FOLDER } from "../../geography/ti-list.ts";
import type { ListProvenance } from "../../geography/ti-table.ts";
import type { SiteContext } from "../context.ts";

export interface TerritoryListStatus {
  /** The territory of the site, when its configuration names one of the list (`ti`); null otherwise. */
  territoire: { id: string; nom: string; phase: string; region: string | null; nombre_communes: number } | null;
  phases: (ListProvenance & { territoires: number; origine: "produit" | "donnees"; emplacement: string })[];
}

export async function territoryListStatus(ctx: SiteContext): Promise<TerritoryListStatus> {
  const { list, folder } = await loadTerritoryList(ctx.dataDir);
  const fromFolder = new Set(folder?.list.provenance.map((p) => p.phase) ?? []);
  const programme = ctx.folder.territory.programme;
  return {
    territoire: programme
      ? { id: programme.id, nom: ctx.folder.territory.nom, phase: programme.phase, region: programme.region?.nom ?? null, nombre_communes: ctx.folder.territory.communes.length }
      : null,
    phases: list.provenance.map((p) => ({
      ...p,
      territoires: list.territoires.filter((t) => t.phase === p.phase).length,
      origine: fromFolder.has(p.phase) ? "donnees" : "produit",
      emplacement: fromFolder.has(p.phase) ? `${LIST_FOLDER}/` : "src/geography/territoires-industrie.json",
    })),
  };
}

export async function territoryListFiles(ctx: SiteContext) {
  return { "liste-territoires.json": await territoryListStatus(ctx) };
}
