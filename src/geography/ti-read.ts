// Reading the files of a list of Territoires d'industrie, each recognised by its header (never by its name):
// - the ANCT dataset `programme-territoires-dindustrie` on data.gouv.fr, one set of files per phase:
//     territories   `liste-ti-*.csv`          id_ti, lib_ti (other columns ignored)
//     groupings     `liste-ti-grpt2023-*.csv` id_ti, siren_groupement, lib_groupement
//     communes      `liste-ti-com2023-*.csv`  insee_com, lib_com, id_ti, lib_ti — a commune in several
//                   territories lists their ids (and names) separated by ` ; `
// - the ANCT cartography export: `ti_geom.geojson` (properties id_territoire, lib_territoire, liste_geo =
//   `Nom EPCI (SIREN); ...`) and its split `ti-2023-2027-epci.csv` (id_territoire, lib_territoire, siren_epci,
//   nom_epci), as kept in ../shared/data/territoires-industrie/.
// The phase of a file comes from the folder holding it (`2019-2022/`), else from its name: a period
// (`ti-2023-2027-epci.csv`) or the first year of the phase after `grpt`, `com` or `liste-ti-` (`com2023`).
// Every row is read or reported (file:line: reason); nothing is dropped silently.
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { openCsv } from "../io/csv.ts";
import { Header, cell } from "../io/header.ts";
import type { ListFile } from "./ti-table.ts";
import { formatLocation, formatProblem } from "../format/location.ts";

/** The phases of the programme; a year of the list's name falls in one of them. */
export const PHASES = [
  { label: "2019-2022", first: 2018, last: 2022 },
  { label: "2023-2027", first: 2023, last: 2027 },
] as const;

export type FileKind = "territoires" | "groupements" | "communes" | "epci" | "geojson";

export interface RawMember {
  siren: string;
  nom: string;
  where: string;
}

/** Everything the files of one phase say, territory by territory. */
export interface RawPhase {
  phase: string;
  files: (ListFile & { kind: FileKind; path: string })[];
  names: Map<string, string>;
  /** Members by SIREN (groupings file, EPCI split file); null when no such file. */
  members: Map<string, RawMember[]> | null;
  /** Communes by INSEE code (communes file); null when no such file. */
  communes: Map<string, { code: string; nom: string; where: string }[]> | null;
  /** Members according to the GeoJSON export, for a cross-check (or alone when it is the only file). */
  geo: Map<string, { nom: string; members: RawMember[] }> | null;
  problems: string[];
}

export class ListReadError extends Error {}

