// Axis "Recruter": job seekers, recruitment projects (BMO, by bassin d'emploi) and vocational schools.
import type { IndicatorDeclaration } from "../types.ts";
import { BMO, DARES, LYCEES_PRO } from "./sources.ts";
import { exhaustiveComponents } from "../sql.ts";

const COMMUNAL = ["commune", "epci", "territoire"] as const;

/** Q4 of the year, all categories A, B, C, both sexes; a NULL count is a statistical secret (small value). */
const DARES_Q4 = "trimestre = 4 AND categorie = 'ABC' AND sexe = 'Total'";

/** BMO is published by bassin d'emploi: the components stay at that level and are never summed into the territory. */
const BASSIN_RULE =
  "Valeur par bassin d'emploi (somme des métiers du bassin), non agrégée au territoire : les bassins débordent du " +
  "territoire ; la part de population de chaque bassin située dans le territoire est publiée à côté.";

export const recruter: IndicatorDeclaration[] = [
  {
    id: "demandeurs_emploi_abc",
    axis: "Recruter",
    title: "Demandeurs d'emploi en catégories A, B, C",
    definition: "Demandeurs d'emploi inscrits à France Travail en catégories A, B et C à la fin du 4e trimestre.",
    type: "contexte",
    numerator: "Demandeurs d'emploi ABC, fin du 4e trimestre (tous sexes, tous âges)",
    denominator: null,
    unit: "demandeurs",
    direction: "baisse",
    source: DARES,
    levels: [...COMMUNAL],
    aggregation: { kind: "somme" },
    aggregationRule: "Somme des communes membres (communes en secret exclues, agrégat marqué « partiel »).",
    // One component per row: a city published only by arrondissements sums them (a secret one makes it partial).
    sql: `SELECT 'commune' AS niveau, code_commune AS code_geo, annee, demandeurs AS numerateur,
                 demandeurs IS NULL AS secret
          FROM dares WHERE ${DARES_Q4} AND tranche_age = 'Total'`,
  },
  {
    id: "part_demandeurs_moins_25_ans",
    axis: "Recruter",
    title: "Part des moins de 25 ans parmi les demandeurs d'emploi",
    definition: "Demandeurs d'emploi ABC de moins de 25 ans rapportés à l'ensemble des demandeurs ABC, fin du 4e trimestre, en pourcentage.",
    type: "contexte",
    numerator: "Demandeurs d'emploi ABC de moins de 25 ans",
    denominator: "Demandeurs d'emploi ABC, tous âges",
    unit: "%",
    direction: "baisse",
    source: DARES,
    levels: [...COMMUNAL],
    aggregation: { kind: "ratio", factor: 100 },
    aggregationRule: "Numérateur et dénominateur sommés sur les communes où les deux sont connus, puis rapportés.",
    // One component per published unit pairs both counts, so a unit whose under-25 count is secret leaves both sums.
    // The unit is the commune, or each municipal arrondissement summed into its city (code_source) when the file
    // has no row for the city itself (see loaders/dares.ts).
    sql: `SELECT 'commune' AS niveau, code_commune AS code_geo, annee,
                 max(demandeurs) FILTER (WHERE tranche_age = 'Moins de 25 ans') AS numerateur,
                 max(demandeurs) FILTER (WHERE tranche_age = 'Total') AS denominateur,
                 bool_or(demandeurs IS NULL) AS secret
          FROM dares WHERE ${DARES_Q4} AND tranche_age IN ('Total', 'Moins de 25 ans')
          GROUP BY code_commune, code_source, annee`,
  },
  {
    id: "projets_recrutement",
    axis: "Recruter",
    title: "Projets de recrutement (BMO)",
    definition: "Nombre de projets de recrutement déclarés par les employeurs dans l'enquête BMO, par bassin d'emploi touchant le territoire.",
    type: "contexte",
    numerator: "Projets de recrutement (met), tous métiers",
    denominator: null,
    unit: "projets",
    direction: "hausse",
    source: BMO,
    levels: ["bassin_emploi"],
    aggregation: { kind: "somme" },
    aggregationRule: BASSIN_RULE,
    sql: `SELECT 'bassin_emploi' AS niveau, code_bassin AS code_geo, annee, met AS numerateur, met IS NULL AS secret FROM bmo`,
  },
  {
    id: "part_projets_difficiles",
    axis: "Recruter",
    title: "Part des projets de recrutement jugés difficiles (BMO)",
    definition: "Projets de recrutement jugés difficiles (xmet) rapportés à l'ensemble des projets (met), en pourcentage, par bassin d'emploi.",
    type: "contexte",
    numerator: "Projets de recrutement jugés difficiles (xmet)",
    denominator: "Projets de recrutement (met)",
    unit: "%",
    direction: "baisse",
    source: BMO,
    levels: ["bassin_emploi"],
    aggregation: { kind: "ratio", factor: 100 },
    aggregationRule: BASSIN_RULE + " Taux recalculé à partir des sommes des métiers où xmet et met sont connus.",
    sql: `SELECT 'bassin_emploi' AS niveau, code_bassin AS code_geo, annee, xmet AS numerateur, met AS denominateur,
                 (xmet IS NULL OR met IS NULL) AS secret FROM bmo`,
  },
  {
    id: "effectifs_lycees_pro",
    axis: "Recruter",
    title: "Élèves des lycées professionnels du territoire",
    definition: "Nombre d'élèves des lycées professionnels situés dans les communes du territoire, année scolaire commençant à la rentrée de l'année.",
    type: "réalisation",
    numerator: "Élèves (toutes formations, tous niveaux)",
    denominator: null,
    unit: "élèves",
    direction: "hausse",
    source: LYCEES_PRO,
    levels: [...COMMUNAL],
    aggregation: { kind: "somme" },
    aggregationRule: "Somme des lycées situés dans les communes membres (une commune sans lycée compte zéro).",
    sql: exhaustiveComponents({
      table: "lycees_pro", year: "rentree", numerator: "sum(eleves)",
      partial: "count(*) FILTER (WHERE eleves IS NULL) > 0",
    }),
  },
];
