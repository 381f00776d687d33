// The territory beside its départements, région, France and comparison territories (docs/components/references.js)
// in Chromium, on the default demonstration data (national URSSAF file): under each URSSAF indicator of an axis
// page, on the synthesis and in a report; the figures shown agree with references.json and with the territory's
// published rows; every chart has its table and source line; labelled as a comparison; no error, no foreign
// request; at 1280 and 390 px (screenshots left in the system's temporary folder to be looked at), WCAG 2.1 AA.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser.ts";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
let browser: Browser;
const origin = inject("siteUrl");

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function published<T>(name: string): T {
  const dir = path.join(inject("siteDist"), "_file/data/site");
  const file = readdirSync(dir).find((f) => new RegExp(`^${name}\\.[0-9a-f]+\\.json$`).test(f))!;
  return JSON.parse(readFileSync(path.join(dir, file), "utf8")) as T;
}

interface Geo { niveau: string; libelle_geo: string; valeurs: Record<string, { v: number | null; s: string }> }
interface Block { titre: string; annee_debut: number; annees: number[]; part: boolean; geos: Geo[]; comparables: { annee_fin: number; mediane: number | null; ecart: number | null; rang: number | null; n: number }[] }
interface References { disponible: boolean; comparables: unknown[]; territoires: Record<string, { nom: string; blocs: Record<string, Block> }> }

async function cells(page: Page, table: string): Promise<string[][]> {
  return page.$$eval(`${table} tbody tr`, (trs) => trs.map((tr) => Array.from(tr.children, (c) => (c.textContent ?? "").replace(/\s+/g, " ").trim())));
}
/** "+1 234,5 %" / "−12 pt" -> number. */
const num = (s: string) => Number(s.replace(/\s|\u202f/g, "").replace("−", "-").replace(",", ".").replace(/[^0-9.+-]/g, ""));
const pct = (a: number, b: number) => (b / a - 1) * 100;
const lastYear = (b: Block) => b.annees.filter((y) => y > b.annee_debut && b.geos[0]!.valeurs[String(y)]?.v != null).at(-1)!;

