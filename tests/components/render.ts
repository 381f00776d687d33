// Drawing a chart component under jsdom for a snapshot test: the node serialised deterministically (one tag per
// line, Plot's counters for clip and marker ids normalised), and a drawing that fails on any Observable Plot
// warning, whether logged (console.warn) or drawn on the chart (the "⚠️" sign and its "Please check the console").
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, vi } from "vitest";

/** A fixture of tests/components/fixtures, parsed. */
export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8")) as T;
}

/** The HTML of a node, one tag per line; ids that Plot numbers in drawing order are renumbered from 1 per node. */
export function serialise(node: Element): string {
  const ids = new Map<string, string>();
  return node.outerHTML
    .replace(/plot-(clip|marker|pattern)-\d+/g, (id, kind: string) => {
      if (!ids.has(id)) ids.set(id, `plot-${kind}-${[...ids.keys()].filter((k) => k.startsWith(`plot-${kind}-`)).length + 1}`);
      return ids.get(id)!;
    })
    .replace(/></g, ">\n<")
    .concat("\n");
}

/** Draws with `draw()` and fails on any Plot warning, logged or drawn. */
export function drawWithoutWarning<T extends Element>(draw: () => T): T {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  let node: T;
  try {
    node = draw();
  } finally {
    warn.mockRestore();
  }
  expect(warn.mock.calls.map((c) => c.map(String).join(" ")), "avertissement d'Observable Plot dans la console").toEqual([]);
  expect(node.textContent ?? "", "signe ⚠ d'Observable Plot dessiné sur un graphique").not.toContain("\u26a0");
  expect(node.outerHTML, "avertissement d'Observable Plot dessiné sur un graphique").not.toMatch(/warnings?\. Please check the console/);
  return node;
}

/** The text of the elements matched, spaces collapsed. */
export function texts(node: ParentNode, selector: string): string[] {
  return [...node.querySelectorAll(selector)].map((e) => (e.textContent ?? "").replace(/[ \n\t]+/g, " ").trim());
}
