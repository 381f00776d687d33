// What each contender of the DARES benchmark does, in its own child process (bench/dares-worker.ts): the project's
// loader (detection + load, as `ti compute` runs it), or DuckDB reading the same file directly and counting the rows
// of the territory's communes. Territory, DuckDB and the commune table are ready before the clock starts.
import { sqlString } from "../src/db/sql-literals.ts";
import type { Contender, RunResult } from "./contenders.ts";
import { DARES_HEADER } from "./dares-generate.ts";
import { runFileContender, scalars } from "./measure.ts";
import { TERRITORY_LABELS, type BenchTerritoryId } from "./territories.ts";

export interface DaresContender {
  id: string;
  code: string;
  label: string;
  kind: "chargeur" | "duckdb";
  territory: BenchTerritoryId;
  reference: string | null;
}

export const DARES_CONTENDERS: readonly DaresContender[] = (["defaut", "aisne-somme"] as const).flatMap((territory, i): DaresContender[] => [
  { id: `chargeur-${territory}`, code: ["a", "b"][i]!, label: `Chargeur DARES, ${TERRITORY_LABELS[territory]}`, kind: "chargeur", territory, reference: `duckdb-${territory}` },
  { id: `duckdb-${territory}`, code: `c${i + 1}`, label: `DuckDB read_csv + filtre + comptage, ${TERRITORY_LABELS[territory]}`, kind: "duckdb", territory, reference: null },
]);

/** summarise() and formatTable() of results.ts read only id, code, label and reference. */
export const asContenders = (list: readonly DaresContender[]) => list as unknown as readonly Contender[];

export function runDaresContender(contender: DaresContender, file: string): Promise<RunResult> {
  const columns = DARES_HEADER.split(";").map((h) => `${sqlString(h)}: 'VARCHAR'`).join(", ");
  const read = `read_csv(${sqlString(file)}, delim = ';', quote = '"', escape = '"', header = true, auto_detect = false, columns = {${columns}})`;
  return runFileContender(contender, file, async (db) => {
    const [rowsRead = 0, rowsLoaded = 0] = await scalars(db, `SELECT count(*), count(*) FILTER (WHERE "Code commune" IN (SELECT code FROM communes_connues WHERE member)) FROM ${read}`);
    return { rowsRead, rowsLoaded, rejections: null };
  });
}
