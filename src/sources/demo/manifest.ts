// data/manifest.json: lists every generated file so that the build knows these are demonstration
// figures; a file of data/sources/ absent from the manifest is treated as official data.
import { createHash } from "node:crypto";
import type { GeneratedFile } from "./csv.ts";

export const AVERTISSEMENT =
  "Données fictives générées automatiquement pour la démonstration. " +
  "Les communes et populations sont réelles, mais tous les chiffres (emplois, établissements, créations, " +
  "consommation d'espaces, demandeurs d'emploi, effectifs des lycées, besoins en main-d'œuvre, sites de friches) sont inventés : " +
  "ce ne sont pas des données officielles et ils ne doivent pas être cités.";

export interface ManifestEntry {
  chemin: string;
  source: GeneratedFile["source"];
  millesime: string;
  lignes: number;
  demonstration: true;
  sha256: string;
  communes_demandees?: string[];
}

export interface Manifest {
  demonstration: true;
  genere_par: string;
  avertissement: string;
  territoire: string;
  fichiers: ManifestEntry[];
}

export function sha256(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

export function buildManifest(files: readonly GeneratedFile[], territoryId: string): Manifest {
  return {
    demonstration: true,
    genere_par: "npm run data:demo",
    avertissement: AVERTISSEMENT,
    territoire: territoryId,
    fichiers: [...files]
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((f) => ({
        chemin: f.path,
        source: f.source,
        millesime: f.vintage,
        lignes: f.rows,
        demonstration: true,
        sha256: sha256(f.content),
        ...(f.communesRequested ? { communes_demandees: f.communesRequested } : {}),
      })),
  };
}

export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
