// The "Plan d'actions" page in Chromium: every demonstration action shown, filters that change the list and live in
// the URL, accessible progress bars, late actions flagged; and, on a second site built from a plan whose texts carry
// markup, that markup shown literally and never run.
import { cp, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serveStatic } from "../../src/server/static-server.ts";
import { launchBrowser, openPage } from "./browser.ts";
import { buildSite } from "./build-site.ts";

const siteUrl = inject("siteUrl");
const ROOT = path.resolve(import.meta.dirname, "../..");
const DEMO_IDS = ["ATT-1", "ATT-2", "ATT-3", "REC-1", "REC-2", "INN-1", "INN-2", "INN-3", "SIM-1", "SIM-2", "HP-1", "HP-2", "HP-3", "HP-4"];
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const shownIds = (page: import("playwright-core").Page) =>
  page.$$eval("article.ti-action", (as) => as.map((a) => a.id.replace(/^action-/, "")));

describe("page Plan d'actions (données de démonstration)", () => {
  it("montre chaque action du fichier, par axe, sans erreur ni requête externe", async () => {
    const { page, log } = await openPage(browser, siteUrl, "/plan-actions");
    await page.waitForSelector("article.ti-action");
    expect(await shownIds(page)).toEqual(DEMO_IDS);
    expect(await page.textContent("#nombre-actions")).toBe("14 actions affichées sur 14.");
    expect(await page.$$eval(".ti-action-axis > h2", (hs) => hs.map((h) => h.textContent))).toEqual([
      "Axe Attirer (3 actions)", "Axe Recruter (2 actions)", "Axe Innover (3 actions)", "Axe Simplifier (2 actions)",
      // The 2023-2027 phase's actions, under its priorities.
      "Axe Recrutement et compétences (1 action)", "Axe Transition écologique (1 action)", "Axe Écosystèmes d'innovation (1 action)", "Axe Foncier industriel (1 action)",
    ]);
    expect(await page.textContent("#date-situation")).toMatch(/^Situation au 20 mars 2024, date de la mise à jour la plus récente du fichier\. Une action est « en retard »/);
    expect(await page.$$eval("h1", (hs) => hs.length)).toBe(1);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.context().close();
  });

  it("donne à chaque barre d'avancement un nom accessible avec sa valeur, et signale les actions en retard", async () => {
    const { page } = await openPage(browser, siteUrl, "/plan-actions");
    await page.waitForSelector("article.ti-action");
    const bars = await page.$$eval("progress", (ps) => ps.map((p) => [(p as HTMLProgressElement).labels[0]?.textContent?.replace(/\s+/g, " ").trim(), (p as HTMLProgressElement).value]));
    expect(bars).toHaveLength(13); // HP-3 has no progress (empty cell: unknown)
    expect(bars[0]).toEqual(["Avancement : 60 %", 60]); // spaces normalised
    expect(await page.getByRole("progressbar", { name: "Avancement : 30\u202f%" }).count()).toBe(2); // REC-1, HP-1
    const late = await page.$$eval("article.ti-action", (as) => as.filter((a) => a.querySelector(".ti-badge-en_retard")).map((a) => a.id));
    expect(late).toEqual(["action-REC-1", "action-INN-1", "action-INN-3"]);
    expect(await page.textContent("#nombre-retard")).toBe("3");
    const indicator = await page.textContent("#action-ATT-1 .ti-action-indicators li");
    expect(indicator).toMatch(/^Emploi salarié industriel : [\d\u202f\u00a0 ]+ salariés \(\d{4}\)$/);
    await page.context().close();
  });

  it("filtre par axe, porteur et statut ; la sélection est dans l'URL et relue à l'ouverture", async () => {
    const { page, log } = await openPage(browser, siteUrl, "/plan-actions");
    await page.waitForSelector("article.ti-action");
    await page.getByLabel("Axe", { exact: true }).selectOption({ label: "Recruter" });
    await page.waitForFunction(() => document.querySelector("#nombre-actions")?.textContent === "2 actions affichées sur 14.");
    expect(await shownIds(page)).toEqual(["REC-1", "REC-2"]);
    expect(new URL(page.url()).searchParams.get("axe")).toBe("Recruter");

    await page.getByLabel("Axe", { exact: true }).selectOption({ label: "Tous les axes" });
    await page.getByLabel("Porteur", { exact: true }).selectOption({ label: "CA du Saint-Quentinois" });
    await page.waitForFunction(() => document.querySelector("#nombre-actions")?.textContent === "5 actions affichées sur 14.");
    expect(await shownIds(page)).toEqual(["ATT-1", "INN-2", "INN-3", "SIM-2", "HP-2"]);

    await page.getByLabel("Statut", { exact: true }).selectOption({ label: "En retard (calculé)" });
    await page.waitForFunction(() => document.querySelector("#nombre-actions")?.textContent === "1 action affichée sur 14.");
    expect(await shownIds(page)).toEqual(["INN-3"]);
    const query = new URL(page.url()).searchParams;
    expect([query.get("axe"), query.get("porteur"), query.get("statut")]).toEqual([null, "CA du Saint-Quentinois", "en retard"]);
    expect(log.consoleErrors).toEqual([]);
    await page.context().close();

    const reopened = await openPage(browser, siteUrl, "/plan-actions?statut=en+retard");
    await reopened.page.waitForSelector("article.ti-action");
    expect(await shownIds(reopened.page)).toEqual(["REC-1", "INN-1", "INN-3"]);
    await reopened.page.context().close();
  });

  it("un lien ./plan-actions#action-<id> (depuis une page d'axe) amène à la fiche de l'action", async () => {
    const { page } = await openPage(browser, siteUrl, "/plan-actions#action-SIM-2");
    await page.waitForSelector("#action-SIM-2");
    await page.waitForFunction(() => {
      const top = document.getElementById("action-SIM-2")!.getBoundingClientRect().top;
      return top >= 0 && top < 200;
    });
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    await page.context().close();
  });

  it("les filtres se manient au clavier", async () => {
    const { page } = await openPage(browser, siteUrl, "/plan-actions");
    await page.waitForSelector("article.ti-action");
    await page.getByLabel("Axe", { exact: true }).focus();
    await page.keyboard.press("ArrowDown"); // "Tous les axes" -> "Attirer"
    await page.waitForFunction(() => document.querySelector("#nombre-actions")?.textContent === "3 actions affichées sur 14.");
    expect(await shownIds(page)).toEqual(["ATT-1", "ATT-2", "ATT-3"]);
    await page.context().close();
  });
});

