// DARES / France Travail: registered job seekers by commune.
// Who publishes it and under which terms: the one text of its source line, read by the data page, the charts, the
// indicator catalogue (src/indicators/catalogue/sources.ts) and the reports.
import type { SourceDescription } from "../types.ts";

export const description: SourceDescription = {
  id: "dares",
  label: "Demandeurs d'emploi inscrits à France Travail par commune",
  producer: "Dares (ministère du Travail) et France Travail",
  dataset: "Demandeurs d'emploi inscrits à France Travail par commune (données brutes)",
  licence: "Licence Ouverte / Open Licence Etalab 2.0",
  periodicity: "trimestrielle (fin de trimestre)",
  url: "https://data.dares.travail-emploi.gouv.fr/explore/dataset/dares_defm_communales-brutes/",
  limits: [
    "Effectifs arrondis à 5 par la Dares ; les petites valeurs sont soumises au secret statistique (« s ») et chargées comme inconnues, jamais comme zéro.",
    "Les sommes de valeurs arrondies ne sont pas exactes : un total communal peut différer de la somme de ses catégories.",
    "Données brutes, non corrigées des variations saisonnières : comparer des trimestres identiques d'une année à l'autre (le 4e trimestre par défaut).",
    "Paris, Lyon et Marseille sont publiées en entier et par arrondissement municipal : la ligne de la commune est retenue ; à défaut, ses arrondissements sont additionnés (partiel si l'un d'eux est en secret).",
    "Catégorie A : sans emploi ; B et C : activité réduite. Les évolutions réglementaires (loi « plein emploi », inscription automatique de 2025) créent des ruptures de série.",
  ],
};
