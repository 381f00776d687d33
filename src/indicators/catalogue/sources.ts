// The sources of the indicators, shared by the declarations of several axes. Who publishes a source and under which
// terms (producer, dataset, licence: its source line) is written once, in its folder (src/sources/<source>/source.ts);
// what is said here is what matters to the indicators computed from it: the period they read and their limits.
// The vintage is not written here either: it is read from the loaded files at compute time (sheets.ts).
import type { IndicatorSource } from "../types.ts";
import type { SourceDescription } from "../../sources/types.ts";
import { description as urssaf } from "../../sources/urssaf/source.ts";
import { description as sirene } from "../../sources/sirene/source.ts";
import { description as cerema } from "../../sources/cerema/source.ts";
import { description as dares } from "../../sources/dares/source.ts";
import { description as bmo } from "../../sources/bmo/source.ts";
import { description as lyceesPro } from "../../sources/lycees-pro/source.ts";
import { description as cartofriches } from "../../sources/cartofriches/source.ts";

/** The source line of an official source, as its folder gives it. */
const sourceLine = ({ producer, dataset, licence }: SourceDescription) => ({ producer, dataset, licence });

export const URSSAF: IndicatorSource = {
  ...sourceLine(urssaf),
  periodicity: "annuelle (effectifs au 31 décembre)",
  limits: [
    "Secteur privé uniquement (hors agriculture relevant de la MSA, hors fonction publique).",
    "Rupture de série : les apprentis sont inclus à partir de la publication de juin 2023.",
    "Une valeur non publiée est inconnue (jamais zéro) : l'agrégat qui l'inclut est marqué « partiel ».",
    "Une commune sans ligne dans un département couvert par le fichier compte pour zéro (aucun établissement).",
  ],
  tables: ["urssaf"],
};

export const SIRENE: IndicatorSource = {
  ...sourceLine(sirene),
  periodicity: "mensuelle (comptage par année civile de création)",
  limits: [
    "Comptage à partir du stock : un fichier limité aux établissements actifs sous-estime les créations anciennes (établissements fermés depuis).",
    "Comptage à partir de 2008, première année de la NAF rév. 2.",
    "Une année est provisoire quand le stock a été extrait avant son 31 décembre (date du stock : dernier traitement le plus récent du fichier, à défaut la création la plus récente).",
    "Créations d'établissements (y compris transferts et établissements secondaires), pas seulement d'entreprises.",
    "Activité lue en NAF rév. 2 ; les établissements codés dans une nomenclature antérieure (NAF rév. 1, NAF 1993, NAP) ou sans activité comptent dans les créations, mais leur appartenance à l'industrie est inconnue (valeur « partiel »).",
    "Rupture de série à venir : la NAF 2025 remplace la NAF rév. 2 en 2027 ; le stock Sirene donne déjà le code NAF 2025 (activitePrincipaleNAF25Etablissement), conservé mais pas encore utilisé.",
  ],
  tables: ["sirene"],
};

export const CEREMA: IndicatorSource = {
  ...sourceLine(cerema),
  periodicity: "annuelle (flux du 1er janvier au 1er janvier suivant)",
  limits: [
    "Chaque millésime révise les années précédentes : le plus récent chargé fait foi.",
    "La dernière année d'un millésime est provisoire.",
  ],
  tables: ["cerema"],
};

export const DARES: IndicatorSource = {
  ...sourceLine(dares),
  periodicity: "trimestrielle (4e trimestre retenu)",
  limits: [
    "Effectifs arrondis à 5 : la somme des communes diffère de la valeur publiée pour l'EPCI.",
    "Petits effectifs soumis au secret statistique : agrégats calculés sur les communes connues, marqués « partiel ».",
  ],
  tables: ["dares"],
};

export const BMO: IndicatorSource = {
  ...sourceLine(bmo),
  periodicity: "annuelle",
  limits: [
    "Publié par bassin d'emploi, dont les limites ne suivent pas celles des EPCI : valeurs données par bassin, jamais additionnées comme si elles étaient celles du territoire (voir la part de population de chaque bassin dans le territoire).",
    "Valeurs secrètes (« * ») : agrégats calculés sur les métiers connus, marqués « partiel ».",
    "Projets de recrutement déclarés par les employeurs, pas des embauches réalisées.",
  ],
  tables: ["bmo", "bassins_bmo"],
};

export const LYCEES_PRO: IndicatorSource = {
  ...sourceLine(lyceesPro),
  periodicity: "annuelle (année scolaire commençant à la rentrée indiquée)",
  limits: [
    "Élèves scolarisés dans les lycées situés sur le territoire, quel que soit leur lieu de résidence.",
    "Apprentis en CFA non comptés.",
  ],
  tables: ["lycees_pro"],
};

export const CARTOFRICHES: IndicatorSource = {
  ...sourceLine(cartofriches),
  periodicity: "inventaire continu ; valeurs de l'année du millésime (date d'actualisation la plus récente du fichier)",
  limits: [
    "Inventaire non exhaustif : seuls les sites connus du Cerema ou signalés localement sont comptés ; une hausse peut venir d'un meilleur recensement.",
    "Une commune d'un département couvert par le fichier et sans site recensé compte 0 ; une commune d'un département que le fichier ne couvre pas est inconnue.",
    "Surface de l'unité foncière inconnue (NA) pour certains sites : jamais comptée zéro, l'agrégat est alors marqué « partiel ».",
  ],
  tables: ["friches", "friches_couverture"],
};

export const LOCAL_ACTIONS: IndicatorSource = {
  producer: "Territoire d'industrie (comité technique)",
  dataset: "Plan d'actions (data/local/actions.csv)",
  licence: "données locales",
  periodicity: "à chaque mise à jour du plan",
  limits: ["Déclaratif : statuts saisis par les porteurs d'actions.", "Valeur datée de l'année de la mise à jour la plus récente."],
  tables: ["local_actions"],
};

export const LOCAL_SUIVI: IndicatorSource = {
  producer: "Territoire d'industrie (comité technique)",
  dataset: "Indicateurs de suivi locaux (data/local/suivi.csv)",
  licence: "données locales",
  periodicity: "annuelle",
  limits: ["Déclaratif : saisi par les chargés de mission des EPCI.", "Une géographie ou une année non saisie est inconnue (jamais zéro)."],
  tables: ["local_suivi"],
};

/** Components of a local follow-up indicator: the rows of data/local/suivi.csv for this id, at the level entered. */
export const LOCAL_SUIVI_SQL = `
  SELECT niveau, code_geo, annee, numerateur, denominateur FROM local_suivi WHERE indicateur = $indicateur`;
