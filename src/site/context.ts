// What every part of the site bundle reads: the evaluation of the data folder (src/evaluation/evaluate.ts), under the
// names the parts use, and the data status the pages show.
import type { IndicatorResult } from "../indicators/index.ts";
import type { LocalInputs } from "../local/inputs.ts";
import type { DataFolder } from "../pipeline/load-data-folder.ts";
import type { ReferenceResult } from "../references/index.ts";
import type { DataStatus } from "./data-status.ts";

export interface SiteContext {
  dataDir: string;
  folder: DataFolder;
  status: DataStatus;
  result: IndicatorResult;
  references: ReferenceResult;
  /** The local files as the evaluation read them (the action plan is not read again by the pages' parts). */
  local: LocalInputs;
}

/** A file of the bundle: JSON-serialisable value, text, or bytes. */
export type SiteFile = string | Uint8Array | object;

/** One part of the site bundle: a set of named files computed from the context. */
export type SitePart = (ctx: SiteContext) => Promise<Record<string, SiteFile>> | Record<string, SiteFile>;
