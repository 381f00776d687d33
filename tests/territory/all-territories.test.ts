// Every Territoire d'industrie of the list configures by naming it, and a sample of them — an établissement public
// territorial (ti-1105), communes listed one by one (ti-7506), the territory of this project (ti-3208), Corsica
// (ti-9401, département 2B) and Mayotte (ti-0601, département 976) — computes its indicators on demonstration
// data generated for it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeDemo } from "../../src/sources/demo/generate.ts";
import { URSSAF_FRANCE_PATH } from "../../src/sources/urssaf/demo-france.ts";
import { computeIndicators } from "../../src/indicators/index.ts";
import { loadDataFolder } from "../../src/pipeline/load-data-folder.ts";
import { productList } from "../../src/geography/ti-table.ts";
import { loadTerritory } from "../../src/territory/territory.ts";

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(prefix: string): string {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

const ids = productList().territoires.map((t) => t.id);

describe("les 183 territoires de la liste", () => {
  it("sont 183 identifiants distincts", () => {
    expect(new Set(ids).size).toBe(183);
  });

  it("se configurent tous par leur nom : au moins une commune, des groupes au niveau EPCI qui partagent les communes sans doublon", async () => {
    const dir = tempDir("ti-tous-");
    for (const entry of productList().territoires) {
      writeFileSync(path.join(dir, "territoire.json"), JSON.stringify({ ti: entry.id }));
      const t = await loadTerritory(dir);
      expect(t.id, entry.id).toBe(entry.id);
      expect(t.nom, entry.id).toBe(entry.nom);
      expect(t.communes.length, entry.id).toBeGreaterThanOrEqual(1);
      // As many communes as the derivation counted, each in exactly one group of the EPCI level.
      expect(t.communes.length, entry.id).toBe(entry.communes);
      expect(t.epcis.length, entry.id).toBeGreaterThanOrEqual(1);
      const grouped = t.epcis.flatMap((e) => e.communes).sort();
      expect(grouped, entry.id).toEqual(t.communes.map((c) => c.code));
      for (const c of t.communes) expect(t.epcis.find((e) => e.siren === c.epci)?.communes, `${entry.id} ${c.code}`).toContain(c.code);
      expect(t.programme?.region?.code, entry.id).toBe(entry.region);
    }
  });
});

describe("un échantillon calcule ses indicateurs sur des données de démonstration", () => {
  const SAMPLE = ["ti-1105", "ti-7506", "ti-3208", "ti-9401", "ti-0601"];
  // The rest-of-France file (generated and loaded: about 6 s of processor each) where its « all outside » is least
  // obvious: communes listed one by one (the rest of their EPCIs is in it), Corsica (2A/2B), Mayotte (976). That of
  // this project's territory is checked on data/ (tests/references/compute-demo.test.ts).
  const WITH_REST_OF_FRANCE = ["ti-7506", "ti-9401", "ti-0601"];

  for (const id of SAMPLE) {
    it(`${id} : chaque fichier chargé, le total du territoire égal à la somme de ses groupes, ce qui manque dit`, async () => {
      const dir = tempDir(`ti-${id}-`);
      writeFileSync(path.join(dir, "territoire.json"), JSON.stringify({ ti: id }));
      const demo = await writeDemo(dir, dir, { restOfFrance: WITH_REST_OF_FRANCE.includes(id) });
      const folder = await loadDataFolder(dir);
      try {
        const result = await computeIndicators(folder.db, folder.territory, { localDir: path.join(dir, "local"), files: folder.files });
        const t = folder.territory;

        expect(folder.files.filter((f) => f.problem)).toEqual([]);
        for (const f of folder.files.filter((x) => x.origin === "donnees")) {
          const r = f.report!;
          expect(r.rowsRead, f.relativePath).toBe(r.rowsLoaded + r.rowsOutside + r.rejections.length);
          // The DARES demonstration file ends with six Paris rows (a city and its arrondissements), outside; the URSSAF
          // file of the rest of France (scripts/demo/urssaf-france.ts) is all outside, and has none of the territory.
          const france = f.relativePath === URSSAF_FRANCE_PATH;
          expect(r.rowsOutside, f.relativePath).toBe(r.source === "dares" ? 6 : france ? r.rowsRead : 0);
          if (france) expect(r.rowsRead, f.relativePath).toBeGreaterThan(50_000);
        }
        expect(folder.files.some((f) => f.relativePath === URSSAF_FRANCE_PATH)).toBe(WITH_REST_OF_FRANCE.includes(id));

        // Salaried jobs (URSSAF, additive): one value per group of the EPCI level, and the territory's value is their sum.
        const jobs = result.rows.filter((r) => r.indicateur === "emploi_salarie_prive" && r.annee === 2023);
        const territoryValue = jobs.find((r) => r.niveau === "territoire")!.valeur!;
        const groups = jobs.filter((r) => r.niveau === "epci");
        expect(groups.map((r) => r.code_geo).sort()).toEqual(t.epcis.map((e) => e.siren).sort());
        expect(territoryValue).toBeGreaterThan(0);
        expect(groups.reduce((s, r) => s + r.valeur!, 0)).toBeCloseTo(territoryValue, 6);
        // A partial group (communes listed one by one) adds up its own communes only.
        for (const e of t.epcis.filter((g) => g.partial)) {
          const communes = jobs.filter((r) => r.niveau === "commune" && e.communes.includes(r.code_geo));
          expect(groups.find((r) => r.code_geo === e.siren)!.valeur).toBeCloseTo(communes.reduce((s, r) => s + r.valeur!, 0), 6);
        }

        // BMO: the generator knows bassins in Aisne and Somme only; elsewhere it says so, and so does the computation.
        const bmo = result.rows.filter((r) => r.indicateur === "projets_recrutement");
        if (id === "ti-3208") {
          expect(bmo.length).toBeGreaterThan(0);
          expect(demo.notes).toEqual([]);
        } else {
          expect(bmo).toEqual([]);
          expect(demo.notes.some((n) => n.startsWith("BMO : le générateur ne connaît de bassins d'emploi que dans les départements 02, 80"))).toBe(true);
          expect(demo.notes.some((n) => n.startsWith("Contours des communes : aucun fichier pour les départements"))).toBe(true);
          expect(result.notes.some((n) => n.startsWith("Indicateurs sans aucune valeur") && n.includes("Projets de recrutement (BMO)"))).toBe(true);
        }
      } finally {
        folder.close();
      }
    }, 180_000); // speed is measured by `npm run bench`, not here: a generous bound for a busy machine
  }
});
