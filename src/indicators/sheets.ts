// Indicator sheets as published: the declaration without its SQL, with the vintage of the files actually loaded
// (from the `fichier` column of the source tables, translated by the vintage map the pipeline passes in) and the
// years covered, so that every chart can print its source line.
import { basename } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { IndicatorDeclaration, IndicatorRow, IndicatorSheet } from "./types.ts";
import { CANONICAL_TABLES, tableIdentifier } from "../db/tables.ts";
import { LOCAL_TABLES } from "./localTables.ts";

/** The tables a declaration's source may name: the canonical ones and the local files' (identifiers, spliced: checked). */
const SOURCE_TABLE_NAMES: ReadonlySet<string> = new Set([...CANONICAL_TABLES, ...LOCAL_TABLES]);

export async function fileVintages(db: DuckDBConnection, tables: string[], vintages: Record<string, string | null>): Promise<{ files: string[]; vintage: string | null }> {
  const files: string[] = [];
  for (const t of tables) {
    const rows = (await db.runAndReadAll(`SELECT DISTINCT fichier FROM ${tableIdentifier(t, SOURCE_TABLE_NAMES)} ORDER BY fichier`)).getRowObjectsJS();
    // Two tables of one source (friches and friches_couverture) name the same file: listed once.
    for (const r of rows) if (!files.includes(String(r.fichier))) files.push(String(r.fichier));
  }
  // The tables may hold an absolute path where the pipeline reports a relative one: fall back on the file name.
  const byName = new Map(Object.entries(vintages).map(([k, v]) => [basename(k), v]));
  const vintageOf = (f: string) => (f in vintages ? vintages[f] : byName.get(basename(f)));
  const known = [...new Set(files.map(vintageOf).filter((v): v is string => typeof v === "string" && v !== ""))];
  return { files, vintage: known.length > 0 ? known.join(", ") : null };
}

export async function buildSheets(
  db: DuckDBConnection, catalogue: readonly IndicatorDeclaration[], rows: IndicatorRow[], vintages: Record<string, string | null>,
): Promise<IndicatorSheet[]> {
  const sheets: IndicatorSheet[] = [];
  for (const decl of catalogue) {
    const { sql: _sql, source, ...rest } = decl;
    const years = rows.filter((r) => r.indicateur === decl.id && r.valeur !== null).map((r) => r.annee);
    const { files, vintage } = await fileVintages(db, source.tables, vintages);
    sheets.push({
      ...rest,
      source: { ...source, files, vintage },
      years: years.length > 0 ? [Math.min(...years), Math.max(...years)] : null,
    });
  }
  return sheets;
}
