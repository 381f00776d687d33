// `ti init ti-XXXX [--data DOSSIER] [--remplacer]`: configures a data folder for a Territoire d'industrie of the
// list (writes DOSSIER/territoire.json as {"ti": "ti-XXXX"}) and generates the demonstration data of its
// communes. A folder that holds official files or local files of another territory is only re-pointed with
// --remplacer: its official files would then be of the wrong territory, and that is said.
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { writeDemo } from "../sources/demo/generate.ts";
import { loadTerritoryList } from "../geography/ti-list.ts";
import { describeEntry, unknownTerritoryMessage } from "../geography/ti-search.ts";
import { findEntry } from "../geography/ti-table.ts";
import { readManifest } from "../io/manifest.ts";
import { membersSummary } from "./territoires.ts";

/** Files of sources/ that the manifest does not list as demonstration data: official files, put there or downloaded. */
async function officialFiles(dataDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(path.join(dataDir, "sources"), { recursive: true })).map(String).filter((n) => !path.basename(n).startsWith("."));
  } catch {
    return [];
  }
  const manifest = await readManifest(dataDir).catch(() => null);
  const demo = new Set(manifest?.fichiers.filter((f) => f.demonstration).map((f) => f.chemin) ?? []);
  return names.map((n) => `sources/${n.split(path.sep).join("/")}`).filter((n) => !demo.has(n) && !n.endsWith("/")).sort();
}

/** The territory the folder is configured for now, as a short label; null when there is no configuration. */
async function currentConfiguration(file: string): Promise<{ label: string; ti: string | null } | null> {
  if (!existsSync(file)) return null;
  try {
    const raw = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
    const ti = typeof raw.ti === "string" ? raw.ti : null;
    return { label: ti ?? (typeof raw.nom === "string" ? `« ${raw.nom} »` : "un autre territoire"), ti };
  } catch {
    return { label: "une configuration illisible", ti: null };
  }
}

export async function runInit(options: { id: string | undefined; data: string; replace: boolean }): Promise<number> {
  if (!options.id) {
    console.error("Erreur : indiquez l'identifiant du territoire, par exemple : npm run ti -- init ti-3208 (cherchez-le avec : npm run ti -- territoires TEXTE)");
    return 1;
  }
  const { list } = await loadTerritoryList(options.data);
  const entry = findEntry(list, options.id);
  if (!entry) {
    console.error(`Erreur : ${unknownTerritoryMessage(list, options.id)}`);
    return 1;
  }

  const file = path.join(options.data, "territoire.json");
  const current = await currentConfiguration(file);
  const official = await officialFiles(options.data);
  const another = current !== null && current.ti?.toLowerCase() !== entry.id;
  if (another && official.length > 0 && !options.replace) {
    console.error(
      `Erreur : ${options.data} est configuré pour ${current.label} et contient des fichiers officiels (${official.join(", ")}) ; ` +
        `choisissez un autre dossier (--data DOSSIER) ou relancez avec --remplacer pour le configurer quand même pour ${entry.id}.`,
    );
    return 1;
  }

  await mkdir(options.data, { recursive: true });
  await writeFile(file, JSON.stringify({ ti: entry.id }, null, 2) + "\n");
  const { territory, files, notes } = await writeDemo(options.data, options.data);
  console.log(`Territoire configuré : ${describeEntry(entry)} : ${membersSummary(entry)} → ${file}`);
  console.log(`Données de démonstration (chiffres fictifs) écrites dans ${options.data}/sources/ : ${files.length} fichiers pour ${territory.communes.length} communes.`);
  for (const note of notes) console.log(`  note : ${note}`);
  if (another && official.length > 0)
    console.log(`  attention : fichiers officiels gardés, qui concernent ${current.label} (hors territoire au calcul) : ${official.join(", ")}`);
  if (another && existsSync(path.join(options.data, "local")))
    console.log(`  attention : ${options.data}/local/ (cibles, plan d'actions, suivi) décrit ${current.label} : ses lignes d'un autre territoire seront rejetées au calcul ; remplacez ces fichiers (voir data/local/README.md).`);
  const isDefault = path.normalize(options.data) === "data";
  const data = isDefault ? "" : ` --data ${options.data}`;
  console.log("\nEnsuite :");
  console.log(`  calculer les indicateurs : npm run ti -- compute${data}`);
  console.log(`  construire le site : ${isDefault ? "" : `TI_DATA_DIR=${options.data} `}npm run build`);
  console.log(`  remplacer les données de démonstration par les fichiers officiels : npm run data:refresh${isDefault ? "" : ` --${data}`}`);
  return 0;
}
