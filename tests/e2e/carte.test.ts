// "Carte" in Chromium: 231 commune polygons coloured by class, EPCI boundaries, legend with unknown and secret,
// tooltips, the values of communes.json in a table, inputs reflected in and restored from the URL query.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatWithStatus } from "../../docs/components/indicators.js";
import { launchBrowser, openPage } from "./browser.ts";

const url = inject("siteUrl");
const dist = inject("siteDist");
let browser: Browser;

interface Territoire { communes: { code: string; nom: string; epci: string }[]; epcis: { siren: string; nom: string }[] }
interface Communes { communes: string[]; series: Record<string, Record<string, { v: (number | null)[]; s: string[] | null }>> }

function published<T>(name: string): T {
  const dir = path.join(dist, "_file/data/site");
  const file = readdirSync(dir).find((f) => new RegExp(`^${name}\\.[0-9a-f]+\\.json$`).test(f));
  if (!file) throw new Error(`${name}.json absent du site construit`);
  return JSON.parse(readFileSync(path.join(dir, file), "utf8")) as T;
}

/** The expected text of a commune's value: formatted in French, "secret" / "n.d." when unknown. */
function expectedValue(indicateur: string, annee: number, code: string, unite: string): string {
  const communes = published<Communes>("communes");
  const cell = communes.series[indicateur]![String(annee)]!;
  const i = communes.communes.indexOf(code);
  const statut = cell.s?.[i] ?? (cell.v[i] === null ? "manquant" : "ok");
  if (statut === "secret") return "secret";
  return formatWithStatus(cell.v[i], unite, statut);
}

