// The synthesis a copil member reads in 30 seconds (docs/index.md, docs/components/scorecard.js), in Chromium:
// a headline count per phase and per axis that adds up to the rows shown; the configured reference year of each phase
// in the column headers, never another one; progress toward a target as badges, the direction of change as plain
// arrowed text (one green only); the actions of data/local/actions.csv beside the indicators they aim at, with their
// state; at 390 px no value cut off. Screenshots at 1280 and 390 px are left in the system's temporary folder.
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadTerritory, type Territory } from "../../src/territory/territory.ts";
import { localPhases } from "../../src/local/phases.ts";
import { readPlanActions } from "../../src/site/parts/actions.ts";
import { launchBrowser, openPage } from "./browser.ts";

const server = { url: inject("siteUrl") };
let browser: Browser;
let territory: Territory;

beforeAll(async () => {
  browser = await launchBrowser();
  territory = await loadTerritory("data");
});
afterAll(async () => {
  await browser?.close();
});

const CATEGORIES = ["en_bonne_voie", "a_surveiller", "en_retard", "sans_cible", "non_evaluable"] as const;

/** The counts a headline list shows, by category (absent = 0). */
async function headlineOf(page: Page, selector: string): Promise<Record<string, number>> {
  return page.$eval(selector, (ul) =>
    Object.fromEntries([...ul.querySelectorAll("li")].map((li) => [(li as HTMLElement).dataset.categorie, Number(li.querySelector("strong")?.textContent?.replace(/\s/g, ""))])));
}

async function open(pathname: string, width = 1280): Promise<Page> {
  const { page, log } = await openPage(browser, server.url, pathname, { width, height: width === 390 ? 844 : 900 });
  await page.waitForSelector(".ti-scorecard tbody tr");
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
  expect(log.foreignRequests).toEqual([]);
  return page;
}

