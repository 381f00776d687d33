// Every page passes axe-core's WCAG 2.1 A and AA rules (contrast included), in light and in dark mode.
import { readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser.ts";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const url = inject("siteUrl");
const dist = inject("siteDist");
let browser: Browser;

interface Violation { id: string; help: string; nodes: { target: string[] }[] }

/** Every page of the built site; of the yearly reports (all built from one template), the latest one. */
async function pagesToCheck(): Promise<string[]> {
  const entries = await readdir(dist, { recursive: true, withFileTypes: true });
  const pages = entries
    .filter((e) => e.isFile() && e.name.endsWith(".html") && !e.parentPath.includes("_observablehq"))
    .map((e) => "/" + path.relative(dist, path.join(e.parentPath, e.name)).replace(/(index)?\.html$/, ""));
  const reports = pages.filter((p) => /^\/rapports\/\d{4}$/.test(p)).sort();
  return pages.filter((p) => !/^\/rapports\/\d{4}$/.test(p)).concat(reports.slice(-1));
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("aucune page n'enfreint les règles WCAG 2.1 A et AA d'axe-core, en mode clair comme en mode sombre", async () => {
  const found: string[] = [];
  for (const p of await pagesToCheck()) {
    for (const colorScheme of ["light", "dark"] as const) {
      const { page } = await openPage(browser, url, p);
      await page.emulateMedia({ colorScheme });
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: Violation[] }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
      });
      for (const v of violations) found.push(`${p} (${colorScheme}) ${v.id} : ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(" ; ")}`);
      await page.context().close();
    }
  }
  expect(found).toEqual([]);
}, 300_000);
