// What the site says about its data: demonstration or official, and each source with its vintage.
import type { DataFolder } from "../pipeline/load-data-folder.ts";
import { loaders } from "../sources/registry.ts";
import type { SourceDescription, SourceId } from "../sources/types.ts";

export interface SourceStatus {
  chemin: string;
  source: SourceId | null;
  libelle: string;
  producteur: string;
  jeu_de_donnees: string;
  licence: string;
  url: string;
  millesime: string | null;
  annees: [number, number] | null;
  lignes_lues: number;
  lignes_chargees: number;
  lignes_hors_territoire: number;
  lignes_rejetees: number;
  demonstration: boolean;
  probleme: string | null;
  limites: string[];
}

export interface DataStatus {
  demonstration: boolean;
  avertissement: string | null;
  sources: SourceStatus[];
}

export const DEMONSTRATION_NOTICE =
  "Données de démonstration : les chiffres affichés sont fictifs, générés pour montrer le fonctionnement de l'outil. Ce ne sont pas des statistiques officielles.";

export function describeSource(id: SourceId): SourceDescription | undefined {
  return loaders.find((l) => l.description.id === id)?.description;
}

export function dataStatus(folder: DataFolder): DataStatus {
  return {
    demonstration: folder.demonstration,
    avertissement: folder.demonstration ? (folder.manifest?.avertissement ?? DEMONSTRATION_NOTICE) : null,
    sources: folder.files.map((f) => {
      const d = f.report ? describeSource(f.report.source) : undefined;
      return {
        chemin: f.relativePath,
        source: f.report?.source ?? null,
        libelle: d?.label ?? "Fichier non reconnu",
        producteur: d?.producer ?? "",
        jeu_de_donnees: d?.dataset ?? "",
        licence: d?.licence ?? "",
        url: d?.url ?? "",
        millesime: f.report?.vintage ?? null,
        annees: f.report?.years ?? null,
        lignes_lues: f.report?.rowsRead ?? 0,
        lignes_chargees: f.report?.rowsLoaded ?? 0,
        lignes_hors_territoire: f.report?.rowsOutside ?? 0,
        lignes_rejetees: f.report?.rejections.length ?? 0,
        demonstration: f.demonstration,
        probleme: f.problem ? `${f.problem.file}:${f.problem.line}:${f.problem.column}: ${f.problem.message}` : null,
        limites: d?.limits ?? [],
      };
    }),
  };
}
