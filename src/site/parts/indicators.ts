// Indicator files for the pages:
//   indicateurs.json  territory, EPCI and bassin rows (small: every page may load it)
//   communes.json     commune rows, columnar (one array of values per indicator x year, communes in a fixed order)
//   catalogue.json    the indicator sheets, each with its source line and whether it rests on demonstration data
//   suivi.json        baseline, target and status per indicator x geography (territory, EPCIs, bassins)
//   suivi-communes.json  the same for communes (large: only the pages that show communes load it)
//   bassins.json      BMO bassins touching the territory, with the share of their population inside it
import path from "node:path";
import type { IndicatorRow, IndicatorSheet } from "../../indicators/index.ts";
import type { LoadedFile } from "../../pipeline/load-data-folder.ts";
import type { SiteContext, SiteFile } from "../context.ts";
import { placementOf } from "../../phases/axes.ts";

type CompactRow = Pick<IndicatorRow, "indicateur" | "niveau" | "code_geo" | "annee" | "valeur" | "numerateur" | "denominateur" | "statut">;

export interface CommuneSeries {
  /** Commune codes, in the order of every values array. */
  communes: string[];
  /** indicateur -> annee -> values (null = unknown) and statuses (null when all are "ok"). */
  series: Record<string, Record<string, { v: (number | null)[]; s: string[] | null }>>;
}

function compact(r: IndicatorRow): CompactRow {
  return { indicateur: r.indicateur, niveau: r.niveau, code_geo: r.code_geo, annee: r.annee, valeur: r.valeur, numerateur: r.numerateur, denominateur: r.denominateur, statut: r.statut };
}

export function communeSeries(rows: IndicatorRow[], communes: string[]): CommuneSeries {
  const index = new Map(communes.map((c, i) => [c, i]));
  const series: CommuneSeries["series"] = {};
  for (const r of rows) {
    if (r.niveau !== "commune") continue;
    const i = index.get(r.code_geo);
    if (i === undefined) continue;
    const byYear = (series[r.indicateur] ??= {});
    const cell = (byYear[String(r.annee)] ??= { v: communes.map(() => null), s: null });
    cell.v[i] = r.valeur;
    if (r.statut !== "ok") {
      cell.s ??= communes.map(() => "ok");
      cell.s[i] = r.statut;
    }
  }
  return { communes, series };
}

/** Whether a sheet's values rest on demonstration files (matched on relative path or file name). */
export function usesDemonstration(sheet: IndicatorSheet, files: LoadedFile[]): boolean {
  const demo = new Set(files.filter((f) => f.demonstration).flatMap((f) => [f.relativePath, path.basename(f.relativePath)]));
  return sheet.source.files.some((f) => demo.has(f) || demo.has(path.basename(f)));
}

export function indicatorFiles(ctx: SiteContext): Record<string, SiteFile> {
  const { result, folder } = ctx;
  const communes = folder.territory.communes.map((c) => c.code);
  return {
    "indicateurs.json": result.rows.filter((r) => r.niveau !== "commune").map(compact),
    "communes.json": communeSeries(result.rows, communes),
    // placement: the axis of the sheet in each axes set (src/phases/axes.ts), for the pages of each phase.
    "catalogue.json": result.sheets.map((s) => ({ ...s, placement: placementOf(s), source: { ...s.source, demonstration: usesDemonstration(s, folder.files) } })),
    "suivi.json": result.targets.filter((t) => t.niveau !== "commune"),
    "suivi-communes.json": result.targets.filter((t) => t.niveau === "commune"),
    "bassins.json": result.bassins,
  };
}
