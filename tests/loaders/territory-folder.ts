// A territory as a user sets one up: a data folder with its territoire.json and the files dropped into sources/
// as downloaded, loaded by the pipeline (src/pipeline/load-data-folder.ts) and computed by the real indicator engine.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadDataFolder, type DataFolder } from "../../src/pipeline/load-data-folder.ts";
import { computeIndicators, type IndicatorResult } from "../../src/indicators/index.ts";
import type { FileReport } from "../../src/sources/types.ts";

export interface TerritoryRun {
  folder: DataFolder;
  result: IndicatorResult;
  /** The report of a file of sources/, by its name. */
  report(name: string): FileReport;
  close(): void;
}

/** Copies `files` into sources/ of a new data folder (a temporary copy: nothing is written into the project). */
export async function runTerritory(config: { id: string; nom: string; epci: string[] }, files: string[]): Promise<TerritoryRun> {
  const dir = mkdtempSync(path.join(tmpdir(), "ti-territoire-"));
  mkdirSync(path.join(dir, "sources"));
  mkdirSync(path.join(dir, "local"));
  writeFileSync(path.join(dir, "territoire.json"), JSON.stringify(config));
  for (const f of files) copyFileSync(f, path.join(dir, "sources", path.basename(f)));
  const folder = await loadDataFolder(dir);
  const result = await computeIndicators(folder.db, folder.territory, { localDir: path.join(dir, "local"), files: folder.files });
  return {
    folder,
    result,
    report(name) {
      const found = folder.files.find((f) => f.relativePath === `sources/${name}`);
      if (!found?.report) throw new Error(`${name} : ${found?.problem?.message ?? "fichier absent"}`);
      return found.report;
    },
    close() {
      folder.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
