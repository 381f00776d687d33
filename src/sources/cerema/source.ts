// Cerema: consumption of natural, agricultural and forest land (ENAF) by commune.
// Who publishes it and under which terms: the one text of its source line, read by the data page, the charts, the
// indicator catalogue (src/indicators/catalogue/sources.ts) and the reports.
import type { SourceDescription } from "../types.ts";

export const description: SourceDescription = {
  id: "cerema",
  label: "Consommation d'espaces naturels, agricoles et forestiers (ENAF) par commune",
  producer: "Cerema (d'après les fichiers fonciers de la DGFiP)",
  dataset: "Consommation d'espaces naturels, agricoles et forestiers (flux annuels par commune)",
  licence: "Licence Ouverte / Open Licence Etalab 2.0",
  periodicity: "annuelle",
  url: "https://artificialisation.developpement-durable.gouv.fr/",
  limits: [
    "La dernière année de flux de chaque millésime est provisoire : elle est révisée, souvent à la hausse, dans le millésime suivant.",
    "Flux mesurés à partir des fichiers fonciers (parcelles cadastrées) : les espaces non cadastrés, notamment une partie des routes, sont mal couverts.",
    "La fenêtre d'années change d'un millésime à l'autre (2009-2023, 2011-2025…) : ne pas mélanger deux millésimes.",
    "Destination « inconnue » : surfaces artificialisées dont l'usage n'a pas pu être déterminé.",
    "Trajectoire ZAN : la loi Climat et résilience (2021) vise une division par deux de la consommation sur 2021-2031 par rapport à 2011-2021.",
  ],
};
