// Refreshing the list of Territoires d'industrie from the ANCT dataset `programme-territoires-dindustrie` on
// data.gouv.fr. The catalogue API lists the dataset's resources; per phase (the year after `grpt`, `com` or
// `liste-ti-` in the file's name: 2023 -> 2023-2027), the newest CSV of each kind is downloaded through the
// cache into <data>/territoires-industrie/<phase>/ under a stable name:
//   liste-ti-*.csv        -> liste-ti-territoires.csv   (id_ti, lib_ti)
//   liste-ti-grpt2023-*   -> liste-ti-groupements.csv   (id_ti, siren_groupement, lib_groupement)
//   liste-ti-com2023-*    -> liste-ti-communes.csv      (insee_com, lib_com, id_ti, lib_ti)
// with where and when each came from in <data>/territoires-industrie/telechargements.json. The list in use
// is then derived from that folder (src/geography/ti-list.ts), together with any list dropped there by hand;
// the refresh prints what the derivation says (territories, members that the COG does not know).
// A failure leaves the files in place: the list in use stays the previous one, or the product's table.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { writeTextAtomically } from "./atomic.ts";
import { assemble, fileSha256 } from "./assemble.ts";
import type { CacheFetchOptions, DownloadCache } from "./cache.ts";
import type { Download } from "./catalogue.ts";
import { resourceFormat, type ApiDataset, type ApiResource } from "../sources/datagouv.ts";
import type { CatalogueSearch } from "../sources/download.ts";
import type { CatalogueReader } from "./catalogue-reader.ts";
import { DownloadError, describe } from "./errors.ts";
import { phaseOfYear } from "../geography/ti-read.ts";
import { DOWNLOADS_FILE, LIST_FOLDER, readDownloads, readFolderLists, ANCT_DATASET_SLUG } from "../geography/ti-list.ts";
import { printable } from "../format/terminal.ts";

export function tiDatasetUrl(api: string): string {
  return `${api}/api/1/datasets/${ANCT_DATASET_SLUG}/`;
}

/** The ANCT dataset in the catalogue: several files, fetched by refreshTerritoryList, never one location. */
export const TI_CATALOGUE_SEARCH: CatalogueSearch = {
  kind: "ti-datagouv",
  url: (d) => tiDatasetUrl(d.api),
  label: () => "fichiers liste-ti-*.csv de chaque phase cherchés",
  pick: () => {
    throw new DownloadError("la liste des Territoires d'industrie n'est pas un fichier unique (voir territoires-industrie.ts)", "configuration", false);
  },
};

type Kind = "territoires" | "groupements" | "communes";
const TARGET: Record<Kind, string> = { territoires: "liste-ti-territoires.csv", groupements: "liste-ti-groupements.csv", communes: "liste-ti-communes.csv" };

export interface ListResource {
  kind: Kind;
  phase: string;
  url: string;
  /** Path relative to the data folder. */
  target: string;
}

const fileName = (r: ApiResource) => {
  try {
    return decodeURIComponent(path.posix.basename(new URL(r.url ?? "").pathname));
  } catch {
    return "";
  }
};

/** The newest CSV of each kind and phase among the dataset's resources. Exported for tests. */
export function pickListResources(dataset: ApiDataset): { picked: ListResource[]; notes: string[] } {
  const notes: string[] = [];
  const candidates: { kind: Kind; year: number | null; resource: ApiResource; name: string }[] = [];
  for (const r of dataset.resources ?? []) {
    if (!r.url || resourceFormat(r) !== "csv") continue;
    const name = [fileName(r), r.title ?? ""].find((n) => /liste-ti/i.test(n)) ?? "";
    const grouped = /liste-ti-(grpt|com)[_-]?(\d{4})?/i.exec(name);
    if (grouped) candidates.push({ kind: grouped[1]!.toLowerCase() === "com" ? "communes" : "groupements", year: grouped[2] ? Number(grouped[2]) : null, resource: r, name });
    else if (/liste-ti\b/i.test(name)) candidates.push({ kind: "territoires", year: Number(/liste-ti-?(\d{4})/i.exec(name)?.[1]) || null, resource: r, name });
  }
  // A file without a year in its name belongs to the only phase the others name, if there is one.
  const years = [...new Set(candidates.map((c) => c.year).filter((y): y is number => y !== null))];
  const best = new Map<string, (typeof candidates)[number] & { phase: string }>();
  for (const c of candidates) {
    const year = c.year ?? (years.length === 1 ? years[0]! : null);
    const phase = year === null ? undefined : phaseOfYear(year);
    if (!phase) {
      notes.push(`fichier du jeu ANCT ignoré, phase inconnue : ${c.name}`);
      continue;
    }
    const key = `${phase}|${c.kind}`;
    const previous = best.get(key);
    const newer = !previous || (c.resource.last_modified ?? "") > (previous.resource.last_modified ?? "") || ((c.resource.last_modified ?? "") === (previous.resource.last_modified ?? "") && c.name > previous.name);
    if (newer) best.set(key, { ...c, phase });
  }
  const picked = [...best.values()]
    .map((c) => ({ kind: c.kind, phase: c.phase, url: c.resource.url!, target: `${LIST_FOLDER}/${c.phase}/${TARGET[c.kind]}` }))
    .sort((a, b) => a.target.localeCompare(b.target));
  return { picked, notes };
}

