import { describe, expect, it } from "vitest";
import { axisSummary, countsClause, indicatorSentence, overallSummary, trendOf } from "../../src/report/summary.ts";
import { computeChange, formatChange, formatQuantity } from "../../src/report/format.ts";
import { row } from "./helpers.ts";

// 43 120 → 44 120 salariés: +2,319... % → "+2,3 %".
const emploi = row({
  valeur: 44120, statut_valeur: "ok", valeur_reference: 43120, derniere_annee: 2021, derniere_valeur: 44120, statut_derniere_valeur: "ok",
  evolution: computeChange(43120, 44120, "salariés"), statut: "amelioration",
});
// Target: 1 000 → 1 200 in 2026; 2021 value 1 010: achieved 5 %, expected 3/8 = 37,5 % → late.
const industrie = row({
  indicateur: "industrie", titre: "Emploi industriel", type: "impact",
  valeur: 1010, statut_valeur: "ok", valeur_reference: 1000, derniere_annee: 2021, derniere_valeur: 1010, statut_derniere_valeur: "ok",
  evolution: computeChange(1000, 1010, "salariés"), type_cible: "valeur", cible_calculee: 1200, annee_cible: 2026,
  progression_attendue_pct: 37.5, progression_realisee_pct: 5, statut: "en_retard",
});
const chomage = row({
  indicateur: "de", titre: "Demandeurs d'emploi", unite: "demandeurs", sens_souhaite: "baisse",
  valeur: null, statut_valeur: "partiel", valeur_reference: 2000, derniere_annee: 2020, derniere_valeur: 2100, statut_derniere_valeur: "partiel",
  evolution: computeChange(2000, 2100, "demandeurs"), statut: "degradation",
});
const part = row({
  indicateur: "part", titre: "Part de l'industrie", unite: "%", sens_souhaite: "neutre",
  valeur: 25.3, statut_valeur: "ok", valeur_reference: 24, derniere_annee: 2021, derniere_valeur: 25.3, statut_derniere_valeur: "ok",
  evolution: computeChange(24, 25.3, "%"), statut: "hausse",
});
const absent = row({ indicateur: "tl", titre: "Tiers-lieux", unite: "lieux", annee_reference: null, statut: "non_evaluable" });

describe("phrases de synthèse du rapport annuel", () => {
  it("écrit la valeur de l'année, l'évolution depuis la référence, en français", () => {
    expect(indicatorSentence(emploi, 2021)).toBe("Emploi salarié privé : 44\u202f120 salariés en 2021, +2,3\u202f% depuis 2018 (référence).");
    expect(formatChange(computeChange(24, 25.3, "%"), "%")).toBe("+1,3 pt");
    expect(formatQuantity(1, "lieux")).toBe("1 lieu");
    expect(formatQuantity(12.34, "ha")).toBe("12,3 ha");
  });

  it("dit quand le statut repose sur une valeur antérieure à l'année du rapport, et que la valeur est partielle", () => {
    expect(indicatorSentence(chomage, 2021)).toBe(
      "Demandeurs d'emploi : 2\u202f100 demandeurs en 2020, valeur partielle, +5,0\u202f% depuis 2018 (référence) (dernière valeur utilisable ; pas de valeur utilisable en 2021).",
    );
  });

  it("classe les indicateurs : amélioration, dégradation, stabilité selon le sens souhaité, quelle que soit la cible", () => {
    expect(trendOf(emploi)).toBe("amelioration");
    expect(trendOf(chomage)).toBe("degradation"); // a rise of job seekers is a deterioration
    expect(trendOf(industrie)).toBe("stable"); // +1 % ≤ 2 %
    expect(trendOf(part)).toBe("hausse");
    expect(trendOf(absent)).toBeNull();
    expect(countsClause([emploi, industrie, chomage, part, absent])).toBe(
      "1 en amélioration, 1 en dégradation, 1 stable, 1 de contexte en évolution (sans sens souhaité), 1 non évaluable ; 1 indicateur avec une cible du comité de pilotage : 1 en retard",
    );
  });

  it("résume un axe : retards sur cible avec les chiffres, améliorations, dégradations, non évaluables", () => {
    expect(axisSummary("Attirer", [emploi, industrie, chomage, part, absent], 2021, 2018)).toEqual([
      "Axe Attirer, 5 indicateurs suivis en 2021 : 1 en amélioration, 1 en dégradation, 1 stable, 1 de contexte en évolution (sans sens souhaité), 1 non évaluable ; 1 indicateur avec une cible du comité de pilotage : 1 en retard.",
      "1 indicateur est en retard sur sa cible : Emploi industriel (1\u202f010 salariés en 2021, +1,0\u202f% depuis 2018 (référence) ; cible 1\u202f200 salariés en 2026 ; 5 % de l'évolution prévue réalisée pour 38 % attendus à cette date).",
      "1 indicateur s'améliore depuis la référence : Emploi salarié privé (44\u202f120 salariés en 2021, +2,3\u202f% depuis 2018 (référence)).",
      "1 indicateur se dégrade depuis la référence : Demandeurs d'emploi (2\u202f100 demandeurs en 2020, valeur partielle, +5,0\u202f% depuis 2018 (référence)).",
      "1 indicateur est stable (évolution de 2 % au plus) : Emploi industriel (1\u202f010 salariés en 2021, +1,0\u202f% depuis 2018 (référence)).",
      "1 indicateur de contexte, sans sens souhaité, évolue : Part de l'industrie (25,3\u202f% en 2021, +1,3 pt depuis 2018 (référence)).",
      "Non évaluable en 2021 (pas de référence ou pas de valeur utilisable depuis) : Tiers-lieux.",
    ]);
  });

  it("accorde au pluriel et énumère « a, b et c »", () => {
    const late = [industrie, { ...industrie, indicateur: "x", titre: "Établissements" }];
    const s = axisSummary("Attirer", late, 2021, 2018);
    expect(s[1]).toMatch(/^2 indicateurs sont en retard sur leur cible : Emploi industriel \(.*\) et Établissements \(/);
  });

  it("l'année de référence ne mesure aucune évolution : elle donne les valeurs de départ", () => {
    const ref = row({ valeur: 43120, statut_valeur: "ok", valeur_reference: 43120, annee_reference: 2018 });
    expect(axisSummary("Attirer", [ref], 2018, 2018)).toEqual([
      "2018 est l'année de référence : les valeurs de cette année sont le point de départ de l'évaluation, aucune évolution n'est encore mesurée.",
      "Valeurs de référence : Emploi salarié privé 43\u202f120 salariés.",
    ]);
    expect(overallSummary([ref], 2018, 2018)[0]).toBe(
      "Rapport de l'année de référence 2018 : il fixe le point de départ de l'indicateur suivi ; les évolutions seront mesurées à partir de 2019.",
    );
  });
});
