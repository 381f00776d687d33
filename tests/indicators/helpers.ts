// Test harness of the indicators: an in-memory DuckDB with the canonical schema and a tiny territory made of five
// real communes of two real EPCIs, with round populations so that expected values can be computed by hand.
//   EPCI 200070985 CC de l'Est de la Somme : 80410 Ham (4 000 hab.), 80585 Nesle (2 000), 02604 Pithon (100, Aisne)
//   EPCI 200071785 CA Chauny Tergnier La Fère : 02738 Tergnier (13 000), 02173 Chauny (11 000)
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import { SCHEMA } from "../../src/db/schema.ts";
import { buildTerritory, type Territory } from "../../src/territory/territory.ts";
import { computeIndicators } from "../../src/indicators/index.ts";
import type { IndicatorResult, IndicatorRow, Level } from "../../src/indicators/types.ts";

export const TID = "ti-test";
export const EST_SOMME = "200070985";
export const CHAUNY_TERGNIER = "200071785";
export const HAM = "80410";
export const NESLE = "80585";
export const PITHON = "02604";
export const TERGNIER = "02738";
export const CHAUNY = "02173";

export const POPULATIONS: Record<string, number | null> = { [HAM]: 4000, [NESLE]: 2000, [PITHON]: 100, [TERGNIER]: 13000, [CHAUNY]: 11000 };

/** The real EPCIs from @etalab/decoupage-administratif, restricted to the five communes above. */
export function tinyTerritory(populations: Record<string, number | null> = POPULATIONS): Territory {
  const full = buildTerritory({ id: TID, nom: "Territoire de test", epci: [EST_SOMME, CHAUNY_TERGNIER], annee_reference: 2018, periode_contrat: { debut: 2019, fin: 2022 } });
  const keep = new Set(Object.keys(populations));
  const communes = full.communes.filter((c) => keep.has(c.code)).map((c) => ({ ...c, population: populations[c.code] ?? null }));
  const epcis = full.epcis.map((e) => {
    const members = communes.filter((c) => c.epci === e.siren);
    const pops = members.map((c) => c.population);
    return { ...e, communes: members.map((c) => c.code), population: pops.includes(null) ? null : (pops as number[]).reduce((a, b) => a + b, 0) };
  });
  return { ...full, communes, epcis, population: null, isMember: (code) => keep.has(code) };
}

export interface TestDb {
  db: DuckDBConnection;
  territory: Territory;
  close(): void;
}

export async function tinyDb(populations?: Record<string, number | null>): Promise<TestDb> {
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  await db.run(SCHEMA);
  const territory = tinyTerritory(populations);
  for (const c of territory.communes) await insert(db, "communes", [{ code: c.code, nom: c.nom, departement: c.departement, epci: c.epci, population: c.population }]);
  for (const e of territory.epcis) await insert(db, "epcis", [{ siren: e.siren, nom: e.nom, population: e.population }]);
  return { db, territory, close: () => { db.closeSync(); instance.closeSync(); } };
}

/** Inserts fixture rows (objects keyed by column, values bound); `fichier` defaults to "fixture.csv" for source tables. */
export async function insert(db: DuckDBConnection, table: string, rows: Record<string, unknown>[]): Promise<void> {
  const withFile = !["communes", "epcis"].includes(table);
  for (const row of rows) {
    const r = withFile && !("fichier" in row) ? { ...row, fichier: "fixture.csv" } : row;
    const cols = Object.keys(r);
    const values = cols.map((c) => (r[c] ?? null) as DuckDBValue);
    await db.run(`INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")})`, values);
  }
}

/** An empty folder: no cibles.csv, actions.csv, suivi.csv. */
export async function emptyLocalDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "ti-local-"));
}

/**
 * Table `couverture` as the pipeline fills it (src/pipeline/coverage.ts) for fixture rows inserted by hand, unless a
 * test wrote it itself: each communal source covers the communes of the départements it has rows in, as whole-
 * département files (or files asked for the territory's communes) do.
 */
async function coverByDepartement(db: TestDb["db"]): Promise<void> {
  const written = await db.runAndReadAll("SELECT count(*) AS n FROM couverture");
  if (Number(written.getRowObjectsJS()[0]!.n) > 0) return;
  for (const table of ["urssaf", "sirene", "cerema", "dares", "lycees_pro"]) {
    await db.run(`INSERT INTO couverture SELECT $source, c.code, 0 FROM communes c WHERE c.departement IN
                    (SELECT DISTINCT cc.departement FROM ${table} t JOIN communes cc ON cc.code = t.code_commune)`, { source: table });
  }
}

export async function compute(t: TestDb, localDir?: string): Promise<IndicatorResult> {
  await coverByDepartement(t.db);
  return computeIndicators(t.db, t.territory, { localDir: localDir ?? (await emptyLocalDir()) });
}

/** The row of one indicator x geography x year; throws when absent, so a missing row fails loudly. */
export function row(result: IndicatorResult, indicateur: string, niveau: Level, code: string, annee: number): IndicatorRow {
  const found = result.rows.find((r) => r.indicateur === indicateur && r.niveau === niveau && r.code_geo === code && r.annee === annee);
  if (!found) throw new Error(`pas de ligne ${indicateur} ${niveau} ${code} ${annee}`);
  return found;
}

/** [valeur, statut] of one row, for compact assertions. */
export function vs(result: IndicatorResult, indicateur: string, niveau: Level, code: string, annee: number): [number | null, string] {
  const r = row(result, indicateur, niveau, code, annee);
  return [r.valeur === null ? null : Math.round(r.valeur * 1000) / 1000, r.statut];
}

export const FIXTURES = join(import.meta.dirname, "..", "fixtures", "indicators");
