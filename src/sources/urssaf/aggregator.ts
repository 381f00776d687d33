// Aggregates of every row of an URSSAF file, inside the territory or not, by level x code x year x NA38 sector, so
// that a national file (1.2 million commune x APE rows) gives the reference levels (département, région, France, each
// Territoire d'industrie) and the territory's own levels (territoire, EPCI) in one compact table, without keeping its
// rows. Computed by DuckDB as the loader reads the file (src/sources/urssaf/loader.ts), in two GROUP BY: first by set of levels x
// sector (the communes that count in the same levels summed together, a few hundred sets for France), then each set's
// sums added to each of its levels (table u_ensembles, src/sources/urssaf/geography.ts).
//
// Rules:
// - Each row is added to every level its current commune belongs to (src/geography/reference-levels.ts; a commune in
//   two Territoires d'industrie counts in both), in its NA38 sector (an unknown code counts in `ND`).
// - A cell's unknown value (secret, not published, a row whose figures could not be read) is never 0: the sums keep
//   the known values only, and count the unknown cells beside them (`inconnus_*`); a sum with no known cell is NULL.
// - Whether a level is wholly covered by the loaded files is decided later, over all the URSSAF files
//   (src/references/coverage.ts), from the communes the files have rows for (table `urssaf_communes_vues`).
import type { DuckDBConnection } from "@duckdb/node-api";

/** Sector of a row whose NA38 code is unknown (no `secteur_na38`, APE unreadable): kept in totals, never in a sector. */
export const UNKNOWN_SECTOR = "ND";


/**
 * The sums of a group of rows, per year (se_, sj_: sums of the known cells, 0 when none; ke_, kj_: known cells), from
 * a relation with `connu` (false: every cell of the row is unknown) and `e_YYYY`, `j_YYYY` (NULL = unknown). Sums are
 * coalesced to 0 (a sum without known cell is told by its known count): UNPIVOT drops NULL values.
 */
export function groupMeasuresSql(years: readonly number[]): string {
  return years
    .flatMap((y) => [
      `coalesce(sum(CASE WHEN connu THEN e_${y} END), 0) AS se_${y}`, `count(CASE WHEN connu THEN e_${y} END) AS ke_${y}`,
      `coalesce(sum(CASE WHEN connu THEN j_${y} END), 0) AS sj_${y}`, `count(CASE WHEN connu THEN j_${y} END) AS kj_${y}`,
    ])
    .join(", ");
}

/**
 * Writes the aggregates and the communes seen (tables of src/db/schema.ts) from `bySet`, a relation of rows summed by
 * `ensemble` (set of levels) x `secteur` (`lignes`, and the measures of groupMeasuresSql; a pair may come in several
 * parts), and `seen`, a relation of the current communes (`courante`) the file has rows for.
 */
export async function writeUrssafAggregates(db: DuckDBConnection, bySet: string, seen: string, years: readonly number[], file: string): Promise<void> {
  // The years name columns (se_2018...): identifiers, spliced, which numbers cannot turn into anything else. The file
  // name is a value: bound.
  const unpivot = years.map((y) => `(se_${y}, ke_${y}, sj_${y}, kj_${y}) AS '${y}'`).join(", ");
  await db.run(`
    INSERT INTO urssaf_agregats
    WITH by_set AS (${bySet}),
    long AS (UNPIVOT by_set ON ${unpivot} INTO NAME annee VALUE se, ke, sj, kj)
    SELECT l.niveau, l.code_geo, CAST(annee AS INTEGER), secteur,
           CASE WHEN sum(ke) > 0 THEN CAST(sum(se) AS DOUBLE) END, CASE WHEN sum(kj) > 0 THEN CAST(sum(sj) AS DOUBLE) END,
           CAST(sum(lignes - ke) AS INTEGER), CAST(sum(lignes - kj) AS INTEGER), $file
    FROM long JOIN u_ensembles l USING (ensemble)
    GROUP BY l.niveau, l.code_geo, annee, secteur`, { file }); // no ORDER BY: every reader of the table orders (0.1 s for a national file)
  await db.run(`INSERT INTO urssaf_communes_vues SELECT DISTINCT courante, $file FROM (${seen}) ORDER BY 1`, { file });
}
