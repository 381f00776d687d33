// Sirene: the INSEE register of establishments (stock or géolocalisé by département).
// Who publishes it and under which terms: the one text of its source line, read by the data page, the charts, the
// indicator catalogue (src/indicators/catalogue/sources.ts) and the reports.
import type { SourceDescription } from "../types.ts";

/** Sirene creations are counted from 2008, the first year of NAF rév. 2: older years mix nomenclatures. */
export const SIRENE_FIRST_YEAR = 2008;

export const description: SourceDescription = {
  id: "sirene",
  label: "Établissements du répertoire Sirene",
  producer: "Insee",
  dataset: "Base Sirene des entreprises et de leurs établissements (StockEtablissement, Sirene géolocalisée par département)",
  licence: "Licence Ouverte / Open Licence Etalab 2.0",
  periodicity: "mensuelle (stock), quotidienne (mises à jour)",
  url: "https://www.data.gouv.fr/fr/datasets/base-sirene-des-entreprises-et-de-leurs-etablissements-siren-siret/",
  limits: [
    "Une création d'établissement n'est pas une création d'emploi : les établissements sans salarié (auto-entrepreneurs, sociétés civiles) sont nombreux.",
    "Date de création : celle de l'établissement au répertoire, y compris les transferts et réactivations ; elle peut être absente.",
    "Les établissements dont l'activité est codée dans une nomenclature antérieure (NAF rév. 1, NAF 1993, NAP) sont conservés et signalés par la colonne de nomenclature : leur code n'est pas comparable à la NAF rév. 2.",
    "Rupture de série à venir : la NAF 2025 (colonne activitePrincipaleNAF25Etablissement du stock depuis 2025) remplace la NAF rév. 2 en 2027 ; les indicateurs utilisent la NAF rév. 2.",
    "Le stock ne contient que les établissements encore présents au répertoire : les créations anciennes d'établissements purgés manquent.",
    "Les établissements non diffusibles (droit d'opposition) sont absents des fichiers publics ; ceux qui sont partiellement diffusibles ont des champs masqués « [ND] », lus comme inconnus.",
  ],
};
