// URSSAF: private salaried establishments and jobs by commune and APE code.
// Who publishes it and under which terms: the one text of its source line, read by the data page, the charts, the
// indicator catalogue (src/indicators/catalogue/sources.ts) and the reports.
import type { SourceDescription } from "../types.ts";

export const description: SourceDescription = {
  id: "urssaf",
  label: "Établissements et effectifs salariés du secteur privé par commune et APE",
  producer: "Urssaf Caisse nationale",
  dataset: "Établissements et effectifs salariés du secteur privé par commune x APE",
  licence: "ODbL (Open Database License)",
  periodicity: "annuelle (effectifs au 31 décembre)",
  url: "https://open.urssaf.fr/api/explore/v2.1/catalog/datasets/etablissements-et-effectifs-salaries-au-niveau-commune-x-ape-last/exports/csv",
  limits: [
    "Champ : secteur privé (régime général), hors intérim affecté à l'établissement utilisateur ; fonction publique, agriculture (MSA) et particuliers employeurs exclus.",
    "Effectifs salariés au 31 décembre de chaque année : un emploi saisonnier ou de courte durée n'y figure pas.",
    "Rupture de série : les apprentis ne sont inclus dans les effectifs qu'à partir de la publication de juin 2023 (toute la série republiée) ; ne pas comparer avec des chiffres issus de publications antérieures.",
    "Une ligne commune x APE couvre toute la période : une année sans établissement y a ses deux cellules vides, lue comme 0 établissement et 0 salarié (convention de l'Urssaf) ; une commune sans employeur privé n'a aucune ligne.",
    "Valeurs non publiées : un effectif vide à côté d'un nombre d'établissements publié (ou l'inverse), ou une marque de secret, est chargé comme inconnu, jamais comme zéro.",
    "Chaque publication révise toute la série : les millésimes ne se mélangent pas.",
    "L'industrie s'entend au sens de l'agrégat Insee « Industrie (BE) » : divisions NAF 05 à 39.",
  ],
};
