// The axis pages, the synthesis and the sheets show the values of indicateurs.csv, formatted in French.
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatWithStatus } from "../../docs/components/indicators.js";
import { launchBrowser, openPage } from "./browser.ts";

const url = inject("siteUrl");
const dist = inject("siteDist");
let browser: Browser;

interface CsvRow { indicateur: string; axe: string; niveau: string; code_geo: string; annee: string; valeur: string; unite: string; statut: string }

/** indicateurs.csv as published in the built site (the same file as `ti compute`). */
function publishedCsv(): CsvRow[] {
  const dir = path.join(dist, "_file/data/site");
  const name = readdirSync(dir).find((f) => /^indicateurs\.[0-9a-f]+\.csv$/.test(f));
  if (!name) throw new Error("indicateurs.csv absent du site construit");
  return Papa.parse<CsvRow>(readFileSync(path.join(dir, name), "utf8"), { header: true, skipEmptyLines: true }).data;
}

// The default configuration has two phases: the axis pages Attirer... show the 2019-2022 phase's territory
// (saint-quentinois-tergnier), the synthesis the current phase's (ti-3208). Other levels are shared.
const PHASE1 = "saint-quentinois-tergnier";
const PHASE2 = "ti-3208";

function latestKnown(rows: CsvRow[], indicateur: string, niveau: string, territoire = PHASE1): CsvRow {
  const series = rows.filter((r) => r.indicateur === indicateur && r.niveau === niveau && (niveau !== "territoire" || r.code_geo === territoire) && r.valeur !== "").sort((a, b) => Number(a.annee) - Number(b.annee));
  const last = series.at(-1);
  if (!last) throw new Error(`aucune valeur pour ${indicateur}`);
  return last;
}

/** A file of the built site's data bundle (territoire.json…), parsed. */
function siteJson<T>(name: string): T {
  const dir = path.join(dist, "_file/data/site");
  const file = readdirSync(dir).find((f) => f.startsWith(`${name}.`) && f.endsWith(".json"));
  if (!file) throw new Error(`${name}.json absent du site construit`);
  return JSON.parse(readFileSync(path.join(dir, file), "utf8")) as T;
}

const display = (r: CsvRow) => `${formatWithStatus(Number(r.valeur), r.unite, r.statut)} (${r.annee})`;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("pages des axes", () => {
  const cases = [
    { page: "/attirer", indicateur: "emploi_salarie_prive", niveau: "territoire" },
    { page: "/recruter", indicateur: "demandeurs_emploi_abc", niveau: "territoire" },
    { page: "/recruter", indicateur: "projets_recrutement", niveau: "bassin_emploi" },
    { page: "/innover", indicateur: "consommation_enaf_ha", niveau: "territoire" },
    { page: "/simplifier", indicateur: "entreprises_accompagnees", niveau: "territoire" },
  ];
  for (const c of cases) {
    it(`${c.page} : la dernière valeur de ${c.indicateur} (${c.niveau}) est celle de indicateurs.csv`, async () => {
      const rows = publishedCsv();
      const expected = latestKnown(rows, c.indicateur, c.niveau);
      const { page, log } = await openPage(browser, url, c.page);
      await page.waitForSelector(`#${c.indicateur} .ti-latest`);
      const cells = await page.$$eval(`#${c.indicateur} .ti-latest tbody tr`, (trs) =>
        trs.map((tr) => ({ code: tr.querySelector("th")?.textContent ?? "", value: tr.querySelectorAll("td")[0]?.textContent?.trim() ?? "" })),
      );
      // Territory first; for BMO, the bassin named with its code.
      const row = c.niveau === "territoire" ? cells[0] : cells.find((x) => x.code.includes(`(${expected.code_geo})`));
      expect(row?.value).toBe(display(expected));
      expect(log.consoleErrors).toEqual([]);
      expect(log.foreignRequests).toEqual([]);
      await page.context().close();
    });
  }

  it("chaque indicateur d'un axe a un graphique avec alternative textuelle, un tableau de données et une ligne de source", async () => {
    const { page } = await openPage(browser, url, "/attirer");
    await page.waitForSelector(".ti-indicator");
    const sections = await page.$$eval(".ti-indicator", (ss) =>
      ss.map((s) => ({
        id: s.id,
        chart: !!s.querySelector("svg[role=img][aria-label]"),
        caption: s.querySelector("figcaption")?.textContent ?? "",
        tableRows: s.querySelectorAll("details.ti-data table tbody tr").length,
        source: s.querySelector(".ti-source")?.textContent ?? "",
      })),
    );
    expect(sections.length).toBeGreaterThanOrEqual(7);
    for (const s of sections) {
      expect(s.chart, s.id).toBe(true);
      expect(s.caption.length, s.id).toBeGreaterThan(20);
      expect(s.tableRows, s.id).toBeGreaterThan(3);
      expect(s.source, s.id).toMatch(/^Source : .+, millésime .+/);
    }
    await page.context().close();
  });
});

