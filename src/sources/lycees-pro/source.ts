// Éducation nationale: pupils of vocational schools by diploma.
// Who publishes it and under which terms: the one text of its source line, read by the data page, the charts, the
// indicator catalogue (src/indicators/catalogue/sources.ts) and the reports.
import type { SourceDescription } from "../types.ts";

export const description: SourceDescription = {
  id: "lycees_pro",
  label: "Effectifs d'élèves des lycées professionnels par formation",
  producer: "Ministère de l'Éducation nationale (DEPP)",
  dataset: "Effectifs d'élèves par niveau, sexe et MEF en lycée professionnel",
  licence: "Licence Ouverte / Open Licence Etalab 2.0",
  periodicity: "annuelle (constat de rentrée)",
  url: "https://data.education.gouv.fr/explore/dataset/fr-en-lycee_pro-effectifs-niveau-sexe-mef/",
  limits: [
    "Lycées professionnels publics et privés sous contrat de l'Éducation nationale : les apprentis en CFA et les lycées agricoles n'y figurent pas.",
    "Commune de l'établissement donnée par son code INSEE (commune_d_implantation) ; un code inconnu ou contredit par le nom de la commune (code postal à la place du code commune) est remplacé par la commune retrouvée par son nom dans le département, sinon la ligne est rejetée avec sa raison.",
    "Une rentrée N correspond à l'année scolaire N-N+1 ; effectifs constatés à la rentrée.",
    "Les codes et libellés de formation (MEF) changent avec les réformes de la voie professionnelle : suivre les familles de métiers plutôt que les intitulés.",
  ],
};
