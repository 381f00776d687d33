// The demonstration files shipped in data/local/ are valid for the real territory (data/territoire.json).
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { SCHEMA } from "../../src/db/schema.ts";
import { loadTerritory } from "../../src/territory/territory.ts";
import { computeIndicators } from "../../src/indicators/index.ts";
import { insert } from "./helpers.ts";

const ROOT = join(import.meta.dirname, "..", "..");

describe("data/local demonstration files", () => {
  it("load without rejection and give the action-plan and follow-up values", async () => {
    const territory = await loadTerritory(join(ROOT, "data"));
    const instance = await DuckDBInstance.create(":memory:");
    const db = await instance.connect();
    try {
      await db.run(SCHEMA);
      await insert(db, "communes", territory.communes.map((c) => ({ code: c.code, nom: c.nom, departement: c.departement, epci: c.epci, population: c.population })));
      await insert(db, "epcis", territory.epcis.map((e) => ({ siren: e.siren, nom: e.nom, population: e.population })));
      const r = await computeIndicators(db, territory, { localDir: join(ROOT, "data", "local") });
      expect(r.rejections).toEqual([]);
      expect(r.localFiles.map((f) => [f.rowsRead, f.rowsLoaded])).toEqual([[9, 9], [14, 14], [18, 18]]);
      const at = (id: string, annee: number, code = "saint-quentinois-tergnier") => r.rows.find((x) => x.indicateur === id && x.niveau === "territoire" && x.code_geo === code && x.annee === annee);
      // Phase 2019-2022: 6 engagées + 2 réalisées out of its 10 actions, none abandoned; newest update 2024-03-20
      expect(at("actions_engagees_pct", 2024)).toMatchObject({ valeur: 80, statut: "ok" });
      // Phase 2023-2027 (ti-3208): HP-1, HP-2, HP-4 engagées, HP-3 à lancer: 3 / 4
      expect(at("actions_engagees_pct", 2024, "ti-3208")).toMatchObject({ valeur: 75, statut: "ok" });
      // (1890 + 1000 + 700 + 605) / (42 + 25 + 14 + 11) = 4195 / 92
      expect(at("delai_moyen_instruction_jours", 2022)?.valeur).toBeCloseTo(45.598, 3);
      expect(at("entreprises_accompagnees", 2023)).toMatchObject({ valeur: 103, statut: "ok" }); // 48 + 27 + 15 + 13
    } finally {
      db.closeSync();
      instance.closeSync();
    }
  });
});