/** Files of a folder (recursively) that may be lists: CSV and GeoJSON. */
export async function listCandidates(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && /\.(csv|geojson)$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

export function phaseOfYear(year: number): string | undefined {
  return PHASES.find((p) => year >= p.first && year <= p.last)?.label;
}

/** The phase of a file from its folder or its name; undefined when neither says. */
export function phaseOfFile(file: string, root: string): string | undefined {
  const folder = path.relative(root, path.dirname(file)).split(path.sep).find((part) => /^\d{4}-\d{4}$/.test(part));
  if (folder) return folder;
  const name = path.basename(file);
  const period = /(?<!\d)(\d{4})-(\d{4})(?!\d)/.exec(name);
  if (period && Number(period[2]) > Number(period[1])) return `${period[1]}-${period[2]}`;
  const year = /(?:grpt|com)[_-]?(\d{4})/i.exec(name) ?? /liste-ti-?(\d{4})/i.exec(name);
  return year ? phaseOfYear(Number(year[1])) : undefined;
}

function kindOf(header: Header): FileKind | undefined {
  if (header.has("id_territoire") && header.has("siren_epci")) return "epci";
  if (header.has("id_ti") && header.has("siren_groupement")) return "groupements";
  if (header.has("id_ti") && header.has("insee_com")) return "communes";
  if (header.has("id_ti") && header.has("lib_ti")) return "territoires";
  return undefined;
}

const SPLIT = /\s*;\s*/;
const normId = (raw: string) => raw.trim().toLowerCase();

async function describeFile(file: string): Promise<ListFile> {
  const bytes = await readFile(file);
  return { nom: path.basename(file), sha256: createHash("sha256").update(bytes).digest("hex"), taille: (await stat(file)).size };
}

function phaseOf(phases: Map<string, RawPhase>, phase: string): RawPhase {
  let p = phases.get(phase);
  if (!p) {
    p = { phase, files: [], names: new Map(), members: null, communes: null, geo: null, problems: [] };
    phases.set(phase, p);
  }
  return p;
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

async function readCsvList(file: string, rel: string, phase: RawPhase, kind: Exclude<FileKind, "geojson">): Promise<void> {
  const csv = await openCsv(file);
  const h = new Header(csv.header);
  const idCol = h.index(kind === "epci" ? "id_territoire" : "id_ti");
  const nameCol = h.index(kind === "epci" ? "lib_territoire" : "lib_ti");
  if (kind === "groupements" || kind === "epci") phase.members ??= new Map();
  if (kind === "communes") phase.communes ??= new Map();
  for await (const record of csv.records()) {
    const where = formatLocation(rel, record.line);
    const problem = (column: string, message: string) => phase.problems.push(formatProblem({ file: rel, line: record.line, column }, message));
    if (record.problem) {
      problem(record.problem.column, record.problem.reason);
      continue;
    }
    const ids = cell(record.cells, idCol).split(SPLIT).map(normId);
    const names = cell(record.cells, nameCol).split(SPLIT).map((n) => n.trim());
    if (ids.every((id) => id === "")) {
      if (record.cells.some((c) => c.trim() !== "")) phase.problems.push(formatProblem({ file: rel, line: record.line }, "identifiant de territoire absent"));
      continue;
    }
    ids.forEach((id, i) => {
      const nom = names.length === ids.length ? names[i] : undefined;
      if (id && nom && !phase.names.has(id)) phase.names.set(id, nom);
    });
    if (kind === "territoires") continue;
    if (kind === "communes") {
      const code = cell(record.cells, h.index("insee_com")).trim();
      const nom = cell(record.cells, h.index("lib_com")).trim();
      if (!/^(\d{5}|\d[AB]\d{3})$/i.test(code)) {
        problem("insee_com", `code commune invalide « ${code} » (5 caractères attendus)`);
        continue;
      }
      for (const id of ids) if (id) push(phase.communes!, id, { code: code.toUpperCase(), nom, where });
      continue;
    }
    const siren = cell(record.cells, h.index(kind === "epci" ? "siren_epci" : "siren_groupement")).replace(/\s/g, "");
    const nom = cell(record.cells, h.index(kind === "epci" ? "nom_epci" : "lib_groupement")).trim();
    if (!/^\d{9}$/.test(siren)) {
      problem(kind === "epci" ? "siren_epci" : "siren_groupement", `SIREN invalide « ${siren} » (9 chiffres attendus)`);
      continue;
    }
    for (const id of ids) if (id) push(phase.members!, id, { siren, nom, where });
  }
}

interface GeoFeature {
  properties?: Record<string, unknown> | null;
}

async function readGeojson(file: string, rel: string, phase: RawPhase): Promise<boolean> {
  let parsed: { features?: GeoFeature[] };
  try {
    parsed = JSON.parse(await readFile(file, "utf8")) as { features?: GeoFeature[] };
  } catch (e) {
    throw new ListReadError(`${rel} : GeoJSON illisible (${(e as Error).message})`);
  }
  const features = parsed.features ?? [];
  if (!features.some((f) => f.properties && "id_territoire" in f.properties && "liste_geo" in f.properties)) return false;
  phase.geo = new Map();
  features.forEach((f, index) => {
    const where = `${rel}:entité ${index + 1}`;
    const p = f.properties ?? {};
    const id = normId(String(p.id_territoire ?? ""));
    if (!id) {
      phase.problems.push(`${where}: identifiant de territoire absent`);
      return;
    }
    const nom = String(p.lib_territoire ?? "").trim();
    // `Nom EPCI (SIREN); Nom (SIGLE) (SIREN)`: the SIREN is the last parenthesis of each item.
    const members = String(p.liste_geo ?? "")
      .split(SPLIT)
      .filter((item) => item.trim() !== "")
      .map((item) => {
        const m = /^(.*)\((\d{9})\)\s*$/.exec(item.trim());
        if (!m) phase.problems.push(`${where}: membre sans SIREN entre parenthèses « ${item.trim()} »`);
        return m ? { siren: m[2]!, nom: m[1]!.trim(), where } : null;
      })
      .filter((m): m is RawMember => m !== null);
    phase.geo!.set(id, { nom, members });
    if (nom && !phase.names.has(id)) phase.names.set(id, nom);
  });
  return true;
}

/**
 * Reads the lists of a folder, phase by phase. A file whose phase cannot be told, or that is not a list, is
 * reported in `ignored`, never read silently into the wrong phase.
 */
export async function readListFolder(dir: string, files?: string[]): Promise<{ phases: RawPhase[]; ignored: string[] }> {
  const phases = new Map<string, RawPhase>();
  const ignored: string[] = [];
  // GeoJSON last: without a phase of its own, it takes that of the CSV lists beside it.
  const ordered = [...(files ?? (await listCandidates(dir)))].sort((a, b) => Number(/\.geojson$/i.test(a)) - Number(/\.geojson$/i.test(b)) || a.localeCompare(b));
  for (const file of ordered) {
    const rel = path.relative(dir, file).split(path.sep).join("/");
    let kind: FileKind | undefined;
    if (/\.geojson$/i.test(file)) kind = "geojson";
    else kind = kindOf(new Header((await openCsv(file)).header));
    if (!kind) {
      ignored.push(`${rel} : en-tête non reconnu (liste de territoires : id_ti, lib_ti ; groupements : id_ti, siren_groupement, lib_groupement ; communes : insee_com, lib_com, id_ti, lib_ti)`);
      continue;
    }
    const phaseLabel = phaseOfFile(file, dir) ?? (kind === "geojson" && phases.size === 1 ? [...phases.keys()][0] : undefined);
    if (!phaseLabel) {
      ignored.push(`${rel} : phase inconnue ; rangez le fichier dans un dossier nommé d'après la phase (ex. 2019-2022/) ou nommez-le comme l'ANCT (liste-ti-com2023-…)`);
      continue;
    }
    const phase = phaseOf(phases, phaseLabel);
    const sameKind = phase.files.find((f) => f.kind === kind);
    if (sameKind) {
      ignored.push(`${rel} : deux fichiers du même type pour la phase ${phaseLabel} (${sameKind.path} est déjà lu) ; retirez l'un des deux`);
      continue;
    }
    if (kind === "geojson") {
      if (!(await readGeojson(file, rel, phase))) {
        ignored.push(`${rel} : GeoJSON sans propriétés id_territoire et liste_geo`);
        continue;
      }
    } else await readCsvList(file, rel, phase, kind);
    phase.files.push({ ...(await describeFile(file)), kind, path: rel });
  }
  return { phases: [...phases.values()].sort((a, b) => a.phase.localeCompare(b.phase)), ignored };
}
