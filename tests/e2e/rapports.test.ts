// Annual reports in the built site: values of two years equal those of indicateurs.csv for that year, every report
// page loads cleanly and says the data are fictitious, and a PDF printed by Chromium holds the title, the year and
// one value per axis, with the demonstration notice and the page number on every page.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { pdfFileName, printReports, writePdfIndex } from "../../src/cli/report.ts";
import { formatNumber } from "../../src/format/number.ts";
import { digitsFor } from "../../src/report/format.ts";
import type { ReportsFile } from "../../src/report/types.ts";
import { CHROMIUM, launchBrowser, openPage } from "./browser.ts";

const dist = inject("siteDist");
const url = inject("siteUrl");
let browser: Browser;
let reports: ReportsFile;
let csv: Record<string, string>[];

beforeAll(async () => {
  browser = await launchBrowser();
  // Framework extracts the members of the data archive as dist/_file/data/site/<name>.<hash>.<ext>.
  const dir = path.join(dist, "_file/data/site");
  const member = (base: string, ext: string) => {
    const name = readdirSync(dir).find((f) => f.startsWith(`${base}.`) && f.endsWith(`.${ext}`));
    if (!name) throw new Error(`${base}.${ext} introuvable dans ${dir}`);
    return readFileSync(path.join(dir, name), "utf8");
  };
  reports = JSON.parse(member("rapports", "json"));
  csv = Papa.parse<Record<string, string>>(member("indicateurs", "csv"), { header: true, skipEmptyLines: true }).data;
});

afterAll(async () => {
  await browser?.close();
});

/** The text a value takes in the report table: "44 120", "24,4 %", "n.d." (observation status added in brackets). */
function expectedText(valeur: string, unite: string, statut: string): RegExp {
  if (valeur === "") return statut === "secret" ? /^secret$/ : /^n\.d\.$/;
  const n = formatNumber(Number(valeur), digitsFor(unite));
  const escaped = `${n}${unite === "%" ? "\u202f%" : ""}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}${statut === "ok" ? "$" : ` \\(`}`);
}

