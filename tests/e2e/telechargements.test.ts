// Every table has CSV and XLSX buttons, every chart SVG and PNG; the files are read back as French Excel reads
// them: UTF-8 with a byte-order mark, ";" between columns, decimal comma, accents and columns intact.
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser.ts";

const url = inject("siteUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Clicks a download button and returns the file's bytes and suggested name. */
async function download(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  const p = await file.path();
  return { name: file.suggestedFilename(), bytes: Buffer.from(await readFile(p)) };
}

/** The visible table, as text: header row and body rows. */
async function visibleTable(page: Page, selector: string): Promise<string[][]> {
  return page.$eval(selector, (t) => [...t.querySelectorAll("tr")].map((tr) => [...tr.children].map((c) => (c.textContent ?? "").replace(/\s+/g, " ").trim())));
}

describe("téléchargement des tableaux", () => {
  it("le CSV d'un tableau d'axe s'ouvre dans Excel en français : BOM, point-virgule, virgule décimale, accents ; le XLSX a les mêmes cellules", async () => {
    const { page, log } = await openPage(browser, url, "/attirer");
    const section = "#part_emploi_industriel";
    await page.waitForSelector(`${section} details.ti-data`);
    await page.click(`${section} details.ti-data summary`);
    const table = `${section} details.ti-data table`;
    const shown = await visibleTable(page, table);
    const csv = await download(page, `${section} details.ti-data .ti-downloads button[data-format=csv]`);
    expect(csv.name).toMatch(/\.csv$/);
    // UTF-8 with BOM: EF BB BF, then the text.
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true }).decode(csv.bytes.subarray(3));
    const rows = Papa.parse<string[]>(text, { delimiter: ";", skipEmptyLines: true }).data;
    // Same columns as on screen, accents intact.
    expect(rows[0]).toEqual(shown[0]);
    expect(rows[0]![0]).toBe("Année");
    expect(rows.length).toBe(shown.length);
    for (const r of rows) expect(r.length).toBe(shown[0]!.length);
    // A percentage with one decimal on screen ("21,4 %") is the number 21,4… with a comma in the file.
    const firstValue = rows.slice(1).map((r) => r[1]!).find((v) => v !== "n.d." && v !== "secret")!;
    expect(firstValue).toMatch(/^\d+(,\d+)?$/);
    const screen = shown.find((r) => r[0] === rows.find((x) => x[1] === firstValue)![0])![1]!;
    expect(Number(firstValue.replace(",", ".")).toFixed(1).replace(".", ",")).toBe(screen.replace(/\s*%.*$/, "").replace(/\u202f/g, ""));

    const xlsx = await download(page, `${section} details.ti-data .ti-downloads button[data-format=xlsx]`);
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes.buffer.slice(xlsx.bytes.byteOffset, xlsx.bytes.byteOffset + xlsx.bytes.byteLength) as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(rows.length);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(rows[0]);
    // Numbers are numbers in the workbook, the same as in the CSV.
    const r2 = sheet.getRow(2).values as unknown[];
    expect(typeof r2[1]).toBe("number");
    expect(String(r2[2]).replace(".", ",")).toBe(rows[1]![1]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.foreignRequests).toEqual([]);
    await page.context().close();
  });

  it("le tableau des communes de la carte se télécharge avec les noms accentués et les codes INSEE à zéro initial", async () => {
    const { page } = await openPage(browser, url, "/carte?indicateur=emploi_industriel&annee=2023");
    await page.waitForSelector("#table-carte");
    const csv = await download(page, ".ti-carte-valeurs .ti-downloads button[data-format=csv]");
    const rows = Papa.parse<string[]>(csv.bytes.toString("utf8").replace(/^\uFEFF/, ""), { delimiter: ";", skipEmptyLines: true }).data;
    // The 231 communes of both phases' perimeters (Haute-Picardie), and the header row.
    expect(rows.length).toBe(232);
    expect(rows[0]).toEqual(["Commune", "Valeur", "Pour 1 000 habitants", "EPCI", "Code"]);
    const laFere = rows.find((r) => r[0] === "La Fère");
    expect(laFere?.[4]).toBe("02304");
    expect(rows.some((r) => /é|è|ô/.test(r[0]!))).toBe(true);
    await page.context().close();
  });

  it("chaque tableau et chaque graphique des pages Attirer, Comparer, Carte et d'un profil de commune a ses boutons de téléchargement", async () => {
    for (const p of ["/attirer", "/comparer", "/carte", "/commune?code=02691"]) {
      const { page } = await openPage(browser, url, p);
      await page.waitForSelector("table.ti-table", { state: "attached" });
      await page.waitForTimeout(300);
      const missing = await page.$$eval("table.ti-table", (ts) =>
        ts.filter((t) => {
          // The bar follows the table's wrapper (or, on the map page, the wrapper's container).
          let el: Element | null = t.closest(".ti-table-wrap") ?? t;
          for (let i = 0; i < 2 && el; i++, el = el.parentElement) {
            const next = el.nextElementSibling;
            if (next?.matches(".ti-downloads") && next.querySelector("button[data-format=csv]") && next.querySelector("button[data-format=xlsx]")) return false;
          }
          return true;
        }).map((t) => t.querySelector("caption")?.textContent ?? t.id),
      );
      expect(missing, p).toEqual([]);
      const charts = await page.$$eval("svg[role=img]", (ss) => ss.filter((s) => !s.closest(".ti-scorecard")).length);
      const chartButtons = await page.$$eval(".ti-downloads button[data-format=svg]", (bs) => bs.length);
      expect(chartButtons, p).toBe(charts);
      await page.context().close();
    }
  });

  it("un graphique se télécharge en SVG autonome et en PNG", async () => {
    const { page } = await openPage(browser, url, "/attirer");
    await page.waitForSelector("#emploi_industriel svg[role=img]");
    const svg = await download(page, "#emploi_industriel .ti-downloads button[data-format=svg]");
    const text = svg.bytes.toString("utf8");
    expect(text).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // Colours inlined: the file does not depend on the site's stylesheet.
    expect(text).toMatch(/style="[^"]*stroke: rgb\(/);
    const png = await download(page, "#emploi_industriel .ti-downloads button[data-format=png]");
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Twice the size on screen.
    const width = png.bytes.readUInt32BE(16);
    const shown = await page.$eval("#emploi_industriel svg[role=img]", (s) => s.getBoundingClientRect().width);
    expect(width).toBe(Math.round(shown * 2));
    await page.context().close();
  });
});