describe("synthèse", () => {
  it("montre par priorité de la phase en cours la dernière valeur de son territoire (ti-3208) dans indicateurs.csv et un statut", async () => {
    const rows = publishedCsv();
    const { page } = await openPage(browser, url, "/");
    await page.waitForSelector(".ti-scorecard");
    for (const id of ["part_emploi_industriel", "part_demandeurs_moins_25_ans", "trajectoire_zan_pct", "delai_moyen_instruction_jours"]) {
      const cell = await page.textContent(`.ti-scorecard tr[data-indicateur=${id}] td.ti-valeur`);
      expect(cell?.trim(), id).toBe(display(latestKnown(rows, id, "territoire", PHASE2)));
      // Progress toward a target (the direction of change without one is in the change column, tests/e2e/synthese.test.ts).
      const status = await page.textContent(`.ti-scorecard tr[data-indicateur=${id}] td.ti-statut`);
      expect(status?.trim(), id).toMatch(/^(En bonne voie|À surveiller|En retard|Sans cible|cible non évaluable)$/);
    }
    expect(await page.$$eval(".ti-scorecard", (s) => s.length)).toBe(4);
    await page.context().close();
  });
});

describe("fiches et données", () => {
  it("la page des fiches décrit chaque indicateur du catalogue avec sa source", async () => {
    const ids = [...new Set(publishedCsv().map((r) => r.indicateur))];
    const { page } = await openPage(browser, url, "/fiches");
    await page.waitForSelector("section.ti-indicator");
    const shown = await page.$$eval("section.ti-indicator", (ss) => ss.map((s) => s.id));
    for (const id of ids) expect(shown).toContain(id);
    expect(await page.textContent("#emploi_industriel")).toMatch(/Producteur.*Urssaf/s);
    await page.context().close();
  });

  it("les téléchargements de la page Données sont servis et identiques aux fichiers publiés", async () => {
    const { page } = await openPage(browser, url, "/donnees");
    await page.waitForSelector("#telechargements a");
    const links = await page.$$eval("#telechargements a", (as) => as.map((a) => ({ href: (a as HTMLAnchorElement).href, name: a.getAttribute("download") })));
    expect(links.map((l) => l.name)).toEqual(["indicateurs.csv", "indicateurs.parquet", "suivi-cibles.csv", "bassins-emploi.csv", "rejets.csv"]);
    const csv = await (await fetch(links[0]!.href)).text();
    expect(csv.split("\n")[0]).toBe("indicateur,axe,niveau,code_geo,libelle_geo,annee,valeur,numerateur,denominateur,unite,statut");
    const rejets = await (await fetch(links[4]!.href)).text();
    expect(rejets.split("\n")[0]).toBe("fichier,ligne,colonne,valeur,motif");
    await page.context().close();
  });
});

