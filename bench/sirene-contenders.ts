// What each contender of the Sirene benchmark does, in its own child process (bench/sirene-worker.ts) so that its
// peak memory is its own: the project's loader (detection + load, as `ti compute` runs it), or DuckDB reading the
// same file directly with the same filter (valid SIRET, commune of the territory, its history included) and the
// same count. Territory, DuckDB and the commune table are ready before the clock starts.
import { sqlString } from "../src/db/sql-literals.ts";
import type { Contender, RunResult } from "./contenders.ts";
import { runFileContender, scalars } from "./measure.ts";
import { SIRENE_HEADER } from "./sirene-generate.ts";
import { TERRITORY_LABELS, type BenchTerritoryId } from "./territories.ts";

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

export function runSireneContender(contender: SireneContender, file: string): Promise<RunResult> {
  return runFileContender(contender, file, async (db) => {
    const [rowsRead = 0, rowsLoaded = 0] = await scalars(
      db,
      `SELECT count(*), count(*) FILTER (WHERE regexp_full_match(siret, '[0-9]{14}') AND codeCommuneEtablissement IN (SELECT code FROM communes_connues WHERE member))
       FROM ${readSql(file, contender.format)}`,
    );
    return { rowsRead, rowsLoaded, rejections: null };
  });
}
