// Brownfields in Chromium: the sortable list of the « Friches » page, the points of the « Carte » page (one per site
// with a position, shaped and coloured by status), the link from the action plan to the site named « Flodor », in
// French, without errors or requests to other origins, and within axe-core's WCAG 2.1 AA rules in both themes.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatIndicator } from "../../docs/components/indicators.js";
import { launchBrowser, openPage } from "./browser.ts";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const url = inject("siteUrl");
const dist = inject("siteDist");
let browser: Browser;

interface Site { id: string; nom: string | null; commune_nom: string; statut: string; surface_ha: number | null; type: string | null; source: string | null; longitude: number | null; latitude: number | null; actions: { id: string }[] }
interface Friches { disponible: boolean; annee: number; millesime: string; sites: Site[] }
interface Row { indicateur: string; niveau: string; code_geo: string; annee: number; valeur: number | null; statut: string }

function published<T>(name: string): T {
  const dir = path.join(dist, "_file/data/site");
  const file = readdirSync(dir).find((f) => new RegExp(`^${name}\\.[0-9a-f]+\\.json$`).test(f));
  if (!file) throw new Error(`${name}.json absent du site construit`);
  return JSON.parse(readFileSync(path.join(dir, file), "utf8")) as T;
}

/** The body rows of a table: the text of each cell. */
async function cells(page: Page, table: string): Promise<string[][]> {
  return page.$$eval(`${table} tbody tr`, (trs) => trs.map((tr) => Array.from(tr.children, (c) => (c.textContent ?? "").replace(/\s+/g, " ").trim())));
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => `${v.id} : ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" ; ")}`);
  });
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("page Friches", () => {
  it("liste chaque site de friches.json (nom, commune, statut, surface en ha, type, source), avec les indicateurs du territoire", async () => {
    const friches = published<Friches>("friches");
    const territoire = published<{ id: string }>("territoire");
    expect(friches.disponible).toBe(true);
    expect(friches.sites.length).toBeGreaterThan(20);
    const { page, log } = await openPage(browser, url, "/friches");
    await page.waitForSelector("#table-friches tbody tr");
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    expect(await page.$$eval("#table-friches thead th", (ths) => ths.map((t) => t.textContent!.trim()))).toEqual(["Nom", "Commune", "Statut", "Surface (ha)", "Type", "Source", "Actions du plan"]);
    const rows = await cells(page, "#table-friches");
    expect(rows).toHaveLength(friches.sites.length);
    // Sorted by commune at first; every site as published: surface in French with two decimals, unknown spelt out.
    const label = (statut: string) => statut[0]!.toUpperCase() + statut.slice(1);
    const byId = new Map(await page.$$eval("#table-friches tbody tr", (trs) => trs.map((tr, i) => [tr.getAttribute("data-id")!, i] as const)));
    for (const s of friches.sites) {
      const row = rows[byId.get(s.id)!]!;
      const surface = s.surface_ha === null ? "n.d." : new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(s.surface_ha);
      expect(row.slice(0, 6), s.id).toEqual([s.nom ?? "(sans nom)", s.commune_nom, label(s.statut), surface, s.type ?? "inconnu", s.source ?? "n.d."]);
    }
    const communes = rows.map((r) => r[1]!);
    expect(communes).toEqual([...communes].sort((a, b) => a.localeCompare(b, "fr")));
    expect(friches.sites.some((s) => s.surface_ha === null)).toBe(true);

    // The Flodor site, in Péronne, links to the action that names it.
    const flodor = friches.sites.find((s) => s.nom === "Flodor")!;
    expect(flodor).toMatchObject({ commune_nom: "Péronne", actions: [{ id: "INN-1" }] });
    expect(await page.getAttribute("#friche-80620_0001 a", "href")).toBe("./plan-actions#action-INN-1");

    // The key figures are the territory's values of indicateurs.json for the vintage year.
    const indicateurs = published<Row[]>("indicateurs");
    const value = (id: string) => indicateurs.find((r) => r.indicateur === id && r.niveau === "territoire" && r.code_geo === territoire.id && r.annee === friches.annee)!;
    const recensees = value("friches_recensees");
    expect(recensees.valeur).toBe(friches.sites.filter((s) => s.statut !== "friche reconvertie").length);
    expect(await page.textContent('#synthese-friches [data-indicateur="friches_recensees"] .value')).toBe(`${formatIndicator(recensees.valeur, "sites")} sites`);
    const pct = value("friches_avec_projet_pct");
    expect(await page.textContent('#synthese-friches [data-indicateur="friches_avec_projet_pct"] .value')).toBe(formatIndicator(pct.valeur, "%"));
    expect(await page.textContent("main")).toMatch(/Source : Cerema \(Cartofriches.*millésime 15\/11\/2023, Licence Ouverte.* données de démonstration fictives/s);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.context().close();
  });

  it("trie la liste au clavier : surface croissante puis décroissante, valeurs inconnues toujours en dernier", async () => {
    const friches = published<Friches>("friches");
    const { page } = await openPage(browser, url, "/friches");
    await page.waitForSelector("#table-friches tbody tr");
    const button = page.locator('#table-friches th[data-key="surface"] button');
    await button.focus();
    await page.keyboard.press("Enter");
    expect(await page.getAttribute('#table-friches th[data-key="surface"]', "aria-sort")).toBe("ascending");
    expect(await page.getAttribute('#table-friches th[data-key="commune"]', "aria-sort")).toBeNull();
    const known = friches.sites.filter((s) => s.surface_ha !== null).map((s) => s.surface_ha!);
    const ids = async () => page.$$eval("#table-friches tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-id")!));
    const surfaces = async () => (await ids()).map((id) => friches.sites.find((s) => s.id === id)!.surface_ha);
    const nulls = friches.sites.length - known.length;
    expect(await surfaces()).toEqual([...[...known].sort((a, b) => a - b), ...Array(nulls).fill(null)]);
    await page.keyboard.press("Space");
    expect(await page.getAttribute('#table-friches th[data-key="surface"]', "aria-sort")).toBe("descending");
    expect(await surfaces()).toEqual([...[...known].sort((a, b) => b - a), ...Array(nulls).fill(null)]);
    // By status: the order of the standard's legend.
    await page.click('#table-friches th[data-key="statut"] button');
    const order = ["friche sans projet", "friche avec projet", "friche potentielle", "friche reconvertie"];
    const statuts = (await ids()).map((id) => friches.sites.find((s) => s.id === id)!.statut);
    expect(statuts).toEqual([...statuts].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    await page.context().close();
  });

  it("respecte les règles WCAG 2.1 A et AA d'axe-core en mode clair et en mode sombre, comme la section Friches de la carte", async () => {
    const found: string[] = [];
    for (const p of ["/friches", "/carte"])
      for (const colorScheme of ["light", "dark"] as const) {
        const { page } = await openPage(browser, url, p);
        await page.emulateMedia({ colorScheme });
        await page.waitForSelector(p === "/friches" ? "#table-friches tbody tr" : "#table-friches-carte tbody tr");
        found.push(...(await axeViolations(page)).map((v) => `${p} (${colorScheme}) ${v}`));
        await page.context().close();
      }
    expect(found).toEqual([]);
  }, 120_000);
});

