// Axis "Attirer": private employment, industrial employment, establishments and creations.
import type { IndicatorDeclaration } from "../types.ts";
import { SIRENE, URSSAF } from "./sources.ts";
import { exhaustiveComponents, isIndustry, SIRENE_FIRST_YEAR } from "../sql.ts";
import { NAF_REV2 } from "../../io/codes.ts";

const COMMUNAL = ["commune", "epci", "territoire"] as const;
const SUM_RULE = "Somme des communes membres.";
const RATIO_RULE = "Numérateur et dénominateur sommés sur les communes membres, puis rapportés (jamais de moyenne des taux).";

/**
 * Unknown URSSAF values (a jobs count not published beside its establishments, a secret) are left out of the sums and
 * flag the commune as partial. A year without establishment is no unknown: src/sources/urssaf/loader.ts loads it as 0 and 0.
 */
const URSSAF_PARTIAL = "count(*) FILTER (WHERE effectifs IS NULL) > 0";
/** Sum over industry rows: 0 when the commune has none, NULL (unknown) when all of them are unknown. */
function industrySum(col: string): string {
  return `CASE WHEN count(*) FILTER (WHERE ${isIndustry("code_ape")}) = 0 THEN 0 ELSE sum(${col}) FILTER (WHERE ${isIndustry("code_ape")}) END`;
}
const URSSAF_PARTIAL_ETAB = "count(*) FILTER (WHERE etablissements IS NULL) > 0";

/**
 * Sirene creations: establishments whose creation date falls in the year, from 2008. A year is provisional when a
 * loaded stock was taken before it ended: date_millesime is the date of each file's stock (its newest
 * dateDernierTraitementEtablissement, see src/sources/sirene/loader.ts), and the oldest of them decides (a file taken earlier
 * lacks the later creations of its communes). When no loaded file gives that date (geolocated files without
 * dateDernierTraitementEtablissement), the newest creation counted stands for it, as a lower bound: the year it falls
 * in is provisional unless it is 31 December. With the December 2025 stock, 2025 is provisional and 2023 is not, even
 * when the territory's newest creation dates from March 2023.
 */
const SIRENE_COMMON = {
  table: "sirene",
  year: "year(date_creation)",
  where: `date_creation >= DATE '${SIRENE_FIRST_YEAR}-01-01'`,
  bounds: "coalesce(min(date_millesime), max(date_creation)) AS stock_date",
  provisional: "coalesce(bounds.stock_date < make_date(years.annee, 12, 31), false)",
};

/**
 * Industry membership is known only for activities coded in NAF rév. 2 (canonical spelling `NAFRev2`, set by the
 * loader; older nomenclatures and unknown activities are flagged). Never NULL, so that `NOT` of it counts.
 */
const NAF2_KNOWN = `(coalesce(nomenclature, '') = '${NAF_REV2}' AND regexp_matches(coalesce(activite, ''), '^[0-9]{2}\\.[0-9]{2}[A-Z]$'))`;

