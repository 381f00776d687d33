// The list of Territoires d'industrie in use for a data folder: the product's table, with the phases that the
// folder's own lists replace — files that `npm run data:refresh` downloaded from the ANCT dataset into
// <data>/territoires-industrie/, or that a user dropped there by hand (e.g. the 2019-2022 list, in
// <data>/territoires-industrie/2019-2022/). Those files are derived on the fly by the same rule as the
// product's table (ti-derive.ts): a dropped list needs no command to be read.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { deriveList, type DeriveReport, type ProvenanceBase } from "./ti-derive.ts";
import { listCandidates, readListFolder, type RawPhase } from "./ti-read.ts";
import { mergeLists, productList, type TerritoryList } from "./ti-table.ts";

/** Folder of a data folder where lists are downloaded or dropped. */
export const LIST_FOLDER = "territoires-industrie";
/** Written by the refresh beside the files it downloaded: where and when each came from. */
export const DOWNLOADS_FILE = "telechargements.json";

export const ANCT_PRODUCER = "ANCT (Agence nationale de la cohésion des territoires)";
export const ANCT_DATASET_SLUG = "programme-territoires-dindustrie";
export const ANCT_DATASET_PAGE = `https://www.data.gouv.fr/fr/datasets/${ANCT_DATASET_SLUG}/`;
export const LICENCE = "Licence Ouverte / Open Licence Etalab 2.0";

/** The ANCT cartography export kept in ../shared/data/territoires-industrie (see its README). */
export const CARTOGRAPHY_EXPORT: ProvenanceBase = {
  producteur: ANCT_PRODUCER,
  jeu_de_donnees: "Territoires d'industrie 2023-2027 : périmètres (export cartographique ti_geom.geojson et sa découpe par EPCI)",
  adresse: "https://github.com/anct-carto/superposeur-anct (commit 949f7e5, data/geom/geojsonV2/ti_geom.geojson)",
  date: "2024",
  licence: LICENCE,
  genere_par: "npm run data:territoires",
};

export interface DownloadRecord {
  url: string;
  date: string;
}

/** What a phase's files are: the cartography export, or the ANCT dataset (downloaded or dropped by hand). */
export function provenanceBase(raw: RawPhase, downloads: Record<string, DownloadRecord> = {}, command = "npm run data:territoires"): ProvenanceBase {
  if (raw.files.some((f) => f.kind === "epci") || raw.files.every((f) => f.kind === "geojson")) return { ...CARTOGRAPHY_EXPORT, genere_par: command };
  const dates = raw.files.map((f) => downloads[f.path]?.date).filter((d): d is string => !!d).sort();
  const byHand = raw.files.filter((f) => !downloads[f.path]).map((f) => f.path);
  return {
    producteur: ANCT_PRODUCER,
    jeu_de_donnees: `Programme Territoires d'industrie, phase ${raw.phase} (liste des territoires, groupements et communes)`,
    adresse: ANCT_DATASET_PAGE,
    date: dates.length > 0 ? `téléchargé le ${dates.at(-1)!.slice(0, 10)}` : "non renseignée (fichiers déposés à la main)",
    licence: LICENCE,
    genere_par: byHand.length > 0 ? `${command} ; déposés à la main : ${byHand.join(", ")}` : command,
  };
}

export async function readDownloads(dir: string): Promise<Record<string, DownloadRecord>> {
  try {
    return JSON.parse(await readFile(path.join(dir, DOWNLOADS_FILE), "utf8")) as Record<string, DownloadRecord>;
  } catch {
    return {};
  }
}

export interface FolderLists {
  list: TerritoryList;
  reports: DeriveReport[];
  ignored: string[];
}

/** The lists of a folder (downloaded or dropped), derived; an empty list when there are none. */
export async function readFolderLists(dir: string, command = "lu dans le dossier de données"): Promise<FolderLists> {
  const downloads = await readDownloads(dir);
  const { phases, ignored } = await readListFolder(dir);
  for (const phase of phases) for (const f of phase.files) if (downloads[f.path]) Object.assign(f, downloads[f.path]);
  const { list, reports } = deriveList(phases, (raw) => provenanceBase(raw, downloads, command));
  return { list, reports, ignored };
}

const cache = new Map<string, { signature: string; lists: FolderLists }>();

/** The list in use for a data folder: the product's table, with the phases of the folder's own lists. */
export async function loadTerritoryList(dataDir = "data"): Promise<{ list: TerritoryList; folder: FolderLists | null }> {
  const dir = path.join(dataDir, LIST_FOLDER);
  const files = await listCandidates(dir);
  if (files.length === 0) return { list: productList(), folder: null };
  const signature = (await Promise.all(files.map(async (f) => `${f}:${(await stat(f)).mtimeMs}`))).join("|");
  let entry = cache.get(dir);
  if (!entry || entry.signature !== signature) {
    entry = { signature, lists: await readFolderLists(dir) };
    cache.set(dir, entry);
  }
  return { list: mergeLists(productList(), entry.lists.list), folder: entry.lists };
}
