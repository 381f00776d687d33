// Runs every loader over a data folder: recognises each file of data/sources/ by its header,
// loads it into the canonical DuckDB tables, and keeps a report per file.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { SCHEMA } from "../db/schema.ts";
import { loadTerritory, type Territory } from "../territory/territory.ts";
import { detectSource } from "../sources/detect.ts";
import { LoadError, type FileProblem, type FileReport } from "../sources/types.ts";
import { isDemonstration, readManifest, type Manifest } from "./manifest.ts";
import { sharedFile } from "./shared-data.ts";
import { computeCoverage, writeCoverage, type SourceCoverage } from "./coverage.ts";

export interface LoadedFile {
  /** Path relative to the data folder (or to the shared folder for reference files). */
  relativePath: string;
  origin: "donnees" | "reference_partagee";
  demonstration: boolean;
  report: FileReport | null;
  problem: FileProblem | null;
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

async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !IGNORED.test(f))
    .sort();
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

async function loadOne(file: string, relativePath: string, db: DuckDBConnection, territory: Territory) {
  try {
    const { loader } = await detectSource(file);
    const report = await loader.load(file, { db, territory });
    return { report: { ...report, file: relativePath, rejections: report.rejections.map((r) => ({ ...r, file: relativePath })) }, problem: null };
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
  for (const file of await listFiles(sourcesDir)) {
    const relativePath = path.relative(dataDir, file).split(path.sep).join("/");
    const { report, problem } = await loadOne(file, relativePath, db, territory);
    files.push({ relativePath, origin: "donnees", demonstration: isDemonstration(manifest, relativePath), report, problem });
  }

  if (!files.some((f) => f.report?.source === "bassins_bmo")) {
    const bassins = sharedFile("bmo", "bassin_emploi_hauts-de-france.csv");
    if (bassins) {
      const relativePath = "../shared/data/bmo/bassin_emploi_hauts-de-france.csv";
      const { report, problem } = await loadOne(bassins, relativePath, db, territory);
      files.push({ relativePath, origin: "reference_partagee", demonstration: false, report, problem });
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
    demonstration: files.some((f) => f.demonstration),
    close: () => {
      db.closeSync();
      instance.closeSync();
    },
  };
}
