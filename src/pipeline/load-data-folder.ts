// Runs every loader over a data folder: recognises each file of data/sources/ by its header,
// loads it into the canonical DuckDB tables, and keeps a report per file.
// Around the loaders, what only the whole folder can decide:
//   - files in subfolders are read too; a symbolic link to a file is followed, a link to a folder is not (a loop
//     would never end) and is reported, a broken or looping link is unusable;
//   - a file whose content is identical (SHA-256) to another's is read once: the copy is set aside, with a message;
//   - several files of one source holding the same values: see reconcile.ts (newest vintage wins, or refused);
//   - a file covering years no data can have (after next year, or before 1900) is refused as a whole: its years
//     come from its header (URSSAF, Cerema) or would open years of reports that cannot exist;
//   - the `fichier` column of the canonical tables holds the path relative to the data folder, as every report
//     does: no absolute path of the building machine reaches a published file.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { SCHEMA } from "../db/schema.ts";
import { tableIdentifier } from "../db/tables.ts";
import { loadTerritory, type Territory } from "../territory/territory.ts";
import { detectSource } from "../sources/detect.ts";
import { LoadError, type FileProblem, type FileReport, type SourceId } from "../sources/types.ts";
import { detectEncoding, encodingNote } from "../io/read-text.ts";
import { FIRST_DATA_YEAR, lastDataYear } from "../io/values.ts";
import { reconcile } from "./reconcile.ts";
import { isDemonstration, readManifest, type Manifest } from "../io/manifest.ts";
import { sharedFile } from "../io/shared-data.ts";
import { computeCoverage, writeCoverage, type SourceCoverage } from "./coverage.ts";

export interface LoadedFile {
  /** Path relative to the data folder (or to the shared folder for reference files). */
  relativePath: string;
  origin: "donnees" | "reference_partagee";
  demonstration: boolean;
  report: FileReport | null;
  problem: FileProblem | null;
  /**
   * Set aside on purpose, with its reason in French (a copy of another file, a vintage a newer one supersedes, a
   * link to a folder): the file counts for nothing, and it is not an error.
   */
  ignored?: { source: SourceId | null; reason: string } | null;
}

export interface DataFolder {
  dataDir: string;
  territory: Territory;
  manifest: Manifest | null;
  db: DuckDBConnection;
  files: LoadedFile[];
  /** Per communal source, the communes of the territory its files cover (also in table `couverture`). */
  coverage: SourceCoverage[];
  /** True when at least one loaded file is demonstration data. */
  demonstration: boolean;
  close(): void;
}

const IGNORED = /(^|\/)(README(\.md)?|\.gitkeep|\..*)$/i;

/** A file of data/sources/, or a symbolic link found there. */
interface Entry {
  file: string;
  /** "file": a regular file, or a link to one (followed); otherwise a link that is not followed. */
  kind: "file" | "link-to-folder" | "broken-link";
}

