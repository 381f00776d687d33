// Status rules: linear trajectory to a target (on track / to watch / late), direction of change without a target,
// and their application to computed values with data/local/cibles.csv (tests/fixtures/indicators/local-ok).
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { targetStatus, trendStatus } from "../../src/indicators/status.ts";
import { computeBaselines } from "../../src/indicators/baselines.ts";
import { computeTracking } from "../../src/indicators/tracking.ts";
import { CATALOGUE } from "../../src/indicators/index.ts";
import type { IndicatorResult, TrackingRow } from "../../src/indicators/types.ts";
import { CHAUNY, CHAUNY_TERGNIER as C, compute, EST_SOMME as E, FIXTURES, HAM, insert, NESLE, PITHON, TERGNIER, TID as T, tinyDb, type TestDb } from "./helpers.ts";

const base = { baselineYear: 2018, baseline: 1000, targetYear: 2022, target: 1100, year: 2020, direction: "hausse" as const };

describe("targetStatus: progress against the straight line from baseline to target", () => {
  it("on track when at most 10 points of the planned change behind", () => {
    // expected (2020-2018)/(2022-2018) = 0.5; achieved (1040-1000)/(1100-1000) = 0.4; gap 0.10
    expect(targetStatus({ ...base, value: 1040 })).toEqual({ statut: "en_bonne_voie", expected: 0.5, achieved: 0.4 });
    expect(targetStatus({ ...base, value: 1080 }).statut).toBe("en_bonne_voie"); // ahead: 0.8
  });
  it("to watch between 10 and 25 points behind", () => {
    expect(targetStatus({ ...base, value: 1030 }).statut).toBe("a_surveiller"); // gap 0.5 - 0.3 = 0.2
    expect(targetStatus({ ...base, value: 1025 }).statut).toBe("a_surveiller"); // gap 0.25
  });
  it("late beyond 25 points, or going the wrong way", () => {
    expect(targetStatus({ ...base, value: 1020 }).statut).toBe("en_retard"); // gap 0.3
    expect(targetStatus({ ...base, value: 990 }).statut).toBe("en_retard"); // achieved -0.1
  });
  it("works for a decrease target and caps the expected progress after the deadline", () => {
    // 1000 -> 900 in 2022; 2020 at 950: achieved 0.5, expected 0.5
    expect(targetStatus({ ...base, target: 900, value: 950, direction: "baisse" }).statut).toBe("en_bonne_voie");
    // 2024, past the deadline: expected 1; at 920 achieved 0.8 => gap 0.2
    expect(targetStatus({ ...base, target: 900, value: 920, year: 2024, direction: "baisse" })).toMatchObject({ statut: "a_surveiller", expected: 1 });
  });
  it("a target equal to the baseline is judged on the deviation in the undesired direction", () => {
    expect(targetStatus({ ...base, target: 1000, value: 1200 }).statut).toBe("en_bonne_voie"); // above, desired
    expect(targetStatus({ ...base, target: 1000, value: 950 }).statut).toBe("en_bonne_voie"); // 5 % below
    expect(targetStatus({ ...base, target: 1000, value: 850 }).statut).toBe("a_surveiller"); // 15 % below
    expect(targetStatus({ ...base, target: 1000, value: 700 }).statut).toBe("en_retard"); // 30 % below
  });
});

describe("trendStatus without a target", () => {
  it("improvement, deterioration or stable (within 2 %) given the desired direction", () => {
    expect(trendStatus(1000, 1030, "hausse")).toBe("amelioration"); // +3 %
    expect(trendStatus(1000, 1030, "baisse")).toBe("degradation");
    expect(trendStatus(1000, 1015, "baisse")).toBe("stable"); // +1.5 %
    expect(trendStatus(1000, 900, "baisse")).toBe("amelioration");
    expect(trendStatus(1000, 900, "neutre")).toBe("baisse");
    expect(trendStatus(0, 0, "hausse")).toBe("stable");
  });
});

describe("partial values", () => {
  const mk = (annee: number, valeur: number, statut: "ok" | "partiel") =>
    ({ indicateur: "demandeurs_emploi_abc", axe: "Recruter" as const, niveau: "epci" as const, code_geo: "X", libelle_geo: "X", annee, valeur, numerateur: valeur, denominateur: null, unite: "demandeurs", statut });
  it("a series that is partial every year is compared partial to partial, and says so", () => {
    const rows = [mk(2018, 1000, "partiel"), mk(2020, 900, "partiel")];
    const [track] = computeTracking(rows, computeBaselines(rows, 2018), [], CATALOGUE, 2018);
    expect(track).toMatchObject({ valeur_reference: 1000, derniere_valeur: 900, statut: "amelioration" }); // -10 %, fewer wanted
    expect(track?.commentaire).toMatch(/référence 2018 partielle .*comparaison indicative/);
  });
  it("a complete value is preferred to a newer partial one", () => {
    const rows = [mk(2018, 1000, "ok"), mk(2019, 1100, "ok"), mk(2020, 500, "partiel")];
    const [track] = computeTracking(rows, computeBaselines(rows, 2018), [], CATALOGUE, 2018);
    expect(track).toMatchObject({ derniere_annee: 2019, derniere_valeur: 1100, statut: "degradation" }); // +10 %
  });
});

