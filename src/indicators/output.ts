// Writers of the published files:
//   indicateurs.csv        long table, UTF-8, comma, dot decimal, empty cell = unknown (papaparse unparse)
//   indicateurs.parquet    the same table (DuckDB COPY ... (FORMAT parquet)), typed
//   suivi-cibles.csv       baseline, target and status per indicator x geography
//   bassins-emploi.csv     BMO bassins touching the territory, with the share of their population inside it
//   catalogue-indicateurs.json  the indicator sheets with their sources and vintages
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { INDICATOR_COLUMNS, type IndicatorResult } from "./types.ts";
import { csvText, roundNumber, type CsvCell } from "../io/csv-write.ts";
import type { PublishedRow } from "../references/types.ts";

/** Dot decimal, at most 6 decimals, empty when unknown. */
export function formatNumber(x: number | null): string {
  return x === null ? "" : String(roundNumber(x));
}

export function indicatorsCsv(rows: readonly PublishedRow[]): string {
  return csvText(INDICATOR_COLUMNS, rows.map((r) => INDICATOR_COLUMNS.map((c) => r[c] as CsvCell)));
}

async function writeParquet(rows: readonly PublishedRow[], file: string): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  try {
    await db.run(`CREATE TABLE indicateurs (indicateur VARCHAR, axe VARCHAR, niveau VARCHAR, code_geo VARCHAR, libelle_geo VARCHAR,
      annee INTEGER, valeur DOUBLE, numerateur DOUBLE, denominateur DOUBLE, unite VARCHAR, statut VARCHAR)`);
    const appender = await db.createAppender("indicateurs");
    const num = (x: number | null) => (x === null ? appender.appendNull() : appender.appendDouble(x));
    for (const r of rows) {
      appender.appendVarchar(r.indicateur);
      appender.appendVarchar(r.axe);
      appender.appendVarchar(r.niveau);
      appender.appendVarchar(r.code_geo);
      appender.appendVarchar(r.libelle_geo);
      appender.appendInteger(r.annee);
      num(r.valeur);
      num(r.numerateur);
      num(r.denominateur);
      appender.appendVarchar(r.unite);
      appender.appendVarchar(r.statut);
      appender.endRow();
    }
    appender.closeSync();
    await db.run("COPY indicateurs TO $file (FORMAT parquet)", { file }); // the path bound, never written into SQL text
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

const TRACKING_COLUMNS = [
  "indicateur", "axe", "niveau", "code_geo", "libelle_geo", "sens_souhaite", "annee_reference", "valeur_reference",
  "derniere_annee", "derniere_valeur", "statut_derniere_valeur", "type_cible", "valeur_cible", "annee_cible", "cible_calculee",
  "progression_attendue_pct", "progression_realisee_pct", "statut", "commentaire", "phase",
] as const;

const BASSIN_COLUMNS = [
  "code_bassin", "nom_bassin", "communes_dans_territoire", "communes_total", "population_dans_territoire", "population_totale",
  "part_population_pct", "note",
] as const;

function cell(v: unknown): CsvCell {
  return typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : null;
}

/** `referenceRows`: the rows at the reference levels (src/references), published after the territory's. */
export async function writeIndicatorOutputs(result: IndicatorResult, outDir: string, referenceRows: readonly PublishedRow[] = []): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const rows = [...result.rows, ...referenceRows];
  await writeFile(join(outDir, "indicateurs.csv"), indicatorsCsv(rows), "utf8");
  await writeParquet(rows, join(outDir, "indicateurs.parquet"));
  await writeFile(join(outDir, "suivi-cibles.csv"), csvText(TRACKING_COLUMNS, result.targets.map((t) => TRACKING_COLUMNS.map((c) => cell(t[c])))), "utf8");
  await writeFile(join(outDir, "bassins-emploi.csv"), csvText(BASSIN_COLUMNS, result.bassins.map((b) => BASSIN_COLUMNS.map((c) => cell(b[c])))), "utf8");
  await writeFile(join(outDir, "catalogue-indicateurs.json"), JSON.stringify({ indicateurs: result.sheets, bassins: result.bassins }, null, 2) + "\n", "utf8");
}
