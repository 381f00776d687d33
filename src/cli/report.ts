// `ti report --year <Y> | --all [--data DOSSIER] [--out DOSSIER] [--site DOSSIER] [--reconstruire]`: writes the
// annual report of a year as a PDF (rapport-<territoire>-<Y>.pdf), printed by headless Debian Chromium from the
// built site served on 127.0.0.1.
// The site (default dist/, or $TI_DIST) is rebuilt with scripts/build.ts in a child process, unless this command
// or `npm run build` built it from the same data folder and nothing changed since: no file of the data folder nor of the
// sources (src, docs, scripts, configuration, lock file) is newer than that build.
// Default output: <site>/rapports/, next to the report pages, so that the links of /rapports/ work on the site.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formatNumber } from "../format/number.ts";
import { DEFAULT_CACHE_DIR, reportYearsOfDataDir } from "../site/report-years.ts";
import { serveStatic } from "../server/static-server.ts";
import { loadTerritory } from "../territory/territory.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
/** What the site is built from, besides the data folder. */
const SOURCES = ["src", "docs", "scripts", "observablehq.config.ts", "package-lock.json"];

export interface ReportOptions {
  data: string;
  year?: string;
  all: boolean;
  out?: string;
  site?: string;
  rebuild: boolean;
  chromium?: string;
  /** Messages (the tests capture them). */
  log?: (line: string) => void;
}

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

export const missingChromiumMessage = (file: string) =>
  `Erreur : Chromium est introuvable (${file}). Le PDF est imprimé par le navigateur Chromium de Debian : ` +
  `installez-le avec « sudo apt-get install chromium », ou indiquez son chemin dans la variable CHROMIUM_PATH.`;

export function pdfFileName(territoryId: string, year: number): string {
  return `rapport-${territoryId}-${year}.pdf`;
}

/** Newest modification time of the files under `entries` (folders walked recursively, caches skipped). */
export function newestMtime(entries: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isFile()) newest = Math.max(newest, st.mtimeMs);
    else if (st.isDirectory())
      for (const e of readdirSync(p)) if (e !== ".observablehq" && e !== "node_modules") visit(path.join(p, e));
  };
  entries.forEach(visit);
  return newest;
}

function stampFile(site: string): string {
  return path.join(DEFAULT_CACHE_DIR, `site-${createHash("sha256").update(path.resolve(site)).digest("hex").slice(0, 16)}.json`);
}

/** Whether `site` was built by this command from `dataDir` after every change of the data and of the sources. */
export function siteIsFresh(site: string, dataDir: string, years: number[]): boolean {
  let stamp: { data: string; built: number };
  try {
    stamp = JSON.parse(readFileSync(stampFile(site), "utf8"));
  } catch {
    return false;
  }
  if (stamp.data !== path.resolve(dataDir)) return false;
  if (!years.every((y) => existsSync(path.join(site, "rapports", `${y}.html`)))) return false;
  return newestMtime([dataDir, ...SOURCES.map((s) => path.join(ROOT, s))]) < stamp.built;
}