describe("page Carte, section Friches", () => {
  it("place un symbole par site ayant une position, de la forme et de la couleur de son statut, avec légende et tableau", async () => {
    const friches = published<Friches>("friches");
    const placed = friches.sites.filter((s) => s.longitude !== null && s.latitude !== null);
    const { page, log } = await openPage(browser, url, "/carte#friches");
    await page.waitForSelector("#carte-friches-svg");
    const points = await page.$$eval("#carte-friches-svg path.ti-friche-point", (ps) => ps.map((p) => [p.getAttribute("data-id"), p.getAttribute("class"), p.getAttribute("transform")]));
    expect(points.map((p) => p[0]).sort()).toEqual(placed.map((s) => s.id).sort());
    const css: Record<string, string> = { "friche sans projet": "sans-projet", "friche avec projet": "avec-projet", "friche potentielle": "potentielle", "friche reconvertie": "reconvertie" };
    for (const [id, cls, transform] of points) {
      const site = placed.find((s) => s.id === id)!;
      expect(cls).toBe(`ti-friche-point ti-friche-${css[site.statut]}`);
      // Inside the drawing.
      const [x, y] = /translate\(([\d.]+),([\d.]+)\)/.exec(transform!)!.slice(1).map(Number) as [number, number];
      const [w, h] = await page.$eval("#carte-friches-svg", (svg) => [Number(svg.getAttribute("width")), Number(svg.getAttribute("height"))]);
      expect(x > 0 && x < w && y > 0 && y < h, id!).toBe(true);
    }
    // One shape per status, so that colour is never the only cue.
    const shapes = await page.$$eval("#carte-friches-svg path.ti-friche-point", (ps) => {
      const byClass = new Map<string, Set<string>>();
      for (const p of ps) (byClass.get(p.getAttribute("class")!) ?? byClass.set(p.getAttribute("class")!, new Set()).get(p.getAttribute("class")!)!).add(p.getAttribute("d")!);
      return [...byClass.values()].map((s) => [...s]);
    });
    expect(shapes.every((s) => s.length === 1)).toBe(true);
    expect(new Set(shapes.map((s) => s[0])).size).toBe(shapes.length);
    expect(await page.getAttribute("#carte-friches-svg", "role")).toBe("img");
    expect(await page.getAttribute("#carte-friches-svg", "aria-label")).toContain(`les ${placed.length} friches recensées par Cartofriches qui ont une position`);
    const legend = await page.textContent("#legende-friches");
    for (const [statut, label] of [["friche potentielle", "Friche potentielle"], ["friche sans projet", "Friche sans projet"], ["friche avec projet", "Friche avec projet"], ["friche reconvertie", "Friche reconvertie"]] as const) {
      const n = friches.sites.filter((s) => s.statut === statut).length;
      expect(legend).toContain(`${label} (${n} site${n > 1 ? "s" : ""}`);
    }
    expect(await page.textContent("#figure-friches .ti-source")).toMatch(/^Source : Cerema/);
    expect(await cells(page, "#table-friches-carte")).toHaveLength(friches.sites.length);
    // The communes' own map is untouched: still 231 communes there.
    expect(await page.$$eval("#carte-svg path.ti-carte-commune", (ps) => ps.length)).toBe(231);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.context().close();
  });

  it("nomme le site survolé dans une infobulle", async () => {
    const { page } = await openPage(browser, url, "/carte#friches");
    await page.waitForSelector("#carte-friches-svg");
    await page.hover('#carte-friches-svg path[data-id="80620_0001"]', { force: true });
    await page.waitForSelector("#figure-friches .ti-carte-tooltip:not([hidden])");
    expect(await page.textContent("#figure-friches .ti-carte-tooltip")).toMatch(/^Flodor \(Péronne\)Friche avec projet · /);
    await page.context().close();
  });
});

describe("plan d'actions", () => {
  it("relie l'action qui nomme Flodor à sa ligne de la liste des friches", async () => {
    const { page } = await openPage(browser, url, "/plan-actions");
    await page.waitForSelector("#action-INN-1 .ti-action-sites");
    expect(await page.textContent("#action-INN-1 .ti-action-sites li")).toBe("Flodor (Péronne)");
    // No other action of the demonstration plan names a site.
    expect(await page.$$eval(".ti-action-sites", (els) => els.length)).toBe(1);
    await page.click("#action-INN-1 .ti-action-sites a");
    await page.waitForURL(/\/friches#friche-80620_0001$/);
    await page.waitForSelector("#friche-80620_0001");
    // The row, rendered after the data loads, is scrolled into view.
    await page.waitForFunction(() => {
      const box = document.getElementById("friche-80620_0001")!.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(await page.textContent("#friche-80620_0001 th")).toBe("Flodor");
    await page.context().close();
  });
});
