// Table names are identifiers, spliced into SQL: only the tables the schema creates (or a list given) pass.
import { expect, it } from "vitest";
import { CANONICAL_TABLES, tableIdentifier } from "../../src/db/tables.ts";
import { coveredCommunes } from "../../src/indicators/sql.ts";

it("knows every table of the schema, and nothing else", () => {
  expect([...CANONICAL_TABLES].sort()).toEqual([
    "bassins_bmo", "bmo", "cerema", "communes", "couverture", "dares", "epcis", "friches", "friches_couverture", "lycees_pro", "sirene",
    "sirene_agregats", "urssaf", "urssaf_agregats", "urssaf_communes_vues",
  ]);
  expect(tableIdentifier("urssaf")).toBe("urssaf");
  expect(() => tableIdentifier("urssaf; DROP TABLE communes")).toThrow('table inconnue : "urssaf; DROP TABLE communes"');
  expect(() => tableIdentifier("local_suivi")).toThrow(/^table inconnue/);
  expect(tableIdentifier("local_suivi", new Set(["local_suivi"]))).toBe("local_suivi");
});

it("a shared SQL fragment refuses a table name outside the schema before building any SQL", () => {
  expect(coveredCommunes("sirene")).toBe("(SELECT code_commune FROM couverture WHERE source = 'sirene')");
  expect(() => coveredCommunes("sirene' OR true --")).toThrow(/^table inconnue/);
});
