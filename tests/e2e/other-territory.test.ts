// Another territory is a matter of configuration: a data folder whose territoire.json names other EPCIs
// rebuilds the site for that territory, without code changes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Manifest } from "../../src/io/manifest.ts";
import { serveStatic, type RunningServer } from "../../src/server/static-server.ts";
import { buildTerritory, parseTerritoryConfig } from "../../src/territory/territory.ts";
import { launchBrowser, openPage } from "./browser.ts";
import { buildSite } from "./build-site.ts";

// CA du Pays de Laon and CC du Pays de la Serre, two EPCIs of the Aisne outside the default territory.
const config = { id: "laonnois-test", nom: "Laonnois (essai)", epci: ["200043495", "240200469"], annee_reference: 2018 };
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "ti-data-"));
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, "territoire.json"), JSON.stringify(config));
  const demo = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/demo/generate.ts", "--out", dataDir], { encoding: "utf8" });
  if (demo.status !== 0) throw new Error(demo.stderr);
  markAsDownloaded(dataDir, "sources/dares-defm-communes.csv");
  const dist = mkdtempSync(path.join(os.tmpdir(), "ti-site-"));
  buildSite(dist, dataDir);
  server = await serveStatic(dist);
  browser = await launchBrowser();
});

/**
 * A refresh that succeeded for one source only: its entry says where and when it came from, the others are
 * still demonstration files (the state `npm run data:refresh` leaves when some producers fail).
 */
function markAsDownloaded(dataDir: string, chemin: string): void {
  const file = path.join(dataDir, "manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  manifest.fichiers = manifest.fichiers.map((f) =>
    f.chemin === chemin ? { ...f, demonstration: false, url: DOWNLOAD_URL, date: "2026-11-24T21:30:00.000Z", sha256: "0123456789abcdef".repeat(4), telecharge_par: "npm run data:refresh" } : f,
  );
  writeFileSync(file, JSON.stringify(manifest));
}
const DOWNLOAD_URL = "https://data.dares.travail-emploi.gouv.fr/api/explore/v2.1/catalog/datasets/dares_defm_communales-brutes/exports/csv";

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it("reconstruit le site pour un autre territoire à partir de data/territoire.json", async () => {
  const territory = buildTerritory(parseTerritoryConfig(config));
  const { page, log } = await openPage(browser, server.url, "/");
  await page.waitForSelector("#table-epci");
  expect(await page.textContent("h1")).toBe(config.nom);
  expect(await page.textContent("#nombre-epci")).toBe("2");
  expect(await page.textContent("#nombre-communes")).toBe(String(territory.communes.length));
  const names = await page.$$eval("#table-epci tbody th", (ths) => ths.map((th) => th.textContent));
  expect(names).toEqual(territory.epcis.map((e) => e.nom));
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
});

it("dit d'où vient un fichier officiel téléchargé, à côté des fichiers de démonstration qui restent", async () => {
  const { page, log } = await openPage(browser, server.url, "/donnees");
  await page.waitForSelector("#table-fichiers");
  const nature = async (chemin: string) =>
    page.$eval(`#table-fichiers tbody tr:has(code:text-is("${chemin}")) td:last-child`, (td) => (td as HTMLElement).innerText.replace(/\s+/g, " ").trim());
  expect(await nature("sources/dares-defm-communes.csv")).toBe(`officiel, téléchargé le 24/11/2026 depuis ${DOWNLOAD_URL} · SHA-256 0123456789ab…`);
  expect(await nature("sources/urssaf-etablissements-effectifs-commune-ape.csv")).toBe("démonstration (fictif)");
  // Still partly fictitious: the banner of every page and the page's notice say so, naming the fictitious sources.
  expect(await page.textContent(".ti-demo")).toMatch(/^Données en partie de démonstration : une partie des chiffres de ce site est fictive/);
  const notice = await page.textContent("main .ti-demo");
  expect(notice).toMatch(/^Données en partie de démonstration\. Les chiffres de ces sources sont fictifs/);
  expect(notice).toContain("Établissements et effectifs salariés du secteur privé par commune et APE");
  expect(notice).not.toContain("Demandeurs d'emploi");
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
  expect(log.foreignRequests).toEqual([]);
});
