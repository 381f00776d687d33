// "Comparer les EPCI" in Chromium: the values of indicateurs.json / communes.json of the built site, in French,
// per 1 000 inhabitants and as an index base 100, inputs that drive charts, tables and the URL query.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatNumber } from "../../docs/components/format.js";
import { formatWithStatus } from "../../docs/components/indicators.js";
import { launchBrowser, openPage } from "./browser.ts";

const url = inject("siteUrl");
const dist = inject("siteDist");
let browser: Browser;

interface Row { indicateur: string; niveau: string; code_geo: string; annee: number; valeur: number | null; statut: string }
interface Territoire { id: string; annee_reference: number; population: number; epcis: { siren: string; nom: string; population: number; nombre_communes: number }[]; communes: { code: string; nom: string; epci: string; population: number }[] }
interface Communes { communes: string[]; series: Record<string, Record<string, { v: (number | null)[]; s: string[] | null }>> }

/** A JSON file of the bundle as published in the built site (_file/data/site/<name>.<hash>.json). */
function published<T>(name: string): T {
  const dir = path.join(dist, "_file/data/site");
  const file = readdirSync(dir).find((f) => new RegExp(`^${name}\\.[0-9a-f]+\\.json$`).test(f));
  if (!file) throw new Error(`${name}.json absent du site construit`);
  return JSON.parse(readFileSync(path.join(dir, file), "utf8")) as T;
}

const rows = () => published<Row[]>("indicateurs");
const territoire = () => published<Territoire>("territoire");
const row = (indicateur: string, niveau: string, code: string, annee: number) => rows().find((r) => r.indicateur === indicateur && r.niveau === niveau && r.code_geo === code && r.annee === annee);

/** Rows of a table as arrays of trimmed cell texts. */
async function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(selector, (trs) => trs.map((tr) => Array.from(tr.children, (c) => (c.textContent ?? "").trim())));
}

