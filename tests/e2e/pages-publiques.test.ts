// Public pages for users: no developer text, a glossary linked from terms, a 404 page with navigation,
// a notice without JavaScript, a favicon, the synthesis readable at 390 px, no Plot warning on any chart.
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser.ts";

const url = inject("siteUrl");
const dist = inject("siteDist");
let browser: Browser;

/** Every page of the built site (of the yearly reports, the latest one). */
async function allPages(): Promise<string[]> {
  const entries = await readdir(dist, { recursive: true, withFileTypes: true });
  const pages = entries
    .filter((e) => e.isFile() && e.name.endsWith(".html") && !e.parentPath.includes("_observablehq") && e.name !== "404.html")
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

describe("graphiques", () => {
  it("aucun graphique d'aucune page ne porte l'avertissement ⚠ d'Observable Plot ni une année décimale", async () => {
    const found: string[] = [];
    for (const p of await allPages()) {
      const { page } = await openPage(browser, url, p);
      await page.waitForTimeout(300);
      const bad = await page.$$eval("svg", (ss) =>
        ss.flatMap((s) => [...s.querySelectorAll("text")].map((t) => t.textContent ?? "").filter((t) => t.includes("⚠") || /^(19|20)\d\d[.,]\d+$/.test(t))),
      );
      for (const b of bad) found.push(`${p} : « ${b} »`);
      await page.context().close();
    }
    expect(found).toEqual([]);
  }, 300_000);

  it("sur les pages des axes, les graduations d'un axe ne se répètent jamais et un indicateur d'une seule année est écrit en valeur", async () => {
    for (const p of ["/attirer", "/recruter", "/innover", "/simplifier"]) {
      const { page } = await openPage(browser, url, p);
      await page.waitForSelector(".ti-indicator");
      const sections = await page.$$eval(".ti-indicator", (ss) =>
        ss.map((s) => {
          const svg = s.querySelector("svg[role=img]");
          // Tick labels: groups whose children are all <text> (Plot's axis label groups).
          const groups = svg ? [...svg.querySelectorAll("g")].filter((g) => g.children.length > 1 && [...g.children].every((c) => c.tagName === "text")) : [];
          return {
            id: s.id,
            chart: !!svg,
            single: s.querySelector(".ti-single")?.textContent ?? null,
            repeated: groups.map((g) => [...g.children].map((t) => t.textContent)).filter((ls) => new Set(ls).size !== ls.length),
          };
        }),
      );
      for (const s of sections) {
        expect(s.repeated, `${p} ${s.id}`).toEqual([]);
        expect(s.chart || /Une seule année connue : \d{4}/.test(s.single ?? ""), `${p} ${s.id}`).toBe(true);
      }
      await page.context().close();
    }
  });
});

describe("pages publiques", () => {
  it("aucune page publique ne montre de commande ni de chemin de code (ils sont dans l'administration de la page Données)", async () => {
    const found: string[] = [];
    for (const p of await allPages()) {
      if (p === "/donnees" || p === "/donnees-officielles" || p.startsWith("/rapports")) continue;
      const { page } = await openPage(browser, url, p);
      await page.waitForTimeout(300);
      const text = await page.$eval("#observablehq-main", (m) => (m as HTMLElement).innerText);
      for (const m of text.match(/npm run[^.;\n]*|\bsrc\/[\w/.-]+/g) ?? []) found.push(`${p} : ${m}`);
      await page.context().close();
    }
    expect(found).toEqual([]);
  }, 300_000);

  it("le glossaire définit les sigles du site et les pages y renvoient", async () => {
    const { page } = await openPage(browser, url, "/glossaire");
    const ids = await page.$$eval(".ti-glossaire dt", (dts) => dts.map((d) => d.id));
    for (const id of ["epci", "enaf", "zan", "bmo", "naf", "ape", "fap", "dares", "urssaf", "sirene", "friche"]) expect(ids).toContain(id);
    await page.context().close();
    for (const p of ["/carte", "/commune?code=02691", "/fiches"]) {
      const { page: other } = await openPage(browser, url, p);
      await other.waitForTimeout(300);
      const links = await other.$$eval("#observablehq-main a[href*='glossaire']", (as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(links.length, p).toBeGreaterThan(0);
      const target = new URL(links[0]!);
      const res = await fetch(`${url}${target.pathname}`);
      expect(res.status, p).toBe(200);
      await other.context().close();
    }
  });

  it("une adresse inconnue répond 404 avec une vraie page et des liens vers le site", async () => {
    const res = await fetch(`${url}/page-qui-n-existe-pas`);
    expect(res.status).toBe(404);
    const { page } = await openPage(browser, url, "/page-qui-n-existe-pas");
    expect(await page.textContent("h1")).toBe("Page introuvable");
    const links = await page.$$eval("#observablehq-main a", (as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThanOrEqual(8);
    for (const href of links.slice(0, 8)) expect((await fetch(href)).status, href).toBe(200);
    // The sidebar navigation is there too.
    expect(await page.$$eval("#observablehq-sidebar a", (as) => as.length)).toBeGreaterThan(8);
    await page.context().close();
  });

  it("sans JavaScript, chaque page le dit ; chaque page a une icône locale", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const p of ["/", "/attirer", "/rapports/"]) {
      await page.goto(url + p);
      expect(await page.isVisible(".ti-noscript"), p).toBe(true);
      expect(await page.textContent(".ti-noscript")).toMatch(/JavaScript est désactivé/);
      const icon = await page.$eval("link[rel=icon]", (l) => (l as HTMLLinkElement).href);
      expect(icon.startsWith(url)).toBe(true);
      const res = await fetch(icon);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/^<svg/);
    }
    await context.close();
  });

  it("la synthèse se lit à 390 px : ni la page ni les valeurs ne sont coupées", async () => {
    const { page } = await openPage(browser, url, "/", { width: 390, height: 844 });
    await page.waitForSelector(".ti-scorecard");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const cut = await page.$$eval(".ti-scorecard tbody td, .ti-scorecard tbody th, h1", (cs) =>
      cs.filter((c) => c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right > 390).map((c) => c.textContent?.trim()),
    );
    expect(cut).toEqual([]);
    await page.context().close();
  });
});
