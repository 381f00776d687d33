// The commune search of every page's header and the commune profile: each indicator of the commune with its
// EPCI's and the territory's values for the same year, as in the published files.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatWithStatus } from "../../docs/components/indicators.js";
import { launchBrowser, openPage } from "./browser.ts";

const url = inject("siteUrl");
const dist = inject("siteDist");
let browser: Browser;

interface Row { indicateur: string; niveau: string; code_geo: string; annee: number; valeur: number | null; statut: string }
interface Communes { communes: string[]; series: Record<string, Record<string, { v: (number | null)[]; s: string[] | null }>> }
interface Territoire { id: string; communes: { code: string; nom: string; epci: string }[] }

function published<T>(name: string): T {
  const dir = path.join(dist, "_file/data/site");
  const file = readdirSync(dir).find((f) => new RegExp(`^${name}\\.[0-9a-f]+\\.json$`).test(f));
  if (!file) throw new Error(`${name}.json absent du site construit`);
  return JSON.parse(readFileSync(path.join(dir, file), "utf8")) as T;
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("recherche d'une commune", () => {
  it("le champ de l'en-tête, présent sur chaque page, mène au clavier au profil de la commune", async () => {
    for (const start of ["/attirer", "/rapports/", "/glossaire"]) {
      const { page, log } = await openPage(browser, url, start);
      const input = page.getByLabel("Rechercher une commune");
      await input.focus();
      await page.keyboard.type("saint quentin");
      await Promise.all([page.waitForURL(/\/commune\?/), page.keyboard.press("Enter")]);
      await page.waitForSelector("#profil-commune");
      expect(await page.textContent("#titre-commune")).toMatch(/^Saint-Quentin\s*\(02691\)$/);
      expect(new URL(page.url()).search).toBe("?code=02691");
      expect(log.consoleErrors, start).toEqual([]);
      await page.context().close();
    }
  });

  it("une recherche ambiguë liste les communes qui correspondent, une recherche vaine le dit", async () => {
    const { page } = await openPage(browser, url, "/commune?q=saint");
    await page.waitForSelector("#commune-resultats");
    const links = await page.$$eval("#commune-resultats a", (as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
    expect(links.length).toBeGreaterThan(1);
    for (const [name, href] of links) {
      expect(name?.toLowerCase()).toContain("saint");
      expect(href).toMatch(/^\?code=\d[0-9AB]\d{3}$/);
    }
    await page.goto(`${url}/commune?q=zzzz`, { waitUntil: "networkidle" });
    expect(await page.textContent("#commune-aucune")).toMatch(/Aucune commune du territoire ne correspond à « zzzz »/);
    await page.context().close();
  });
});

describe("profil d'une commune", () => {
  it("donne pour chaque indicateur la dernière valeur de la commune et, la même année, celles de son EPCI et du territoire", async () => {
    const territoire = published<Territoire>("territoire");
    const communes = published<Communes>("communes");
    const rows = published<Row[]>("indicateurs");
    const commune = territoire.communes.find((c) => c.nom === "Tergnier")!;
    const { page, log } = await openPage(browser, url, `/commune?code=${commune.code}`);
    await page.waitForSelector("#profil-commune");
    const shown = await page.$$eval(".ti-commune-dernieres tbody tr", (trs) =>
      trs.map((tr) => ({ id: tr.getAttribute("data-indicateur")!, cells: [...tr.children].map((c) => (c.textContent ?? "").trim()) })),
    );
    // Every indicator published at the commune level has a row.
    expect(shown.map((r) => r.id).sort()).toEqual(Object.keys(communes.series).sort());
    const i = communes.communes.indexOf(commune.code);
    for (const id of ["emploi_industriel", "demandeurs_emploi_abc", "consommation_enaf_ha"]) {
      const row = shown.find((r) => r.id === id)!;
      const unit = row.cells[1]!;
      // The latest year with a known value of the commune, computed from communes.json.
      const years = Object.keys(communes.series[id]!).map(Number).sort((a, b) => a - b);
      const annee = years.filter((y) => communes.series[id]![String(y)]!.v[i] !== null).at(-1)!;
      const cell = communes.series[id]![String(annee)]!;
      expect(row.cells[2], id).toBe(String(annee));
      expect(row.cells[3], id).toBe(formatWithStatus(cell.v[i]!, unit, cell.s?.[i] ?? "ok"));
      const epci = rows.find((r) => r.indicateur === id && r.niveau === "epci" && r.code_geo === commune.epci && r.annee === annee)!;
      expect(row.cells[4], id).toBe(formatWithStatus(epci.valeur, unit, epci.statut));
      const ti = rows.find((r) => r.indicateur === id && r.niveau === "territoire" && r.code_geo === territoire.id && r.annee === annee)!;
      expect(row.cells[5], id).toBe(formatWithStatus(ti.valeur, unit, ti.statut));
    }
    // The series of an indicator, one row per year.
    await page.click("#serie-emploi_industriel summary");
    const years = await page.$$eval("#serie-emploi_industriel tbody th", (ths) => ths.map((th) => Number(th.textContent)));
    expect(years).toEqual(Object.keys(communes.series.emploi_industriel!).map(Number).sort((a, b) => a - b));
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.context().close();
  });
});
