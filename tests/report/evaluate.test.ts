import { describe, expect, it } from "vitest";
import { targetsOf, trackingForYear } from "../../src/report/evaluate.ts";
import type { IndicatorDeclaration, IndicatorRow, TrackingRow } from "../../src/indicators/types.ts";

const decl = { id: "emploi", axis: "Attirer", title: "Emploi", direction: "hausse", unit: "salariés", levels: ["territoire"] } as IndicatorDeclaration;
const r = (annee: number, valeur: number | null, statut: IndicatorRow["statut"] = "ok"): IndicatorRow => ({
  indicateur: "emploi", axe: "Attirer", niveau: "territoire", code_geo: "t", libelle_geo: "T", annee, valeur, numerateur: valeur, denominateur: null, unite: "salariés", statut,
});
// 2018: 1 000 (reference); 2019: 1 010; 2020: unknown; 2021: 1 100. Target 1 200 in 2026 (valeur).
const rows = [r(2018, 1000), r(2019, 1010), r(2020, null, "manquant"), r(2021, 1100)];
const target = { indicateur: "emploi", niveau: "territoire" as const, code_geo: "t", valeur_cible: 1200, annee_cible: 2026, type: "valeur" as const, origine: "cibles.csv:4" };

describe("suivi évalué pour une année passée", () => {
  it("n'utilise que les valeurs jusqu'à l'année du rapport", () => {
    // 2019: expected (2019-2018)/(2026-2018) = 12,5 %, achieved 10/200 = 5 % → gap 7,5 points ≤ 10 → on track.
    const y2019 = trackingForYear(rows, [target], [decl], 2018, 2019)[0]!;
    expect(y2019).toMatchObject({ derniere_annee: 2019, derniere_valeur: 1010, statut: "en_bonne_voie", progression_attendue_pct: 12.5, progression_realisee_pct: 5 });
    // 2020: no value that year → still the 2019 value, but expected progress is that of 2019 (the latest value's year).
    const y2020 = trackingForYear(rows, [target], [decl], 2018, 2020)[0]!;
    expect(y2020).toMatchObject({ derniere_annee: 2019, derniere_valeur: 1010, statut: "en_bonne_voie" });
    // 2021: expected 3/8 = 37,5 %, achieved 100/200 = 50 % → on track; the full tracking would say the same.
    const y2021 = trackingForYear(rows, [target], [decl], 2018, 2021)[0]!;
    expect(y2021).toMatchObject({ derniere_annee: 2021, derniere_valeur: 1100, statut: "en_bonne_voie", progression_realisee_pct: 50 });
  });

  it("l'année de référence n'a pas de valeur postérieure : non évaluable", () => {
    expect(trackingForYear(rows, [target], [decl], 2018, 2018)[0]).toMatchObject({ derniere_annee: null, statut: "non_evaluable", valeur_reference: 1000 });
  });

  it("retrouve les cibles du copil dans le suivi complet, avec leur origine", () => {
    const full = trackingForYear(rows, [target], [decl], 2018, 2021);
    expect(targetsOf(full)).toEqual([target]);
    expect(targetsOf([{ ...full[0]!, type_cible: null, valeur_cible: null, annee_cible: null } as TrackingRow])).toEqual([]);
  });
});
