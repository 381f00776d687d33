import { describe, expect, it } from "vitest";
import { formatLocation, formatProblem } from "../../src/format/location.ts";
import { LoadError } from "../../src/sources/types.ts";

describe("formatLocation / formatProblem", () => {
  it("writes path:line:column: message, the column being the column's name", () => {
    expect(formatProblem({ file: "sources/x.csv", line: 12, column: "effectifs" }, "nombre attendu")).toBe("sources/x.csv:12:effectifs: nombre attendu");
  });
  it("leaves the column out when it is not known", () => {
    expect(formatLocation("local/cibles.csv", 3)).toBe("local/cibles.csv:3");
    expect(formatProblem({ file: "liste.csv", line: 4 }, "identifiant absent")).toBe("liste.csv:4: identifiant absent");
    expect(formatProblem({ file: "x.csv.gz", line: 1, column: "" }, "fichier gzip tronqué")).toBe("x.csv.gz:1:: fichier gzip tronqué");
  });
  it("is the message of a loader's LoadError", () => {
    expect(new LoadError({ file: "a.csv", line: 1, column: "code_commune", message: "colonne absente" }).message).toBe("a.csv:1:code_commune: colonne absente");
  });
});
