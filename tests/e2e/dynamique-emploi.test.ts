// « Dynamique de l'emploi » in Chromium, on demonstration data whose URSSAF files are national (the territory's file
// and the rest of France): the references beside the territory, the decomposition (each row's effects add up to its
// change), the plain reading, the sectors with their location quotients, the comparison territories and the gaps,
// each chart with its table and source line; in French, without errors or foreign requests, within axe-core's WCAG
// 2.1 AA rules; at 1280 and 390 px (screenshots left in the system's temporary folder to be looked at).
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic, type RunningServer } from "../../src/server/static-server.ts";
import { launchBrowser, openPage } from "./browser.ts";
import { buildSite } from "./build-site.ts";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
let server: RunningServer;
let browser: Browser;
let dist: string;

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "ti-dynamique-"));
  cpSync("data/territoire.json", path.join(dataDir, "territoire.json"));
  cpSync("data/local", path.join(dataDir, "local"), { recursive: true });
  const demo = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/demo/generate.ts", "--out", dataDir], { encoding: "utf8" });
  if (demo.status !== 0) throw new Error(demo.stderr);
  dist = mkdtempSync(path.join(os.tmpdir(), "ti-site-dynamique-"));
  buildSite(dist, dataDir);
  server = await serveStatic(dist);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Decomposition { niveau: string; secteur: string; annee_fin: number; emploi_debut: number | null; emploi_fin: number | null; effet_national: number | null; effet_structurel: number | null; effet_local: number | null }
function published(): { decomposition: Decomposition[]; derniere_annee: number; annee_reference: number; comparables: { comparables: unknown[] } } {
  const dir = path.join(dist, "_file/data/site");
  const file = readdirSync(dir).find((f) => /^dynamique\.[0-9a-f]+\.json$/.test(f))!;
  return JSON.parse(readFileSync(path.join(dir, file), "utf8"));
}

async function cells(page: Page, table: string): Promise<string[][]> {
  return page.$$eval(`${table} tbody tr`, (trs) => trs.map((tr) => Array.from(tr.children, (c) => (c.textContent ?? "").replace(/\s+/g, " ").trim())));
}
/** "+1 234,5" / "−12" -> number. */
const num = (s: string) => Number(s.replace(/\s|\u202f/g, "").replace("−", "-").replace(",", ".").replace(/[^0-9.+-]/g, ""));

describe("page Dynamique de l'emploi", () => {
  it("shows the references, the decomposition, the sectors and the comparison territories", async () => {
    const { page, log } = await openPage(browser, server.url, "/dynamique-emploi");
    await page.waitForSelector("#table-effets", { state: "attached" });
    expect(await page.textContent("h1")).toBe("Dynamique de l'emploi");
    // Each chart in a figure with its text alternative, data table and source line.
    const figures = await page.$$eval("figure.ti-figure", (fs) => fs.map((f) => ({ svg: !!f.querySelector("svg[role=img][aria-label]"), table: !!f.querySelector("table"), source: !!f.querySelector(".ti-source") })));
    expect(figures.length).toBe(4);
    for (const f of figures) expect(f).toEqual({ svg: true, table: true, source: true });
    // References: the territory of the current phase, its départements (Aisne, Somme), its région, France and the comparables' median.
    const heads = await page.$$eval("#table-emploi_salarie_prive thead th", (ths) => ths.map((t) => t.textContent));
    expect(heads).toEqual(["Année", "Haute-Picardie", "Aisne", "Somme", "Hauts-de-France", "France", "Médiane des territoires comparables"]);
    const d = published();
    const ref = (await cells(page, "#table-emploi_salarie_prive")).find((r) => r[0] === String(d.annee_reference))!;
    // Base 100 for every series (« (partiel) » where unpublished cells were left out of a sum).
    expect(ref.slice(1, 7).map((c) => c.replace(" (partiel)", ""))).toEqual(["100,0", "100,0", "100,0", "100,0", "100,0", "100,0"]);
    // Decomposition: every row of the table adds up (rounded to 0.1 job each, so within 0.2).
    const effects = await cells(page, "#table-effets");
    expect(effects.length).toBe(6); // the current phase's territory (Haute-Picardie) and its 5 EPCIs
    for (const r of effects) {
      if (r[4] === "n.d.") continue;
      expect(Math.abs(num(r[5]!) + num(r[6]!) + num(r[7]!) - num(r[4]!)), r.join(" | ")).toBeLessThan(0.2);
    }
    const total = d.decomposition.find((r) => r.niveau === "territoire" && r.secteur === "TOTAL" && r.annee_fin === d.derniere_annee)!;
    expect(num(effects[0]![2]!)).toBe(total.emploi_debut);
    // The reading, generated from the same numbers.
    const reading = await page.textContent("#lecture-decomposition");
    expect(reading).toContain(`Entre ${d.annee_reference} et ${d.derniere_annee}, dans le territoire Haute-Picardie, l'emploi salarié privé est passé de`);
    expect(reading).toContain("pas ce qui l'a causé");
    // Sectors with their location quotients; comparables and gaps.
    const sectors = await cells(page, "#table-secteurs");
    expect(sectors.length).toBeGreaterThan(10);
    expect(sectors.some((r) => r[0]!.startsWith("CA Fabrication de denrées"))).toBe(true);
    expect((await cells(page, "#table-comparables")).length).toBe(10);
    const gaps = await cells(page, "#table-ecarts");
    expect(gaps.map((r) => r[0])).toEqual(["Emploi salarié privé", "Emploi salarié industriel", "Établissements employeurs privés", "Établissements employeurs industriels", "Part de l'industrie dans l'emploi salarié privé"]);
    expect(await page.textContent("#table-ecarts caption")).toContain("une comparaison, pas la mesure d'un effet du programme");
    // Another end year redraws the table.
    await page.selectOption("select", String(d.annee_reference + 1));
    await page.waitForFunction((y) => document.querySelector("#table-effets tbody tr td")?.textContent?.endsWith(String(y)), d.annee_reference + 1);
    await page.screenshot({ path: path.join(os.tmpdir(), "dynamique-1280.png"), fullPage: true });
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.foreignRequests).toEqual([]);
  });

  it("reads on a phone (390 px) without horizontal scroll of the page, within WCAG 2.1 AA", async () => {
    const { page, log } = await openPage(browser, server.url, "/dynamique-emploi", { width: 390, height: 844 });
    await page.waitForSelector("#table-effets", { state: "attached" });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: path.join(os.tmpdir(), "dynamique-390.png"), fullPage: true });
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
      return result.violations.map((v) => `${v.id} : ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" ; ")}`);
    });
    expect(violations).toEqual([]);
    expect(log.pageErrors).toEqual([]);
  });
});
