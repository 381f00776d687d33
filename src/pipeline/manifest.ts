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

/** Whether the file (path relative to the data folder, with forward slashes) is demonstration data. */
export function isDemonstration(manifest: Manifest | null, relativePath: string): boolean {
  const entry = manifest?.fichiers.find((f) => f.chemin === relativePath);
  return entry?.demonstration ?? false;
}

/**
 * Cheap synchronous check used by the site configuration to put the demonstration notice on every page:
 * true when any file present in data/sources/ is declared as demonstration data by the manifest.
 */
export function folderHasDemonstrationData(dataDir: string): boolean {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dataDir, "manifest.json"), "utf8")) as Manifest;
  } catch {
    return false;
  }
  return manifest.fichiers.some((f) => f.demonstration && existsSync(path.join(dataDir, f.chemin)));
}
