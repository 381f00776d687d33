// The catalogue contract: every sheet complete, ids unique, required ids present, and every indicator tested.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../../src/indicators/index.ts";
import { computeIndicators } from "../../src/indicators/index.ts";
import { tinyDb } from "./helpers.ts";

const REQUIRED = [
  "emploi_salarie_prive", "emploi_industriel", "part_emploi_industriel", "etablissements_industriels", "creations_etablissements",
  "creations_industrie", "taux_creation_10000_hab", "demandeurs_emploi_abc", "part_demandeurs_moins_25_ans", "projets_recrutement",
  "part_projets_difficiles", "effectifs_lycees_pro", "consommation_enaf_ha", "consommation_enaf_activite_ha", "trajectoire_zan_pct",
  "actions_engagees_pct", "entreprises_accompagnees", "delai_moyen_instruction_jours",
];

describe("catalogue", () => {
  it("declares every required indicator", () => {
    const ids = CATALOGUE.map((d) => d.id);
    for (const id of REQUIRED) expect(ids).toContain(id);
  });
  it("every sheet is complete: French title and definition, type, unit, direction, source, levels", () => {
    for (const d of CATALOGUE) {
      expect(d.title.length, d.id).toBeGreaterThan(5);
      expect(d.definition.length, d.id).toBeGreaterThan(20);
      expect(["contexte", "réalisation", "résultat", "impact"], d.id).toContain(d.type);
      expect(["hausse", "baisse", "neutre"], d.id).toContain(d.direction);
      expect(d.numerator.length, d.id).toBeGreaterThan(3);
      expect(d.denominator === null, d.id).toBe(d.aggregation.kind === "somme");
      expect(d.source.producer && d.source.dataset && d.source.licence && d.source.periodicity, d.id).toBeTruthy();
      expect(d.source.tables.length, d.id).toBeGreaterThan(0);
      expect(d.levels.length, d.id).toBeGreaterThan(0);
      expect(d.axis, d.id).toMatch(/^(Attirer|Recruter|Innover|Simplifier)$/);
    }
  });
  it("every declaration has a test that names it", async () => {
    const dir = import.meta.dirname;
    const texts = await Promise.all((await readdir(dir)).filter((f) => f.endsWith(".test.ts") && f !== "catalogue.test.ts").map((f) => readFile(join(dir, f), "utf8")));
    const untested = CATALOGUE.map((d) => d.id).filter((id) => !texts.some((t) => t.includes(`"${id}"`)));
    expect(untested).toEqual([]);
  });
  it("an empty database computes without error and without any value", async () => {
    const t = await tinyDb();
    try {
      const r = await computeIndicators(t.db, t.territory, { localDir: "/nonexistent" });
      expect(r.rows).toEqual([]);
      expect(r.bassins).toEqual([]);
    } finally {
      t.close();
    }
  });
});
