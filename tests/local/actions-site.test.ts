// The site part actions.json: actions with lateness, budget totals per axis and porteur (abandoned excluded, unknown
// never zero), the indicator -> actions map for the axis pages, and the rejected rows (fixture tests/fixtures/local/plan).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildActionsJson } from "../../src/site/parts/actions.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "local");
const TERRITOIRE = { id: "ti-test", nom: "Territoire de test" };

describe("actions.json", () => {
  it("publishes the loaded actions with the derived lateness at the newest update (2024-05-01)", async () => {
    const j = await buildActionsJson(join(FIXTURES, "plan"), TERRITOIRE);
    expect(j).toMatchObject({ territoire: TERRITOIRE, fichier: "local/actions.csv", present: true, demonstration: true, date_situation: "2024-05-01" });
    expect(j.regle_retard).toMatch(/^Une action est « en retard » quand sa date de fin prévue est antérieure à la date de situation/);
    expect(j.actions.map((a) => [a.id, a.en_retard])).toEqual([["P1", true], ["P2", false], ["P3", true], ["P4", false], ["P5", false]]);
    // Text stays text: the part does not touch it (the page escapes it).
    expect(j.actions[0]?.titre).toBe("<script>alert('titre')</script> Accueil");
    expect(j.actions[0]).not.toHaveProperty("extra");
    expect(j.actions[0]?.ligne).toBe(3);
  });

  it("totals budgets per axis, per porteur and overall, abandoned actions excluded", async () => {
    const j = await buildActionsJson(join(FIXTURES, "plan"), TERRITOIRE);
    const row = (t: { cle: string; actions: number; budget_prevu: number | null; budget_engage: number | null }) => [t.cle, t.actions, t.budget_prevu, t.budget_engage];
    expect(j.totaux.par_axe.map(row)).toEqual([
      ["Attirer", 1, 100000, 40000],
      ["Recruter", 1, 50000, 60000],
      ["Innover", 1, 30000, 0],
      ["Simplifier", 1, 20000, 5000], // P4 (abandonnée, 80 000 / 10 000) left out
    ]);
    expect(j.totaux.par_porteur.map(row)).toEqual([
      ["CA Chauny Tergnier La Fère", 1, 50000, 60000],
      ["CA du Saint-Quentinois", 2, 120000, 45000], // P1 + P5
      ["CC de la Haute Somme", 1, 30000, 0],
    ]);
    expect(j.totaux.ensemble).toEqual({ cle: "Ensemble du plan", actions: 4, budget_prevu: 200000, budget_engage: 105000, prevu_inconnus: 0, engage_inconnus: 0 });
  });

  it("without actions.csv: an empty plan marked absent", async () => {
    const j = await buildActionsJson(FIXTURES, TERRITOIRE); // tests/fixtures/local has no local/ folder
    expect(j).toMatchObject({ present: false, actions: [], date_situation: null, demonstration: false, rejets: [] });
  });

  it("an unknown amount is counted as unknown, not zero: the sum covers the known ones and says how many lack", async () => {
    // Q1 10 000 / 5 000; Q2 planned unknown / engaged 1 000
    const p = await buildActionsJson(join(FIXTURES, "plan-partiel"), TERRITOIRE);
    expect(p.totaux.ensemble).toEqual({ cle: "Ensemble du plan", actions: 2, budget_prevu: 10000, budget_engage: 6000, prevu_inconnus: 1, engage_inconnus: 0 });
  });

  it("maps each linked indicator to the actions aiming at it, with the sheet's title, unit and axis", async () => {
    const j = await buildActionsJson(join(FIXTURES, "plan"), TERRITOIRE);
    expect(j.par_indicateur).toEqual({
      emploi_industriel: [{ id: "P1", titre: "<script>alert('titre')</script> Accueil" }, { id: "P2", titre: "Forum des métiers" }],
      creations_etablissements: [{ id: "P1", titre: "<script>alert('titre')</script> Accueil" }],
      entreprises_accompagnees: [{ id: "P5", titre: "Dossier unique" }],
    });
    expect(j.indicateurs.entreprises_accompagnees).toEqual({ titre: "Entreprises et porteurs de projet accompagnés", unite: "entreprises", axe: "Simplifier", territoire: true });
  });

  it("lists the rejected rows and the warnings for the page", async () => {
    const j = await buildActionsJson(join(FIXTURES, "plan"), TERRITOIRE);
    expect(j.rejets).toEqual([{ ligne: 8, colonne: "avancement", valeur: "150", message: "pourcentage entre 0 et 100 attendu (ou vide)" }]);
    expect(j.avertissements).toEqual([
      { ligne: 4, colonne: "budget_engage", valeur: "60 000", message: "budget engagé (60 000 €) supérieur au budget prévu (50 000 €) ; ligne conservée, à vérifier" },
    ]);
  });
});