describe("sélection des pages d'axe : année, EPCI, mesure, dans l'adresse", () => {
  /** The rows of a section's data table, as cell texts. */
  const dataTable = (page: import("playwright-core").Page, id: string) =>
    page.$$eval(`#${id} details.ti-data tr`, (trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? "").replace(/[ \n\t]+/g, " ").trim())));

  it("en valeur absolue, le territoire et ses EPCI ont chacun leur graphique : le plus petit EPCI n'est pas écrasé sous le total", async () => {
    const rows = publishedCsv();
    const { page, log } = await openPage(browser, url, "/attirer");
    await page.waitForSelector("#emploi_salarie_prive .ti-panel");
    expect(await page.$$eval("#emploi_salarie_prive .ti-panel", (ps) => ps.map((p) => p.getAttribute("data-panel")))).toEqual(["territoire", "epci"]);
    // The EPCI panel's scale ends near its largest EPCI, far under the territory's total.
    const topTick = await page.$eval("#emploi_salarie_prive [data-panel=epci] svg[role=img]", (svg) =>
      // The y tick labels: the texts of the axis group anchored at their end (the x labels are centred).
      Math.max(...[...svg.querySelectorAll("g[text-anchor=end] text")].map((t) => Number((t.textContent ?? "").replace(/[\s\u202f]/g, ""))).filter(Number.isFinite)),
    );
    const territoryLatest = Number(latestKnown(rows, "emploi_salarie_prive", "territoire").valeur);
    expect(topTick).toBeLessThan(territoryLatest * 0.75);
    expect(log.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("au clavier : mesure indice, un EPCI décoché, une année ; l'adresse les garde et les rend au rechargement", async () => {
    const { page, log } = await openPage(browser, url, "/attirer");
    const form = ".ti-selection-axe";
    await page.waitForSelector(`${form} input[type=radio]`);
    // Measure: focus the checked radio, arrow keys move to « Indice base 100 ».
    await page.focus(`${form} input[type=radio]:checked`);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => location.search.includes("mesure=indice"));
    // EPCI: the first checkbox, unticked with the space bar.
    const first = await page.$eval(`${form} input[type=checkbox]`, (b) => b.parentElement?.textContent?.trim() ?? "");
    await page.focus(`${form} input[type=checkbox]`);
    await page.keyboard.press("Space");
    await page.waitForFunction(() => location.search.includes("epci="));
    // Year: the select, by keyboard (typing the year selects it).
    await page.focus(`${form} select`);
    await page.selectOption(`${form} select`, { label: "2021" });
    await page.waitForFunction(() => location.search.includes("annee=2021"));
    const query = new URL(page.url()).searchParams;
    expect(query.get("mesure")).toBe("indice");
    expect(query.get("annee")).toBe("2021");
    expect(query.get("epci")?.split(",").length).toBe(3);

    const check = async () => {
      const table = await dataTable(page, "emploi_salarie_prive");
      expect(table[0]).not.toContain(first);
      expect(table[0]!.length).toBe(5); // Année, the territory, three of its four EPCIs
      // Index base 100 in the phase's reference year (2018): every shown series is 100,0 that year.
      const reference = table.find((r) => r[0] === "2018")!.slice(1);
      expect(reference.length).toBe(4);
      for (const c of reference) expect(c).toMatch(/^100,0( \((partiel|provisoire)\))?$/);
      expect(await page.textContent("#emploi_salarie_prive details.ti-data caption")).toBe("Emploi salarié privé (indice base 100 en 2018), par année");
      expect(await page.$$eval("#emploi_salarie_prive .ti-latest thead th", (ths) => ths.map((t) => t.textContent))).toContain("Valeur 2021");
    };
    await check();
    // Reloaded from the address: the same selection, the same tables.
    await page.goto(page.url(), { waitUntil: "networkidle" });
    await page.waitForSelector("#emploi_salarie_prive details.ti-data");
    expect(await page.$eval(`${form} input[type=radio]:checked`, (r) => r.parentElement?.textContent?.trim())).toBe("Indice base 100");
    expect(await page.$eval(`${form} select`, (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe("2021");
    await check();
    expect(log.consoleErrors).toEqual([]);
    expect(log.foreignRequests).toEqual([]);
    await page.context().close();
  });

  it("une priorité, pour 1 000 habitants : la valeur publiée divisée par la population de territoire.json", async () => {
    interface Territoire { phases: { id: string; code: string; population: number; en_cours: boolean }[]; epcis: { siren: string; population: number }[] }
    const territoire = siteJson<Territoire>("territoire");
    const phase = territoire.phases.find((p) => p.en_cours)!;
    const rows = publishedCsv();
    const latest = latestKnown(rows, "demandeurs_emploi_abc", "territoire", phase.code);
    const { page, log } = await openPage(browser, url, "/priorites/recrutement-competences?mesure=habitants");
    await page.waitForSelector("#demandeurs_emploi_abc .ti-latest");
    const heads = await page.$$eval("#demandeurs_emploi_abc .ti-latest thead th", (ths) => ths.map((t) => t.textContent));
    expect(heads[2]).toBe("Pour 1 000 hab.");
    const cell = await page.$eval("#demandeurs_emploi_abc .ti-latest tbody tr td:nth-of-type(2)", (td) => td.getAttribute("data-value"));
    expect(Number(cell)).toBeCloseTo((Number(latest.valeur) / phase.population) * 1000, 6);
    expect(await page.textContent("#demandeurs_emploi_abc .ti-note-mesure")).toMatch(/^Population : INSEE, populations municipales légales/);
    // One panel: per inhabitant, the territory and its EPCIs compare on one scale.
    expect(await page.$$eval("#demandeurs_emploi_abc .ti-panel", (ps) => ps.length)).toBe(1);
    expect(log.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("captures à 1280 et 390 px de /attirer et d'une priorité, sans avertissement Plot ni débordement horizontal", async () => {
    for (const p of ["/attirer", "/priorites/foncier-industriel?mesure=indice"]) {
      for (const width of [1280, 390]) {
        const { page, log } = await openPage(browser, url, p, { width, height: 900 });
        await page.waitForSelector(".ti-indicator");
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(os.tmpdir(), `ti-axe${p.replace(/[^a-z]+/g, "-")}-${width}.png`), fullPage: true });
        const warnings = await page.$$eval("svg text", (ts) => ts.filter((t) => (t.textContent ?? "").includes("\u26a0")).length);
        expect(warnings, `${p} ${width}`).toBe(0);
        // The page itself never scrolls sideways (wide tables scroll inside their own frame).
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${p} ${width}`).toBe(true);
        expect(log.consoleErrors).toEqual([]);
        await page.context().close();
      }
    }
  });
});
