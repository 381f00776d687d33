// Contracts shared by every source's reader (src/sources/<source>/loader.ts) and by the pipeline that runs them.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Territory } from "../territory/territory.ts";
import type { FileReport as SourceFileReport } from "../io/report.ts";
import type { Recognition } from "../io/header.ts";

// The read stage's problems (src/io/problems.ts), part of the loaders' contract.
export { LoadError, type FileProblem, type Rejection } from "../io/problems.ts";
export type { Recognition } from "../io/header.ts";
export type { FileCoverage } from "../io/report.ts";

/** The official sources the product reads (data/sources/), one folder each under src/sources/. */
export const SOURCE_IDS = ["urssaf", "sirene", "cerema", "dares", "lycees_pro", "bmo", "bassins_bmo", "cartofriches"] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

/** Who publishes a source and under which terms: shown on every chart's source line. */
export interface SourceDescription {
  id: SourceId;
  /** French label, e.g. "Établissements et effectifs salariés du secteur privé". */
  label: string;
  producer: string;
  dataset: string;
  licence: string;
  periodicity: string;
  url: string;
  /** Known limits and breaks in series, in French. */
  limits: string[];
}

/** What a loader returns for one file (src/io/report.ts), about one of the official sources. */
export type FileReport = SourceFileReport<SourceId>;

/**
 * What a commune of the territory absent from a source's files means:
 * - "communes": the files cover the communes they have rows for (URSSAF, DARES, Cerema); an absent commune is
 *   unknown, unless the files are national or were asked for that very commune (data:refresh's filtered exports);
 * - "departements": the files are whole départements (Sirene, lycées): a commune of a covered département without
 *   a row has none.
 */
export type CoverageRule = "communes" | "departements";

export interface LoadContext {
  db: DuckDBConnection;
  territory: Territory;
}

export interface SourceLoader {
  description: SourceDescription;
  /** "csv" loaders are offered the decoded header; "xlsx" loaders the sheet names and header row. */
  format: "csv" | "xlsx";
  /** Also reads Parquet files (offered their column names by detectSource). */
  parquet?: boolean;
  /** Communal sources: what a commune absent from the files means (absent for sources not by commune, e.g. BMO). */
  coverage?: CoverageRule;
  /**
   * For the "departements" rule: a file holding fewer rows per inhabitant of a département than this is an extract of
   * it (a sample of the national stock), not the whole département: it then covers only the communes it has rows for.
   */
  minRowsPerInhabitant?: number;
  recognise(header: string[]): Recognition;
  /** Reads the whole file, appends to its canonical table, returns the report. Throws LoadError when the file is unusable. */
  load(file: string, ctx: LoadContext): Promise<FileReport>;
}
