// Paths reach DuckDB as bound parameters: DuckDB 1.5 takes one for read_parquet and for COPY … TO, so a path with a
// quote, a backslash and a line break needs no quoting function.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { isParquet, parquetColumns } from "../../src/io/parquet.ts";
import { writeIndicatorOutputs } from "../../src/indicators/output.ts";
import type { IndicatorResult } from "../../src/indicators/types.ts";
import { recordSql } from "../db/sql-recorder.ts";

const MARKER = "Zq7marqueur";
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), `ti-${MARKER} l'a\\b"c\nd-`));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it("reads the columns of a Parquet file whose path holds a quote, a backslash and a line break, the path bound", async () => {
  const file = join(dir, "stock'etablissements.parquet");
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  await db.run(`COPY (SELECT 1 AS siret, 'x' AS "activité'principale") TO $file (FORMAT parquet)`, { file });
  db.closeSync();
  instance.closeSync();
  const sql = recordSql();
  try {
    expect(await isParquet(file)).toBe(true);
    expect(await parquetColumns(file)).toEqual(["siret", "activité'principale"]);
    expect(sql.containing(MARKER)).toEqual([]);
  } finally {
    sql.stop();
  }
});

it("writes indicateurs.parquet into a folder whose name holds a quote, a backslash and a line break", async () => {
  const row = { indicateur: "emploi_salarie", axe: "Attirer", niveau: "commune", code_geo: "80410", libelle_geo: "Ham", annee: 2020, valeur: 12, numerateur: 12, denominateur: null, unite: "emplois", statut: "ok" };
  const result = { rows: [row], targets: [], bassins: [], sheets: [] } as unknown as IndicatorResult;
  const sql = recordSql();
  try {
    await writeIndicatorOutputs(result, dir);
    expect(sql.containing(MARKER)).toEqual([]);
  } finally {
    sql.stop();
  }
  expect(await parquetColumns(join(dir, "indicateurs.parquet"))).toContain("valeur");
});