describe("the territory beside its references", () => {
  const refs = published<References>("references");
  const rows = published<{ indicateur: string; niveau: string; code_geo: string; annee: number; valeur: number | null }[]>("indicateurs");

  it("publishes, for each phase's territory, the URSSAF indicators beside the territory's départements, région and France", () => {
    expect(refs.disponible).toBe(true);
    expect(refs.comparables).toHaveLength(10);
    const t = refs.territoires["saint-quentinois-tergnier"]!;
    expect(Object.keys(t.blocs).sort()).toEqual(["emploi_industriel", "emploi_salarie_prive", "etablissements_industriels", "etablissements_prives", "part_emploi_industriel"]);
    const b = t.blocs.emploi_salarie_prive!;
    // Its communes lie in the Aisne and the Somme (the union perimeter's former commune codes).
    expect(b.geos.map((g) => g.libelle_geo)).toEqual(["Saint-Quentinois – Tergnier", "Aisne", "Somme", "Hauts-de-France", "France"]);
    // The territory's values are those of its published rows.
    const own = rows.find((r) => r.indicateur === "emploi_salarie_prive" && r.niveau === "territoire" && r.code_geo === "saint-quentinois-tergnier" && r.annee === 2018)!;
    expect(b.geos[0]!.valeurs["2018"]!.v).toBe(own.valeur);
  });

  it("shows a figure, its table and source line under each URSSAF indicator of an axis page, and none under the others", async () => {
    const { page, log } = await openPage(browser, origin, "/attirer");
    await page.waitForSelector("#emploi_salarie_prive .ti-references table", { state: "attached" });
    await page.waitForSelector("#part_emploi_industriel .ti-references table", { state: "attached" });
    const b = refs.territoires["saint-quentinois-tergnier"]!.blocs.emploi_salarie_prive!;
    const y = lastYear(b);
    const block = "#emploi_salarie_prive .ti-references";
    const figure = await page.$eval(block, (f) => ({
      svg: !!f.querySelector("svg[role=img][aria-label]"), alt: f.querySelector("figcaption")?.textContent ?? "", source: f.querySelector("p.ti-source")?.textContent ?? "",
      text: f.textContent ?? "",
    }));
    expect(figure.svg).toBe(true);
    expect(figure.alt).toContain(`Emploi salarié privé, évolution 2018-${y}`);
    expect(figure.source).toMatch(/^Source : Urssaf Caisse nationale, Établissements et effectifs salariés .*millésime 2011-\d{4}, ODbL.* — données de démonstration fictives/);
    expect(figure.text).toContain("Une comparaison, pas la mesure d'un effet du programme");
    const table = await cells(page, `${block} table`);
    // Territory, Aisne, Somme, Hauts-de-France, France; then the comparables' median, middle half and gap.
    expect(table.map((r) => r[0])).toEqual([
      "Saint-Quentinois – Tergnier (territoire)", "Aisne (département)", "Somme (département)", "Hauts-de-France (région)", "France",
      "Médiane des 10 territoires comparables", "Moitié centrale des comparables (1er – 3e quartile)", "Écart aux territoires comparables",
    ]);
    // Change and index base 100 of the territory, from its values of 2018 and of the last year.
    const v0 = b.geos[0]!.valeurs["2018"]!.v!;
    const v1 = b.geos[0]!.valeurs[String(y)]!.v!;
    expect(num(table[0]![3]!)).toBeCloseTo(pct(v0, v1), 1);
    expect(num(table[0]![4]!)).toBeCloseTo(100 + pct(v0, v1), 1);
    // Per 1,000 inhabitants: the phase's population municipale.
    const territoire = published<{ phases: { code: string; population: number }[] }>("territoire");
    const population = territoire.phases.find((p) => p.code === "saint-quentinois-tergnier")!.population;
    expect(num(table[0]![5]!)).toBeCloseTo((v1 / population) * 1000, 1);
    // The gap: the territory's change minus the comparables' median, in points.
    const c = b.comparables.find((s) => s.annee_fin === y)!;
    expect(num(table[7]![1]!.split("—")[0]!)).toBeCloseTo(c.ecart!, 1);
    expect(table[7]![1]).toContain(`rang ${c.rang} sur ${c.n + 1}`);
    // A share: no index, no per-capita column.
    const heads = await page.$$eval("#part_emploi_industriel .ti-references thead th", (ths) => ths.map((t) => t.textContent));
    expect(heads).toEqual(["Territoire", "2018", String(y), `Évolution 2018-${y}`]);
    // The comparables' page, from the site's root.
    expect(await page.getAttribute(`${block} a[href*="dynamique-emploi"]`, "href")).toBe("/dynamique-emploi#territoires-comparables");
    // Indicators without reference levels have no block.
    expect(await page.$$eval("#creations_etablissements .ti-references, #creations_etablissements .ti-references-slot", (n) => n.length)).toBe(0);
    await page.locator(block).screenshot({ path: path.join(os.tmpdir(), "references-attirer-1280.png") });
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });

  it("shows the block on a priority's page too (one folder down), for the current phase's territory, its link from the root", async () => {
    const { page, log } = await openPage(browser, origin, "/priorites/ecosystemes-innovation");
    await page.waitForSelector("#emploi_salarie_prive .ti-references table", { state: "attached" });
    const rows = await cells(page, "#emploi_salarie_prive .ti-references table");
    expect(rows[0]![0]).toBe("Haute-Picardie (territoire)");
    expect(await page.getAttribute("#emploi_salarie_prive .ti-references a[href*=\"dynamique-emploi\"]", "href")).toBe("/dynamique-emploi#territoires-comparables");
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });

  it("sums up every indicator on the synthesis, the gap being the territory's change minus the comparables' median", async () => {
    const { page, log } = await openPage(browser, origin, "/");
    await page.waitForSelector("#table-references", { state: "attached" });
    expect(await page.textContent("#references-titre")).toBe("Comparé aux références");
    const heads = await page.$$eval("#table-references thead th", (ths) => ths.map((t) => (t.textContent ?? "").trim()));
    // The current phase: Haute-Picardie, its two départements, its région.
    expect(heads).toEqual(["Indicateur", "Période", "Haute-Picardie", "Aisne", "Somme", "Hauts-de-France", "France", "Médiane des comparables", "Écart aux territoires comparables", "Rang"]);
    const table = await cells(page, "#table-references");
    expect(table).toHaveLength(5);
    const t = refs.territoires["ti-3208"]!;
    for (const r of table) {
      const b = Object.values(t.blocs).find((x) => x.titre === r[0])!;
      const y = lastYear(b);
      expect(r[1]).toBe(`${b.annee_debut}-${y}`);
      const own = b.geos[0]!;
      const change = b.part ? own.valeurs[String(y)]!.v! - own.valeurs[String(b.annee_debut)]!.v! : pct(own.valeurs[String(b.annee_debut)]!.v!, own.valeurs[String(y)]!.v!);
      expect(num(r[2]!)).toBeCloseTo(change, 1);
      // Rounded each to 0.1: the gap within 0.15 of the difference of the two shown.
      expect(Math.abs(num(r[8]!) - (num(r[2]!) - num(r[7]!)))).toBeLessThan(0.15);
    }
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });

  it("gives the report a section with the table and sentences of the year", async () => {
    const { page, log } = await openPage(browser, origin, "/rapports/2024");
    await page.waitForSelector("#rapport-references", { state: "attached" });
    expect(await page.textContent("#references-rapport-titre")).toBe("Le territoire et ses références");
    const table = await cells(page, "#rapport-references");
    expect(table.map((r) => r[1])).toEqual(["2022-2024", "2022-2024", "2022-2024", "2022-2024", "2022-2024"]);
    const sentences = await page.$$eval("#references li", (lis) => lis.map((l) => l.textContent ?? ""));
    expect(sentences[0]).toMatch(/^Emploi salarié privé : entre 2022 et 2024, [+−]\d+,\d\u202f% dans le territoire \(de /);
    expect(sentences.some((s) => s.startsWith("Écart aux territoires comparables : "))).toBe(true);
    expect(await page.textContent("#references")).toContain("Une comparaison, pas la mesure d'un effet du programme");
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });

  it("reads on a phone (390 px) without horizontal scroll of the page, within WCAG 2.1 AA", async () => {
    const { page, log } = await openPage(browser, origin, "/attirer", { width: 390, height: 844 });
    await page.waitForSelector("#emploi_salarie_prive .ti-references table", { state: "attached" });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.locator("#emploi_salarie_prive .ti-references").screenshot({ path: path.join(os.tmpdir(), "references-attirer-390.png") });
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (c: object, o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run({ include: [".ti-references"] }, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
      return result.violations.map((v) => `${v.id} : ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" ; ")}`);
    });
    expect(violations).toEqual([]);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });
});
