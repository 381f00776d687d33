// Every commune code a producer's file may carry, resolved once, for the loaders that join a file's rows to the
// commune-code history in SQL (URSSAF, Sirene): the history is the one rule SQL cannot know. The codes are those of
// the current geography and of its past (current, merged, delegated and associated communes, municipal
// arrondissements), each with the current commune it counts for, as CommuneResolver decides it for a row
// (src/io/communes.ts): a code it rejects is left out, and a row carrying it is rejected by the loader's SQL.
import type { DuckDBConnection } from "@duckdb/node-api";
import { cog } from "../geography/cog.ts";
import { fillTable } from "../io/appender.ts";
import { CommuneResolver } from "../io/communes.ts";
import { departementOfCommune, referenceCommunes } from "../io/reference.ts";
import type { Territory } from "../territory/territory.ts";

export interface CommuneCode {
  /** The code as a file writes it (normalised: five characters). */
  code: string;
  /** The current commune the code counts for. */
  current: string;
  /** Whether that commune is in the territory. */
  member: boolean;
  /** Whether the code is a municipal arrondissement (75105 counts for 75056). */
  arrondissement: boolean;
  departement: string;
}

/** The codes, in code order. */
export function communeCodes(territory: Territory): CommuneCode[] {
  const resolver = new CommuneResolver(territory);
  const codes = new Set<string>([...referenceCommunes().map((c) => c.code), ...cog().oldToCurrent.keys()]);
  return [...codes].sort().flatMap((code) => {
    const r = resolver.resolve(code);
    return r.kind === "ok" ? [{ code, current: r.code, member: r.member, arrondissement: r.arrondissement, departement: departementOfCommune(r.code) }] : [];
  });
}

/**
 * The codes as the temporary table `table` (code, member, current, id, departement) for a loader's scan to join a
 * file's rows to. id: an integer key for a scan's GROUP BY (hashing integers is cheaper than codes over 40 million
 * rows). Each code once, without a key: its index would cost a tenth of a second per file.
 */
export async function writeCommuneCodes(db: DuckDBConnection, table: string, territory: Territory): Promise<void> {
  await fillTable(db, table, { code: "VARCHAR", member: "BOOLEAN", current: "VARCHAR", id: "INTEGER", departement: "VARCHAR" },
    communeCodes(territory).map((c, i) => [c.code, c.member, c.current, i + 1, c.departement]));
}
