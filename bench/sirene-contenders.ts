// What each contender of the Sirene benchmark does, in its own child process (bench/sirene-worker.ts) so that its
// peak memory is its own: the project's loader (detection + load, as `ti compute` runs it), or DuckDB reading the
// same file directly with the same filter (valid SIRET, commune of the territory, its history included) and the
// same count. Territory, DuckDB and the commune table are ready before the clock starts.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { SCHEMA } from "../src/db/schema.ts";
import { detectSource } from "../src/sources/detect.ts";
import { sqlString } from "../src/db/sql-literals.ts";
import { writeCommuneCodes } from "../src/sources/commune-codes.ts";
import type { Contender, RunResult } from "./contenders.ts";
import { measured } from "./measure.ts";
import { SIRENE_HEADER } from "./sirene-generate.ts";
import { benchTerritory, TERRITORY_LABELS, type BenchTerritoryId } from "./territories.ts";

export type SireneFormat = "csv" | "parquet";

export interface SireneContender {
  id: string;
  code: string;
  label: string;
  kind: "chargeur" | "duckdb";
  format: SireneFormat;
  territory: BenchTerritoryId;
  reference: string | null;
}

function contenders(format: SireneFormat, territory: BenchTerritoryId, codes: [string, string]): SireneContender[] {
  const reader = format === "csv" ? "read_csv" : "read_parquet";
  const duckdb = `duckdb-${format}-${territory}`;
  return [
    { id: `chargeur-${format}-${territory}`, code: codes[0], label: `Chargeur Sirene ${format.toUpperCase()}, ${TERRITORY_LABELS[territory]}`, kind: "chargeur", format, territory, reference: duckdb },
    { id: duckdb, code: codes[1], label: `DuckDB ${reader} + filtre + comptage, ${TERRITORY_LABELS[territory]}`, kind: "duckdb", format, territory, reference: null },
  ];
}

export const SIRENE_CONTENDERS: readonly SireneContender[] = [
  ...contenders("csv", "defaut", ["a", "c1"]),
  ...contenders("csv", "aisne-somme", ["b", "c2"]),
  ...contenders("parquet", "defaut", ["p", "d1"]),
  ...contenders("parquet", "aisne-somme", ["q", "d2"]),
];

/** summarise() and formatTable() of results.ts read only id, code, label and reference. */
export const asContenders = (list: readonly SireneContender[]) => list as unknown as readonly Contender[];

/** The file, read by DuckDB as the official format says: every column text, no sniffing. */
function readSql(file: string, format: SireneFormat): string {
  if (format === "parquet") return `read_parquet(${sqlString(file)})`;
  const columns = SIRENE_HEADER.map((h) => `${sqlString(h)}: 'VARCHAR'`).join(", ");
  return `read_csv(${sqlString(file)}, delim = ',', quote = '"', escape = '"', header = true, auto_detect = false, columns = {${columns}})`;
}

async function scalars(db: DuckDBConnection, sql: string): Promise<number[]> {
  return ((await db.runAndReadAll(sql)).getRows()[0] ?? []).map((v) => Number(v));
}

export async function runSireneContender(contender: SireneContender, file: string): Promise<RunResult> {
  const territory = await benchTerritory(contender.territory);
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  await db.run(SCHEMA);
  if (contender.kind === "duckdb") await writeCommuneCodes(db, "communes_connues", territory);
  const result = await measured(contender.id, async () => {
    if (contender.kind === "chargeur") {
      const { loader } = await detectSource(file);
      const report = await loader.load(file, { db, territory });
      return { rowsRead: report.rowsRead, rowsLoaded: report.rowsLoaded, rejections: report.rejections.length };
    }
    const [rowsRead = 0, rowsLoaded = 0] = await scalars(
      db,
      `SELECT count(*), count(*) FILTER (WHERE regexp_full_match(siret, '[0-9]{14}') AND codeCommuneEtablissement IN (SELECT code FROM communes_connues WHERE member))
       FROM ${readSql(file, contender.format)}`,
    );
    return { rowsRead, rowsLoaded, rejections: null };
  });
  db.closeSync();
  instance.closeSync();
  return result;
}
