import { describe, expect, it } from "vitest";
import { axisSummary, countsClause, indicatorSentence, overallSummary, progressClause, statusCounts, trendOf } from "../../src/report/summary.ts";
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
  it("écrit la valeur, l'évolution par rapport à la référence, en français, sans parenthèses imbriquées", () => {
    expect(indicatorSentence(emploi, 2021)).toBe("Emploi salarié privé : 44\u202f120 salariés en 2021, soit +2,3\u202f% par rapport à 2018.");
    expect(formatChange(computeChange(24, 25.3, "%"), "%")).toBe("+1,3 pt");
    expect(formatQuantity(1, "lieux")).toBe("1 lieu");
    expect(formatQuantity(12.34, "ha")).toBe("12,3 ha");
  });

  it("dit quand le statut repose sur une valeur antérieure à l'année du rapport, et que la valeur est partielle", () => {
    expect(indicatorSentence(chomage, 2021)).toBe(
      "Demandeurs d'emploi : 2\u202f100 demandeurs en 2020, valeur partielle, soit +5,0\u202f% par rapport à 2018 ; pas de valeur utilisable en 2021, la dernière est de 2020.",
    );
  });

  it("sens de l'évolution selon le sens souhaité", () => {
    expect(trendOf(emploi)).toBe("amelioration");
    expect(trendOf(chomage)).toBe("degradation"); // a rise of job seekers is a deterioration
    expect(trendOf(part)).toBe("hausse");
    expect(trendOf(absent)).toBeNull();
  });

  it("compte chaque indicateur une seule fois : par sa cible quand il en a une, sinon par son évolution", () => {
    // industrie is late on its target and moved by +1 % (stable as a trend): it is counted late, never stable.
    const c = statusCounts([emploi, industrie, chomage, part, absent]);
    expect(c).toEqual({
      indicateurs: 5, avec_cible: 1, en_bonne_voie: 0, a_surveiller: 0, en_retard: 1, cible_non_evaluable: 0,
      amelioration: 1, stable: 0, degradation: 1, contexte: 1, non_evaluable: 1,
    });
    expect(countsClause([emploi, industrie, chomage, part, absent])).toBe(
      "1 avec une cible, en retard ; sans cible : 1 en amélioration, 1 en dégradation et 1 indicateur de contexte en évolution ; 1 non évaluable",
    );
  });

  it("compte l'enveloppe ZAN, jugée sur sa trajectoire sans cible du comité, parmi les indicateurs à cible : ni oubliée ni comptée deux fois", () => {
    const zan = row({ indicateur: "zan", titre: "Enveloppe ZAN consommée", unite: "%", valeur: 45, derniere_annee: 2023, derniere_valeur: 45, statut: "en_retard" });
    const c = statusCounts([emploi, zan]);
    expect([c.indicateurs, c.avec_cible, c.en_retard, c.amelioration, c.non_evaluable]).toEqual([2, 1, 1, 1, 0]);
  });

  it("résume un axe : la cible en mots (jamais « −34 % de l'évolution prévue réalisée »), puis les autres indicateurs", () => {
    expect(axisSummary("Attirer", [emploi, industrie, chomage, part, absent], 2021, 2018)).toEqual([
      "5 indicateurs suivis en 2021 : 1 avec une cible, en retard ; sans cible : 1 en amélioration, 1 en dégradation et 1 indicateur de contexte en évolution ; 1 non évaluable.",
      "Emploi industriel est en retard sur sa cible : 1\u202f010 salariés en 2021, soit +1,0\u202f% par rapport à 2018 ; cible : 1\u202f200 salariés en 2026. 5 % du chemin vers la cible est parcouru, pour 38 % du délai écoulé.",
      "1 indicateur sans cible s'améliore depuis la référence : Emploi salarié privé (44\u202f120 salariés en 2021, soit +2,3\u202f% par rapport à 2018).",
      "1 indicateur sans cible se dégrade depuis la référence : Demandeurs d'emploi (2\u202f100 demandeurs en 2020, valeur partielle, soit +5,0\u202f% par rapport à 2018).",
      "1 indicateur sans cible est un indicateur de contexte, sans sens souhaité : Part de l'industrie (25,3\u202f% en 2021, soit +1,3 pt par rapport à 2018).",
      "Non évaluable en 2021, faute de référence ou de valeur utilisable depuis : Tiers-lieux.",
    ]);
    // No indicator appears twice.
    const text = axisSummary("Attirer", [emploi, industrie, chomage, part, absent], 2021, 2018).join(" ");
    expect(text.match(/Emploi industriel/g)).toHaveLength(1);
  });

  it("une évolution opposée à la cible se dit « s'en éloigne » ; une cible dépassée « déjà atteinte »", () => {
    expect(progressClause({ ...industrie, progression_realisee_pct: -34, progression_attendue_pct: 18 })).toBe(" Il s'en éloigne (évolution en sens contraire), avec 18 % du délai écoulé.");
    expect(progressClause({ ...industrie, progression_realisee_pct: 123, progression_attendue_pct: 50 })).toBe(" La cible est déjà atteinte, avec 50 % du délai écoulé.");
  });

  it("synthèse exécutive : les cibles, les autres indicateurs, les retards nommés", () => {
    expect(overallSummary([emploi, industrie, chomage, part, absent], 2021, 2018)).toEqual([
      "En 2021, le territoire suit 5 indicateurs depuis l'année de référence 2018.",
      "Le comité de pilotage a fixé une cible à l'un d'entre eux : 1 est en retard.",
      "Parmi les autres, 1 évolue dans le sens souhaité, 1 évolue dans le sens contraire et 1 indicateur de contexte évolue sans sens souhaité.",
      "Un indicateur n'est pas évaluable faute de référence ou de valeur récente.",
      "En retard sur la cible : Emploi industriel.",
    ]);
  });

  it("l'année de référence ne mesure aucune évolution : elle donne les valeurs de départ", () => {
    const ref = row({ valeur: 43120, statut_valeur: "ok", valeur_reference: 43120, annee_reference: 2018 });
    expect(axisSummary("Attirer", [ref], 2018, 2018)).toEqual([
      "2018 est l'année de référence : ses valeurs sont le point de départ de l'évaluation ; aucune évolution n'est encore mesurée.",
      "Valeurs de référence : Emploi salarié privé, 43\u202f120 salariés.",
    ]);
    expect(overallSummary([ref], 2018, 2018)[0]).toBe(
      "2018 est l'année de référence : ce rapport fixe le point de départ de l'indicateur suivi ; les évolutions seront mesurées à partir de 2019.",
    );
  });
});
