// What every part of the site bundle reads: the loaded data folder, its status and the computed indicators.
import type { IndicatorResult } from "../indicators/index.ts";
import type { DataFolder } from "../pipeline/load-data-folder.ts";
import type { DataStatus } from "./data-status.ts";

export interface SiteContext {
  dataDir: string;
  folder: DataFolder;
  status: DataStatus;
  result: IndicatorResult;
}

/** A file of the bundle: JSON-serialisable value, text, or bytes. */
export type SiteFile = string | Uint8Array | object;

/** One part of the site bundle: a set of named files computed from the context. */
export type SitePart = (ctx: SiteContext) => Promise<Record<string, SiteFile>> | Record<string, SiteFile>;