describe("page Plan d'actions : les textes du fichier restent du texte", () => {
  const PAYLOADS = {
    script: "<script>window.__xss=1;alert('script')</script> Accueil",
    img: "<img src=x onerror=window.__xss=2;alert(2)> Forum",
    description: "<img src=y onerror=alert(3)>",
    porteur: "<b onmouseover=alert(4)>Porteur</b>",
    commentaire: "<iframe src=javascript:alert(5)></iframe>",
  };
  let dir: string;
  let server: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "ti-xss-"));
    const data = path.join(dir, "data");
    await cp(path.join(ROOT, "data"), data, { recursive: true, filter: (src) => !src.startsWith(path.join(ROOT, "data", "sources")) });
    await symlink(path.join(ROOT, "data", "sources"), path.join(data, "sources"));
    await writeFile(
      path.join(data, "local", "actions.csv"),
      [
        "id,axe,titre,description,porteur,partenaires,budget_prevu,budget_engage,date_debut,date_fin_prevue,statut,avancement,indicateurs_lies,date_mise_a_jour,commentaire",
        `X1,Attirer,${PAYLOADS.script},Description ordinaire,CA du Saint-Quentinois,,1000,500,2024-01-01,2024-12-31,engagée,50,emploi_industriel,2024-03-01,`,
        `X2,Recruter,${PAYLOADS.img},${PAYLOADS.description},${PAYLOADS.porteur},,,,,,à lancer,,,2024-03-01,${PAYLOADS.commentaire}`,
      ].join("\n") + "\n",
    );
    const dist = path.join(dir, "dist");
    buildSite(dist, data);
    server = await serveStatic(dist);
  });
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("affiche littéralement <script> et <img onerror> : aucune alerte, aucun élément injecté, rien n'est exécuté", async () => {
    const { page, log } = await openPage(browser, server.url, "/plan-actions");
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.reload({ waitUntil: "networkidle" }); // the listener is attached: load again under watch
    await page.waitForSelector("article.ti-action");
    await page.hover("#action-X2 .ti-action-facts"); // a mouseover handler, had one been injected

    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    const injected = await page.$$eval("main img, main iframe, main b[onmouseover], main [onerror]", (els) => els.map((e) => e.outerHTML));
    expect(injected).toEqual([]);
    expect(await page.$$eval("main script", (ss) => ss.filter((s) => s.textContent?.includes("__xss")).length)).toBe(0);

    expect(await page.textContent("#titre-action-X1")).toBe(`X1 ${PAYLOADS.script}`);
    expect(await page.textContent("#titre-action-X2")).toBe(`X2 ${PAYLOADS.img}`);
    expect(await page.textContent("#action-X2 .ti-action-description")).toBe(PAYLOADS.description);
    expect(await page.textContent("#action-X2 .ti-action-comment")).toBe(`Commentaire : ${PAYLOADS.commentaire}`);
    expect(await page.getByText(PAYLOADS.script).first().isVisible()).toBe(true);
    // The porteur is also an option of the filter: text there too.
    expect(await page.getByLabel("Porteur", { exact: true }).locator("option").allTextContents()).toContain(PAYLOADS.porteur);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.context().close();
  });
});
