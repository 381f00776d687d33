// Another territory is a matter of configuration: a data folder whose territoire.json names other EPCIs
// rebuilds the site for that territory, without code changes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
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
  const dist = mkdtempSync(path.join(os.tmpdir(), "ti-site-"));
  buildSite(dist, dataDir);
  server = await serveStatic(dist);
  browser = await launchBrowser();
});

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
