// Conformance of the DARES loader on the producer's real export (../shared/data/real/dares/): the portal's label
// export (`Date;Code région;...;Type de données;...`, `2024-T4`, `Brutes`, UTF-8 BOM, CRLF), dropped as downloaded
// into sources/ of a territory it covers, loaded by the pipeline and computed by the indicator engine.
// The file: 3 618 rows; every commune of Gironde at 2024-T4 (534 x 6 rows), and Bordeaux (33063), Paris (75056 and
// 75101), Lyon (69123 and 69381), Marseille (13055 and 13201) for 2015-T4..2024-T4 (10 x 6 rows each), all ABC.
//
// Expected values were computed from the file with DuckDB, outside the product:
//   CREATE VIEW d AS SELECT "Code commune" c, "Date" dt, "Sexe" sexe, "Tranche d'âge" age,
//          "Nombre de demandeurs d'emploi"::INT n FROM read_csv('dares_defm_communales_extrait.csv', delim=';', all_varchar=true);
//   SELECT c, dt, n FROM d WHERE c IN ('33063', '69123', '69381') AND sexe = 'Total' AND age = 'Total';
//   SELECT sum(n) FILTER (WHERE age = 'Total'), sum(n) FILTER (WHERE age = 'Moins de 25 ans') FROM d
//     WHERE c IN (<members of the EPCI in @etalab/decoupage-administratif epci.json>) AND dt = '2024-T4' AND sexe = 'Total';
// The file has no secret value (every count is a number).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedDataDir } from "../../src/io/shared-data.ts";
import { vs } from "../indicators/helpers.ts";
import { expectCountsAddUp } from "./helpers.ts";
import { runTerritory, type TerritoryRun } from "./territory-folder.ts";

const shared = sharedDataDir();
const NAME = "dares_defm_communales_extrait.csv";
const FILE = shared ? path.join(shared, "real", "dares", NAME) : "";

const BORDEAUX_METROPOLE = "243300316"; // 28 communes
const MEDULLIENNE = "243301389"; // CC Médullienne, 10 communes
const LYON_METROPOLE = "200046977"; // 58 communes, only Lyon in the file
const pct = (num: number, den: number) => Math.round((num / den) * 100 * 1000) / 1000;

describe.skipIf(!shared)("DARES, real export with labels: two EPCIs of Gironde", () => {
  let run: TerritoryRun;
  beforeAll(async () => {
    run = await runTerritory({ id: "gironde", nom: "Bordeaux et Médoc", epci: [BORDEAUX_METROPOLE, MEDULLIENNE] }, [FILE]);
  });
  afterAll(() => run?.close());

  it("recognises the label header and loads every row of the territory (Brutes = raw data)", () => {
    const report = run.report(NAME);
    // Loaded: 38 communes x 6 rows at 2024-T4 (228) + Bordeaux 2015..2023 (9 x 6 = 54); the rest is outside,
    // Lyon's, Paris's and Marseille's arrondissements included.
    expect(report).toMatchObject({ source: "dares", vintage: "2015-2024", years: [2015, 2024], rowsRead: 3618, rowsLoaded: 282, rowsOutside: 3336, rejections: [] });
    expectCountsAddUp(report);
  });

  it("job seekers ABC: commune, EPCI, territory", () => {
    const r = run.result;
    expect(vs(r, "demandeurs_emploi_abc", "commune", "33063", 2024)).toEqual([29190, "ok"]);
    expect(vs(r, "demandeurs_emploi_abc", "commune", "33063", 2015)).toEqual([29450, "ok"]);
    expect(vs(r, "demandeurs_emploi_abc", "commune", "33417", 2024)).toEqual([195, "ok"]);
    expect(vs(r, "demandeurs_emploi_abc", "epci", BORDEAUX_METROPOLE, 2024)).toEqual([76395, "ok"]);
    expect(vs(r, "demandeurs_emploi_abc", "epci", MEDULLIENNE, 2024)).toEqual([1630, "ok"]);
    expect(vs(r, "demandeurs_emploi_abc", "territoire", "gironde", 2024)).toEqual([76395 + 1630, "ok"]);
    // Before 2024 the file has Bordeaux alone: its EPCI is partial, never a complete-looking total.
    expect(vs(r, "demandeurs_emploi_abc", "epci", BORDEAUX_METROPOLE, 2015)).toEqual([29450, "partiel"]);
  });

  it("share of under-25s, recomputed from summed counts at each level", () => {
    const r = run.result;
    expect(vs(r, "part_demandeurs_moins_25_ans", "commune", "33063", 2024)).toEqual([pct(4050, 29190), "ok"]);
    expect(vs(r, "part_demandeurs_moins_25_ans", "epci", BORDEAUX_METROPOLE, 2024)).toEqual([pct(10445, 76395), "ok"]);
    expect(vs(r, "part_demandeurs_moins_25_ans", "territoire", "gironde", 2024)).toEqual([pct(10445 + 200, 76395 + 1630), "ok"]);
  });
});

describe.skipIf(!shared)("DARES, real export with labels: Métropole de Lyon (Lyon published whole and by arrondissement)", () => {
  let run: TerritoryRun;
  beforeAll(async () => {
    run = await runTerritory({ id: "lyon", nom: "Métropole de Lyon", epci: [LYON_METROPOLE] }, [FILE]);
  });
  afterAll(() => run?.close());

  it("keeps Lyon's own rows and rejects its 1st arrondissement's, naming Lyon's line", () => {
    const report = run.report(NAME);
    expect(report).toMatchObject({ rowsRead: 3618, rowsLoaded: 60, rowsOutside: 3498 });
    expectCountsAddUp(report);
    expect(report.rejections).toHaveLength(60);
    for (const r of report.rejections) {
      expect(r).toMatchObject({ column: "Code commune", value: "69381" });
      expect(r.reason).toMatch(/^arrondissement municipal : la commune 69123 est publiée en entier \(ligne \d+\), seule sa ligne est retenue$/);
    }
    // The producer's first line is 69381 2015-T4 ABC Total Total; Lyon's row of that key is line 21 of the file.
    expect(run.report(NAME).rejections[0]).toMatchObject({ line: 2, reason: expect.stringContaining("(ligne 21)") });
  });

  it("Lyon counts once: 47 740 in 2024, not 47 740 + 3 375 (69381)", () => {
    const r = run.result;
    expect(vs(r, "demandeurs_emploi_abc", "commune", "69123", 2024)).toEqual([47740, "ok"]);
    expect(vs(r, "demandeurs_emploi_abc", "commune", "69123", 2015)).toEqual([46640, "ok"]);
    // The 57 other communes of the Métropole are not in the file.
    expect(vs(r, "demandeurs_emploi_abc", "epci", LYON_METROPOLE, 2024)).toEqual([47740, "partiel"]);
    expect(vs(r, "demandeurs_emploi_abc", "territoire", "lyon", 2024)).toEqual([47740, "partiel"]);
  });
});
