// Cerema: brownfields listed by Cartofriches.
// Who publishes it and under which terms: the one text of its source line, read by the data page, the charts, the
// indicator catalogue (src/indicators/catalogue/sources.ts) and the reports.
import type { SourceDescription } from "../types.ts";

export const description: SourceDescription = {
  id: "cartofriches",
  label: "Friches recensées par Cartofriches",
  producer: "Cerema (Cartofriches, d'après les observatoires locaux, BASIAS, BASOL et les appels à projets)",
  dataset: "Sites référencés dans Cartofriches (standard CNIG « friches »)",
  licence: "Licence Ouverte / Open Licence Etalab 2.0",
  periodicity: "inventaire mis à jour en continu, export publié plusieurs fois par an",
  url: "https://www.data.gouv.fr/fr/datasets/sites-references-dans-cartofriches/",
  limits: [
    "Inventaire non exhaustif : n'y figurent que les sites connus du Cerema ou signalés par les acteurs locaux ; une commune sans site recensé peut avoir des friches.",
    "« Friche potentielle » : site pré-identifié (anciens sites industriels, sols pollués, locaux vacants) dont le caractère de friche n'est pas confirmé.",
    "Surface de l'unité foncière en m² : inconnue (NA) pour une partie des sites, jamais comptée zéro ; l'agrégat qui l'inclut est marqué « partiel ».",
    "Position du site (geompoint) en WGS84 ; les contours des sites (geomsurf) ne sont pas chargés.",
    "Millésime = date d'actualisation la plus récente du fichier : les indicateurs sont ceux de cette année-là ; deux exports ne se comparent que si l'inventaire a été tenu de la même façon.",
  ],
};
