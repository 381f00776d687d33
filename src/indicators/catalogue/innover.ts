// Axis "Innover": land take (Cerema ENAF flows) and the ZAN trajectory; brownfields (Cerema's Cartofriches) for the
// « reconquête des friches industrielles » of the protocol; local count of tiers-lieux.
import type { IndicatorDeclaration } from "../types.ts";
import { CARTOFRICHES, CEREMA, LOCAL_SUIVI, LOCAL_SUIVI_SQL } from "./sources.ts";
import { CEREMA_LATEST, FRICHE_ACTIVE, fricheComponents } from "../sql.ts";

const COMMUNAL = ["commune", "epci", "territoire"] as const;

/** First year of the ZAN period and the ten reference years whose half is the 2021-2030 envelope. */
const ZAN_START = 2021;
const REF_FIRST = 2011;
const REF_LAST = 2020;
const ZAN_END = 2030;

export const innover: IndicatorDeclaration[] = [
  {
    id: "consommation_enaf_ha",
    axis: "Innover",
    title: "Consommation d'espaces naturels, agricoles et forestiers",
    definition: "Surface d'espaces naturels, agricoles et forestiers consommée dans l'année (flux du 1er janvier au 1er janvier suivant), en hectares.",
    type: "impact",
    numerator: "Flux de consommation d'ENAF de l'année, toutes destinations (m² / 10 000)",
    denominator: null,
    unit: "ha",
    direction: "baisse",
    source: CEREMA,
    levels: [...COMMUNAL],
    aggregation: { kind: "somme" },
    aggregationRule: "Somme des communes membres.",
    sql: `SELECT 'commune' AS niveau, code_commune AS code_geo, annee, naf_m2 / 10000 AS numerateur,
                 annee = derniere_annee AS provisoire FROM ${CEREMA_LATEST}`,
  },
  {
    id: "consommation_enaf_activite_ha",
    axis: "Innover",
    title: "Consommation d'ENAF pour l'activité économique",
    definition: "Part de la consommation d'ENAF de l'année destinée à l'activité économique, en hectares.",
    type: "impact",
    numerator: "Flux de consommation d'ENAF à destination de l'activité (m² / 10 000)",
    denominator: null,
    unit: "ha",
    direction: "baisse",
    source: CEREMA,
    levels: [...COMMUNAL],
    aggregation: { kind: "somme" },
    aggregationRule: "Somme des communes membres.",
    sql: `SELECT 'commune' AS niveau, code_commune AS code_geo, annee, activite_m2 / 10000 AS numerateur,
                 annee = derniere_annee AS provisoire FROM ${CEREMA_LATEST}`,
  },
  {
    id: "part_enaf_activite_pct",
    axis: "Innover",
    title: "Part de l'activité économique dans la consommation d'ENAF",
    definition: "Consommation d'ENAF à destination de l'activité rapportée à la consommation totale de l'année, en pourcentage.",
    type: "contexte",
    numerator: "Flux à destination de l'activité (m²)",
    denominator: "Flux total de consommation d'ENAF (m²)",
    unit: "%",
    direction: "neutre",
    source: CEREMA,
    levels: [...COMMUNAL],
    aggregation: { kind: "ratio", factor: 100 },
    aggregationRule: "Flux sommés sur les communes membres, puis rapportés.",
    sql: `SELECT 'commune' AS niveau, code_commune AS code_geo, annee, activite_m2 AS numerateur, naf_m2 AS denominateur,
                 annee = derniere_annee AS provisoire FROM ${CEREMA_LATEST}`,
  },
  {
    id: "trajectoire_zan_pct",
    axis: "Innover",
    title: `Trajectoire ZAN : enveloppe ${ZAN_START}-${ZAN_END} consommée`,
    definition:
      `Consommation d'ENAF cumulée de ${ZAN_START} à l'année, en pourcentage de l'enveloppe ${ZAN_START}-${ZAN_END} ` +
      `(la moitié de la consommation ${REF_FIRST}-${REF_LAST}, loi Climat et résilience). ` +
      "Si une année de la période de référence est inconnue, l'enveloppe est partielle (valeur marquée « partiel »). " +
      "Le statut compare la part consommée à la part écoulée de la période (trajectoire linéaire : 10 % par an) : " +
      "au plus 1,10 fois la trajectoire « En bonne voie », au plus 1,25 fois « À surveiller », au-delà « En retard ».",
    type: "impact",
    numerator: `Consommation d'ENAF cumulée depuis ${ZAN_START} (ha)`,
    denominator: `Enveloppe : moitié de la consommation ${REF_FIRST}-${REF_LAST} (ha)`,
    unit: "%",
    direction: "baisse",
    source: CEREMA,
    levels: [...COMMUNAL],
    aggregation: { kind: "ratio", factor: 100 },
    aggregationRule: "Consommations cumulées et enveloppes sommées sur les communes membres, puis rapportées.",
    // Cumulative by nature: it always rises; what matters is whether it rises faster than the linear path.
    envelope: { start: ZAN_START, end: ZAN_END },
    sql: `
      WITH c AS (SELECT * FROM ${CEREMA_LATEST}),
      years AS (SELECT DISTINCT annee FROM c WHERE annee >= ${ZAN_START}),
      env AS (SELECT code_commune, sum(naf_m2) / 2 / 10000 AS enveloppe, count(naf_m2) AS n
              FROM c WHERE annee BETWEEN ${REF_FIRST} AND ${REF_LAST} GROUP BY code_commune),
      cum AS (SELECT c.code_commune, y.annee, sum(c.naf_m2) / 10000 AS conso, count(c.naf_m2) AS n,
                     bool_or(c.annee = c.derniere_annee) AS provisoire
              FROM c JOIN years y ON c.annee BETWEEN ${ZAN_START} AND y.annee GROUP BY c.code_commune, y.annee)
      SELECT 'commune' AS niveau, cum.code_commune AS code_geo, cum.annee, cum.conso AS numerateur,
             env.enveloppe AS denominateur,
             (coalesce(env.n, 0) < ${REF_LAST - REF_FIRST + 1} OR cum.n < cum.annee - ${ZAN_START - 1}) AS partiel,
             cum.provisoire
      FROM cum LEFT JOIN env USING (code_commune)`,
  },
  {
    id: "friches_recensees",
    axis: "Innover",
    title: "Friches recensées",
    definition:
      "Nombre de sites recensés dans Cartofriches qui sont encore des friches (statuts « friche potentielle », « friche sans projet » " +
      "et « friche avec projet » ; les friches reconverties sont comptées à part), à la date du millésime du fichier.",
    type: "contexte",
    numerator: "Sites recensés non reconvertis",
    denominator: null,
    unit: "sites",
    direction: "neutre",
    source: CARTOFRICHES,
    levels: [...COMMUNAL],
    aggregation: { kind: "somme" },
    aggregationRule: "Somme des communes membres ; une commune d'un département couvert sans site recensé compte 0.",
    sql: fricheComponents({ numerator: `count(*) FILTER (WHERE ${FRICHE_ACTIVE})` }),
  },
  {
    id: "friches_surface_ha",
    axis: "Innover",
    title: "Surface des friches recensées",
    definition:
      "Surface des unités foncières des friches recensées non reconverties (m² / 10 000), en hectares. Une surface non renseignée " +
      "est inconnue, jamais comptée 0 : la valeur est alors un minimum, marquée « partiel ».",
    type: "contexte",
    numerator: "Surface des unités foncières des friches non reconverties (m² / 10 000)",
    denominator: null,
    unit: "ha",
    direction: "neutre",
    source: CARTOFRICHES,
    levels: [...COMMUNAL],
    aggregation: { kind: "somme" },
    aggregationRule: "Somme des surfaces connues des communes membres ; partielle dès qu'une surface est inconnue.",
    sql: fricheComponents({
      // 0 ha for a commune whose sites are all reconverted; unknown (NULL) when every remaining site's surface is.
      numerator: `CASE WHEN count(*) FILTER (WHERE ${FRICHE_ACTIVE}) = 0 THEN 0 ELSE sum(surface_m2) FILTER (WHERE ${FRICHE_ACTIVE}) / 10000 END`,
      partial: `count(*) FILTER (WHERE ${FRICHE_ACTIVE} AND surface_m2 IS NULL) > 0`,
    }),
  },
  {
    id: "friches_avec_projet_pct",
    axis: "Innover",
    title: "Part des friches recensées ayant un projet",
    definition: "Friches au statut « friche avec projet » rapportées aux friches recensées non reconverties, en pourcentage.",
    type: "résultat",
    numerator: "Sites au statut « friche avec projet »",
    denominator: "Sites recensés non reconvertis",
    unit: "%",
    direction: "hausse",
    source: CARTOFRICHES,
    levels: [...COMMUNAL],
    aggregation: { kind: "ratio", factor: 100 },
    aggregationRule: "Sites avec projet et sites non reconvertis sommés sur les communes membres, puis rapportés (jamais de moyenne des parts).",
    sql: fricheComponents({
      numerator: "count(*) FILTER (WHERE statut = 'friche avec projet')",
      denominator: `count(*) FILTER (WHERE ${FRICHE_ACTIVE})`,
    }),
  },
  {
    id: "friches_reconverties",
    axis: "Innover",
    title: "Friches reconverties",
    definition: "Nombre de sites recensés dans Cartofriches au statut « friche reconvertie », à la date du millésime du fichier.",
    type: "résultat",
    numerator: "Sites au statut « friche reconvertie »",
    denominator: null,
    unit: "sites",
    direction: "hausse",
    source: CARTOFRICHES,
    levels: [...COMMUNAL],
    aggregation: { kind: "somme" },
    aggregationRule: "Somme des communes membres ; une commune d'un département couvert sans site reconverti compte 0.",
    sql: fricheComponents({ numerator: "count(*) FILTER (WHERE statut = 'friche reconvertie')" }),
  },
  {
    id: "tiers_lieux_ouverts",
    axis: "Innover",
    title: "Tiers-lieux, fab labs et espaces de coworking ouverts",
    definition: "Nombre de lieux partagés (tiers-lieux, fab labs, coworking) ouverts dans l'année, saisi par les EPCI.",
    type: "réalisation",
    numerator: "Lieux partagés ouverts dans l'année",
    denominator: null,
    unit: "lieux",
    direction: "hausse",
    source: LOCAL_SUIVI,
    levels: [...COMMUNAL],
    aggregation: { kind: "somme" },
    aggregationRule: "Somme des valeurs saisies pour les géographies membres (saisie à un seul niveau par année).",
    sql: LOCAL_SUIVI_SQL,
  },
];
