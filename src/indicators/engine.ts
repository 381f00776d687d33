// The generic computation engine: runs one declaration's component SQL and aggregates it to every published
// geography in DuckDB. Nothing here knows any indicator: adding one never touches this file.
//
// Aggregation of the components feeding a group (niveau, code_geo) in a year:
//   - a component is "known" when its numerator (and, for a ratio, its denominator) is not NULL;
//   - somme: valeur = Σ known numerators; ratio: valeur = Σ numerators / Σ denominators × factor, both sums over the
//     same known components (so a ratio is recomputed at each level, never averaged); a zero denominator gives no value;
//   - statut, first match wins:
//       secret      no known component, and at least one unknown component is a statistical secret;
//       manquant    no known component (or a zero denominator): no value;
//       partiel     a value built while some components are unknown or themselves partial, or while some units
//                   (communes, bassin) of the group have no component at all — unknown is never zero;
//       provisoire  a known component is provisional (newest Cerema year, Sirene year not yet over);
//       ok          otherwise.
import { DOUBLE, LIST, listValue, VARCHAR, type DuckDBConnection, type DuckDBResultReader, type DuckDBType, type DuckDBValue } from "@duckdb/node-api";
import type { IndicatorDeclaration, IndicatorRow, Level, ObservationStatus } from "./types.ts";

/** The levels in publication order. */
export const LEVEL_ORDER: Level[] = ["territoire", "epci", "commune", "bassin_emploi"];

/** Every optional component column, so that a declaration may omit secret/partiel/provisoire/denominateur. */
const COMPONENT_TEMPLATE = `SELECT NULL::VARCHAR AS niveau, NULL::VARCHAR AS code_geo, NULL::INTEGER AS annee,
  NULL::DOUBLE AS numerateur, NULL::DOUBLE AS denominateur, NULL::BOOLEAN AS secret, NULL::BOOLEAN AS partiel,
  NULL::BOOLEAN AS provisoire WHERE false`;

/**
 * The named parameters of a computation, bound by DuckDB (never written into the SQL text): `$territoire` and
 * `$indicateur` for the declaration's SQL, `$niveaux` and `$facteur` for the engine's own. Typed, so that an empty
 * list is still a list of text.
 */
const PARAMETER_TYPES: Record<string, DuckDBType> = { territoire: VARCHAR, indicateur: VARCHAR, niveaux: LIST(VARCHAR), facteur: DOUBLE };

export function aggregationParameters(decl: IndicatorDeclaration, territoryId: string): Record<string, DuckDBValue> {
  return {
    territoire: territoryId,
    indicateur: decl.id,
    niveaux: listValue(decl.levels),
    facteur: decl.aggregation.kind === "ratio" ? decl.aggregation.factor : 1,
  };
}

