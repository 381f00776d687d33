import { describe, expect, it } from "vitest";
import type { IndicatorRow, IndicatorSheet } from "../../src/indicators/types.ts";
import { actionsFromJson, progressFromActions, progressFromIndicator } from "../../src/report/actions.ts";
import { yearLimits } from "../../src/report/limits.ts";
import { row } from "./helpers.ts";

const ir = (niveau: IndicatorRow["niveau"], statut: IndicatorRow["statut"], annee = 2021, indicateur = "emploi"): IndicatorRow =>
  ({ indicateur, axe: "Attirer", niveau, code_geo: "x", libelle_geo: "X", annee, valeur: statut === "secret" ? null : 1, numerateur: null, denominateur: null, unite: "salariés", statut });
const sheet = { id: "emploi", title: "Emploi salarié privé", source: { limits: ["Secteur privé uniquement.", "Rupture de série : apprentis inclus à partir de 2023."] } } as unknown as IndicatorSheet;

describe("limites connues d'une année", () => {
  it("comptent les valeurs secrètes, partielles et provisoires de l'année, et citent les ruptures de série", () => {
    const rows = [ir("commune", "secret"), ir("commune", "secret"), ir("epci", "partiel"), ir("territoire", "provisoire"), ir("commune", "secret", 2020)];
    const reportRows = [
      row({ valeur: 1, commentaire: "référence 2018 partielle : 3 communes sans donnée ; comparaison indicative : valeur partielle (composantes secrètes ou inconnues exclues)", annee_reference: 2018, derniere_annee: 2020 }),
      row({ titre: "Créations d'établissements", valeur: 1, commentaire: "référence 2018 inconnue (pas de donnée avant 2019)", annee_reference: 2018, derniere_annee: 2021 }),
    ];
    const limits = yearLimits({ year: 2021, rows, sheets: [sheet], reportRows, demonstration: true });
    expect(limits[0]).toMatch(/^Données de démonstration/);
    expect(limits).toContain("Secret statistique en 2021 : Emploi salarié privé (2 valeurs communales). Ces valeurs sont inconnues, jamais comptées comme zéro.");
    expect(limits).toContain("Agrégats partiels en 2021 (composantes secrètes ou inconnues exclues : la valeur est un minorant) : Emploi salarié privé (1 valeur d'EPCI).");
    expect(limits).toContain("Valeurs provisoires en 2021, susceptibles d'être révisées : Emploi salarié privé (1 valeur du territoire).");
    expect(limits).toContain("Référence inconnue (pas de valeur l'année de référence ; aucune autre année ne la remplace) : Créations d'établissements.");
    expect(limits).toContain("Comparaison indicative, une des valeurs comparées étant partielle (composantes secrètes ou inconnues exclues) : Emploi salarié privé.");
    expect(limits).toContain("Statut évalué sur une valeur antérieure à 2021 (pas de valeur utilisable cette année-là) : Emploi salarié privé (2020).");
    expect(limits).toContain("Rupture de série : apprentis inclus à partir de 2023 (Emploi salarié privé).");
    expect(limits.some((l) => /Secteur privé uniquement/.test(l))).toBe(false);
  });

  it("sur données officielles, pas d'avertissement de démonstration ; une valeur inconnue de l'année est signalée", () => {
    const limits = yearLimits({ year: 2021, rows: [], sheets: [sheet], reportRows: [row({ valeur: null })], demonstration: false });
    expect(limits.some((l) => /démonstration/.test(l))).toBe(false);
    expect(limits).toContain("Pas de valeur connue en 2021 pour 1 indicateur : Emploi salarié privé.");
  });
});

describe("avancement du plan d'actions", () => {
  const json = {
    date_situation: "2024-03-20",
    regle_retard: "Une action est « en retard » quand sa date de fin est passée.",
    actions: [
      { id: "A1", axe: "Attirer", titre: "Accueil", porteur: "CA", statut: "engagée", avancement: 60, date_mise_a_jour: "2024-03-15", en_retard: false },
      { id: "A2", axe: "Attirer", titre: "Reprise", porteur: "CC", statut: "réalisée", avancement: 100, date_mise_a_jour: "2024-02-01", en_retard: false },
      { id: "R1", axe: "Recruter", titre: "Apprentissage", porteur: "CA", statut: "prévue", avancement: null, date_mise_a_jour: "2024-01-10", en_retard: true },
      { id: "S1", axe: "Simplifier", titre: "Guichet", porteur: "CA", statut: "abandonnée", avancement: 10, date_mise_a_jour: "2023-12-01", en_retard: false },
    ],
  };

  it("lit actions.json et calcule la part d'actions engagées ou réalisées hors abandonnées", () => {
    const plan = actionsFromJson(json)!;
    expect(plan.items).toHaveLength(4);
    const p = progressFromActions(plan.items, plan.date, plan.rule);
    // 2 engaged or done out of 3 non-abandoned = 66,7 %.
    expect(p.engagees_pct).toBe(66.7);
    expect(p.en_retard).toBe(1);
    expect(p.par_axe).toEqual([
      { axe: "Attirer", nombre: 2, avancement_moyen: 80 },
      { axe: "Recruter", nombre: 1, avancement_moyen: null },
      { axe: "Simplifier", nombre: 1, avancement_moyen: 10 },
    ]);
    expect(p.synthese).toEqual([
      "Plan d'actions au 20 mars 2024 : 4 actions, dont 2 engagées ou réalisées (66,7 % des actions non abandonnées).",
      "1 action est en retard.",
      "Une action est « en retard » quand sa date de fin est passée.",
    ]);
  });

  it("ignore un actions.json sans action reconnaissable ; se replie sur l'indicateur actions_engagees_pct", () => {
    expect(actionsFromJson({ autre: 1 })).toBeNull();
    expect(actionsFromJson([{ nom: "x" }])).toBeNull();
    const rows: IndicatorRow[] = [{ indicateur: "actions_engagees_pct", axe: "Simplifier", niveau: "territoire", code_geo: "t", libelle_geo: "T", annee: 2024, valeur: 80, numerateur: 8, denominateur: 10, unite: "%", statut: "ok" }];
    expect(progressFromIndicator(rows)?.synthese).toEqual(["Plan d'actions (mise à jour 2024) : 80,0 % des actions non abandonnées sont engagées ou réalisées (8 sur 10)."]);
    expect(progressFromIndicator([])).toBeNull();
  });
});
