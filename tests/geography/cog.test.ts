// src/geography/cog.ts: the population's source line, one text for the home page, the reference blocks and the reports.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cog, populationSource } from "../../src/geography/cog.ts";

const root = path.resolve(import.meta.dirname, "../..");

describe("populationSource", () => {
  it("names the INSEE populations, the COG year and the package version it is read through", () => {
    expect(cog().version).toBe("6.0.0");
    expect(populationSource()).toBe("INSEE, populations municipales légales, Code officiel géographique 2026 (via @etalab/decoupage-administratif 6.0.0), Licence Ouverte");
  });

  it("is the one text of the line: the pages' data do not write it again", () => {
    for (const file of ["src/site/parts/home.ts", "src/site/parts/references.ts"]) {
      const text = readFileSync(path.join(root, file), "utf8");
      expect(text, file).toContain("source_population: populationSource()");
      expect(text, file).not.toContain("populations municipales légales");
    }
  });
});
