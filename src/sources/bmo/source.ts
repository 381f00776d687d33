// France Travail: the BMO survey of hiring projects, by bassin d'emploi and métier.
// Who publishes it and under which terms: the one text of its source line, read by the data page, the charts, the
// indicator catalogue (src/indicators/catalogue/sources.ts) and the reports.
import type { SourceDescription } from "../types.ts";

export const description: SourceDescription = {
  id: "bmo",
  label: "Besoins en main-d'œuvre (projets de recrutement) par bassin d'emploi et métier",
  producer: "France Travail",
  dataset: "Enquête Besoins en main-d'œuvre (BMO), base open data annuelle",
  licence: "Licence Ouverte / Open Licence Etalab 2.0",
  periodicity: "annuelle (enquête menée à l'automne, publiée au printemps)",
  url: "https://statistiques.francetravail.org/bmo",
  limits: [
    "Intentions d'embauche déclarées par les employeurs pour l'année, pas des recrutements réalisés.",
    "Résultats par bassin d'emploi France Travail : les bassins ne suivent pas les limites des EPCI ; le bassin 3203 Santerre-Somme déborde largement du territoire.",
    "Petits effectifs soumis au secret statistique (« * ») : chargés comme inconnus, jamais comme zéro ; un total de bassin calculé sans eux est un minorant.",
    "« Difficiles » (xmet) et « saisonniers » (smet) sont des sous-ensembles des projets (met).",
    "Le découpage des bassins et la nomenclature des métiers (FAP) peuvent changer d'une année à l'autre.",
  ],
};