/** The aggregation of a declaration's components; its values are the parameters of aggregationParameters. */
export function aggregationSql(decl: IndicatorDeclaration): string {
  // `ratio` chooses expressions, it is not a value: it shapes the SQL text.
  const ratio = decl.aggregation.kind === "ratio";
  const known = ratio ? "num IS NOT NULL AND den IS NOT NULL" : "num IS NOT NULL";
  const valeur = ratio ? "CASE WHEN a.s_den <> 0 THEN a.s_num / a.s_den * $facteur END" : "a.s_num";
  return `
    WITH comp AS (${COMPONENT_TEMPLATE} UNION ALL BY NAME SELECT * FROM (${decl.sql})),
    c AS (SELECT niveau AS nc, code_geo AS cc, CAST(annee AS INTEGER) AS annee,
                 CAST(numerateur AS DOUBLE) AS num, CAST(${ratio ? "denominateur" : "NULL"} AS DOUBLE) AS den,
                 coalesce(secret, false) AS secret, coalesce(partiel, false) AS partiel,
                 coalesce(provisoire, false) AS provisoire
          FROM comp WHERE annee IS NOT NULL),
    k AS (SELECT *, (${known}) AS known FROM c),
    years AS (SELECT DISTINCT annee FROM k),
    contrib AS (SELECT m.niveau, m.code_geo, k.* FROM k JOIN ind_map m ON m.nc = k.nc AND m.cc = k.cc
                WHERE list_contains($niveaux, m.niveau)),
    agg AS (SELECT niveau, code_geo, annee,
                   count(*) FILTER (WHERE known) AS n_known,
                   sum(num) FILTER (WHERE known) AS s_num,
                   sum(den) FILTER (WHERE known) AS s_den,
                   coalesce(bool_or(secret) FILTER (WHERE NOT known), false) AS any_secret,
                   bool_or(NOT known) AS any_unknown,
                   bool_or(partiel) AS any_partiel,
                   coalesce(bool_or(provisoire) FILTER (WHERE known), false) AS any_provisoire
            FROM contrib GROUP BY niveau, code_geo, annee),
    cov AS (SELECT m.niveau, m.code_geo, k.annee, count(DISTINCT u.unite) AS n_cov
            FROM k JOIN ind_map m ON m.nc = k.nc AND m.cc = k.cc JOIN ind_units u ON u.nc = k.nc AND u.cc = k.cc
            WHERE list_contains($niveaux, m.niveau) GROUP BY m.niveau, m.code_geo, k.annee),
    res AS (SELECT g.niveau, g.code_geo, g.libelle_geo, y.annee, g.n_unites, a.n_known, a.s_num, a.s_den, a.any_secret, a.any_unknown,
                   a.any_partiel, a.any_provisoire, coalesce(cov.n_cov, 0) AS n_cov,
                   ${valeur} AS valeur
            FROM ind_groups g CROSS JOIN years y
            LEFT JOIN agg a ON a.niveau = g.niveau AND a.code_geo = g.code_geo AND a.annee = y.annee
            LEFT JOIN cov ON cov.niveau = g.niveau AND cov.code_geo = g.code_geo AND cov.annee = y.annee
            WHERE list_contains($niveaux, g.niveau))
    SELECT niveau, code_geo, libelle_geo, annee, valeur,
           CASE WHEN coalesce(n_known, 0) > 0 THEN s_num END AS numerateur,
           CASE WHEN coalesce(n_known, 0) > 0 AND ${ratio} THEN s_den END AS denominateur,
           CASE WHEN coalesce(n_known, 0) = 0 THEN CASE WHEN any_secret THEN 'secret' ELSE 'manquant' END
                WHEN valeur IS NULL THEN 'manquant'
                WHEN any_unknown OR any_partiel OR n_cov < n_unites THEN 'partiel'
                WHEN any_provisoire THEN 'provisoire'
                ELSE 'ok' END AS statut
    FROM res`;
}

/** Rounds away binary noise (0.1 + 0.2) without touching any meaningful digit of these magnitudes. */
function clean(x: unknown): number | null {
  if (x === null || x === undefined) return null;
  const n = typeof x === "bigint" ? Number(x) : (x as number);
  return Math.round(n * 1e9) / 1e9;
}

/**
 * Runs `sql` with those of `parameters` it names: a declaration uses `$territoire` or `$indicateur` or neither, and
 * DuckDB refuses a value for a parameter the statement does not have.
 */
async function runWithParameters(db: DuckDBConnection, sql: string, parameters: Record<string, DuckDBValue>): Promise<DuckDBResultReader> {
  const statement = await db.prepare(sql);
  for (let i = 1; i <= statement.parameterCount; i++) {
    const name = statement.parameterName(i);
    if (!Object.hasOwn(parameters, name)) throw new Error(`paramètre $${name} inconnu (paramètres possibles : ${Object.keys(parameters).map((p) => `$${p}`).join(", ")})`);
    statement.bindValue(i, parameters[name]!, PARAMETER_TYPES[name]);
  }
  return statement.runAndReadAll();
}

export async function computeDeclaration(db: DuckDBConnection, decl: IndicatorDeclaration, territoryId: string): Promise<IndicatorRow[]> {
  let reader;
  try {
    reader = await runWithParameters(db, aggregationSql(decl), aggregationParameters(decl, territoryId));
  } catch (e) {
    throw new Error(`Indicateur ${decl.id} : échec du calcul (${(e as Error).message})`);
  }
  const rank = (l: string) => LEVEL_ORDER.indexOf(l as Level);
  const rows = reader.getRowObjectsJS().map((r): IndicatorRow => ({
    indicateur: decl.id,
    axe: decl.axis,
    niveau: r.niveau as Level,
    code_geo: r.code_geo as string,
    libelle_geo: r.libelle_geo as string,
    annee: Number(r.annee),
    valeur: clean(r.valeur),
    numerateur: clean(r.numerateur),
    denominateur: clean(r.denominateur),
    unite: decl.unit,
    statut: r.statut as ObservationStatus,
  }));
  return rows.sort((a, b) => rank(a.niveau) - rank(b.niveau) || a.code_geo.localeCompare(b.code_geo) || a.annee - b.annee);
}
