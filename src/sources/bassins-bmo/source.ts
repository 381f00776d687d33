// France Travail: the communes of each BMO bassin d'emploi.
// Who publishes it and under which terms: the one text of its source line, read by the data page, the charts, the
// indicator catalogue (src/indicators/catalogue/sources.ts) and the reports.
import type { SourceDescription } from "../types.ts";

export const description: SourceDescription = {
  id: "bassins_bmo",
  label: "Composition communale des bassins d'emploi BMO",
  producer: "France Travail",
  dataset: "Bassins d'emploi de l'enquête Besoins en main-d'œuvre (correspondance commune – bassin)",
  licence: "Licence Ouverte / Open Licence Etalab 2.0",
  periodicity: "annuelle (avec l'enquête BMO)",
  url: "https://statistiques.francetravail.org/bmo",
  limits: [
    "Les bassins d'emploi BMO ne suivent pas les limites des EPCI : un bassin peut couvrir des communes hors du territoire (3203 Santerre-Somme notamment).",
    "Le découpage peut changer d'une année d'enquête à l'autre : utiliser la table du même millésime que les résultats BMO.",
    "Codes communes de la géographie de l'année de l'enquête : les communes fusionnées depuis sont rattachées à la commune actuelle.",
  ],
};
