// Every input row that was not loaded: rows rejected by the source loaders and by the local-file readers.
import type { IndicatorResult } from "../indicators/index.ts";
import type { Rejection } from "../sources/types.ts";
import type { DataFolder } from "../pipeline/load-data-folder.ts";

export function collectRejections(folder: DataFolder, result: IndicatorResult): Rejection[] {
  return [...folder.files.flatMap((f) => f.report?.rejections ?? []), ...result.localFiles.flatMap((l) => l.rejections)];
}
