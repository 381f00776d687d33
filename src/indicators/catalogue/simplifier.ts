// Axis "Simplifier": progress of the action plan and local follow-up of the support to firms (data/local/).
import type { IndicatorDeclaration } from "../types.ts";
import { LOCAL_ACTIONS, LOCAL_SUIVI, LOCAL_SUIVI_SQL } from "./sources.ts";

const COMMUNAL = ["commune", "epci", "territoire"] as const;
const LOCAL_RULE = "Somme des valeurs saisies pour les géographies membres (saisie à un seul niveau par année).";

export const simplifier: IndicatorDeclaration[] = [
  {
    id: "actions_engagees_pct",
    axis: "Simplifier",
    title: "Actions du plan engagées ou réalisées",
    definition:
      "Actions du plan au statut « engagée » ou « réalisée », rapportées aux actions non abandonnées (statuts « à lancer », " +
      "« engagée », « réalisée »), en pourcentage. Une action abandonnée sort du dénominateur : le plan " +
      "révisé par le copil est la référence. Valeur datée de l'année de la mise à jour la plus récente du fichier.",
    type: "réalisation",
    numerator: "Actions engagées ou réalisées",
    denominator: "Actions non abandonnées",
    unit: "%",
    direction: "hausse",
    source: LOCAL_ACTIONS,
    levels: ["territoire"],
    aggregation: { kind: "ratio", factor: 100 },
    aggregationRule: "Plan d'actions du territoire (niveau territoire uniquement).",
    sql: `SELECT 'territoire' AS niveau, a.territoire AS code_geo, (SELECT max(annee) FROM local_actions l WHERE l.territoire = a.territoire) AS annee,
                 CASE WHEN statut IN ('engagée', 'réalisée') THEN 1 ELSE 0 END AS numerateur,
                 CASE WHEN statut = 'abandonnée' THEN 0 ELSE 1 END AS denominateur
          FROM local_actions a`,
  },
  {
    id: "budget_engage_pct",
    axis: "Simplifier",
    title: "Part du budget prévu du plan d'actions engagée",
    definition:
      "Somme des budgets engagés des actions rapportée à la somme de leurs budgets prévus, en pourcentage, hors actions " +
      "abandonnées. Une action dont l'un des deux montants n'est pas renseigné est inconnue (jamais zéro) : la valeur, " +
      "calculée sur les autres, est alors partielle. Valeur datée de l'année de la mise à jour la plus récente du fichier.",
    type: "réalisation",
    numerator: "Budgets engagés des actions non abandonnées (euros)",
    denominator: "Budgets prévus des actions non abandonnées (euros)",
    unit: "%",
    direction: "hausse",
    source: LOCAL_ACTIONS,
    levels: ["territoire"],
    aggregation: { kind: "ratio", factor: 100 },
    aggregationRule: "Montants additionnés sur les actions du plan, puis rapportés (niveau territoire uniquement).",
    sql: `SELECT 'territoire' AS niveau, a.territoire AS code_geo, (SELECT max(annee) FROM local_actions l WHERE l.territoire = a.territoire) AS annee,
                 budget_engage AS numerateur, budget_prevu AS denominateur
          FROM local_actions a WHERE statut <> 'abandonnée'`,
  },
  {
    id: "actions_en_retard",
    axis: "Simplifier",
    title: "Actions du plan en retard",
    definition:
      "Nombre d'actions dont la date de fin prévue est antérieure à la date de situation du plan (la mise à jour la plus " +
      "récente du fichier) et qui ne sont ni réalisées ni abandonnées. Une action sans date de fin prévue n'est jamais " +
      "comptée en retard. Valeur datée de l'année de cette mise à jour.",
    type: "réalisation",
    numerator: "Actions à lancer ou engagées dont la date de fin prévue est dépassée",
    denominator: null,
    unit: "actions",
    direction: "baisse",
    source: LOCAL_ACTIONS,
    levels: ["territoire"],
    aggregation: { kind: "somme" },
    aggregationRule: "Plan d'actions du territoire (niveau territoire uniquement).",
    sql: `SELECT 'territoire' AS niveau, a.territoire AS code_geo, (SELECT max(annee) FROM local_actions l WHERE l.territoire = a.territoire) AS annee,
                 CASE WHEN en_retard THEN 1 ELSE 0 END AS numerateur
          FROM local_actions a`,
  },
  {
    id: "entreprises_accompagnees",
    axis: "Simplifier",
    title: "Entreprises et porteurs de projet accompagnés",
    definition: "Nombre d'entreprises et de porteurs de projet accompagnés dans leurs démarches (guichet unique, dossier unique) dans l'année.",
    type: "réalisation",
    numerator: "Entreprises et porteurs de projet accompagnés",
    denominator: null,
    unit: "entreprises",
    direction: "hausse",
    source: LOCAL_SUIVI,
    levels: [...COMMUNAL],
    aggregation: { kind: "somme" },
    aggregationRule: LOCAL_RULE,
    sql: LOCAL_SUIVI_SQL,
  },
  {
    id: "delai_moyen_instruction_jours",
    axis: "Simplifier",
    title: "Délai moyen d'instruction des dossiers d'entreprise",
    definition:
      "Durée moyenne, en jours, entre le dépôt d'un dossier complet et la décision. Moyenne recalculée à chaque niveau " +
      "à partir de la somme des délais et du nombre de dossiers (jamais une moyenne de moyennes).",
    type: "résultat",
    numerator: "Somme des délais d'instruction des dossiers clos dans l'année (jours)",
    denominator: "Nombre de dossiers clos dans l'année",
    unit: "jours",
    direction: "baisse",
    source: LOCAL_SUIVI,
    levels: [...COMMUNAL],
    aggregation: { kind: "ratio", factor: 1 },
    aggregationRule: "Sommes des délais et nombres de dossiers additionnés sur les géographies membres, puis rapportés.",
    sql: LOCAL_SUIVI_SQL,
  },
];