function buildSite(site: string, dataDir: string): void {
  const started = Date.now();
  // scripts/build.ts replaces a previous site only once the new one is built: a failed build keeps it.
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "scripts/build.ts")], {
    cwd: ROOT,
    env: { ...process.env, TI_DIST: path.resolve(site), TI_DATA_DIR: path.resolve(dataDir) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (result.status !== 0) throw new Error(`la construction du site a échoué (code ${result.status}) : voir les messages ci-dessus.`);
  writeSiteStamp(site, dataDir, started);
}

/**
 * Records that `site` was built from `dataDir` at `started`: written by `npm run build` (scripts/build.ts) too, so
 * that `report` right after a build reuses that site instead of building it a second time.
 */
export function writeSiteStamp(site: string, dataDir: string, started: number): void {
  mkdirSync(DEFAULT_CACHE_DIR, { recursive: true });
  writeFileSync(stampFile(site), JSON.stringify({ data: path.resolve(dataDir), built: started }));
}

/** The list of printed PDFs the report pages read (docs/components/rapports-links.js PDF_INDEX). */
export const PDF_INDEX = "pdf.json";

/**
 * Writes <site>/rapports/pdf.json with the PDF files present there: empty right after `npm run build` (the report
 * pages then show no « PDF » link rather than a dead one), filled after `ti report` has printed them.
 */
export function writePdfIndex(site: string): string[] {
  const dir = path.join(site, "rapports");
  if (!existsSync(dir)) return [];
  const fichiers = readdirSync(dir).filter((f) => /^rapport-.+-\d{4}\.pdf$/.test(f)).sort();
  writeFileSync(path.join(dir, PDF_INDEX), `${JSON.stringify({ fichiers })}\n`);
  return fichiers;
}

export async function runReport(options: ReportOptions): Promise<number> {
  const log = options.log ?? ((l: string) => console.log(l));
  const chromium = options.chromium ?? chromiumPath();
  if (!existsSync(chromium)) {
    console.error(missingChromiumMessage(chromium));
    return 1;
  }
  if (!options.all && !options.year) {
    console.error("Erreur : indiquez l'année du rapport (--year 2021) ou --all pour toutes les années.");
    return 1;
  }
  const territory = await loadTerritory(options.data);
  const years = await reportYearsOfDataDir(options.data);
  if (years.length === 0) {
    console.error(`Erreur : aucun rapport possible, le dossier ${options.data} n'a aucune donnée en ${territory.referenceYear} (année de référence) ou après.`);
    return 1;
  }
  let wanted = years;
  if (!options.all) {
    const year = Number(options.year);
    if (!Number.isInteger(year) || !years.includes(year)) {
      console.error(`Erreur : pas de rapport pour « ${options.year} » ; années disponibles : ${years[0]} à ${years.at(-1)}.`);
      return 1;
    }
    wanted = [year];
  }
  const site = path.resolve(options.site ?? process.env.TI_DIST ?? path.join(ROOT, "dist"));
  if (!options.rebuild && siteIsFresh(site, options.data, wanted)) {
    log(`Site déjà construit à partir de ${options.data} et à jour : ${path.relative(process.cwd(), site) || "."}/ réutilisé.`);
  } else {
    log(`Construction du site à partir de ${options.data} dans ${path.relative(process.cwd(), site) || "."}/ (environ une minute)…`);
    try {
      buildSite(site, options.data);
    } catch (e) {
      console.error(`Erreur : ${(e as Error).message}`);
      return 1;
    }
  }
  const out = path.resolve(options.out ?? path.join(site, "rapports"));
  mkdirSync(out, { recursive: true });

  const server = await serveStatic(site);
  try {
    await printReports({ siteUrl: server.url, years: wanted, out, territoryId: territory.id, chromium, log });
  } finally {
    await server.close();
  }
  // The links of the site's report pages follow the PDFs written beside them.
  if (out === path.join(site, "rapports")) writePdfIndex(site);
  return 0;
}

/** Prints the report page of each year of a served site to <out>/rapport-<territoire>-<Y>.pdf; returns the files. */
export async function printReports(o: { siteUrl: string; years: number[]; out: string; territoryId: string; chromium: string; log?: (line: string) => void }): Promise<string[]> {
  const { chromium: driver } = await import("playwright-core");
  const browser = await driver.launch({ executablePath: o.chromium, args: CHROMIUM_ARGS });
  const files: string[] = [];
  try {
    for (const year of o.years) {
      const context = await browser.newContext({ locale: "fr-FR" });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
      page.on("pageerror", (e) => errors.push(e.message));
      // Nothing may leave 127.0.0.1 (the site makes no outside request; this makes sure of it).
      await page.route("**/*", (route) => (route.request().url().startsWith(o.siteUrl) ? route.continue() : route.abort()));
      await page.goto(`${o.siteUrl}/rapports/${year}`, { waitUntil: "networkidle" });
      await page.waitForSelector("#limites", { timeout: 30_000 });
      if (errors.length > 0) throw new Error(`la page du rapport ${year} a des erreurs : ${errors.join(" ; ")}`);
      const file = path.join(o.out, pdfFileName(o.territoryId, year));
      await page.pdf({ path: file, format: "A4", preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
      o.log?.(`Rapport ${year} : ${path.relative(process.cwd(), file)} (${formatNumber(Math.round(statSync(file).size / 1024))} Ko)`);
      files.push(file);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return files;
}
