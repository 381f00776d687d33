// The tree reads as the pipeline (notes/conventions.md): the library never reaches into the site's pages, and no
// module imports itself back through others (an import cycle makes the order of module initialisation decide
// whether a value is defined yet), and each stage of the pipeline imports only from itself and the stages before it.
import { describe, expect, it } from "vitest";
import { findCycles, layerOf, layerViolations, readImports } from "./imports.ts";

const modules = readImports(["src", "scripts", "docs/components", "bench"]);
const library = modules.filter((m) => m.file.startsWith("src/"));

/**
 * Imports against the layer order that are known and not yet moved, each with what would remove it. The rule below
 * fails on any other, and on an entry here that no longer occurs (remove it then): the list only shrinks.
 */
const KNOWN_LAYER_EXCEPTIONS: Record<string, string> = {};

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

  it("finds an import against the layer order, a type-only one included", () => {
    const io = { file: "src/io/a.ts", imports: [{ target: "src/sources/types.ts", typeOnly: true }, { target: "src/format/b.ts", typeOnly: false }] };
    const cli = { file: "src/cli/c.ts", imports: [{ target: "src/io/a.ts", typeOnly: false }] };
    expect(layerViolations([io, cli])).toEqual(["src/io/a.ts -> src/sources/types.ts (type)"]);
  });

  it("imports only from its own stage or an earlier one: read → geography → sources → data folder → compute → publish → cli, types included", () => {
    const found = layerViolations(modules);
    const unexpected = found.filter((v) => !(v in KNOWN_LAYER_EXCEPTIONS));
    const gone = Object.keys(KNOWN_LAYER_EXCEPTIONS).filter((v) => !found.includes(v));
    expect(unexpected, `imports against the layer order (module -> what it imports):\n${unexpected.join("\n")}`).toEqual([]);
    expect(gone, `exceptions that no longer occur, to remove from KNOWN_LAYER_EXCEPTIONS:\n${gone.join("\n")}`).toEqual([]);
  });

  it("places every module of the project in a stage (a new folder must say where it stands)", () => {
    const outside = modules.map((m) => m.file).filter((f) => layerOf(f) === -1);
    expect(outside, `modules in no stage of LAYERS (tests/imports.ts):\n${outside.join("\n")}`).toEqual([]);
  });

  it("has the read stage (src/io, src/format, src/db) import nothing from the stages after it, even for types", () => {
    const read = layerViolations(modules).filter((v) => /^src\/(io|format|db)\//.test(v));
    expect(read, `the read stage imports from later stages:\n${read.join("\n")}`).toEqual([]);
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
