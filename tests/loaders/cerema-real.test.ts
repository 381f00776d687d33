// Conformance of the Cerema loader on the producer's real file (../shared/data/real/cerema/): the 2025 vintage
// (flows 2011-2024, `,`, values written `7351.0`, 172 columns), 542 rows: every commune of Gironde, Paris, Lyon,
// Marseille, four overseas communes and 01001. Dropped as downloaded into sources/ of a territory it covers, loaded
// by the pipeline and computed by the indicator engine.
// The file has three annual destination cells at -1.0, the producer's rounding residual (destinations still sum to
// the total): 33367 art12inc13 (CC du Sud Gironde), 33417 art11inc12 (CC Médullienne), 33550 art22inc23 (Bordeaux
// Métropole); a few more in cumulative columns, which are not read.
//
// Expected values were computed from the file with DuckDB, outside the product (m², divided by 10 000 for ha):
//   CREATE VIEW c AS SELECT * FROM read_csv('conso_com_2025_extrait.csv', all_varchar=true);
//   SELECT idcom, naf11art12, naf12art13, naf22art23, naf24art25 FROM c WHERE idcom IN ('33367', '33417', '33550');
//   SELECT sum(naf12art13::DOUBLE), sum(art12act13::DOUBLE), sum(naf24art25::DOUBLE) FROM c
//     WHERE idcom IN (<members of the EPCI in @etalab/decoupage-administratif epci.json>);
// Every member commune (COG 2026) of the three EPCIs is in the file, with no empty cell.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedDataDir } from "../../src/io/shared-data.ts";
import { vs } from "../indicators/helpers.ts";
import { expectCountsAddUp, rows } from "./helpers.ts";
import { runTerritory, type TerritoryRun } from "./territory-folder.ts";

const shared = sharedDataDir();
const NAME = "conso_com_2025_extrait.csv";
const FILE = shared ? path.join(shared, "real", "cerema", NAME) : "";

const BORDEAUX_METROPOLE = "243300316"; // 28 communes
const SUD_GIRONDE = "200043974"; // CC du Sud Gironde, 37 communes
const MEDULLIENNE = "243301389"; // CC Médullienne, 10 communes
const ha = (m2: number) => Math.round((m2 / 10_000) * 1000) / 1000;

describe.skipIf(!shared)("Cerema 2025 vintage, real file: three EPCIs of Gironde", () => {
  let run: TerritoryRun;
  beforeAll(async () => {
    run = await runTerritory({ id: "gironde", nom: "Trois EPCI de Gironde", epci: [BORDEAUX_METROPOLE, SUD_GIRONDE, MEDULLIENNE] }, [FILE]);
  });
  afterAll(() => run?.close());

  it("loads every commune of the territory, residuals included, and says so", () => {
    const report = run.report(NAME);
    expect(report).toMatchObject({ source: "cerema", vintage: "2011-2024", years: [2011, 2024], rowsRead: 542, rowsLoaded: 75, rowsOutside: 467, rejections: [] });
    expectCountsAddUp(report);
    expect(report.notes).toContain(
      "3 résidu(s) d'arrondi négatif(s) du producteur dans les colonnes de destination, chargé(s) tels que publiés (les destinations de l'année somment au flux total) : " +
        "ligne 358, art12inc13 = -1.0 ; ligne 404, art11inc12 = -1.0 ; ligne 532, art22inc23 = -1.0",
    );
  });

  it("the communes with a -1.0 residual keep all their years, as published", async () => {
    const loaded = await rows(
      run.folder.db,
      `SELECT code_commune, count(*) AS years, min(annee) AS first, max(annee) AS last,
              sum(inconnu_m2) FILTER (WHERE (code_commune, annee) IN (('33367', 2012), ('33417', 2011), ('33550', 2022))) AS residual
       FROM cerema WHERE code_commune IN ('33367', '33417', '33550') GROUP BY code_commune ORDER BY code_commune`,
    );
    expect(loaded).toEqual([
      { code_commune: "33367", years: 14, first: 2011, last: 2024, residual: -1 },
      { code_commune: "33417", years: 14, first: 2011, last: 2024, residual: -1 },
      { code_commune: "33550", years: 14, first: 2011, last: 2024, residual: -1 },
    ]);
  });

  it("ENAF consumption: communes, EPCIs and territory, complete (not « partiel »)", () => {
    const r = run.result;
    const indicator = "consommation_enaf_ha";
    expect(vs(r, indicator, "commune", "33367", 2012)).toEqual([ha(4322), "ok"]); // the year of its residual
    expect(vs(r, indicator, "commune", "33417", 2011)).toEqual([ha(22495), "ok"]);
    expect(vs(r, indicator, "commune", "33550", 2022)).toEqual([ha(21150), "ok"]);
    expect(vs(r, indicator, "epci", SUD_GIRONDE, 2012)).toEqual([ha(285000), "ok"]);
    expect(vs(r, indicator, "epci", MEDULLIENNE, 2011)).toEqual([ha(409885), "ok"]);
    expect(vs(r, indicator, "epci", BORDEAUX_METROPOLE, 2022)).toEqual([ha(666234), "ok"]);
    expect(vs(r, indicator, "territoire", "gironde", 2012)).toEqual([ha(1278056 + 316056 + 285000), "ok"]);
    // The newest flow year of the vintage is provisional.
    expect(vs(r, indicator, "territoire", "gironde", 2024)).toEqual([ha(438589 + 64321 + 103966), "provisoire"]);
  });

  it("share of economic activity in the consumption, recomputed from summed flows", () => {
    const share = (act: number, total: number) => Math.round((act / total) * 100 * 1000) / 1000;
    expect(vs(run.result, "part_enaf_activite_pct", "commune", "33367", 2012)).toEqual([share(63, 4322), "ok"]);
    expect(vs(run.result, "part_enaf_activite_pct", "territoire", "gironde", 2012)).toEqual([share(304585 + 4220 + 9380, 1278056 + 316056 + 285000), "ok"]);
  });
});
