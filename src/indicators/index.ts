// Public API of the evaluation framework, used by the CLI:
//   computeIndicators(db, territory, { localDir, vintages? }) -> IndicatorResult
//   writeIndicatorOutputs(result, outDir)
// The caller has created the canonical tables (src/db/schema.ts), filled `communes` and `epcis` from the territory
// and loaded the source files. This module only adds temporary tables (ind_*, local_*).
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Territory } from "../territory/territory.ts";
import type { ComputeOptions, IndicatorResult, IndicatorRow } from "./types.ts";
import { CATALOGUE } from "./catalogue/index.ts";
import { computeBassinShares } from "./bassins.ts";
import { prepareGeography } from "./geography.ts";
import { computeDeclaration } from "./engine.ts";
import { computeBaselines } from "./baselines.ts";
import { computeTracking } from "./tracking.ts";
import { buildSheets } from "./sheets.ts";
import { loadLocalTables } from "./localTables.ts";
import { readActions } from "../local/actions.ts";
import { readSuivi } from "../local/suivi.ts";
import { readTargets } from "../local/cibles.ts";
import type { LocalContext } from "../local/context.ts";

export { writeIndicatorOutputs } from "./output.ts";
export { CATALOGUE } from "./catalogue/index.ts";
export type * from "./types.ts";

/** The vintage of each loaded file, from the explicit map and the pipeline's file reports. */
function vintageMap(options: ComputeOptions): Record<string, string | null> {
  const map: Record<string, string | null> = {};
  for (const f of options.files ?? []) {
    if (!f.report) continue;
    map[f.report.file] = f.report.vintage;
    if (f.relativePath) map[f.relativePath] = f.report.vintage;
  }
  return { ...map, ...(options.vintages ?? {}) };
}

export const LOCAL_FILES = { cibles: "cibles.csv", actions: "actions.csv", suivi: "suivi.csv" } as const;

export async function computeIndicators(db: DuckDBConnection, territory: Territory, options: ComputeOptions): Promise<IndicatorResult> {
  const notes: string[] = [];
  const bassins = await computeBassinShares(db, territory.declaredBmoBassins);
  const geography = await prepareGeography(db, territory, bassins);

  const ctx: LocalContext = {
    indicators: new Map(CATALOGUE.map((d) => [d.id, { levels: d.levels, kind: d.aggregation.kind, suivi: d.source.tables.includes("local_suivi") }])),
    geographies: geography.byKey,
  };
  const files = {
    cibles: join(options.localDir, LOCAL_FILES.cibles),
    actions: join(options.localDir, LOCAL_FILES.actions),
    suivi: join(options.localDir, LOCAL_FILES.suivi),
  };
  const actions = await readActions(files.actions, ctx);
  const suivi = await readSuivi(files.suivi, ctx);
  const targets = await readTargets(files.cibles, ctx);
  if (!actions.present) notes.push(`${files.actions} absent : pas d'indicateur d'avancement du plan d'actions.`);
  if (!suivi.present) notes.push(`${files.suivi} absent : pas d'indicateur de suivi local.`);
  if (!targets.present) notes.push(`${files.cibles} absent : aucune cible, statuts selon le sens d'évolution depuis la référence.`);
  await loadLocalTables(db, actions.actions, files.actions, suivi.rows, files.suivi);

  const rows: IndicatorRow[] = [];
  for (const decl of CATALOGUE) rows.push(...(await computeDeclaration(db, decl, territory.id)));

  const baselines = computeBaselines(rows, territory.referenceYear);
  return {
    rows,
    baselines,
    targets: computeTracking(rows, baselines, targets.targets, CATALOGUE, territory.referenceYear),
    sheets: await buildSheets(db, CATALOGUE, rows, vintageMap(options)),
    bassins,
    rejections: [...targets.rejections, ...actions.rejections, ...suivi.rejections],
    localFiles: [
      { file: files.cibles, present: targets.present, rowsRead: targets.rowsRead, rowsLoaded: targets.targets.length, rejections: targets.rejections },
      { file: files.actions, present: actions.present, rowsRead: actions.rowsRead, rowsLoaded: actions.actions.length, rejections: actions.rejections },
      { file: files.suivi, present: suivi.present, rowsRead: suivi.rowsRead, rowsLoaded: suivi.rows.length, rejections: suivi.rejections },
    ],
    notes,
  };
}