async function listFiles(dir: string): Promise<Entry[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true }); // does not follow links to folders: no loop
  } catch {
    return [];
  }
  const out: Entry[] = [];
  for (const e of entries) {
    const file = path.join(e.parentPath, e.name);
    if (IGNORED.test(file)) continue;
    if (e.isFile()) out.push({ file, kind: "file" });
    else if (e.isSymbolicLink()) {
      try {
        const target = await stat(file); // follows the link; ELOOP or ENOENT when it loops or is broken
        if (target.isFile()) out.push({ file, kind: "file" });
        else if (target.isDirectory()) out.push({ file, kind: "link-to-folder" });
      } catch {
        out.push({ file, kind: "broken-link" });
      }
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

async function sha256(file: string): Promise<string | null> {
  try {
    const hash = createHash("sha256");
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
    return hash.digest("hex");
  } catch {
    return null; // unreadable: the loader says so
  }
}

/** The canonical tables each source writes (all have a `fichier` column). */
export const SOURCE_TABLES: Record<SourceId, string[]> = {
  urssaf: ["urssaf"], sirene: ["sirene", "sirene_agregats"], cerema: ["cerema"], dares: ["dares"], lycees_pro: ["lycees_pro"], bmo: ["bmo"],
  bassins_bmo: ["bassins_bmo"], cartofriches: ["friches", "friches_couverture"],
};

/** French problem when the years a file covers cannot be years of data (Sirene creation dates may be old: no floor). */
function yearsProblem(report: FileReport): string | undefined {
  if (!report.years) return undefined;
  const [first, last] = report.years;
  const max = lastDataYear();
  const floor = report.source === "sirene" ? -Infinity : FIRST_DATA_YEAR;
  if (last <= max && first >= floor) return undefined;
  return `années invraisemblables : le fichier couvre ${first} à ${last}, alors que des données ne peuvent aller que de ${FIRST_DATA_YEAR} à ${max} ; vérifiez l'en-tête ou la colonne des années (fichier non chargé)`;
}

async function fillTerritoryTables(db: DuckDBConnection, territory: Territory): Promise<void> {
  const communes = await db.createAppender("communes");
  for (const c of territory.communes) {
    communes.appendVarchar(c.code);
    communes.appendVarchar(c.nom);
    communes.appendVarchar(c.departement);
    communes.appendVarchar(c.epci);
    if (c.population === null) communes.appendNull();
    else communes.appendInteger(c.population);
    communes.endRow();
  }
  communes.closeSync();
  const epcis = await db.createAppender("epcis");
  for (const e of territory.epcis) {
    epcis.appendVarchar(e.siren);
    epcis.appendVarchar(e.nom);
    if (e.population === null) epcis.appendNull();
    else epcis.appendInteger(e.population);
    epcis.endRow();
  }
  epcis.closeSync();
}

async function loadOne(file: string, relativePath: string, db: DuckDBConnection, territory: Territory): Promise<Pick<LoadedFile, "report" | "problem">> {
  try {
    const { loader } = await detectSource(file);
    const report = await loader.load(file, { db, territory });
    // Paths are bound; table names are identifiers (a parameter cannot name a table), checked against the schema.
    const tables = SOURCE_TABLES[report.source].map((t) => tableIdentifier(t));
    for (const t of tables) await db.run(`UPDATE ${t} SET fichier = $relativePath WHERE fichier = $file`, { relativePath, file });
    const years = yearsProblem(report);
    if (years) {
      for (const t of tables) await db.run(`DELETE FROM ${t} WHERE fichier = $relativePath`, { relativePath });
      return { report: null, problem: { file: relativePath, line: 1, column: "", message: years } };
    }
    const notes = [...report.notes];
    if (loader.format === "csv") {
      const note = encodingNote(await detectEncoding(file)); // remembered from the loader's pass
      if (note) notes.push(note);
    }
    return { report: { ...report, file: relativePath, notes, rejections: report.rejections.map((r) => ({ ...r, file: relativePath })) }, problem: null };
  } catch (e) {
    if (e instanceof LoadError) return { report: null, problem: { ...e.problem, file: relativePath } };
    throw e;
  }
}

/**
 * Loads the data folder. Reference files that the folder lacks but ../shared/data holds
 * (the France Travail commune -> bassin table) are read from there.
 */
export async function loadDataFolder(dataDir = "data"): Promise<DataFolder> {
  const territory = await loadTerritory(dataDir);
  const manifest = await readManifest(dataDir);
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  await db.run(SCHEMA);
  await fillTerritoryTables(db, territory);

  const files: LoadedFile[] = [];
  const sourcesDir = path.join(dataDir, "sources");
  const entries = (await listFiles(sourcesDir)).map((e) => ({ ...e, relativePath: path.relative(dataDir, e.file).split(path.sep).join("/") }));

  // Identical content read once: the kept copy is the shallowest, then the first by name (`urssaf.csv` before
  // `archive/urssaf (1).csv`).
  const hashes = new Map<string, string>();
  for (const e of entries) if (e.kind === "file") { const h = await sha256(e.file); if (h) hashes.set(e.relativePath, h); }
  const keeperOf = new Map<string, string>();
  const depth = (p: string) => p.split("/").length;
  for (const e of [...entries].sort((a, b) => depth(a.relativePath) - depth(b.relativePath) || (a.relativePath < b.relativePath ? -1 : 1))) {
    const h = hashes.get(e.relativePath);
    if (h && !keeperOf.has(h)) keeperOf.set(h, e.relativePath);
  }

  for (const e of entries) {
    const { relativePath } = e;
    const base = { relativePath, origin: "donnees" as const, demonstration: isDemonstration(manifest, relativePath), report: null, problem: null, ignored: null };
    if (e.kind === "link-to-folder") {
      files.push({ ...base, ignored: { source: null, reason: "lien symbolique vers un dossier : non suivi (un lien peut boucler) ; déposez les fichiers eux-mêmes, ou des liens vers des fichiers, dans data/sources/" } });
      continue;
    }
    if (e.kind === "broken-link") {
      files.push({ ...base, problem: { file: relativePath, line: 1, column: "", message: "lien symbolique cassé ou qui boucle : sa cible est introuvable" } });
      continue;
    }
    const h = hashes.get(relativePath);
    const keeper = h ? keeperOf.get(h) : undefined;
    if (keeper && keeper !== relativePath) {
      files.push({ ...base, ignored: { source: null, reason: `copie identique de ${keeper} (même contenu, empreinte SHA-256) : lue une seule fois, cette copie est ignorée` } });
      continue;
    }
    files.push({ ...base, ...(await loadOne(e.file, relativePath, db, territory)) });
  }

  // Several files of one source holding the same values: one wins, or the later is refused (reconcile.ts).
  const decisions = await reconcile(db, files.flatMap((f) => (f.report ? [{ relativePath: f.relativePath, report: f.report }] : [])), SOURCE_TABLES);
  for (const d of decisions) {
    const f = files.find((x) => x.relativePath === d.relativePath)!;
    if (d.kind === "remplace") f.ignored = { source: f.report!.source, reason: d.message };
    else f.problem = { file: f.relativePath, line: 1, column: "", message: d.message };
    f.report = null;
  }

  if (!files.some((f) => f.report?.source === "bassins_bmo")) {
    const bassins = sharedFile("bmo", "bassin_emploi_hauts-de-france.csv");
    if (bassins) {
      const relativePath = "../shared/data/bmo/bassin_emploi_hauts-de-france.csv";
      const { report, problem } = await loadOne(bassins, relativePath, db, territory);
      files.push({ relativePath, origin: "reference_partagee", demonstration: false, report, problem, ignored: null });
    }
  }

  const coverage = computeCoverage(territory, files, manifest);
  await writeCoverage(db, coverage);

  return {
    dataDir,
    territory,
    manifest,
    db,
    files,
    coverage,
    demonstration: files.some((f) => f.demonstration && !f.ignored),
    close: () => {
      db.closeSync();
      instance.closeSync();
    },
  };
}