describe("suivi-cibles on computed values", () => {
  let t: TestDb;
  let r: IndicatorResult;
  const track = (indicateur: string, niveau: string, code: string): TrackingRow => {
    const found = r.targets.find((x) => x.indicateur === indicateur && x.niveau === niveau && x.code_geo === code);
    if (!found) throw new Error(`pas de suivi ${indicateur} ${niveau} ${code}`);
    return found;
  };
  beforeAll(async () => {
    t = await tinyDb();
    const u = (code_commune: string, annee: number, effectifs: number) => ({ code_commune, code_ape: "25.11Z", annee, etablissements: 1, effectifs });
    // E = Ham only (Nesle and Pithon covered with zero): 800 in 2018, 900 in 2020; C = Chauny 200; T = 1000 then 1100
    await insert(t.db, "urssaf", [u(HAM, 2018, 800), u(HAM, 2020, 900), u(CHAUNY, 2018, 200), u(CHAUNY, 2020, 200)]);
    const d = (code_commune: string, annee: number, demandeurs: number) => ({ code_commune, annee, trimestre: 4, categorie: "ABC", sexe: "Total", tranche_age: "Total", demandeurs });
    await insert(t.db, "dares", [
      d(TERGNIER, 2018, 1000), d(CHAUNY, 2018, 900), d(TERGNIER, 2019, 1000), d(CHAUNY, 2019, 900), // C: 1900 both years
      d(HAM, 2018, 300), d(NESLE, 2018, 100), d(PITHON, 2018, 0), d(HAM, 2019, 330), d(NESLE, 2019, 100), d(PITHON, 2019, 0), // E: 400 -> 430
    ]);
    r = await compute(t, join(FIXTURES, "local-ok"));
  });
  afterAll(() => t.close());

  it("target as a value, on track: baseline 1000 (2018), target 1200 (2022), 1100 in 2020", () => {
    // expected 2/4 = 50 %, achieved (1100-1000)/(1200-1000) = 50 %
    expect(track("emploi_industriel", "territoire", T)).toMatchObject({
      annee_reference: 2018, valeur_reference: 1000, derniere_annee: 2020, derniere_valeur: 1100, cible_calculee: 1200,
      progression_attendue_pct: 50, progression_realisee_pct: 50, statut: "en_bonne_voie",
    });
  });
  it("late: baseline 800, target 1600, 900 in 2020", () => {
    // expected 50 %, achieved 100/800 = 12.5 %: gap 37.5 points
    expect(track("emploi_industriel", "epci", E)).toMatchObject({ progression_realisee_pct: 12.5, statut: "en_retard" });
  });
  it("target as a change in %, to watch: 1900 -10 % = 1710 in 2022, still 1900 in 2019", () => {
    // expected (2019-2018)/(2022-2018) = 25 %, achieved 0 %: gap 25 points
    expect(track("demandeurs_emploi_abc", "epci", C)).toMatchObject({ type_cible: "evolution_pct", valeur_cible: -10, cible_calculee: 1710, progression_attendue_pct: 25, progression_realisee_pct: 0, statut: "a_surveiller" });
  });
  it("without a target, the direction of change: fewer job seekers wanted, 400 -> 430", () => {
    expect(track("demandeurs_emploi_abc", "epci", E)).toMatchObject({ valeur_reference: 400, derniere_valeur: 430, cible_calculee: null, statut: "degradation" });
    expect(track("emploi_industriel", "commune", HAM)).toMatchObject({ statut: "amelioration" }); // 800 -> 900
  });
  it("a series starting after the reference year has no baseline: the reference never moves to its first year", () => {
    const b = r.baselines.find((x) => x.indicateur === "entreprises_accompagnees" && x.niveau === "territoire");
    expect(b).toMatchObject({ annee: 2018, valeur: null, premiere_annee: 2022, premiere_valeur: 20 });
    const s = track("entreprises_accompagnees", "territoire", T);
    expect(s).toMatchObject({ annee_reference: 2018, valeur_reference: null, statut: "non_evaluable", derniere_valeur: null, premiere_annee: 2022, premiere_valeur: 20 });
    expect(s.note_reference).toBe("référence 2018 inconnue (pas de donnée avant 2022)");
    expect(s.commentaire).toMatch(/première valeur connue en 2022, pour information/);
  });
});