async function headers(page: Page, table: string): Promise<string[]> {
  return page.$$eval(`${table} thead th`, (ths) => ths.map((th) => (th.textContent ?? "").trim()));
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("page Comparer les EPCI", () => {
  it("s'ouvre sans erreur, en français, sans requête extérieure, avec des listes étiquetées en français", async () => {
    const { page, log } = await openPage(browser, url, "/comparer");
    await page.waitForSelector("#table-classement");
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    expect(await page.textContent("h1")).toBe("Comparer les EPCI");
    for (const label of ["Indicateur", "Année", "EPCI"]) expect(await page.getByLabel(label, { exact: true }).evaluate((e) => e.tagName)).toBe("SELECT");
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.context().close();
  });

  it("montre pour chaque EPCI la valeur, le taux pour 1 000 habitants et l'indice base 100 calculés depuis indicateurs.json", async () => {
    const t = territoire();
    const { page } = await openPage(browser, url, "/comparer?indicateur=emploi_industriel&annee=2023");
    await page.waitForSelector("#table-classement");
    expect(await headers(page, "#table-classement")).toEqual(["Rang", "EPCI", "Valeur 2023", "Pour 1 000 hab.", "Indice (2022 = 100)", "Valeur 2022", "Population"]);
    const table = await tableRows(page, "#table-classement tbody tr");
    expect(table).toHaveLength(t.epcis.length); // 5 EPCIs: the union of the phases
    const expected = t.epcis.map((e) => {
      const r = row("emploi_industriel", "epci", e.siren, 2023)!;
      const ref = row("emploi_industriel", "epci", e.siren, t.annee_reference)!; // the current phase's reference year (2022)
      return { e, r, ref };
    });
    // Ranked by value, highest first.
    const byValue = [...expected].sort((a, b) => b.r.valeur! - a.r.valeur!);
    byValue.forEach(({ e, r, ref }, i) => {
      expect(table[i]).toEqual([
        String(i + 1),
        e.nom,
        formatWithStatus(r.valeur, "salariés", r.statut),
        formatNumber((r.valeur! / e.population) * 1000, 1),
        formatNumber((r.valeur! / ref.valeur!) * 100, 1),
        formatWithStatus(ref.valeur, "salariés", ref.statut),
        formatNumber(e.population),
      ]);
    });
    // The territory, for reference, in the footer and in the summary.
    const tr = row("emploi_industriel", "territoire", t.id, 2023)!;
    const foot = (await tableRows(page, "#table-classement tfoot tr"))[0]!;
    expect(foot.slice(1, 4)).toEqual(["Territoire", formatWithStatus(tr.valeur, "salariés", tr.statut), formatNumber((tr.valeur! / t.population) * 1000, 1)]);
    expect(await page.textContent("#valeur-territoire")).toBe(formatWithStatus(tr.valeur, "salariés", tr.statut));
    // The population vintage is stated.
    expect(await page.textContent("#figure-par-habitant")).toMatch(/Population : INSEE, populations municipales légales, Code officiel géographique 2026/);
    await page.context().close();
  });

  it("accompagne chaque graphique d'une alternative textuelle, d'un tableau de données et d'une ligne de source", async () => {
    const { page } = await openPage(browser, url, "/comparer?indicateur=emploi_industriel&annee=2023");
    await page.waitForSelector("#figure-indice");
    const figures = await page.$$eval("figure.ti-comparer-figure", (fs) =>
      fs.map((f) => ({ id: f.id, svg: f.querySelector("svg[role=img]")?.getAttribute("aria-label") ?? "", caption: f.querySelector("figcaption")?.textContent ?? "", rows: f.querySelectorAll("details table tbody tr").length, source: f.querySelector(".ti-source")?.textContent ?? "" })),
    );
    expect(figures.map((f) => f.id)).toEqual(["figure-valeur", "figure-par-habitant", "figure-indice"]);
    for (const f of figures) {
      expect(f.svg.length, f.id).toBeGreaterThan(40);
      expect(f.caption, f.id).toBe(f.svg);
      expect(f.rows, f.id).toBeGreaterThanOrEqual(4);
      expect(f.source, f.id).toMatch(/^Source : Urssaf Caisse nationale, Établissements et effectifs salariés du secteur privé par commune x APE, millésime 2011-2025, ODbL/);
    }
    const t = territoire();
    const saintQuentinois = t.epcis.find((e) => e.nom === "CA du Saint-Quentinois")!;
    const r = row("emploi_industriel", "epci", saintQuentinois.siren, 2023)!;
    expect(figures[0]!.svg).toContain(`CA du Saint-Quentinois ${formatWithStatus(r.valeur, "salariés", r.statut)}`);
    await page.context().close();
  });

  it("ne propose pas les indicateurs BMO (par bassin d'emploi) et explique pourquoi", async () => {
    const { page } = await openPage(browser, url, "/comparer");
    await page.waitForSelector("#table-classement");
    const options = await page.getByLabel("Indicateur", { exact: true }).evaluate((s: HTMLSelectElement) => Array.from(s.options, (o) => o.textContent ?? ""));
    expect(options.length).toBeGreaterThan(10);
    expect(options.some((o) => /BMO|Projets de recrutement/.test(o))).toBe(false);
    expect(await page.textContent(".ti-comparer-exclus")).toMatch(/Projets de recrutement \(BMO\) — publié par France Travail par bassin d'emploi/);
    await page.context().close();
  });

  it("change le graphique, le tableau et l'adresse quand on choisit un autre indicateur ; pas de taux par habitant pour une part", async () => {
    const { page } = await openPage(browser, url, "/comparer?indicateur=emploi_industriel&annee=2023");
    await page.waitForSelector("#table-classement");
    const before = await page.getAttribute("#figure-valeur svg", "aria-label");
    await page.getByLabel("Indicateur", { exact: true }).selectOption({ label: "Attirer — Part de l'industrie dans l'emploi salarié privé" });
    await page.waitForFunction(() => location.search.includes("indicateur=part_emploi_industriel"));
    await page.waitForSelector("#par-habitant-sans-objet");
    expect(await page.getAttribute("#figure-valeur svg", "aria-label")).not.toBe(before);
    expect(await headers(page, "#table-classement")).not.toContain("Pour 1 000 hab.");
    expect(await page.textContent("#par-habitant-sans-objet")).toMatch(/une part \(en %\)/);
    const t = territoire();
    const annee = Number(new URL(page.url()).searchParams.get("annee"));
    const first = (await tableRows(page, "#table-classement tbody tr"))[0]!;
    const epci = t.epcis.find((e) => e.nom === first[1])!;
    const r = row("part_emploi_industriel", "epci", epci.siren, annee)!;
    expect(first[2]).toBe(formatWithStatus(r.valeur, "%", r.statut));
    await page.context().close();
  });

  it("dit que l'indice est incalculable quand la valeur de l'année de référence est inconnue", async () => {
    // Reference year of the current phase: 2022. CC Terre de Picardie, in the territory since 2023, has no follow-up
    // value in 2022 (data/local/suivi.csv): its index is unknown, the other EPCIs' are computed.
    const { page } = await openPage(browser, url, "/comparer?indicateur=entreprises_accompagnees&annee=2023");
    await page.waitForSelector("#figure-indice");
    const table = await tableRows(page, "#table-classement tbody tr");
    expect(table.find((r) => r[1] === "CC Terre de Picardie")?.[4]).toBe("n.d.");
    expect(table.filter((r) => r[4] !== "n.d.")).toHaveLength(4);
    await page.context().close();
  });

  it("restaure indicateur, année et EPCI depuis l'adresse, et détaille les communes de l'EPCI depuis communes.json", async () => {
    const t = territoire();
    const epci = t.epcis[2]!;
    const { page, log } = await openPage(browser, url, `/comparer?indicateur=demandeurs_emploi_abc&annee=2015&epci=${epci.siren}`);
    await page.waitForSelector("#table-communes");
    expect(await page.getByLabel("Indicateur", { exact: true }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe("Recruter — Demandeurs d'emploi en catégories A, B, C");
    expect(await page.getByLabel("Année", { exact: true }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe("2015");
    expect(await page.getByLabel("EPCI", { exact: true }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe(epci.nom);
    const communes = published<Communes>("communes");
    const cell = communes.series.demandeurs_emploi_abc!["2015"]!;
    const members = t.communes.filter((c) => c.epci === epci.siren);
    const table = await tableRows(page, "#table-communes tbody tr");
    expect(table).toHaveLength(members.length);
    // Every commune shows its value of communes.json, unknown and secret spelt out, never 0.
    for (const c of members) {
      const i = communes.communes.indexOf(c.code);
      const statut = cell.s?.[i] ?? (cell.v[i] === null ? "manquant" : "ok");
      const line = table.find((r) => r[5] === c.code)!;
      expect(line[1]).toBe(c.nom);
      expect(line[2]).toBe(statut === "secret" ? "secret" : cell.v[i] === null ? "n.d." : formatWithStatus(cell.v[i], "demandeurs", statut));
    }
    // Sorted: known values first, decreasing; unknown ones last, without rank.
    const known = table.filter((r) => r[0] !== "—").map((r) => Number(r[2]!.replace(/\s/g, "")));
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(table.slice(known.length).every((r) => r[0] === "—" && /^(secret|n\.d\.)$/.test(r[2]!))).toBe(true);
    expect(log.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("change le détail et l'adresse quand on choisit un autre EPCI", async () => {
    const t = territoire();
    const { page } = await openPage(browser, url, "/comparer?indicateur=emploi_industriel&annee=2023");
    await page.waitForSelector("#table-communes");
    const target = t.epcis[3]!;
    await page.getByLabel("EPCI", { exact: true }).selectOption({ label: target.nom });
    await page.waitForFunction((siren) => location.search.includes(`epci=${siren}`), target.siren);
    await page.waitForFunction((n) => document.querySelectorAll("#table-communes tbody tr").length === n, target.nombre_communes);
    expect(await page.textContent("#table-communes caption")).toContain(target.nom);
    await page.context().close();
  });
});
