// The evaluation of a data folder, computed in one place: `ti validate`, `ti compute`, the site's data (and through
// it the report years and `ti report`) all take it from `evaluate`. A build computes it once: the site's build
// caches what it publishes of it (src/site/cached-bundle.ts), so that Framework's configuration and its data loader,
// run in separate processes, do not compute it again.
import { appendFileSync } from "node:fs";
import path from "node:path";
import { CATALOGUE, computeIndicators, type IndicatorResult } from "../indicators/index.ts";
import type { LocalInputs } from "../local/inputs.ts";
import { computeReferences, type ReferenceResult } from "../references/index.ts";
import { reportYears } from "./report-years.ts";
import { coverageStatements, emptinessProblems, type CoverageStatement, type EmptinessProblem } from "../pipeline/data-checks.ts";
import { loadDataFolder, type DataFolder } from "../pipeline/load-data-folder.ts";

export interface Evaluation {
  dataDir: string;
  /** The loaded folder: territory (with its phases), manifest, files with their reports, coverage, DuckDB tables. */
  folder: DataFolder;
  /** cibles.csv, actions.csv, suivi.csv, each read once. */
  local: LocalInputs;
  indicators: IndicatorResult;
  /** Département, région, France, comparable territories, decomposition of employment. */
  references: ReferenceResult;
  /** How much of the territory each source covers, and the files that loaded nothing for it. */
  checks: { coverage: CoverageStatement[]; empty: EmptinessProblem[] };
  /** The years that get an annual report. */
  reportYears: number[];
  /** Closes the DuckDB database of `folder`. */
  close(): void;
}

/**
 * When set, each evaluation appends a line (process id, data folder) to this file: how a test counts the
 * evaluations of a whole build, across the processes Framework starts.
 */
export const EVALUATION_COUNTER_ENV = "TI_COMPTEUR_EVALUATIONS";

export async function evaluate(dataDir: string): Promise<Evaluation> {
  const counter = process.env[EVALUATION_COUNTER_ENV];
  if (counter) appendFileSync(counter, `${process.pid}\t${path.resolve(dataDir)}\n`);
  const folder = await loadDataFolder(dataDir);
  try {
    const { local, ...indicators } = await computeIndicators(folder.db, folder.territory, { localDir: path.join(dataDir, "local"), files: folder.files });
    const references = await computeReferences(folder.db, folder.territory);
    return {
      dataDir,
      folder,
      local,
      indicators,
      references,
      checks: { coverage: coverageStatements(folder.territory, folder.coverage), empty: emptinessProblems(folder.files) },
      reportYears: reportYears(indicators.rows, CATALOGUE, folder.territory.referenceYear),
      close: () => folder.close(),
    };
  } catch (e) {
    folder.close();
    throw e;
  }
}
