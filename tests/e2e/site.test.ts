// The built site, opened in Chromium: every page loads cleanly, in French, with the territory and the data status.
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadTerritory } from "../../src/territory/territory.ts";
import { formatNumber } from "../../src/format/number.ts";
import { launchBrowser, openPage } from "./browser.ts";

const dist = inject("siteDist");
const server = { url: inject("siteUrl") };
let browser: Browser;

async function builtPages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".html") && !path.join(e.parentPath, e.name).includes("_observablehq"))
    .map((e) => "/" + path.relative(dir, path.join(e.parentPath, e.name)).replace(/(index)?\.html$/, ""));
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("le site construit", () => {
  it("ouvre chaque page sans erreur de console, sans requête vers une autre origine, en français", async () => {
    const pages = await builtPages(dist);
    expect(pages).toContain("/");
    for (const p of pages) {
      const { page, log } = await openPage(browser, server.url, p);
      expect(await page.getAttribute("html", "lang"), p).toBe("fr");
      expect(log.consoleErrors, p).toEqual([]);
      expect(log.pageErrors, p).toEqual([]);
      expect(log.foreignRequests, p).toEqual([]);
      await page.context().close();
    }
  }, 240_000); // 25 pages, about 2 s each

  it("montre sur l'accueil, pour la phase en cours (2023-2027, ti-3208), les 5 EPCI, les 231 communes et les populations du découpage administratif", async () => {
    const territory = await loadTerritory("data");
    const { page } = await openPage(browser, server.url, "/");
    await page.waitForSelector("#table-epci");
    expect(await page.textContent("#nombre-epci")).toBe("5");
    expect(await page.textContent("#nombre-communes")).toBe("231");
    expect(await page.textContent("#population")).toBe(formatNumber(territory.population));
    const rows = await page.$$eval("#table-epci tbody tr", (trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent?.trim())));
    expect(rows).toHaveLength(5);
    for (const e of territory.epcis) expect(rows).toContainEqual([e.nom, e.siren, String(e.communes.length), formatNumber(e.population)]);
    await page.context().close();
  });

  it("dit que les données sont fictives, et montre un graphique avec son tableau et sa source par famille", async () => {
    const { page } = await openPage(browser, server.url, "/");
    await page.waitForSelector("figure.ti-figure");
    expect(await page.textContent("#statut-donnees")).toMatch(/démonstration/i);
    expect(await page.textContent("header")).toMatch(/fictifs/);
    const figures = await page.$$eval("figure.ti-figure", (fs) =>
      fs.map((f) => ({ svg: !!f.querySelector("svg[role=img][aria-label]"), rows: f.querySelectorAll("table tbody tr").length, source: f.querySelector(".ti-source")?.textContent ?? "" })),
    );
    expect(figures).toHaveLength(4);
    for (const f of figures) {
      expect(f.svg).toBe(true);
      expect(f.rows).toBeGreaterThan(5);
      expect(f.source).toMatch(/^Source : .+millésime .+démonstration/);
    }
    await page.context().close();
  });
});
