// Recording downloaded files in data/manifest.json. Official files must never sit beside demonstration
// files of the same source (the indicators would mix fictitious and real figures), so once an official
// file of a source is complete, that source's demonstration files leave both the manifest and the disk.
import { rm } from "node:fs/promises";
import path from "node:path";
import { readManifest, type Manifest, type ManifestEntry } from "../io/manifest.ts";
import { writeTextAtomically } from "./atomic.ts";

/** A manifest entry for a downloaded file: the base entry plus where and when it came from. */
export interface DownloadedEntry extends ManifestEntry {
  demonstration: false;
  url: string;
  /** Several URLs when the file was assembled from several filtered requests. */
  urls?: string[];
  /** Download date of the content, ISO 8601. */
  date: string;
  /** Size in bytes. */
  taille: number;
  sha256: string;
  telecharge_par: string;
}

export const REFRESH_COMMAND = "npm run data:refresh";

/**
 * Upserts `entry`, then removes the demonstration entries (and files) of the same source, and the files
 * `entry` supersedes (`replaces`: an older name of the same download). The manifest is rewritten before
 * the files are deleted: after a crash in between, a leftover file is at worst unlisted, never listed as
 * official while being fictitious.
 */
export async function recordDownload(dataDir: string, entry: DownloadedEntry, replaces: string[] = []): Promise<{ removedDemo: string[] }> {
  const manifest: Manifest = (await readManifest(dataDir)) ?? { demonstration: false, genere_par: REFRESH_COMMAND, fichiers: [] };
  const demo = manifest.fichiers.filter((f) => f.demonstration && f.source === entry.source && f.chemin !== entry.chemin);
  const superseded = replaces.filter((chemin) => chemin !== entry.chemin);
  manifest.fichiers = manifest.fichiers.filter((f) => f.chemin !== entry.chemin && !demo.includes(f) && !superseded.includes(f.chemin));
  manifest.fichiers.push(entry);
  manifest.fichiers.sort((a, b) => a.chemin.localeCompare(b.chemin));
  manifest.demonstration = manifest.fichiers.some((f) => f.demonstration);
  if (!manifest.demonstration) {
    // The warning and the generator name described demonstration data that is now gone.
    delete manifest.avertissement;
    manifest.genere_par = REFRESH_COMMAND;
  }
  await writeTextAtomically(path.join(dataDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  const root = path.resolve(dataDir);
  for (const chemin of [...demo.map((f) => f.chemin), ...superseded]) {
    const file = path.resolve(root, chemin);
    // The manifest is a hand-editable file: never delete anything outside the data folder.
    if (file.startsWith(root + path.sep)) await rm(file, { force: true });
  }
  return { removedDemo: demo.map((f) => f.chemin) };
}
