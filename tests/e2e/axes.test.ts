// The axis pages, the synthesis and the sheets show the values of indicateurs.csv, formatted in French.
import { readdirSync, readFileSync } from "node:fs";
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
