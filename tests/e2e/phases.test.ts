// Contract phases in the built site (default configuration: 2019-2022 « Saint-Quentinois – Tergnier » on 4 EPCIs,
// 2023-2027 « Haute-Picardie » ti-3208 on 5): the synthesis shows the current phase by default, the selector is
// used with the keyboard and kept in the URL, each phase shows its own territory rows; the priorities' pages exist
// with their names; the 2025 report is the phase's mid-term report.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatWithStatus } from "../../docs/components/indicators.js";
import { launchBrowser, openPage } from "./browser.ts";

const url = inject("siteUrl");
const dist = inject("siteDist");
let browser: Browser;

interface CsvRow { indicateur: string; niveau: string; code_geo: string; annee: string; valeur: string; unite: string; statut: string }

function publishedCsv(): CsvRow[] {
  const dir = path.join(dist, "_file/data/site");
  const name = readdirSync(dir).find((f) => /^indicateurs\.[0-9a-f]+\.csv$/.test(f));
  if (!name) throw new Error("indicateurs.csv absent du site construit");
  return Papa.parse<CsvRow>(readFileSync(path.join(dir, name), "utf8"), { header: true, skipEmptyLines: true }).data;
}

/** "1 234 (2025)": the latest known value of a territory group, as the scorecard writes it. */
function latestText(rows: CsvRow[], indicateur: string, code: string): string {
  const last = rows.filter((r) => r.indicateur === indicateur && r.niveau === "territoire" && r.code_geo === code && r.valeur !== "")
    .sort((a, b) => Number(a.annee) - Number(b.annee)).at(-1);
  if (!last) throw new Error(`aucune valeur pour ${indicateur} ${code}`);
  return `${formatWithStatus(Number(last.valeur), last.unite, last.statut)} (${last.annee})`;
}

/** Text with the layout's spaces and line breaks collapsed (the narrow no-break spaces of numbers are kept). */
const norm = (t: string | null) => (t ?? "").replace(/[ \n\t]+/g, " ").trim();
const cellText = async (page: Page, id: string) => norm(await page.textContent(`tr[data-indicateur="${id}"] .ti-valeur`));
const headings = async (page: Page) => (await page.$$eval(".ti-scorecard h3", (hs) => hs.map((h) => h.textContent?.trim())));
const PRIORITIES = [
  "Lever les freins au recrutement et développer les compétences",
  "Accélérer la transition écologique et énergétique",
  "Faire des territoires des écosystèmes d'innovation",
  "Mobiliser un foncier industriel adapté",
];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("phases du contrat", () => {
  it("indicateurs.csv a le territoire de chaque phase ; la phase 2 (231 communes) compte plus d'emplois que la phase 1 (188)", () => {
    const rows = publishedCsv();
    const at = (code: string) => Number(rows.find((r) => r.indicateur === "emploi_salarie_prive" && r.niveau === "territoire" && r.code_geo === code && r.annee === "2022")!.valeur);
    expect(at("ti-3208")).toBeGreaterThan(at("saint-quentinois-tergnier"));
  });

  it("la synthèse montre la phase en cours (2023-2027) et ses quatre priorités ; le sélecteur se manie au clavier et reste dans l'adresse", async () => {
    const rows = publishedCsv();
    const { page, log } = await openPage(browser, url, "/");
    expect(await page.isChecked('input[type="radio"][value="1"]')).toBe(true); // Inputs.radio values are indices
    expect(await headings(page)).toEqual(PRIORITIES);
    expect(norm(await page.textContent("#phase-lede"))).toMatch(/phase 2023-2027 · Haute-Picardie.*Année de référence 2022, contrat 2023-2027/s);
    expect(await cellText(page, "emploi_industriel")).toBe(latestText(rows, "emploi_industriel", "ti-3208"));
    expect(await page.textContent("#nombre-communes")).toBe("231");

    // Keyboard: focus the checked radio, arrow to the previous phase.
    await page.focus('input[type="radio"][value="1"]');
    await page.keyboard.press("ArrowLeft");
    await page.waitForFunction(() => document.querySelector("#phase-lede")?.textContent?.includes("2019-2022"));
    expect(new URL(page.url()).searchParams.get("phase")).toBe("2019-2022");
    expect(await headings(page)).toEqual(["Attirer", "Recruter", "Innover", "Simplifier"]);
    expect(await cellText(page, "emploi_industriel")).toBe(latestText(rows, "emploi_industriel", "saint-quentinois-tergnier"));
    expect(await page.textContent("#nombre-communes")).toBe("188");
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.context().close();
  });

  it("l'adresse ?phase=2019-2022 ouvre la synthèse sur la phase 1 ; la page Attirer dit son périmètre", async () => {
    const { page } = await openPage(browser, url, "/?phase=2019-2022");
    expect(await page.isChecked('input[type="radio"][value="0"]')).toBe(true);
    expect(norm(await page.textContent("#phase-lede"))).toMatch(/Année de référence 2018, contrat 2019-2022/);
    await page.context().close();
    const attirer = await openPage(browser, url, "/attirer");
    expect(norm(await attirer.page.textContent("#perimetre-phase"))).toMatch(/Phase 2019-2022 « Saint-Quentinois – Tergnier » \(saint-quentinois-tergnier\) : 4 EPCI, 188 communes/);
    await attirer.page.context().close();
  });

  it("chaque priorité 2023-2027 a sa page, nommée, avec les indicateurs que le catalogue y place", async () => {
    const pages = ["recrutement-competences", "transition-ecologique", "ecosystemes-innovation", "foncier-industriel"];
    for (const [i, slug] of pages.entries()) {
      const { page, log } = await openPage(browser, url, `/priorites/${slug}`);
      expect(await page.textContent("h1")).toBe(PRIORITIES[i]);
      expect(norm(await page.textContent("#perimetre-phase"))).toMatch(/Phase 2023-2027 « Haute-Picardie » \(ti-3208\) : 5 EPCI, 231 communes/);
      expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
      if (slug === "foncier-industriel") {
        const ids = await page.$$eval("section.ti-indicator", (s) => s.map((x) => x.id));
        expect(ids).toEqual(["consommation_enaf_activite_ha", "part_enaf_activite_pct", "friches_recensees", "friches_surface_ha", "friches_avec_projet_pct", "friches_reconverties"]);
        // Links of the shared sections point to the root's pages, one folder up.
        expect(await page.getAttribute("#friches_recensees a[href*='fiches']", "href")).toBe("../fiches#friches_recensees");
      }
      await page.context().close();
    }
  });

  it("le rapport 2025 est le rapport à mi-parcours de la phase 2023-2027 (référence 2022, périmètre ti-3208, priorités)", async () => {
    const { page, log } = await openPage(browser, url, "/rapports/2025");
    expect(await page.textContent("#rapport h1")).toBe("Rapport à mi-parcours d'évaluation 2025");
    expect(await page.textContent("#rapport-nature")).toBe("rapport à mi-parcours");
    expect(await page.textContent("#rapport-reference")).toBe("2022");
    expect(await page.textContent("#rapport-phase")).toContain("(ti-3208)");
    const axes = await page.$$eval(".ti-rapport-axe h2", (hs) => hs.map((h) => h.textContent?.trim()));
    expect(axes).toEqual(PRIORITIES.map((p) => `Axe ${p}`));
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.context().close();
    const r2022 = await openPage(browser, url, "/rapports/2022");
    expect(await r2022.page.textContent("#rapport-nature")).toBe("rapport final");
    expect(await r2022.page.textContent("#rapport-reference")).toBe("2018");
    await r2022.page.context().close();
  });
});
