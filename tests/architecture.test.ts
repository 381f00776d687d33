// The tree reads as the pipeline (notes/conventions.md): the library never reaches into the site's pages, and no
// module imports itself back through others (an import cycle makes the order of module initialisation decide
// whether a value is defined yet).
import { describe, expect, it } from "vitest";
import { findCycles, readImports } from "./imports.ts";

const modules = readImports(["src", "scripts", "docs/components", "bench"]);
const library = modules.filter((m) => m.file.startsWith("src/"));

describe("import graph", () => {
  it("reads the imports of the library (a parser that finds nothing would pass every rule)", () => {
    const registry = modules.find((m) => m.file === "src/sources/registry.ts");
    expect(library.length).toBeGreaterThan(100);
    expect(registry?.imports.map((i) => i.target)).toContain("src/sources/types.ts");
  });

  it("finds a cycle when there is one", () => {
    const a = { file: "a.ts", imports: [{ target: "b.ts", typeOnly: false }] };
    const b = { file: "b.ts", imports: [{ target: "a.ts", typeOnly: false }] };
    expect(findCycles([a, b])).toEqual([["a.ts", "b.ts", "a.ts"]]);
    expect(findCycles([a, { ...b, imports: [{ target: "a.ts", typeOnly: true }] }])).toEqual([]);
  });

  it("has no import cycle at run time", () => {
    expect(findCycles(modules)).toEqual([]);
  });

  it("has nothing in src/ importing from docs/: the pages use the library, never the reverse", () => {
    const fromDocs = library.flatMap((m) => m.imports.filter((i) => i.target.startsWith("docs/")).map((i) => `${m.file} -> ${i.target}`));
    expect(fromDocs).toEqual([]);
  });

  it("has nothing in src/ importing from scripts/: commands wrap the library, never the reverse", () => {
    const fromScripts = library.flatMap((m) => m.imports.filter((i) => i.target.startsWith("scripts/")).map((i) => `${m.file} -> ${i.target}`));
    expect(fromScripts).toEqual([]);
  });

  it("keeps src/download generic: it reaches a source's folder only through the registry, and no source imports it", () => {
    const sourceFolder = /^src\/sources\/(?!demo\/)[^/]+\//;
    const fromDownload = library.filter((m) => m.file.startsWith("src/download/")).flatMap((m) => m.imports.filter((i) => sourceFolder.test(i.target)).map((i) => `${m.file} -> ${i.target}`));
    expect(fromDownload).toEqual([]);
    const fromSources = library.filter((m) => m.file.startsWith("src/sources/")).flatMap((m) => m.imports.filter((i) => i.target.startsWith("src/download/")).map((i) => `${m.file} -> ${i.target}`));
    expect(fromSources).toEqual([]);
    expect(library.find((m) => m.file === "src/download/catalogue.ts")?.imports.map((i) => i.target)).toContain("src/sources/registry.ts");
  });

  it("shares the French formatting with the pages through links to src/format, not through copies", () => {
    const components = modules.filter((m) => m.file.startsWith("docs/components/"));
    expect(components.some((m) => m.imports.some((i) => i.target === "src/format/french.js"))).toBe(true);
    expect(components.map((m) => m.file)).not.toContain("docs/components/format.js");
  });
});
