import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CATALOGUE } from "../../src/indicators/index.ts";
import type { IndicatorRow } from "../../src/indicators/types.ts";
import { reportYears } from "../../src/evaluation/report-years.ts";
import { reportYearsOfDataDir } from "../../src/site/report-years.ts";
import { smallDataFolder } from "../support/small-data.ts";

const r = (indicateur: string, annee: number, valeur: number | null): IndicatorRow =>
  ({ indicateur, axe: "Attirer", niveau: "territoire", code_geo: "t", libelle_geo: "T", annee, valeur, numerateur: null, denominateur: null, unite: "", statut: valeur === null ? "manquant" : "ok" });

describe("années des rapports", () => {
  it("vont de l'année de référence à la dernière année d'une source officielle (le suivi local n'ouvre pas d'année)", () => {
    const rows = [r("emploi_salarie_prive", 2015, 1), r("emploi_salarie_prive", 2021, 2), r("emploi_salarie_prive", 2022, null), r("actions_engagees_pct", 2024, 50)];
    expect(reportYears(rows, CATALOGUE, 2018)).toEqual([2018, 2019, 2020, 2021]);
    expect(reportYears(rows, CATALOGUE, 2022)).toEqual([]);
    expect(reportYears([], CATALOGUE, 2018)).toEqual([]);
  });

  const tmp = mkdtempSync(path.join(os.tmpdir(), "ti-annees-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("suivent le dossier de données ($TI_DATA_DIR) : son année de référence et ses fichiers", async () => {
    const cache = path.join(tmp, "cache");
    // The demonstration territory with its URSSAF file (2015 to 2025, as in data/): reference year 2018 (first phase).
    const data = smallDataFolder(path.join(tmp, "donnees"));
    expect(await reportYearsOfDataDir(data, cache)).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    // Same sources, reference year 2020 (of the first contract phase: the reports start there).
    const withFirstReference = (c: { phases?: { annee_reference?: number }[] }, year: number) =>
      c.phases ? { ...c, phases: c.phases.map((p, i) => (i === 0 ? { ...p, annee_reference: year } : p)) } : { ...c, annee_reference: year };
    const territoire = JSON.parse(readFileSync(path.join(data, "territoire.json"), "utf8"));
    writeFileSync(path.join(data, "territoire.json"), JSON.stringify(withFirstReference(territoire, 2020)));
    expect(await reportYearsOfDataDir(data, cache)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    // The cached evaluation is never answered once a file changed (tests/site/cached-bundle.test.ts for the cache).
    writeFileSync(path.join(data, "territoire.json"), JSON.stringify(withFirstReference(territoire, 2021)));
    expect(await reportYearsOfDataDir(data, cache)).toEqual([2021, 2022, 2023, 2024, 2025]);
  }, 180_000);
});
