// SQL fragments shared by several declarations. Only source-level facts live here (what "industry" means, which
// communes a file covers, which Cerema vintage wins); everything specific to one indicator stays in its declaration.
// A fragment holds no value from a file or a territory (those are bound by the engine as $territoire, $indicateur):
// what it splices is SQL from the catalogue, and table names checked against the schema.
import { tableIdentifier } from "../db/tables.ts";

/** Industry = NAF rév. 2 divisions 05 to 39 (INSEE aggregate "Industrie (BE)"); `col` holds a code like '25.11Z'. */
export function isIndustry(col: string): string {
  return `(regexp_matches(${col}, '^[0-9]{2}') AND substr(${col}, 1, 2) BETWEEN '05' AND '39')`;
}

/**
 * Communes the loaded files of `table`'s source cover (table `couverture`, src/pipeline/coverage.ts): for an
 * exhaustive source (URSSAF lists every commune x APE with an establishment, Sirene every establishment, the school
 * file every school), a covered commune without a row has zero, while a commune the files do not cover stays unknown.
 */
export function coveredCommunes(table: string): string {
  // The table's name is also its source's name in `couverture`: a name of the schema (checked), never quoted text.
  return `(SELECT code_commune FROM couverture WHERE source = '${tableIdentifier(table)}')`;
}

/** Covered communes some of whose rows were rejected: their values are known only in part. */
function partlyCoveredCommunes(table: string): string {
  return `(SELECT code_commune FROM couverture WHERE source = '${tableIdentifier(table)}' AND lignes_rejetees > 0)`;
}

/**
 * Cerema flows with one row per commune x year: when several vintages are loaded, the newest (largest
 * derniere_annee) wins, since each vintage revises the previous years.
 */
export const CEREMA_LATEST = `(SELECT * FROM cerema QUALIFY row_number() OVER (
    PARTITION BY code_commune, annee ORDER BY derniere_annee DESC, fichier DESC) = 1)`;

// Sirene creations are counted from SIRENE_FIRST_YEAR, said where the source is described (src/sources/sirene/source.ts).
export { SIRENE_FIRST_YEAR } from "../sources/sirene/source.ts";

export interface ExhaustiveComponents {
  /** Canonical table with a code_commune column. */
  table: string;
  /** Year of a row, e.g. `annee` or `year(date_creation)`. */
  year: string;
  /** Rows kept, e.g. a year floor. */
  where?: string;
  /** Aggregates over the rows of one commune x year (NULL when all inputs are NULL = unknown). */
  numerator: string;
  denominator?: string;
  /** Denominator taken from the communes table (alias `cv`, columns code and population), e.g. `cv.population`. */
  outerDenominator?: string;
  /** Aggregate: the commune's value is built from some unknown inputs. */
  partial?: string;
  /** Aggregates (only: bounds must be one row) over all kept rows, readable by `provisional` as `bounds.<name>`, e.g. `max(date_creation) AS max_date`. */
  bounds?: string;
  /** Expression over `years.annee` and `bounds`: the year is provisional. */
  provisional?: string;
}

/**
 * Components of an exhaustive source, one per covered commune x year: a covered commune without a row gets an
 * explicit zero (the source lists every establishment or school), communes of uncovered départements get no row and
 * stay unknown.
 */
export function exhaustiveComponents(o: ExhaustiveComponents): string {
  const where = o.where ?? "true";
  const denominator = o.denominator ?? "NULL";
  return `
    WITH kept AS (SELECT *, ${o.year} AS annee_calc FROM ${tableIdentifier(o.table)} WHERE ${where}),
    years AS (SELECT DISTINCT annee_calc AS annee FROM kept),
    bounds AS (SELECT ${o.bounds ?? "count(*) AS n_rows"} FROM kept), -- one row: aggregates only
    agg AS (SELECT code_commune, annee_calc AS annee, ${o.numerator} AS numerateur, ${denominator} AS denominateur,
                   ${o.partial ?? "false"} AS partiel
            FROM kept GROUP BY code_commune, annee_calc),
    cv AS (SELECT code, population FROM communes WHERE code IN ${coveredCommunes(o.table)})
    SELECT 'commune' AS niveau, cv.code AS code_geo, years.annee,
           CASE WHEN agg.code_commune IS NULL THEN 0 ELSE agg.numerateur END AS numerateur,
           ${o.outerDenominator ?? "CASE WHEN agg.code_commune IS NULL THEN 0 ELSE agg.denominateur END"} AS denominateur,
           coalesce(agg.partiel, false) OR cv.code IN ${partlyCoveredCommunes(o.table)} AS partiel,
           ${o.provisional ?? "false"} AS provisoire
    FROM cv CROSS JOIN years CROSS JOIN bounds
    LEFT JOIN agg ON agg.code_commune = cv.code AND agg.annee = years.annee`;
}

/**
 * Cartofriches sites with the year of their file's vintage (its newest site_actu_date, table friches_couverture). When
 * several files give the same year (a national export and a département extract), a site counts once: the row
 * updated last wins.
 */
export const FRICHES_SITES = `(SELECT f.*, v.annee FROM friches f JOIN (SELECT DISTINCT fichier, annee FROM friches_couverture) v ON v.fichier = f.fichier
    QUALIFY row_number() OVER (PARTITION BY f.site_id, v.annee ORDER BY f.date_actualisation DESC NULLS LAST, f.fichier DESC) = 1)`;

/** A site that is still a brownfield: every status but « friche reconvertie ». */
export const FRICHE_ACTIVE = "statut <> 'friche reconvertie'";

export interface FricheComponents {
  /** Aggregates over the sites of one commune x year (the rows of FRICHES_SITES). */
  numerator: string;
  denominator?: string;
  /** Aggregate: the commune's value is built from some unknown inputs. */
  partial?: string;
}

/**
 * Components of a Cartofriches indicator, one per commune x vintage year of a département the files cover: a covered
 * commune without a site gets explicit zeros (the inventory lists every site it knows there), a commune of a
 * département no file covers gets no row and stays unknown.
 */
export function fricheComponents(o: FricheComponents): string {
  return `
    WITH sites AS ${FRICHES_SITES},
    cov AS (SELECT DISTINCT c.code, k.annee FROM friches_couverture k JOIN communes c ON c.departement = k.departement),
    agg AS (SELECT code_commune, annee, ${o.numerator} AS numerateur, ${o.denominator ?? "NULL"} AS denominateur,
                   ${o.partial ?? "false"} AS partiel
            FROM sites GROUP BY code_commune, annee)
    SELECT 'commune' AS niveau, cov.code AS code_geo, cov.annee,
           CASE WHEN agg.code_commune IS NULL THEN 0 ELSE agg.numerateur END AS numerateur,
           CASE WHEN agg.code_commune IS NULL THEN 0 ELSE agg.denominateur END AS denominateur,
           coalesce(agg.partiel, false) AS partiel
    FROM cov LEFT JOIN agg ON agg.code_commune = cov.code AND agg.annee = cov.annee`;
}
