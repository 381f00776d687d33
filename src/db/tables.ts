// Names of tables written into SQL text. A value (a year, a code, a path) is always bound as a parameter; a table or
// column name is an identifier, which DuckDB cannot take from a parameter: it is spliced, so it must be one of a fixed
// list — the tables src/db/schema.ts creates, read from that one schema so that the list cannot drift from it.
import { SCHEMA } from "./schema.ts";

export const CANONICAL_TABLES: ReadonlySet<string> = new Set([...SCHEMA.matchAll(/CREATE TABLE IF NOT EXISTS (\w+)/g)].map((m) => m[1]!));

/** `name` itself when it is one of `allowed` (by default the canonical tables); otherwise an error, before any SQL is built. */
export function tableIdentifier(name: string, allowed: ReadonlySet<string> = CANONICAL_TABLES): string {
  if (!allowed.has(name)) throw new Error(`table inconnue : ${JSON.stringify(name)} (tables possibles : ${[...allowed].join(", ")})`);
  return name;
}
