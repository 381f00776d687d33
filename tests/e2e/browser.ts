// Headless Debian Chromium driven by playwright-core; every page visit records console errors,
// page errors and requests to any origin other than the site's.
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium introuvable (${CHROMIUM}) : installez-le avec « apt-get install chromium ».`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export interface VisitLog {
  consoleErrors: string[];
  pageErrors: string[];
  foreignRequests: string[];
}

/** Opens a page and records what must never happen: console errors, page errors, requests to other origins. */
export async function openPage(browser: Browser, origin: string, pathname: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; log: VisitLog }> {
  const context = await browser.newContext({ viewport, locale: "fr-FR" });
  const page = await context.newPage();
  const log: VisitLog = { consoleErrors: [], pageErrors: [], foreignRequests: [] };
  page.on("console", (m) => {
    if (m.type() === "error") log.consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => log.pageErrors.push(e.message));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    log.foreignRequests.push(url);
    return route.abort();
  });
  await page.goto(origin + pathname, { waitUntil: "networkidle" });
  return { page, log };
}
