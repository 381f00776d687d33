// The import graph of the project's own modules, read from their text: what tests/architecture.test.ts checks.
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");

export interface ModuleImports {
  /** Path relative to the project, forward slashes. */
  file: string;
  /** Local modules imported, relative to the project; `typeOnly` when erased at run time (`import type`). */
  imports: { target: string; typeOnly: boolean }[];
}

const IMPORT = /(?:^|[\n;])\s*(import|export)\s+(type\s+)?(?:[^'"`;]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (/\.(ts|js)$/.test(name) && !name.endsWith(".d.ts")) yield full;
  }
}

/** Relative path of a real file (links followed: docs/components/format.js is src/format/french.js). */
const relative = (file: string) => path.relative(ROOT, realpathSync(file)).split(path.sep).join("/");

export function readImports(folders: readonly string[]): ModuleImports[] {
  const out = new Map<string, ModuleImports>();
  for (const folder of folders)
    for (const file of files(path.join(ROOT, folder))) {
      const rel = relative(file);
      if (out.has(rel)) continue;
      const text = readFileSync(file, "utf8");
      const imports: ModuleImports["imports"] = [];
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[3] ?? m[4]!;
        if (!spec.startsWith(".")) continue;
        const resolved = path.resolve(path.dirname(file), spec);
        let target: string;
        try {
          target = relative(resolved);
        } catch {
          continue; // a path built at run time, or a file that is generated
        }
        imports.push({ target, typeOnly: m[2] !== undefined });
      }
      out.set(rel, { file: rel, imports });
    }
  return [...out.values()];
}

/** The cycles of run-time imports among `modules` (each cycle once, as the list of its files). */
export function findCycles(modules: readonly ModuleImports[]): string[][] {
  const graph = new Map(modules.map((m) => [m.file, m.imports.filter((i) => !i.typeOnly).map((i) => i.target)]));
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === "open") {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join(" ");
        if (!seen.has(key)) seen.add(key), cycles.push([...cycle, next]);
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

/**
 * The stages of the pipeline, in order (notes/conventions.md), by folder: a module may import from its own stage and
 * the stages before it, never from a later one.
 */
export const LAYERS: readonly { name: string; folders: readonly string[] }[] = [
  { name: "read", folders: ["src/io/", "src/format/", "src/db/"] },
  { name: "geography", folders: ["src/geography/", "src/territory/", "src/phases/"] },
  { name: "sources", folders: ["src/sources/", "src/download/"] },
  { name: "data folder", folders: ["src/pipeline/", "src/local/"] },
  { name: "compute", folders: ["src/indicators/", "src/references/"] },
  { name: "evaluation", folders: ["src/evaluation/"] },
  { name: "publish", folders: ["src/site/", "src/report/", "src/server/", "docs/"] },
  { name: "cli", folders: ["src/cli/", "scripts/", "bench/"] },
];

/** Rank of a file's stage in LAYERS; -1 for a file outside them (tests, configuration). */
export function layerOf(file: string): number {
  return LAYERS.findIndex((l) => l.folders.some((f) => file.startsWith(f)));
}

/** Imports of a later stage, written `module -> target`, `(type)` after a type-only one; sorted. */
export function layerViolations(modules: readonly ModuleImports[]): string[] {
  const out: string[] = [];
  for (const m of modules) {
    const own = layerOf(m.file);
    if (own === -1) continue;
    for (const i of m.imports) if (layerOf(i.target) > own) out.push(`${m.file} -> ${i.target}${i.typeOnly ? " (type)" : ""}`);
  }
  return [...new Set(out)].sort();
}