export const attirer: IndicatorDeclaration[] = [
  {
    id: "emploi_salarie_prive",
    axis: "Attirer",
    title: "Emploi salarié privé",
    definition: "Nombre de salariés des établissements du secteur privé au 31 décembre de l'année.",
    type: "contexte",
    numerator: "Effectifs salariés au 31 décembre (tous secteurs)",
    denominator: null,
    unit: "salariés",
    direction: "hausse",
    source: URSSAF,
    levels: [...COMMUNAL],
    aggregation: { kind: "somme" },
    aggregationRule: SUM_RULE,
    sql: exhaustiveComponents({ table: "urssaf", year: "annee", numerator: "sum(effectifs)", partial: URSSAF_PARTIAL }),
  },
  {
    id: "emploi_industriel",
    axis: "Attirer",
    title: "Emploi salarié industriel",
    definition: "Salariés du secteur privé au 31 décembre dans l'industrie (divisions NAF 05 à 39).",
    type: "impact",
    numerator: "Effectifs salariés au 31 décembre, divisions NAF 05 à 39",
    denominator: null,
    unit: "salariés",
    direction: "hausse",
    source: URSSAF,
    levels: [...COMMUNAL],
    aggregation: { kind: "somme" },
    aggregationRule: SUM_RULE,
    sql: exhaustiveComponents({
      table: "urssaf", year: "annee",
      numerator: industrySum("effectifs"),
      partial: `count(*) FILTER (WHERE effectifs IS NULL AND ${isIndustry("code_ape")}) > 0`,
    }),
  },
  {
    id: "part_emploi_industriel",
    axis: "Attirer",
    title: "Part de l'industrie dans l'emploi salarié privé",
    definition: "Emploi salarié industriel rapporté à l'emploi salarié privé total, en pourcentage.",
    type: "impact",
    numerator: "Effectifs salariés de l'industrie (divisions NAF 05 à 39)",
    denominator: "Effectifs salariés du secteur privé",
    unit: "%",
    direction: "hausse",
    source: URSSAF,
    levels: [...COMMUNAL],
    aggregation: { kind: "ratio", factor: 100 },
    aggregationRule: RATIO_RULE,
    // Numerator and denominator are summed over the same known rows, so an unknown value drops out of both.
    sql: exhaustiveComponents({
      table: "urssaf", year: "annee",
      numerator: `sum(CASE WHEN ${isIndustry("code_ape")} THEN effectifs ELSE 0 END) FILTER (WHERE effectifs IS NOT NULL)`,
      denominator: "sum(effectifs)",
      partial: URSSAF_PARTIAL,
    }),
  },
  {
    id: "etablissements_industriels",
    axis: "Attirer",
    title: "Établissements employeurs industriels",
    definition: "Nombre d'établissements employeurs du secteur privé de l'industrie (divisions NAF 05 à 39) au 31 décembre.",
    type: "résultat",
    numerator: "Établissements employeurs, divisions NAF 05 à 39",
    denominator: null,
    unit: "établissements",
    direction: "hausse",
    source: URSSAF,
    levels: [...COMMUNAL],
    aggregation: { kind: "somme" },
    aggregationRule: SUM_RULE,
    sql: exhaustiveComponents({
      table: "urssaf", year: "annee",
      numerator: industrySum("etablissements"),
      partial: `count(*) FILTER (WHERE etablissements IS NULL AND ${isIndustry("code_ape")}) > 0`,
    }),
  },
  {
    id: "etablissements_prives",
    axis: "Attirer",
    title: "Établissements employeurs du secteur privé",
    definition: "Nombre d'établissements employeurs du secteur privé au 31 décembre, tous secteurs.",
    type: "contexte",
    numerator: "Établissements employeurs (tous secteurs)",
    denominator: null,
    unit: "établissements",
    direction: "hausse",
    source: URSSAF,
    levels: [...COMMUNAL],
    aggregation: { kind: "somme" },
    aggregationRule: SUM_RULE,
    sql: exhaustiveComponents({ table: "urssaf", year: "annee", numerator: "sum(etablissements)", partial: URSSAF_PARTIAL_ETAB }),
  },
  {
    id: "creations_etablissements",
    axis: "Attirer",
    title: "Créations d'établissements",
    definition: "Nombre d'établissements dont la date de création tombe dans l'année civile, tous secteurs, toutes nomenclatures.",
    type: "résultat",
    numerator: "Établissements créés dans l'année",
    denominator: null,
    unit: "établissements",
    direction: "hausse",
    source: SIRENE,
    levels: [...COMMUNAL],
    aggregation: { kind: "somme" },
    aggregationRule: SUM_RULE,
    sql: exhaustiveComponents({ ...SIRENE_COMMON, numerator: "count(*)" }),
  },
  {
    id: "creations_industrie",
    axis: "Attirer",
    title: "Créations d'établissements industriels",
    definition:
      "Établissements créés dans l'année dont l'activité principale relève de l'industrie (divisions NAF 05 à 39). " +
      "Un établissement codé dans une ancienne nomenclature (NAF rév. 1, NAP...) est compté dans les créations mais son " +
      "appartenance à l'industrie est inconnue : la valeur est alors un minimum, marquée « partiel ».",
    type: "résultat",
    numerator: "Établissements industriels créés dans l'année (NAF rév. 2)",
    denominator: null,
    unit: "établissements",
    direction: "hausse",
    source: SIRENE,
    levels: [...COMMUNAL],
    aggregation: { kind: "somme" },
    aggregationRule: SUM_RULE,
    sql: exhaustiveComponents({
      ...SIRENE_COMMON,
      numerator: `count(*) FILTER (WHERE ${NAF2_KNOWN} AND ${isIndustry("activite")})`,
      partial: `count(*) FILTER (WHERE NOT ${NAF2_KNOWN}) > 0`,
    }),
  },
  {
    id: "taux_creation_10000_hab",
    axis: "Attirer",
    title: "Taux de création d'établissements pour 10 000 habitants",
    definition:
      "Créations d'établissements de l'année rapportées à la population municipale, pour 10 000 habitants. " +
      "Population : millésime unique du paquet @etalab/decoupage-administratif chargé (table communes), " +
      "appliqué à toutes les années — l'évolution du taux reflète donc celle des créations.",
    type: "résultat",
    numerator: "Établissements créés dans l'année",
    denominator: "Population municipale (millésime de @etalab/decoupage-administratif)",
    unit: "pour 10 000 habitants",
    direction: "hausse",
    source: SIRENE,
    levels: [...COMMUNAL],
    aggregation: { kind: "ratio", factor: 10000 },
    aggregationRule: RATIO_RULE,
    sql: exhaustiveComponents({ ...SIRENE_COMMON, numerator: "count(*)", outerDenominator: "cv.population" }),
  },
];