export interface ListRefreshRow {
  status: "mis à jour" | "inchangé" | "inchangé (cache)" | "échec";
  detail?: string;
  size?: number;
  error?: DownloadError;
}

export async function refreshTerritoryList(
  download: Download,
  options: { dataDir: string; cache: DownloadCache; through: CacheFetchOptions; catalogue: CatalogueReader; progress?: { write(text: string): unknown } },
): Promise<ListRefreshRow> {
  const url = TI_CATALOGUE_SEARCH.url(download.discovery!);
  let dataset: ApiDataset;
  try {
    dataset = (await options.catalogue.read(url)) as ApiDataset;
  } catch (e) {
    const error = e instanceof DownloadError ? e : new DownloadError(describe(e), "http", false);
    return { status: "échec", detail: error.message, error };
  }
  const { picked, notes } = pickListResources(dataset);
  if (!picked.some((p) => p.kind !== "territoires")) {
    const error = new DownloadError(`le jeu « ${ANCT_DATASET_SLUG} » du catalogue data.gouv.fr ne propose aucun fichier liste-ti-grpt… ni liste-ti-com… au format CSV (${url})`, "http", false);
    return { status: "échec", detail: [...notes, error.message].join(" ; "), error };
  }

  const dir = path.join(options.dataDir, LIST_FOLDER);
  const downloads = await readDownloads(dir);
  let changed = false;
  let fetched = false;
  let size = 0;
  try {
    for (const p of picked) {
      const hit = await options.cache.fetch(p.url, { ...options.through, gunzip: false });
      fetched ||= hit.origin === "telecharge";
      const dest = path.join(options.dataDir, ...p.target.split("/"));
      await mkdir(path.dirname(dest), { recursive: true });
      if ((await fileSha256(dest)) !== hit.entry.sha256) {
        await assemble([hit.file], dest, "csv");
        changed = true;
      }
      size += hit.entry.taille;
      downloads[path.posix.relative(LIST_FOLDER, p.target)] = { url: p.url, date: hit.entry.date };
    }
  } catch (e) {
    const error = e instanceof DownloadError ? e : new DownloadError(describe(e), "fichier", false);
    return { status: "échec", detail: [...notes, error.message].join(" ; "), error };
  }
  await writeTextAtomically(path.join(dir, DOWNLOADS_FILE), JSON.stringify(downloads, null, 2) + "\n");

  // What the list now says, with the lists dropped by hand beside the downloaded ones.
  const { reports, ignored } = await readFolderLists(dir);
  const said = reports.map((r) => `phase ${r.phase} : ${r.territoires} territoires${r.nonResolus.length ? `, ${r.nonResolus.length} membre(s) non résolu(s) : ${r.nonResolus.join(" ; ")}` : ""}${r.remarques.length ? `, ${r.remarques.length} remarque(s) (npm run data:territoires -- --depuis ${dir})` : ""}`);
  // Names from the list itself (unresolved members): printed without their control characters.
  options.progress?.write(`${download.id} : ${printable(said.join(" ; "))}\n`);
  return {
    status: changed ? "mis à jour" : fetched ? "inchangé" : "inchangé (cache)",
    detail: [...said, ...notes, ...ignored.map((i) => `ignoré : ${i}`)].join(" ; "),
    size,
  };
}