describe("rapports annuels", () => {
  it("une page par année, de l'année de référence à la dernière année de données", () => {
    // 2018 (reference of the 2019-2022 phase) to 2025, the last year of the demonstration data (URSSAF, DARES).
    expect(reports.annees).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    const pages = readdirSync(path.join(dist, "rapports")).filter((f) => f.endsWith(".html")).sort();
    expect(pages).toEqual([...reports.annees.map((y) => `${y}.html`), "index.html"].sort());
  });

  for (const year of [2019, 2022]) {
    it(`rapport ${year} : chaque valeur du tableau est celle d'indicateurs.csv pour ${year}`, async () => {
      const { page, log } = await openPage(browser, url, `/rapports/${year}`);
      await page.waitForSelector("#limites");
      // 2022 is the last year of the 2019-2022 phase: its final report.
      expect(await page.textContent("h1")).toBe(year === 2022 ? "Rapport final d'évaluation 2022" : `Rapport annuel d'évaluation ${year}`);
      const cells = await page.$$eval("tr[data-indicateur]", (trs) =>
        trs.map((tr) => {
          const td = tr.querySelector(".ti-rapport-valeur") as HTMLElement;
          return { indicateur: tr.getAttribute("data-indicateur")!, niveau: tr.getAttribute("data-niveau")!, code: tr.getAttribute("data-code")!, text: td.textContent!.trim(), valeur: td.dataset.valeur! };
        }),
      );
      const axes = new Set<string>();
      let compared = 0;
      for (const c of cells) {
        const line = csv.find((l) => l.indicateur === c.indicateur && l.niveau === c.niveau && l.code_geo === c.code && l.annee === String(year));
        if (!line) {
          expect(c.text, `${c.indicateur} absent du CSV en ${year}`).toBe("n.d.");
          continue;
        }
        // indicateurs.csv rounds to 6 decimals; the page holds the computed value.
        expect(c.valeur === "", c.indicateur).toBe(line.valeur === "");
        if (line.valeur !== "") expect(Number(c.valeur), c.indicateur).toBeCloseTo(Number(line.valeur), 5);
        expect(c.text, c.indicateur).toMatch(expectedText(line.valeur!, line.unite!, line.statut!));
        if (line.valeur !== "") axes.add(line.axe!);
        compared++;
      }
      expect(compared).toBeGreaterThan(15);
      if (year >= 2022) expect([...axes].sort()).toEqual(["Attirer", "Innover", "Recruter", "Simplifier"]);
      expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
      await page.context().close();
    });
  }

  it("le statut est celui de l'année du rapport (suivi recalculé avec les seules valeurs connues alors)", () => {
    const row = (y: number) => reports.rapports[String(y)]!.axes.flatMap((a) => a.indicateurs).find((r) => r.indicateur === "creations_etablissements")!;
    expect(row(2019).derniere_annee).toBe(2019);
    expect(row(2022).derniere_annee).toBe(2022);
    expect(row(2018).statut).toBe("non_evaluable");
  });

  it("chaque page de rapport s'ouvre sans erreur ni requête extérieure, et dit que les données sont fictives", async () => {
    for (const p of ["/rapports/", ...reports.annees.map((y) => `/rapports/${y}`)]) {
      const { page, log } = await openPage(browser, url, p);
      await page.waitForSelector(p === "/rapports/" ? "#table-rapports" : "#limites");
      expect(log, p).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
      expect(await page.textContent("main"), p).toMatch(/Données de démonstration/);
      if (p === "/rapports/") {
        // Right after `npm run build`, no PDF is printed: no « PDF » link (never a dead one), and the page says so.
        const links = await page.$$eval("#table-rapports a", (as) => as.map((a) => a.getAttribute("href")));
        expect(links).toContain("./2021");
        expect(links.filter((l) => l?.endsWith(".pdf"))).toEqual([]);
        expect(await page.textContent("#table-rapports")).toContain("pas encore imprimé");
        expect(await page.textContent("#rapports-pdf-etat")).toMatch(/pas encore imprimés/);
      }
      await page.context().close();
    }
  });

  it("synthèse 2022 : phrases, commentaire du comité de pilotage, comptes par axe qui couvrent chaque indicateur une fois", async () => {
    const { page, log } = await openPage(browser, url, "/rapports/2022");
    await page.waitForSelector("#limites");
    const synthese = (await page.textContent("#synthese"))!;
    expect(synthese).toContain("En 2022, le territoire suit");
    // The copil's commentary of data/local/commentaires.csv (demonstration example), for the whole report and per axis.
    expect(synthese).toContain("[Démonstration] Au terme du protocole 2019-2022");
    expect(await page.textContent("#axe-attirer .ti-rapport-commentaire")).toContain("[Démonstration] Les créations d'établissements");
    // Counts per axis: the status columns add up to the axis's indicators, which are the rows of its table.
    const counts = await page.$$eval("#rapport-comptes tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => Number(td.textContent!.replace(/\D/g, "") || 0))));
    const rapport = reports.rapports["2022"]!;
    expect(counts).toHaveLength(rapport.axes.length);
    for (const [i, a] of rapport.axes.entries()) {
      const [total, ...statuses] = counts[i]!;
      expect(statuses.reduce((x, y) => x + y, 0), a.axe).toBe(total);
      expect(await page.$$eval(`#axe-${a.id!.toLowerCase()} tr[data-indicateur]`, (trs) => trs.length), a.axe).toBe(total);
    }
    // No repetition: the axis sentences are in the axis sections only.
    const axisSentences = await page.$$eval(".ti-rapport-axe .ti-rapport-synthese li", (lis) => lis.map((li) => li.textContent!.trim()));
    expect(axisSentences.length).toBeGreaterThan(8);
    for (const sentence of axisSentences) expect(synthese, sentence).not.toContain(sentence);
    // No contradiction: an indicator with a target is never listed among the indicators without one.
    for (const a of rapport.axes)
      for (const r of a.indicateurs.filter((x) => x.type_cible !== null))
        for (const sentence of a.synthese.filter((x) => x.includes("sans cible"))) expect(sentence, r.titre).not.toContain(`${r.titre} (`);
    // Natural French: no nested "(… (référence))", no "% de l'évolution prévue réalisée".
    const main = (await page.textContent("main"))!;
    expect(main).not.toMatch(/\(référence\)\)|de l'évolution prévue réalisée/);
    // Change and value never disagree silently: every change says the years it compares.
    const changes = await page.$$eval(".ti-rapport-table[data-axe] tbody tr td:nth-child(4)", (tds) => tds.map((td) => td.textContent!.trim()));
    for (const c of changes) expect(c).toMatch(/^n\.d\.$|de \d{4} à \d{4}$/);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.context().close();
  });

  it("comparaison des EPCI 2022 : tableau aux valeurs d'indicateurs.csv, graphique et carte avec leur source", async () => {
    const { page, log } = await openPage(browser, url, "/rapports/2022");
    await page.waitForSelector("#rapport-carte svg");
    const comp = reports.rapports["2022"]!.comparaison_epci!;
    const epcis = comp.lignes.filter((l) => l.niveau === "epci");
    expect(epcis.length).toBe(4); // the four EPCIs of the 2019-2022 phase
    const rows = await page.$$eval("#rapport-epci tbody tr", (trs) => trs.map((tr) => ({ code: tr.getAttribute("data-code")!, valeur: (tr.querySelector("td") as HTMLElement).dataset.valeur ?? "" })));
    expect(rows.map((r) => r.code)).toEqual(comp.lignes.map((l) => l.code));
    const first = comp.indicateurs[0]!;
    for (const r of rows.filter((x) => x.code !== comp.lignes[0]!.code)) {
      const line = csv.find((l) => l.indicateur === first.indicateur && l.niveau === "epci" && l.code_geo === r.code && l.annee === "2022");
      expect(Number(r.valeur), r.code).toBeCloseTo(Number(line!.valeur), 5);
    }
    expect(await page.$$eval("#rapport-carte svg path[fill]", (ps) => ps.length)).toBeGreaterThanOrEqual(epcis.length);
    expect(await page.textContent("#rapport-carte")).toMatch(/Contours : .+Licence/);
    expect(await page.textContent("#rapport-epci-graphique")).toMatch(/Source : Urssaf/);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.context().close();
  });

  it("le rapport 2022 contient le plan d'actions de sa phase, daté de sa dernière mise à jour", async () => {
    const { page } = await openPage(browser, url, "/rapports/2022");
    await page.waitForSelector("#rapport-actions");
    // data/local/actions.csv: ten actions of the 2019-2022 phase (ATT, REC, INN, SIM).
    const ids = await page.$$eval("#rapport-actions tbody th", (ths) => ths.map((th) => th.textContent!.split(" — ")[0]));
    expect(ids.sort()).toEqual(["ATT-1", "ATT-2", "ATT-3", "INN-1", "INN-2", "INN-3", "REC-1", "REC-2", "SIM-1", "SIM-2"]);
    expect(await page.textContent("#plan-actions")).toContain("dans leur état au 20 mars 2024, postérieur à 2022");
    await page.context().close();
  });

  it("à 390 px, la synthèse se lit sans défilement horizontal de la page", async () => {
    const { page, log } = await openPage(browser, url, "/rapports/2022", { width: 390, height: 800 });
    await page.waitForSelector("#limites");
    expect(await page.isVisible(".ti-rapport-comptes-court")).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.context().close();
  });

  it("imprime le rapport 2022 en PDF A4 : titre, année, une valeur par axe, avertissement et numéro sur chaque page, sans page à moitié vide", async () => {
    // Printed beside the report pages, as `ti report` does: the « PDF » link of 2022 then appears and resolves.
    const out = path.join(dist, "rapports");
    const [file] = await printReports({ siteUrl: url, years: [2022], out, territoryId: reports.territoire.id, chromium: CHROMIUM });
    expect(writePdfIndex(dist)).toEqual([pdfFileName(reports.territoire.id, 2022)]);
    expect(path.basename(file!)).toBe(`rapport-${reports.territoire.id}-2022.pdf`);
    const info = spawnSync("pdfinfo", [file!], { encoding: "utf8" }).stdout;
    expect(info).toMatch(/Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/);
    expect(info).toMatch(/Tagged:\s+yes/);
    const text = spawnSync("pdftotext", ["-layout", file!, "-"], { encoding: "utf8" }).stdout;
    const pages = text.split("\f").filter((p) => p.trim() !== "");
    console.log(`PDF du rapport 2022 : ${pages.length} pages (${file})`);
    expect(pages.length).toBeGreaterThan(5);
    // Page breaks only before the major parts: 18 pages before, about 13 now.
    expect(pages.length).toBeLessThanOrEqual(14);
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Rapport final d'évaluation 2022");
    expect(flat).toContain(reports.rapports["2022"]!.phase.nom); // the 2019-2022 phase, Saint-Quentinois – Tergnier
    pages.forEach((p, i) => {
      expect(p, `page ${i + 1}`).toMatch(/DONNÉES DE DÉMONSTRATION/);
      expect(p.replace(/\s+/g, " "), `page ${i + 1}`).toContain(`Page ${i + 1} / ${pages.length}`);
    });
    // One value of 2022 per axis, as the table prints it.
    for (const axe of ["Attirer", "Recruter", "Innover", "Simplifier"]) {
      const line = csv.find((l) => l.axe === axe && l.niveau === "territoire" && l.code_geo === "saint-quentinois-tergnier" && l.annee === "2022" && l.valeur !== "");
      expect(line, axe).toBeDefined();
      expect(flat, `${axe} : ${line!.indicateur}`).toContain(formatNumber(Number(line!.valeur), digitsFor(line!.unite!)).replace(/\s/g, " "));
    }
    // The copil's commentary and the EPCI comparison are printed.
    expect(flat).toContain("[Démonstration] Au terme du protocole 2019-2022");
    expect(flat).toContain("Comparaison des EPCI");
    const { page, log } = await openPage(browser, url, "/rapports/");
    await page.waitForSelector("#table-rapports");
    const hrefs = await page.$$eval("#table-rapports a[href$='.pdf']", (as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual([`./${pdfFileName(reports.territoire.id, 2022)}`]);
    const response = await page.request.get(new URL(hrefs[0]!, page.url()).href);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/pdf/);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.context().close();
  }, 120_000);
});