/** Table rows by commune code: [commune, valeur, classe, EPCI, code]. */
async function tableByCode(page: Page): Promise<Map<string, string[]>> {
  const rows = await page.$$eval("#table-carte tbody tr", (trs) => trs.map((tr) => Array.from(tr.children, (c) => (c.textContent ?? "").trim())));
  return new Map(rows.map((r) => [r[4]!, r]));
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("page Carte", () => {
  it("dessine les 231 communes et les limites des EPCI, sans erreur ni requête extérieure, en français", async () => {
    const { page, log } = await openPage(browser, url, "/carte");
    await page.waitForSelector("#carte-svg");
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    expect(await page.$$eval("#carte-svg path.ti-carte-commune", (ps) => ps.length)).toBe(231);
    const epciPaths = await page.$$eval("#carte-svg path.ti-carte-epci", (ps) => ps.map((p) => (p.getAttribute("d") ?? "").length));
    expect(epciPaths).toHaveLength(2);
    for (const d of epciPaths) expect(d).toBeGreaterThan(100);
    expect(await page.getAttribute("#carte-svg", "role")).toBe("img");
    expect(await page.getAttribute("#carte-svg", "aria-label")).toMatch(/Carte des 231 communes/);
    expect(await page.textContent("#source-contours")).toMatch(/Contours : IGN, .+millésime 2018, Licence Ouverte/);
    expect(await page.textContent("figure.ti-carte .ti-source")).toMatch(/^Source : Urssaf/);
    for (const label of ["Indicateur", "Année"]) expect(await page.getByLabel(label, { exact: true }).evaluate((e) => e.tagName)).toBe("SELECT");
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.context().close();
  });

  it("donne dans le tableau la valeur de communes.json de chacune des 231 communes", async () => {
    const t = published<Territoire>("territoire");
    const { page } = await openPage(browser, url, "/carte?indicateur=emploi_industriel&annee=2020");
    await page.waitForSelector("#table-carte");
    const table = await tableByCode(page);
    expect(table.size).toBe(231);
    for (const c of t.communes) {
      expect(table.get(c.code)![0]).toBe(c.nom);
      expect(table.get(c.code)![1], c.code).toBe(expectedValue("emploi_industriel", 2020, c.code, "salariés"));
    }
    await page.context().close();
  });

  it("montre une infobulle avec le nom, la valeur et le statut de la commune survolée", async () => {
    const { page } = await openPage(browser, url, "/carte?indicateur=emploi_industriel&annee=2023");
    await page.waitForSelector("#carte-svg");
    await page.hover('#carte-svg path[data-code="02691"]', { force: true });
    await page.waitForSelector(".ti-carte-tooltip:not([hidden])");
    const text = await page.textContent(".ti-carte-tooltip");
    expect(text).toContain("Saint-Quentin");
    expect(text).toContain(`Emploi salarié industriel, 2023 : ${expectedValue("emploi_industriel", 2023, "02691", "salariés")}`);
    await page.context().close();
  });

  it("restaure l'indicateur et l'année depuis l'adresse, et distingue les valeurs secrètes dans la carte et la légende", async () => {
    const communes = published<Communes>("communes");
    const cell = communes.series.demandeurs_emploi_abc!["2015"]!;
    const secrets = communes.communes.filter((_, i) => cell.s?.[i] === "secret");
    expect(secrets.length).toBeGreaterThan(0);
    const { page, log } = await openPage(browser, url, "/carte?indicateur=demandeurs_emploi_abc&annee=2015");
    await page.waitForSelector("#carte-svg");
    expect(await page.getByLabel("Indicateur", { exact: true }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe("Recruter — Demandeurs d'emploi en catégories A, B, C");
    expect(await page.getByLabel("Année", { exact: true }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe("2015");
    const hatched = await page.$$eval("#carte-svg path.ti-carte-secret", (ps) => ps.map((p) => p.getAttribute("data-code")));
    expect(hatched.sort()).toEqual([...secrets].sort());
    expect(await page.textContent("#legende-carte")).toContain(`secret statistique (${secrets.length})`);
    expect(await page.textContent("#legende-carte")).toMatch(/n\.d\. : valeur non disponible/);
    // A count: circles proportional to the value, not classes (most communes would share a class "0").
    expect(await page.textContent("#legende-carte")).toMatch(/Cercles de surface proportionnelle/);
    const table = await tableByCode(page);
    for (const code of secrets) expect(table.get(code)!.slice(1, 3)).toEqual(["secret", "secret"]);
    expect(log.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("recolorie la carte, change le tableau et l'adresse quand on choisit un autre indicateur", async () => {
    const { page } = await openPage(browser, url, "/carte?indicateur=emploi_industriel&annee=2023");
    await page.waitForSelector("#carte-svg");
    const classesBefore = await page.$$eval("#carte-svg path.ti-carte-commune", (ps) => ps.map((p) => p.getAttribute("class")).join("|"));
    await page.getByLabel("Indicateur", { exact: true }).selectOption({ label: "Attirer — Taux de création d'établissements pour 10 000 habitants" });
    await page.waitForFunction(() => location.search.includes("indicateur=taux_creation_10000_hab"));
    await page.waitForFunction(() => document.querySelector("#table-carte caption")?.textContent?.includes("Taux de création"));
    const classesAfter = await page.$$eval("#carte-svg path.ti-carte-commune", (ps) => ps.map((p) => p.getAttribute("class")).join("|"));
    expect(classesAfter).not.toBe(classesBefore);
    const annee = Number(new URL(page.url()).searchParams.get("annee"));
    const table = await tableByCode(page);
    expect(table.get("02691")![1]).toBe(expectedValue("taux_creation_10000_hab", annee, "02691", "pour 10 000 habitants"));
    await page.context().close();
  });

  it("nomme les communes les plus peuplées, dessine un effectif en cercles et un ratio à seuils (ZAN 30 % / 100 %) en classes", async () => {
    const { page, log } = await openPage(browser, url, "/carte?indicateur=emploi_industriel&annee=2023");
    await page.waitForSelector("#carte-svg");
    const labels = await page.$$eval("#carte-svg text.ti-carte-etiquette", (ts) => ts.map((t) => t.textContent));
    expect(labels.length).toBeGreaterThanOrEqual(8);
    expect(labels).toContain("Saint-Quentin");
    expect(labels).toContain("Tergnier");
    // Communes with a positive known value have a circle; the map is wider than the 474 px of the first version.
    const communes = published<Communes>("communes");
    const cell = communes.series.emploi_industriel!["2023"]!;
    const positive = cell.v.filter((v, i) => v !== null && v > 0 && cell.s?.[i] !== "secret").length;
    expect(await page.$$eval("#carte-svg circle.ti-carte-cercle", (cs) => cs.length)).toBe(positive);
    expect(Number(await page.getAttribute("#carte-svg", "width"))).toBeGreaterThan(600);
    expect(await page.textContent("#legende-carte")).not.toMatch(/Classes par quantiles/);

    await page.goto(`${url}/carte?indicateur=trajectoire_zan_pct`, { waitUntil: "networkidle" });
    await page.waitForSelector("#carte-svg");
    const legend = await page.textContent("#legende-carte");
    expect(legend).toMatch(/moins de 30\u202f%/);
    expect(legend).toMatch(/de 30\u202f% à moins de 100\u202f%/);
    expect(legend).toMatch(/100\u202f% ou plus/);
    expect(log.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("se parcourt au clavier : la recherche d'une commune la marque sur la carte et lit sa valeur", async () => {
    const { page } = await openPage(browser, url, "/carte?indicateur=emploi_industriel&annee=2023");
    await page.waitForSelector("#carte-svg");
    await page.getByLabel("Trouver une commune sur la carte").focus();
    await page.keyboard.type("Tergnier");
    await page.waitForSelector(".ti-carte-tooltip:not([hidden])");
    const territoire = published<Territoire>("territoire");
    const tergnier = territoire.communes.find((c) => c.nom === "Tergnier")!;
    expect(await page.$$eval("#carte-svg path.ti-carte-selection", (ps) => ps.map((p) => p.getAttribute("data-code")))).toEqual([tergnier.code]);
    expect(await page.textContent(".ti-carte-tooltip")).toContain(`Emploi salarié industriel, 2023 : ${expectedValue("emploi_industriel", 2023, tergnier.code, "salariés")}`);
    // From the table: the commune's button selects it too.
    await page.getByRole("button", { name: "Saint-Quentin : voir sur la carte" }).press("Enter");
    expect(await page.$$eval("#carte-svg path.ti-carte-selection", (ps) => ps.map((p) => p.getAttribute("data-code")))).toEqual(["02691"]);
    await page.keyboard.press("Escape");
    await page.context().close();
  });

  it("a un tableau complet (sans défilement interne) qui se trie et se filtre", async () => {
    const { page } = await openPage(browser, url, "/carte?indicateur=emploi_industriel&annee=2023");
    await page.waitForSelector("#table-carte");
    const scroll = await page.$eval(".ti-carte-table", (e) => ({ overflowY: getComputedStyle(e).overflowY, inner: e.scrollHeight - e.clientHeight }));
    expect(scroll.inner).toBeLessThanOrEqual(1);
    // A number column sorts from the largest first; a second press reverses it.
    await page.getByRole("button", { name: "Valeur", exact: true }).click();
    expect(await page.getAttribute("#table-carte th:nth-child(2)", "aria-sort")).toBe("descending");
    const values = await page.$$eval("#table-carte tbody td:nth-child(2)", (tds) => tds.map((td) => (td as HTMLElement).dataset.value ?? ""));
    const known = values.filter((v) => v !== "").map(Number);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    // Unknown values last.
    expect(values.slice(known.length).every((v) => v === "")).toBe(true);
    await page.getByRole("button", { name: "Valeur", exact: true }).click();
    expect(await page.getAttribute("#table-carte th:nth-child(2)", "aria-sort")).toBe("ascending");
    await page.getByLabel("Filtrer les communes").fill("quentin");
    const names = await page.$$eval("#table-carte tbody th", (ths) => ths.map((th) => th.textContent ?? ""));
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n.toLowerCase()).toContain("quentin");
    expect(await page.textContent("#table-carte-compte")).toMatch(new RegExp(`^${names.length} communes sur 231\\.$`));
    await page.context().close();
  });
});
