// What the site says about its data: demonstration or official, and each source with its vintage.
import type { DataFolder } from "../pipeline/load-data-folder.ts";
import { manifestEntry } from "../io/manifest.ts";
import { coverageStatements, emptinessProblems, type CoverageStatement, type EmptinessProblem } from "../pipeline/data-checks.ts";
import { loaders } from "../sources/registry.ts";
import type { SourceDescription, SourceId } from "../sources/types.ts";
import { formatProblem } from "../format/location.ts";

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
  /** Where and when `npm run data:refresh` fetched the file; null for a file put there by hand or generated. */
  telechargement: Provenance | null;
  probleme: string | null;
  /** Why the file was set aside (identical copy, vintage superseded by a newer one), null when it is used. */
  ecarte: string | null;
  limites: string[];
}

export interface Provenance {
  url: string;
  /** ISO 8601. */
  date: string;
  sha256: string | null;
  /** The file taken out of a zip archive served at `url`. */
  membre_archive: string | null;
}

export interface DataStatus {
  demonstration: boolean;
  /** "Données de démonstration." or, when official files sit beside demonstration ones, "Données en partie de démonstration.". */
  titre_avertissement: string | null;
  avertissement: string | null;
  sources: SourceStatus[];
  /** Per communal source, the communes of the territory its files cover and what follows for the values. */
  couverture: CoverageStatement[];
  /** Files that loaded nothing for the territory (ti validate exits 1 on them). */
  fichiers_vides: EmptinessProblem[];
}

export const DEMONSTRATION_NOTICE =
  "Données de démonstration : les chiffres affichés sont fictifs, générés pour montrer le fonctionnement de l'outil. Ce ne sont pas des statistiques officielles.";

export function describeSource(id: SourceId): SourceDescription | undefined {
  return loaders.find((l) => l.description.id === id)?.description;
}

/**
 * When official files sit beside demonstration ones (a refresh that succeeded for some sources only), the
 * generator's notice ("every figure is invented") is no longer true: say which sources are fictitious.
 */
function partialNotice(folder: DataFolder): string | null {
  const sources = (demonstration: boolean) =>
    new Set(folder.files.filter((f) => f.origin === "donnees" && f.report && f.demonstration === demonstration).map((f) => f.report!.source));
  const fictitious = sources(true);
  if (fictitious.size === 0 || sources(false).size === 0) return null;
  const labels = [...fictitious].map((id) => describeSource(id)?.label ?? id).sort((a, b) => a.localeCompare(b, "fr"));
  return `Les chiffres de ces sources sont fictifs, générés pour montrer l'outil, et ne doivent pas être cités : ${labels.join(" ; ")}. Les autres sources sont officielles.`;
}

export function dataStatus(folder: DataFolder): DataStatus {
  const partial = partialNotice(folder);
  return {
    demonstration: folder.demonstration,
    titre_avertissement: folder.demonstration ? (partial ? "Données en partie de démonstration." : "Données de démonstration.") : null,
    avertissement: folder.demonstration ? (partial ?? folder.manifest?.avertissement ?? DEMONSTRATION_NOTICE) : null,
    couverture: coverageStatements(folder.territory, folder.coverage),
    fichiers_vides: emptinessProblems(folder.files),
    sources: folder.files.map((f) => {
      const sourceId = f.report?.source ?? f.ignored?.source ?? null;
      const d = sourceId ? describeSource(sourceId) : undefined;
      const entry = manifestEntry(folder.manifest, f.relativePath);
      return {
        chemin: f.relativePath,
        source: sourceId,
        libelle: d?.label ?? (f.ignored ? "Fichier écarté" : "Fichier non reconnu"),
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
        telechargement:
          entry?.url && entry.date && !f.demonstration
            ? { url: entry.url, date: entry.date, sha256: entry.sha256 ?? null, membre_archive: entry.membre_archive ?? null }
            : null,
        probleme: f.problem ? formatProblem(f.problem, f.problem.message) : null,
        ecarte: f.ignored?.reason ?? null,
        limites: d?.limits ?? [],
      };
    }),
  };
}
