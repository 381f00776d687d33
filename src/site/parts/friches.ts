// Brownfield file for the pages: friches.json
//   disponible       whether a Cartofriches file with a vintage is loaded
//   annee, millesime the vintage year shown and the vintage of its file(s) (newest site_actu_date)
//   source           producer, dataset, licence, address and known limits, for the source lines
//   demonstration    the file is demonstration data (fictitious sites)
//   statuts          the four statuses of the standard, in legend order
//   sites            every site of that vintage in the territory, with the actions of the plan that name it
//   sans_position    sites without a usable position (not on the map, in the list)
import path from "node:path";
import { FRICHE_STATUSES } from "../../sources/cartofriches/loader.ts";
import { description } from "../../sources/cartofriches/source.ts";
import { readPlanActions } from "./actions.ts";
import { localPhases } from "../../local/phases.ts";
import { namesSite, readFricheSites, type FricheSite } from "../friches.ts";
import type { SiteContext, SiteFile } from "../context.ts";

export interface FrichesJson {
  disponible: boolean;
  annee: number | null;
  millesime: string | null;
  demonstration: boolean;
  source: { producteur: string; jeu_de_donnees: string; licence: string; url: string; limites: string[] };
  statuts: string[];
  sites: (FricheSite & { actions: { id: string; titre: string }[] })[];
  sans_position: number;
}

export async function buildFrichesJson(ctx: SiteContext): Promise<FrichesJson> {
  const { annee, sites, fichiers } = await readFricheSites(ctx.folder);
  const names = new Set(fichiers.flatMap((f) => [f, path.basename(f)]));
  const files = ctx.folder.files.filter((f) => f.report?.source === "cartofriches" && (names.has(f.relativePath) || names.has(path.basename(f.relativePath))));
  const vintages = [...new Set(files.map((f) => f.report!.vintage).filter((v): v is string => !!v))].sort();
  // The plan as the evaluation read it; a context built without one (a test of this part alone) reads the file.
  const { actions } = ctx.local?.actions ?? (await readPlanActions(ctx.dataDir, localPhases(ctx.folder.territory)));
  return {
    disponible: annee !== null,
    annee,
    millesime: vintages.at(-1) ?? null,
    demonstration: files.some((f) => f.demonstration),
    source: { producteur: description.producer, jeu_de_donnees: description.dataset, licence: description.licence, url: description.url, limites: description.limits },
    statuts: [...FRICHE_STATUSES],
    sites: sites.map((s) => ({ ...s, actions: actions.filter((a) => namesSite(a, s)).map((a) => ({ id: a.id, titre: a.titre })) })),
    sans_position: sites.filter((s) => s.longitude === null || s.latitude === null).length,
  };
}

export async function frichesFiles(ctx: SiteContext): Promise<Record<string, SiteFile>> {
  return { "friches.json": await buildFrichesJson(ctx) };
}
