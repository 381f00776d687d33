// A territory named after the official list, far from the Aisne and the Somme (ti-7506 « Creuse Industrie »: no
// BMO bassin, no contour file), with a 2019-2022 list dropped by hand in its data folder: the site builds, the
// build says what the territory's files lack, and the « Données et sources » page gives the provenance of the
// list in use, phase by phase.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { serveStatic, type RunningServer } from "../../src/server/static-server.ts";
import { sharedFile } from "../../src/io/shared-data.ts";
import { launchBrowser, openPage } from "./browser.ts";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const root = path.resolve(import.meta.dirname, "../..");
let server: RunningServer;
let browser: Browser;
let buildOutput: string;
let dist: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "ti-data-nomme-"));
  writeFileSync(path.join(dataDir, "territoire.json"), JSON.stringify({ ti: "ti-7506" }));
  const demo = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/demo/generate.ts", "--out", dataDir], { cwd: root, encoding: "utf8" });
  if (demo.status !== 0) throw new Error(demo.stderr);
  // A 2019-2022 list dropped by hand: the CC du Canton de Charly-sur-Marne as a territory of its own.
  const charly = (require("@etalab/decoupage-administratif/data/epci.json") as { code: string; membres: { code: string; nom: string }[] }[]).find((e) => e.code === "240200584")!;
  mkdirSync(path.join(dataDir, "territoires-industrie", "2019-2022"), { recursive: true });
  writeFileSync(
    path.join(dataDir, "territoires-industrie", "2019-2022", "communes.csv"),
    ["insee_com;lib_com;id_ti;lib_ti", ...charly.membres.map((m) => `${m.code};${m.nom};ti-3290;Canton de Charly`)].join("\n") + "\n",
  );
  dist = mkdtempSync(path.join(os.tmpdir(), "ti-site-nomme-"));
  const build = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/build.ts")], {
    cwd: root,
    env: { ...process.env, TI_DIST: dist, TI_DATA_DIR: dataDir },
    encoding: "utf8",
  });
  buildOutput = `${build.stdout}\n${build.stderr}`;
  if (build.status !== 0) throw new Error(`La construction du site a échoué :\n${buildOutput}`);
  server = await serveStatic(dist);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const dir of [dist, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

it("le site se construit pour un territoire sans bassin BMO ni contours, et la construction dit ce qui manque", () => {
  expect(buildOutput).toContain("note : Indicateurs sans aucune valeur (source absente du dossier de données ou sans ligne pour le territoire) : Projets de recrutement (BMO)");
  for (const page of ["index.html", "donnees.html", "carte.html"]) expect(existsSync(path.join(dist, page)), page).toBe(true);
});

it("la page « Données et sources » dit d'où vient le territoire et donne la provenance de la liste, phase par phase", async () => {
  const { page, log } = await openPage(browser, server.url, "/donnees");
  await page.waitForSelector("#table-liste-territoires");
  expect(await page.textContent("#territoire-liste")).toBe(
    "Le territoire de ce site est ti-7506 « Creuse Industrie » (Nouvelle-Aquitaine), de la liste officielle de la phase 2023-2027 : son périmètre (255 communes) en vient.",
  );
  const rows = await page.$$eval("#table-liste-territoires tbody tr", (trs) => trs.map((tr) => (tr as HTMLElement).innerText.replace(/\s+/g, " ").trim()));
  expect(rows).toHaveLength(2);
  expect(rows[0]).toMatch(/^2019-2022 1 ANCT .* communes\.csv · \d[\d\u202f ]* octets · SHA-256 [0-9a-f]{12}… liste du dossier de données \(territoires-industrie\/\) lu dans le dossier de données ; déposés à la main : 2019-2022\/communes\.csv/);
  expect(rows[0]).toContain("données : non renseignée (fichiers déposés à la main)");
  expect(rows[1]).toMatch(/^2023-2027 183 ANCT \(Agence nationale de la cohésion des territoires\) · Licence Ouverte/);
  expect(rows[1]).toContain("table du produit (src/geography/territoires-industrie.json)");
  expect(rows[1]).toContain("données : 2024");
  if (sharedFile("territoires-industrie")) {
    const { createHash } = await import("node:crypto");
    const sha = createHash("sha256").update(readFileSync(sharedFile("territoires-industrie", "ti-2023-2027-epci.csv")!)).digest("hex");
    expect(rows[1]).toContain(`ti-2023-2027-epci.csv · 42 467 octets · SHA-256 ${sha.slice(0, 12)}…`);
  }
  await page.screenshot({ path: path.join(os.tmpdir(), "ti-donnees-liste.png"), fullPage: true });
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
  expect(log.foreignRequests).toEqual([]);
  await page.context().close();
});

it("la page « Données et sources » respecte les règles WCAG 2.1 A et AA d'axe-core, en mode clair et sombre", async () => {
  const found: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    const { page } = await openPage(browser, server.url, "/donnees");
    await page.emulateMedia({ colorScheme });
    await page.waitForSelector("#table-liste-territoires");
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
      return result.violations.map((v) => `${v.id} : ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" ; ")}`);
    });
    found.push(...violations.map((v) => `(${colorScheme}) ${v}`));
    await page.context().close();
  }
  expect(found).toEqual([]);
});
