// Public API of the evaluation framework, used by the CLI:
//   computeIndicators(db, territory, { localDir, vintages? }) -> IndicatorResult
//   writeIndicatorOutputs(result, outDir)
// The caller has created the canonical tables (src/db/schema.ts), filled `communes` and `epcis` from the territory
// and loaded the source files. This module only adds temporary tables (ind_*, local_*).
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Territory } from "../territory/territory.ts";
import type { ComputeOptions, IndicatorResult, IndicatorRow } from "./types.ts";
import { CATALOGUE } from "./catalogue/index.ts";
import { computeBassinShares } from "./bassins.ts";
import { prepareGeography } from "./geography.ts";
import { computeDeclaration } from "./engine.ts";
import { computePhaseTracking } from "./phase-tracking.ts";
import { localPhases } from "../local/phases.ts";
import { buildSheets } from "./sheets.ts";
import { loadLocalTables } from "./localTables.ts";
import type { LocalContext } from "../local/context.ts";
import { readLocalInputs, type LocalInputs } from "../local/inputs.ts";

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

export { LOCAL_FILES } from "../local/inputs.ts";

/**
 * What the territory's files lack, said rather than left as empty charts: BMO values without any bassin attached
 * to the territory (a territory outside the regions the commune -> bassin table describes), and indicators of
 * the catalogue without a single value.
 */
async function missingSourceNotes(db: DuckDBConnection, bassinCount: number, rows: IndicatorRow[]): Promise<string[]> {
  const notes: string[] = [];
  const bmoRows = Number((await db.runAndReadAll("SELECT count(*) AS n FROM bmo")).getRowObjectsJS()[0]?.n ?? 0);
  if (bassinCount === 0 && bmoRows > 0)
    notes.push(
      "Besoins en main-d'œuvre (BMO) : aucun bassin d'emploi de France Travail n'est rattaché au territoire (la table communes → bassins ne décrit aucune de ses communes et data/territoire.json ne déclare pas « bassins_bmo ») : indicateurs BMO non calculés. Déclarez les bassins du territoire dans « bassins_bmo » ou déposez la table communes → bassins de France Travail dans sources/.",
    );
  const computed = new Set(rows.map((r) => r.indicateur));
  const empty = CATALOGUE.filter((d) => !computed.has(d.id));
  if (empty.length > 0) notes.push(`Indicateurs sans aucune valeur (source absente du dossier de données ou sans ligne pour le territoire) : ${empty.map((d) => d.title).join(" ; ")}.`);
  return notes;
}

/** The indicators, and the local files as read for them (`local`: read once, the other users take them from here). */
export async function computeIndicators(db: DuckDBConnection, territory: Territory, options: ComputeOptions): Promise<IndicatorResult & { local: LocalInputs }> {
  const notes: string[] = [];
  const bassins = await computeBassinShares(db, territory.declaredBmoBassins);
  const geography = await prepareGeography(db, territory, bassins);

  const ctx: LocalContext = {
    indicators: new Map(CATALOGUE.map((d) => [d.id, { levels: d.levels, kind: d.aggregation.kind, suivi: d.source.tables.includes("local_suivi") }])),
    geographies: geography.byKey,
    phases: localPhases(territory),
  };
  const local = await readLocalInputs(options.localDir, ctx, territory.phases);
  const { actions, suivi, cibles: targets } = local;
  const files = { cibles: targets.file, actions: actions.file, suivi: suivi.file };
  if (!actions.present) notes.push(`${files.actions} absent : pas d'indicateur d'avancement du plan d'actions.`);
  if (!suivi.present) notes.push(`${files.suivi} absent : pas d'indicateur de suivi local.`);
  if (!targets.present) notes.push(`${files.cibles} absent : aucune cible, statuts selon le sens d'évolution depuis la référence.`);
  const phaseCode = (id: string | null) => territory.phases.find((p) => p.id === id)?.code ?? territory.currentPhase.code;
  await loadLocalTables(db, actions.actions, files.actions, suivi.rows, files.suivi, phaseCode);

  const rows: IndicatorRow[] = [];
  for (const decl of CATALOGUE) rows.push(...(await computeDeclaration(db, decl, territory.currentPhase.code)));
  notes.push(...(await missingSourceNotes(db, bassins.length, rows)));

  const { baselines, tracking } = computePhaseTracking(
    rows, targets.targets, CATALOGUE, territory.phases, territory.currentPhase, new Map(territory.epcis.map((e) => [e.siren, e.communes])),
  );
  return {
    rows,
    baselines,
    targets: tracking,
    sheets: await buildSheets(db, CATALOGUE, rows, vintageMap(options)),
    bassins,
    rejections: [...targets.rejections, ...actions.rejections, ...suivi.rejections],
    localFiles: [
      { file: files.cibles, present: targets.present, rowsRead: targets.rowsRead, rowsLoaded: targets.targets.length, rejections: targets.rejections, notes: targets.notes },
      { file: files.actions, present: actions.present, rowsRead: actions.rowsRead, rowsLoaded: actions.actions.length, rejections: actions.rejections, notes: actions.notes },
      { file: files.suivi, present: suivi.present, rowsRead: suivi.rowsRead, rowsLoaded: suivi.rows.length, rejections: suivi.rejections, notes: suivi.notes },
    ],
    notes,
    local,
  };
}
