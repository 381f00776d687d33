// The configured reference year is always the baseline (src/indicators/baselines.ts, tracking.ts): a partial value is
// used and explained, an unknown one leaves « référence inconnue » (never a later year in its place), a relative target
// keeps the year it was voted against; the ZAN envelope is judged against its linear path (status.ts envelopeStatus).
// Every expected value below is computed by hand in the comment beside it.
import { describe, expect, it } from "vitest";
import { computeBaselines } from "../../src/indicators/baselines.ts";
import { computeTracking } from "../../src/indicators/tracking.ts";
import { envelopeStatus, headlineCounts, statusLabel } from "../../src/indicators/status.ts";
import { CATALOGUE } from "../../src/indicators/index.ts";
import type { IndicatorRow, Level, ObservationStatus, Target } from "../../src/indicators/types.ts";

const row = (indicateur: string, niveau: Level, code_geo: string, annee: number, valeur: number | null, statut: ObservationStatus = "ok"): IndicatorRow => ({
  indicateur, axe: "Recruter", niveau, code_geo, libelle_geo: code_geo, annee, valeur, numerateur: valeur, denominateur: null, unite: "u", statut,
});
const target = (indicateur: string, niveau: Level, code_geo: string, valeur_cible: number, annee_cible: number, type: Target["type"]): Target =>
  ({ indicateur, niveau, code_geo, valeur_cible, annee_cible, type, origine: "cibles.csv:2" });
const track = (rows: IndicatorRow[], targets: Target[] = [], ref = 2018, members?: Record<string, string[]>) =>
  computeTracking(rows, computeBaselines(rows, ref, members ? (_n, code) => members[code] : undefined), targets, CATALOGUE, ref);

describe("a partial value at the reference year is the baseline, explained", () => {
  // Territory T = communes A, B, C, D. 2018: A 600, B 400, C secret, D manquant -> T 1000 partiel.
  // 2019 complete 1300; 2022 complete 900.
  const rows = [
    row("demandeurs_emploi_abc", "territoire", "T", 2018, 1000, "partiel"),
    row("demandeurs_emploi_abc", "territoire", "T", 2019, 1300),
    row("demandeurs_emploi_abc", "territoire", "T", 2022, 900),
    row("demandeurs_emploi_abc", "commune", "A", 2018, 600),
    row("demandeurs_emploi_abc", "commune", "B", 2018, 400),
    row("demandeurs_emploi_abc", "commune", "C", 2018, null, "secret"),
    row("demandeurs_emploi_abc", "commune", "D", 2018, null, "manquant"),
  ];
  it("keeps 2018 (not 2019, the first complete year) and counts the communes without a value", () => {
    const [b] = computeBaselines(rows.filter((r) => r.niveau === "territoire" || r.annee === 2018), 2018).filter((x) => x.niveau === "territoire");
    expect(b).toMatchObject({ annee: 2018, valeur: 1000, statut: "partiel", communes_sans_donnee: 2, communes_partielles: 0 });
  });
  it("a relative target keeps its voted meaning: −10 % vs 2018 = 900, reached in 2022", () => {
    // cible = 1000 × (1 − 0.10) = 900; expected (2022−2018)/(2026−2018) = 50 %; achieved (900−1000)/(900−1000) = 100 %
    const t = track(rows, [target("demandeurs_emploi_abc", "territoire", "T", -10, 2026, "evolution_pct")]).find((x) => x.niveau === "territoire");
    expect(t).toMatchObject({
      annee_reference: 2018, valeur_reference: 1000, statut_reference: "partiel", cible_calculee: 900,
      derniere_annee: 2022, derniere_valeur: 900, progression_attendue_pct: 50, progression_realisee_pct: 100, statut: "en_bonne_voie",
      note_reference: "référence 2018 partielle : 2 communes sans donnée",
    });
    expect(t?.commentaire).toMatch(/comparaison indicative/);
  });
  it("an EPCI's partial reference names its own missing communes through the membership given", () => {
    const epci = [
      row("demandeurs_emploi_abc", "epci", "E", 2018, 600, "partiel"), row("demandeurs_emploi_abc", "epci", "E", 2020, 660),
      row("demandeurs_emploi_abc", "commune", "A", 2018, 600), row("demandeurs_emploi_abc", "commune", "C", 2018, null, "secret"),
      row("demandeurs_emploi_abc", "commune", "B", 2018, 400, "partiel"),
    ];
    // E = A, B, C: C secret (1 sans donnée), B partial (1 partielle); 600 -> 660 = +10 %, fewer job seekers wanted
    const t = track(epci, [], 2018, { E: ["A", "B", "C"] }).find((x) => x.niveau === "epci");
    expect(t).toMatchObject({ valeur_reference: 600, derniere_valeur: 660, statut: "degradation", note_reference: "référence 2018 partielle : 1 commune sans donnée, 1 commune partielle" });
  });
});

