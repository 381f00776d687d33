// data/manifest.json records, for each file of data/sources/, its source, vintage, row count and whether
// it is demonstration data. A file absent from the manifest was put there by the user: official data.
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

export interface ManifestEntry {
  chemin: string;
  source: string;
  millesime: string | null;
  lignes: number;
  demonstration: boolean;
  sha256?: string;
  /** Set by `npm run data:refresh` (see src/download/manifest-update.ts): where and when the file came from. */
  url?: string;
  date?: string;
  taille?: number;
  membre_archive?: string;
  telecharge_par?: string;
  /**
   * The communes the producer was asked for (an export filtered by commune, by data:refresh or the demonstration
   * generator): a listed commune without a row in the file has none (see src/pipeline/coverage.ts).
   */
  communes_demandees?: string[];
}

export interface Manifest {
  demonstration: boolean;
  avertissement?: string;
  genere_par?: string;
  fichiers: ManifestEntry[];
}

export async function readManifest(dataDir: string): Promise<Manifest | null> {
  const file = path.join(dataDir, "manifest.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(text) as Manifest;
    if (!Array.isArray(parsed.fichiers)) throw new Error("« fichiers » doit être une liste");
    return parsed;
  } catch (e) {
    throw new Error(`${file} : manifeste illisible (${(e as Error).message})`);
  }
}

/** The manifest entry of a file (path relative to the data folder, with forward slashes), if any. */
export function manifestEntry(manifest: Manifest | null, relativePath: string): ManifestEntry | undefined {
  return manifest?.fichiers.find((f) => f.chemin === relativePath);
}

/** Whether the file is demonstration data. */
export function isDemonstration(manifest: Manifest | null, relativePath: string): boolean {
  return manifestEntry(manifest, relativePath)?.demonstration ?? false;
}

/** Source ids of the files present in the data folder, by nature: demonstration or official (manifest only). */
export interface FolderNature {
  demonstration: string[];
  official: string[];
}

/**
 * Cheap synchronous check used by the site configuration to put the demonstration notice on every page:
 * the sources of the files present in data/sources/ that the manifest declares as demonstration data, and
 * those it lists as official (after a refresh that succeeded for some sources only, both).
 */
export function folderNature(dataDir: string): FolderNature {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dataDir, "manifest.json"), "utf8")) as Manifest;
  } catch {
    return { demonstration: [], official: [] };
  }
  const present = manifest.fichiers.filter((f) => existsSync(path.join(dataDir, f.chemin)));
  const sources = (demonstration: boolean) => [...new Set(present.filter((f) => f.demonstration === demonstration).map((f) => f.source))].sort();
  return { demonstration: sources(true), official: sources(false) };
}
