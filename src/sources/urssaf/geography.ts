// The commune-code history and the reference levels, as tables DuckDB joins to the rows of an URSSAF file (the one
// part of the commune rules that SQL cannot know: the COG of @etalab/decoupage-administratif and the territory).
//   u_codes(code, courante, numero, membre, arrondissement, departement, ensemble): every code a row may carry
//     (src/sources/commune-codes.ts: current commune, older code of a merged, delegated or associated commune,
//     municipal arrondissement) -> the current commune, as CommuneResolver.resolve decides it, and the current commune's
//     number (0 .. CURRENT_COMMUNES - 1: the communes a file has rows for are kept as a bitstring of these numbers);
//     each code once (a set), without a key: its index would cost a tenth of a second per file;
//   u_ensembles(ensemble, niveau, code_geo): each distinct set of levels a current commune belongs to (France, its
//     département and région, its Territoires d'industrie, and the territory and its EPCI for a member), so that the
//     rows of a national file are first summed by set (a few hundred) rather than by commune (35 000). A set belongs
//     to one département (that of u_codes), so that the rows summed by set are also counted by département.
import type { DuckDBConnection } from "@duckdb/node-api";
import { FRANCE_CODE, referenceGeography } from "../../geography/reference-levels.ts";
import { departementOfCommune } from "../../io/reference.ts";
import { communeCodes } from "../commune-codes.ts";
import type { Territory } from "../../territory/territory.ts";

/** The levels a current commune's rows count in ("niveau|code"), as the reference aggregates define them. */
function levelsOf(commune: string, epciOf: ReadonlyMap<string, string>, territory: Territory): string[] {
  const g = referenceGeography().communes.get(commune);
  const keys = [`france|${FRANCE_CODE}`];
  if (g) {
    keys.push(`departement|${g.departement}`);
    if (g.region) keys.push(`region|${g.region}`);
    for (const ti of g.tis) keys.push(`territoire_industrie|${ti}`);
  }
  const epci = epciOf.get(commune);
  if (epci !== undefined) keys.push(`territoire|${territory.id}`, `epci|${epci}`);
  return keys;
}

/**
 * Creates and fills u_codes and u_ensembles for the territory (temporary tables of this connection). Returns the
 * number of current communes (the bound of u_codes.numero).
 */
export async function writeGeographyTables(db: DuckDBConnection, territory: Territory): Promise<number> {
  await db.run(`CREATE OR REPLACE TEMP TABLE u_codes (code VARCHAR NOT NULL, courante VARCHAR NOT NULL, numero INTEGER NOT NULL, membre BOOLEAN NOT NULL,
    arrondissement BOOLEAN NOT NULL, departement VARCHAR NOT NULL, ensemble INTEGER NOT NULL);
    CREATE OR REPLACE TEMP TABLE u_ensembles (ensemble INTEGER NOT NULL, niveau VARCHAR NOT NULL, code_geo VARCHAR NOT NULL);`);
  const epciOf = new Map(territory.communes.map((c) => [c.code, c.epci]));
  const sets = new Map<string, number>();
  const numbers = new Map<string, number>();
  const setOf = (current: string): number => {
    const key = `${departementOfCommune(current)}#${levelsOf(current, epciOf, territory).join(";")}`;
    let id = sets.get(key);
    if (id === undefined) sets.set(key, (id = sets.size));
    return id;
  };
  const appender = await db.createAppender("u_codes");
  for (const c of communeCodes(territory)) {
    appender.appendVarchar(c.code);
    appender.appendVarchar(c.current);
    let numero = numbers.get(c.current);
    if (numero === undefined) numbers.set(c.current, (numero = numbers.size));
    appender.appendInteger(numero);
    appender.appendBoolean(c.member);
    appender.appendBoolean(c.arrondissement);
    appender.appendVarchar(c.departement);
    appender.appendInteger(setOf(c.current));
    appender.endRow();
  }
  appender.closeSync();
  const levels = await db.createAppender("u_ensembles");
  for (const [key, id] of sets)
    for (const level of key.slice(key.indexOf("#") + 1).split(";")) {
      const [niveau, code] = level.split("|") as [string, string];
      levels.appendInteger(id);
      levels.appendVarchar(niveau);
      levels.appendVarchar(code);
      levels.endRow();
    }
  levels.closeSync();
  return numbers.size;
}