describe("an unknown reference is said, never replaced", () => {
  // 2018 secret, 2019 = 500, 2021 = 450
  const rows = [
    row("demandeurs_emploi_abc", "territoire", "T", 2018, null, "secret"),
    row("demandeurs_emploi_abc", "territoire", "T", 2019, 500),
    row("demandeurs_emploi_abc", "territoire", "T", 2021, 450),
  ];
  it("no change, no status; the first known year is information only", () => {
    const [t] = track(rows);
    expect(t).toMatchObject({
      annee_reference: 2018, valeur_reference: null, statut_reference: "secret", statut: "non_evaluable",
      derniere_annee: null, premiere_annee: 2019, premiere_valeur: 500, note_reference: "référence 2018 inconnue (secret statistique)",
    });
  });
  it("a relative target cannot be computed from another year; a value target stays the voted value, without trajectory", () => {
    const [rel] = track(rows, [target("demandeurs_emploi_abc", "territoire", "T", -10, 2026, "evolution_pct")]);
    expect(rel).toMatchObject({ cible_calculee: null, type_cible: "evolution_pct", statut: "non_evaluable" });
    expect(rel?.commentaire).toMatch(/cible relative à la référence 2018, inconnue : non calculable/);
    const [abs] = track(rows, [target("demandeurs_emploi_abc", "territoire", "T", 400, 2026, "valeur")]);
    expect(abs).toMatchObject({ cible_calculee: 400, statut: "non_evaluable", progression_attendue_pct: null });
    // Both count as targets that cannot be judged, not as « sans cible ».
    expect(headlineCounts([rel!, abs!])).toMatchObject({ non_evaluable: 2, sans_cible: 0 });
  });
});

describe("latest value: the newest complete one, else the newest partial one", () => {
  it("a complete reference with only partial later values is compared, indicatively", () => {
    // 2018 ok 1000; 2019 partial 1100, 2020 partial 1200 -> 1200, +20 % (more industrial jobs wanted)
    const rows = [row("emploi_industriel", "territoire", "T", 2018, 1000), row("emploi_industriel", "territoire", "T", 2019, 1100, "partiel"), row("emploi_industriel", "territoire", "T", 2020, 1200, "partiel")];
    const [t] = track(rows);
    expect(t).toMatchObject({ derniere_annee: 2020, derniere_valeur: 1200, statut_derniere_valeur: "partiel", statut: "amelioration" });
    expect(t?.commentaire).toMatch(/dernière valeur \(2020\) partielle ; comparaison indicative/);
  });
});

describe("ZAN envelope: consumed share against the elapsed share of 2021-2030", () => {
  it("pace = consumed / elapsed, with the 1.10 and 1.25 thresholds", () => {
    // end of 2023: 3 of 10 years elapsed = 30 %; 30 % consumed -> pace 1
    expect(envelopeStatus({ start: 2021, end: 2030, year: 2023, consumedPct: 30 })).toEqual({ statut: "en_bonne_voie", expected: 0.3, achieved: 0.3, pace: 1 });
    expect(envelopeStatus({ start: 2021, end: 2030, year: 2023, consumedPct: 33 }).statut).toBe("en_bonne_voie"); // 1.10
    expect(envelopeStatus({ start: 2021, end: 2030, year: 2023, consumedPct: 36 }).statut).toBe("a_surveiller"); // 1.20
    expect(envelopeStatus({ start: 2021, end: 2030, year: 2023, consumedPct: 45 }).statut).toBe("en_retard"); // 1.50
    // end of 2021: 10 % elapsed; 18.6 % consumed = 1.86 times the path, late although only 18.6 % is gone
    expect(envelopeStatus({ start: 2021, end: 2030, year: 2021, consumedPct: 18.6 }).statut).toBe("en_retard");
    // after 2030 the whole envelope is expected: 95 % consumed in 2032 -> pace 0.95
    expect(envelopeStatus({ start: 2021, end: 2030, year: 2032, consumedPct: 95 })).toMatchObject({ statut: "en_bonne_voie", expected: 1 });
  });
  it("the tracking judges trajectoire_zan_pct on its path, not on its rise, and needs no 2018 value", () => {
    // 2021 9 %, 2022 15 %, 2023 24 %: rising every year (a trend would say « en dégradation »);
    // end of 2023: 24 % consumed for 30 % elapsed -> pace 0.8, on track
    const rows = [2021, 2022, 2023].map((y, i) => ({ ...row("trajectoire_zan_pct", "territoire", "T", y, [9, 15, 24][i]!), axe: "Innover" as const, unite: "%" }));
    const [t] = track(rows);
    expect(t).toMatchObject({
      statut: "en_bonne_voie", cible_calculee: 100, annee_cible: 2030, derniere_annee: 2023, derniere_valeur: 24,
      progression_attendue_pct: 30, progression_realisee_pct: 24, note_reference: "", type_cible: null,
    });
    expect(t?.commentaire).toBe("enveloppe 2021-2030 : 24 % consommés fin 2023 pour 30 % de la période écoulée (rythme 0,80 fois la trajectoire linéaire)");
    expect(headlineCounts([t!])).toMatchObject({ en_bonne_voie: 1 });
  });
});

describe("one vocabulary", () => {
  it("targets in capitalised words, directions of change after an arrow giving the way the value moved", () => {
    expect(statusLabel("en_bonne_voie")).toBe("En bonne voie");
    expect(statusLabel("amelioration", "baisse")).toBe("↘ en amélioration"); // fewer job seekers
    expect(statusLabel("amelioration", "hausse")).toBe("↗ en amélioration");
    expect(statusLabel("degradation", "baisse")).toBe("↗ en dégradation");
    expect(statusLabel("stable", "hausse")).toBe("→ stable");
    expect(statusLabel("hausse", "neutre")).toBe("↗ en hausse");
    expect(statusLabel("non_evaluable")).toBe("non évaluable");
    expect(statusLabel("amelioration")).toBe("en amélioration"); // desired direction unknown: no arrow rather than a wrong one
  });
});
