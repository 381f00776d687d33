// Hand-made report rows: every field explicit, so that expected sentences can be written by hand.
import type { ReportRow } from "../../src/report/types.ts";

export function row(over: Partial<ReportRow>): ReportRow {
  return {
    indicateur: "emploi", titre: "Emploi salarié privé", axe: "Attirer", type: "contexte", unite: "salariés", sens_souhaite: "hausse",
    niveau: "territoire", code_geo: "t", libelle_geo: "Territoire test",
    valeur: null, statut_valeur: null,
    annee_reference: 2018, valeur_reference: null, derniere_annee: null, derniere_valeur: null, statut_derniere_valeur: null,
    evolution: null, type_cible: null, cible_calculee: null, annee_cible: null,
    progression_attendue_pct: null, progression_realisee_pct: null,
    statut: "non_evaluable", commentaire: "",
    ...over,
  };
}
