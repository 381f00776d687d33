// Published files: indicateurs.csv (exact header, dot decimal, empty cell when unknown), indicateurs.parquet (same
// rows, readable by DuckDB), suivi-cibles.csv, bassins-emploi.csv, catalogue-indicateurs.json.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeIndicatorOutputs } from "../../src/indicators/index.ts";
import type { IndicatorResult } from "../../src/indicators/types.ts";
import { CHAUNY, compute, EST_SOMME as E, HAM, insert, NESLE, PITHON, tinyDb, type TestDb } from "./helpers.ts";

let t: TestDb;
let r: IndicatorResult;
let out: string;

beforeAll(async () => {
  t = await tinyDb();
  const u = (code_commune: string, code_ape: string, effectifs: number) => ({ code_commune, code_ape, annee: 2018, etablissements: 1, effectifs });
  await insert(t.db, "urssaf", [u(HAM, "25.11Z", 100), u(HAM, "47.11A", 50), u(NESLE, "10.71A", 300), u(NESLE, "56.10A", 10), u(CHAUNY, "47.11A", 10)]);
  await insert(t.db, "dares", [{ code_commune: HAM, annee: 2018, trimestre: 4, categorie: "ABC", sexe: "Total", tranche_age: "Total", demandeurs: null }]);
  r = await compute(t);
  out = await mkdtemp(join(tmpdir(), "ti-out-"));
  await writeIndicatorOutputs(r, out);
});
afterAll(() => t.close());

describe("indicateurs.csv", () => {
  it("has exactly the published header, comma-separated", async () => {
    const text = await readFile(join(out, "indicateurs.csv"), "utf8");
    expect(text.split("\n")[0]).toBe("indicateur,axe,niveau,code_geo,libelle_geo,annee,valeur,numerateur,denominateur,unite,statut");
  });
  it("writes decimals with a dot, unknown values as empty cells, codes with their leading zero", async () => {
    const text = await readFile(join(out, "indicateurs.csv"), "utf8");
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(r.rows.length);
    const find = (id: string, niveau: string, code: string) => rows.find((x) => x.indicateur === id && x.niveau === niveau && x.code_geo === code && x.annee === "2018");
    // (100 + 300 + 0) / (150 + 310 + 0) x 100 = 86.956522 (6 decimals)
    expect(find("part_emploi_industriel", "epci", E)).toMatchObject({ valeur: "86.956522", numerateur: "400", denominateur: "460", unite: "%", statut: "ok" });
    expect(find("part_emploi_industriel", "commune", PITHON)).toMatchObject({ valeur: "", numerateur: "0", denominateur: "0", statut: "manquant" });
    expect(find("demandeurs_emploi_abc", "commune", HAM)).toMatchObject({ valeur: "", numerateur: "", denominateur: "", statut: "secret" });
    expect(find("emploi_salarie_prive", "commune", CHAUNY)).toMatchObject({ valeur: "10", denominateur: "", libelle_geo: "Chauny" });
    expect(text).not.toMatch(/\d,\d{3}"/); // no decimal comma inside quoted cells
  });
});

describe("indicateurs.parquet", () => {
  it("is readable by DuckDB with the same rows and types", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const db = await instance.connect();
    try {
      const file = join(out, "indicateurs.parquet");
      const count = (await db.runAndReadAll("SELECT count(*)::INTEGER AS n FROM read_parquet($file)", { file })).getRowObjectsJS()[0]?.n;
      expect(count).toBe(r.rows.length);
      const one = (await db.runAndReadAll("SELECT valeur, annee, code_geo FROM read_parquet($file) WHERE indicateur = 'part_emploi_industriel' AND niveau = 'epci' AND code_geo = $epci AND annee = 2018", { file, epci: E })).getRowObjectsJS();
      expect(one[0]?.valeur).toBeCloseTo(86.9565, 4);
      const columns = (await db.runAndReadAll("SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet($file))", { file })).getRowObjectsJS().map((c) => c.column_name);
      expect(columns).toEqual(["indicateur", "axe", "niveau", "code_geo", "libelle_geo", "annee", "valeur", "numerateur", "denominateur", "unite", "statut"]);
    } finally {
      db.closeSync();
      instance.closeSync();
    }
  });
});

describe("suivi-cibles.csv and catalogue", () => {
  it("writes one tracking row per indicator x geography", async () => {
    const text = await readFile(join(out, "suivi-cibles.csv"), "utf8");
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(r.targets.length);
    expect(rows.find((x) => x.indicateur === "emploi_salarie_prive" && x.niveau === "epci" && x.code_geo === E)).toMatchObject({
      annee_reference: "2018", valeur_reference: "460", statut: "non_evaluable", sens_souhaite: "hausse",
    });
  });
  it("writes the sheets with their sources", async () => {
    const json = JSON.parse(await readFile(join(out, "catalogue-indicateurs.json"), "utf8"));
    const sheet = json.indicateurs.find((s: { id: string }) => s.id === "emploi_salarie_prive");
    expect(sheet.source).toMatchObject({ producer: "Urssaf Caisse nationale", licence: "ODbL (Open Database License)", files: ["fixture.csv"] });
    expect(sheet.sql).toBeUndefined();
  });
});