describe("la synthèse", () => {
  it("donne, par phase et par axe, un décompte qui correspond aux lignes montrées", async () => {
    for (const phase of territory.phases) {
      const page = await open(`/?phase=${phase.id}`);
      const total = await headlineOf(page, "#decompte-phase");
      const axes = await page.$$eval(".ti-scorecard", (sections) => sections.map((s) => s.getAttribute("aria-labelledby")!.replace("synthese-", "")));
      expect(axes.length, phase.id).toBe(4);
      const sum: Record<string, number> = {};
      for (const axis of axes) {
        const counts = await headlineOf(page, `[id="decompte-${axis}"]`);
        const rows = await page.$$eval(`[aria-labelledby="synthese-${axis}"] tbody tr`, (trs) => trs.map((tr) => (tr as HTMLElement).dataset.categorie));
        for (const c of CATEGORIES) {
          expect(counts[c] ?? 0, `${phase.id} ${axis} ${c}`).toBe(rows.filter((r) => r === c).length);
          sum[c] = (sum[c] ?? 0) + (counts[c] ?? 0);
        }
        // The four main categories are always shown, even at zero.
        for (const c of CATEGORIES.slice(0, 4)) expect(counts[c], `${axis} ${c}`).toBeTypeOf("number");
      }
      for (const c of CATEGORIES) expect(total[c] ?? 0, `${phase.id} ${c}`).toBe(sum[c]);
      await page.context().close();
    }
  });

  it("affiche l'année de référence configurée de chaque phase, jamais une autre année comme référence", async () => {
    for (const phase of territory.phases) {
      const page = await open(`/?phase=${phase.id}`);
      const year = phase.referenceYear;
      const headers = await page.$$eval(".ti-scorecard thead th:nth-child(4)", (ths) => ths.map((th) => th.textContent?.trim()));
      expect(headers.length).toBe(4);
      for (const h of headers) expect(h).toBe(`Évolution depuis ${year}`);
      // Every mention of a reference in the change column names the configured year.
      const cells = await page.$$eval(".ti-scorecard td.ti-evolution", (tds) => tds.map((td) => td.textContent?.replace(/\s+/g, " ") ?? ""));
      for (const text of cells) for (const m of text.matchAll(/référence (\d{4})/g)) expect(Number(m[1]), text).toBe(year);
      // The ZAN envelope is judged on its path: a target badge, the consumed and elapsed shares beside it.
      const zan = page.locator('tr[data-indicateur="trajectoire_zan_pct"]');
      expect(await zan.locator(".ti-badge").count()).toBe(1);
      expect(await zan.locator("td.ti-evolution").textContent()).toMatch(/de l'enveloppe consommés pour .* de la période 2021-2030 écoulée/);
      await page.context().close();
    }
  });

  it("sépare les deux vocabulaires : badges pour la cible, texte fléché sans couleur verte pour le sens de l'évolution", async () => {
    const page = await open("/");
    const badges = await page.$$eval(".ti-scorecard .ti-badge", (els) => els.map((e) => e.textContent?.trim()));
    expect(badges.length).toBeGreaterThan(0);
    for (const b of badges) expect(["En bonne voie", "À surveiller", "En retard"]).toContain(b);
    const trends = await page.$$eval(".ti-scorecard .ti-tendance", (els) => els.map((e) => e.textContent?.trim() ?? ""));
    expect(trends.length).toBeGreaterThan(0);
    for (const t of trends) expect(t).toMatch(/^(↗|↘|→) (en amélioration|en dégradation|stable|en hausse|en baisse)$/);
    const colours = await page.evaluate(() => {
      const colour = (sel: string) => { const e = document.querySelector(sel); return e ? getComputedStyle(e).color : null; };
      return { onTrack: colour(".ti-badge-en_bonne_voie"), improving: colour(".ti-tendance-amelioration") };
    });
    // Only « En bonne voie » is green: the text of a direction of change is the page's (grey) text colour.
    const green = (c: string | null) => {
      const n = (c?.match(/[\d.]+/g) ?? []).map(Number).slice(0, 3).map((x) => (c?.startsWith("color(") ? x * 255 : x));
      return n.length === 3 && n[1]! - Math.max(n[0]!, n[2]!) > 20;
    };
    expect(green(colours.improving), String(colours.improving)).toBe(false);
    if (colours.onTrack) expect(green(colours.onTrack), colours.onTrack).toBe(true);
    await page.context().close();
  });

  it("montre à côté de chaque indicateur les actions du plan de la phase qui le visent, avec leur état", async () => {
    const plan = await readPlanActions("data", localPhases(territory));
    for (const phase of territory.phases) {
      const page = await open(`/?phase=${phase.id}`);
      const rows = await page.$$eval(".ti-scorecard tbody tr", (trs) => trs.map((tr) => ({
        id: (tr as HTMLElement).dataset.indicateur!,
        actions: [...tr.querySelectorAll(".ti-actions-liees li")].map((li) => li.textContent?.replace(/\s+/g, " ").trim() ?? ""),
      })));
      let linked = 0;
      for (const r of rows) {
        const expected = plan.actions.filter((a) => a.indicateurs_lies.includes(r.id) && (a.phase ?? territory.currentPhase.id) === phase.id);
        expect(r.actions.map((t) => t.split(" ")[0]), `${phase.id} ${r.id}`).toEqual(expected.map((a) => a.id));
        expected.forEach((a, i) => {
          expect(r.actions[i]).toContain(a.statut);
          if (a.en_retard) expect(r.actions[i]).toMatch(/en retard$/);
        });
        linked += expected.length;
      }
      expect(linked, phase.id).toBeGreaterThan(0);
      await page.context().close();
    }
  });

  it("se lit à 390 px sans valeur coupée ni défilement horizontal", async () => {
    const page = await open("/", 390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const cut = await page.$$eval(".ti-scorecard tbody td, .ti-scorecard tbody th, .ti-headline li", (els) =>
      els.filter((e) => (e as HTMLElement).offsetParent !== null && e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent?.trim()));
    expect(cut).toEqual([]);
    // Each value is under its column's name.
    expect(await page.$eval(".ti-scorecard td.ti-valeur", (td) => getComputedStyle(td, "::before").content)).toMatch(/Dernière valeur/);
    await page.screenshot({ path: path.join(os.tmpdir(), "synthese-390.png"), fullPage: true });
    await page.context().close();
    const wide = await open("/");
    await wide.screenshot({ path: path.join(os.tmpdir(), "synthese-1280.png"), fullPage: true });
    await wide.context().close();
  });
});
