// Issue 16, case 12: a data folder whose data/sources/ holds no file (and no local file) still builds a site whose
// pages say there is nothing to show, instead of throwing TypeErrors on a null indicator (Comparer, Carte).
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { serveStatic, type RunningServer } from "../../src/server/static-server.ts";
import { launchBrowser, openPage } from "./browser.ts";
import { buildSite } from "./build-site.ts";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "ti-vide-"));
  mkdirSync(path.join(dataDir, "sources"));
  copyFileSync("data/territoire.json", path.join(dataDir, "territoire.json"));
  const dist = mkdtempSync(path.join(os.tmpdir(), "ti-site-vide-"));
  buildSite(dist, dataDir);
  server = await serveStatic(dist);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it.each([
  ["/comparer", "Aucune donnée à comparer entre EPCI."],
  ["/carte", "Aucune donnée à cartographier."],
])("%s sans données : un message, aucune erreur", async (pathname, message) => {
  const { page, log } = await openPage(browser, server.url, pathname);
  await page.waitForSelector("#aucune-donnee");
  expect(await page.textContent("#aucune-donnee strong")).toBe(message);
  await page.waitForTimeout(300);
  expect(await page.locator(".observablehq--error").count()).toBe(0);
  expect(log.pageErrors).toEqual([]);
  expect(log.consoleErrors).toEqual([]);
  await page.context().close();
});
