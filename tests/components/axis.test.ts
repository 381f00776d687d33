// @vitest-environment jsdom
// The indicator sections of the axis pages (docs/components/axis.js) drawn on a fixture territory of two EPCIs, one
// ten times smaller than the other: snapshots of each measure, values computed by hand, no Plot warning.
import { describe, expect, it } from "vitest";
import { indicatorSection, panelsOf } from "../../docs/components/axis.js";
import { indexRows, indexTracking } from "../../docs/components/indicators.js";
import { measureOf } from "../../docs/components/measure.js";
import { drawWithoutWarning, fixture, serialise, texts } from "./render.ts";

interface Fixture { territoire: any; catalogue: any[]; indicateurs: any[]; suivi: any[]; bassins: any[] }
const data = fixture<Fixture>("axis.json");
const index = indexRows(data.indicateurs);
const sheet = (id: string) => data.catalogue.find((s) => s.id === id)!;

function section(id: string, selection?: { annee?: number | null; epcis?: string[] | null; mode?: string }, width = 960): HTMLElement {
  return drawWithoutWarning(() =>
    indicatorSection(sheet(id), { index, tracking: indexTracking(data.suivi), territoire: data.territoire, bassins: data.bassins, width, linkedActions: () => null, selection: selection as never }),
  );
}

/** The data table (details.ti-data) as rows of cell texts. */
const dataTable = (node: HTMLElement) => [...node.querySelectorAll("details.ti-data tr")].map((tr) => [...tr.children].map((c) => (c.textContent ?? "").replace(/[ \n\t]+/g, " ").trim()));

describe("indicatorSection, valeur absolue d'un effectif", () => {
  it("le territoire et ses EPCI ont chacun leur graphique, à leur échelle : le petit EPCI n'est pas écrasé", async () => {
    const node = section("etablissements_industriels");
    const panels = [...node.querySelectorAll(".ti-panel")];
    expect(panels.map((p) => p.getAttribute("data-panel"))).toEqual(["territoire", "epci"]);
    // The EPCI panel is scaled to the EPCIs (max 540 -> 600), not to the territory's total (592 -> 600 too, but
    // its own domain starts from its own data): its ticks stop at 600, the territory's panel has the trajectory.
    const yTicks = (p: Element) => texts(p, "svg [aria-label='y-axis tick label'] text, svg g text").filter((t) => /^\d[\d\u202f ]*$/.test(t) && !/^20\d\d$/.test(t));
    expect(yTicks(panels[1]!)).toEqual(["0", "100", "200", "300", "400", "500", "600"]);
    expect(panels[0]!.querySelectorAll("svg[role=img]").length).toBe(1);
    expect(panels[1]!.querySelectorAll("svg[role=img]").length).toBe(1);
    // One SVG/PNG bar per chart, then the CSV/XLSX bars of the two tables.
    expect(texts(node, "button.ti-download")).toEqual(["SVG", "PNG", "SVG", "PNG", "CSV", "XLSX", "CSV", "XLSX"]);
    await expect(serialise(node)).toMatchFileSnapshot("./__snapshots__/axis-effectif-absolu.html");
  });

  it("la valeur inconnue (secret) du petit EPCI reste « secret », le total partiel est dit partiel", () => {
    const rows = dataTable(section("etablissements_industriels"));
    expect(rows[0]).toEqual(["Année", "Territoire test", "CA de la Grande Ville", "CC du Petit Pays"]);
    expect(rows.find((r) => r[0] === "2020")).toEqual(["2020", "505 (partiel)", "505", "secret"]);
  });

  it("sans EPCI coché, le territoire seul, en un graphique", () => {
    const node = section("etablissements_industriels", { epcis: [] });
    expect(node.querySelectorAll(".ti-panel").length).toBe(1);
    expect(texts(node, ".ti-panel-titre")).toEqual(["Territoire test"]);
    expect(dataTable(node)[0]).toEqual(["Année", "Territoire test"]);
  });
});

describe("indicatorSection, pour 1 000 habitants", () => {
  it("divise chaque valeur par la population de sa zone (calcul à la main), en un seul graphique", async () => {
    const node = section("etablissements_industriels", { mode: "habitants" });
    expect(node.querySelectorAll(".ti-panel").length).toBe(1);
    const rows = dataTable(node);
    expect(rows[0]![0]).toBe("Année");
    // 2023: 592 / 60 000 × 1 000 = 9,87 ; 540 / 50 000 × 1 000 = 10,8 ; 52 / 10 000 × 1 000 = 5,2 (max ≥ 10: one decimal).
    expect(rows.find((r) => r[0] === "2023")).toEqual(["2023", "9,9", "10,8", "5,2"]);
    expect(rows.find((r) => r[0] === "2020")).toEqual(["2020", "8,4 (partiel)", "10,1", "secret"]);
    expect(node.querySelector("details.ti-data caption")?.textContent).toBe("Établissements employeurs industriels (établissements pour 1 000 habitants), par année");
    expect(texts(node, ".ti-note-mesure").join(" ")).toMatch(/^Population : INSEE, populations municipales légales \(fixture de test\)\. Un seul millésime/);
    // The latest table keeps the published value and adds the measure.
    expect(texts(node, ".ti-latest thead th")).toEqual(["Territoire", "Dernière valeur", "Pour 1 000 hab.", "Référence", "Évolution", "Cible", "Statut"]);
    await expect(serialise(node)).toMatchFileSnapshot("./__snapshots__/axis-effectif-habitants.html");
  });

  it("sans objet pour une part : valeurs telles que publiées, avec la raison", () => {
    const node = section("part_emploi_industriel", { mode: "habitants" });
    expect(texts(node, ".ti-note-mesure")).toEqual(["Pour 1 000 habitants : sans objet, l'indicateur est déjà une part (en %) ; valeurs telles que publiées."]);
    expect(dataTable(node).find((r) => r[0] === "2018")).toEqual(["2018", "21,3\u202f%", "20,1\u202f%", "30,2\u202f%"]);
  });

  it("sans objet pour un compte d'actions du plan ; un bassin sans population connue n'a pas de valeur", () => {
    expect(texts(section("actions_en_retard", { mode: "habitants" }), ".ti-note-mesure")[0]).toMatch(/porte sur le plan d'actions du territoire/);
    const bmo = section("projets_recrutement", { mode: "habitants" });
    // 1 420 / 90 000 × 1 000 = 15,8 ; the second bassin's population is unknown: n.d., never 0.
    expect(dataTable(bmo).find((r) => r[0] === "2023")).toEqual(["2023", "15,8", "n.d."]);
    expect(texts(bmo, ".ti-note-mesure")[0]).toMatch(/Population inconnue pour Bassin BASSIN SUD \(9902\)/);
  });
});

describe("indicatorSection, indice base 100 et année choisie", () => {
  it("indice base 100 en 2019 (année de référence de la phase), calculé à la main, l'année choisie marquée", async () => {
    const node = section("etablissements_industriels", { mode: "indice", annee: 2021 });
    const rows = dataTable(node);
    // 2023: 592 / 552 × 100 = 107,2 ; 540 / 510 × 100 = 105,9 ; 52 / 42 × 100 = 123,8.
    expect(rows.find((r) => r[0] === "2023")).toEqual(["2023", "107,2", "105,9", "123,8"]);
    expect(rows.find((r) => r[0] === "2019")).toEqual(["2019", "100,0", "100,0", "100,0"]);
    // Latest table: the values of 2021, the index beside them, the change from the reference to 2021.
    const latest = [...node.querySelectorAll(".ti-latest tbody tr")].map((tr) => texts(tr, "th, td"));
    expect(latest[0]!.slice(0, 4)).toEqual(["Territoire test", "565 (2021)", "102,4", "552 (2019)"]);
    expect(latest[2]!.slice(0, 5)).toEqual(["CC du Petit Pays", "45 (2021)", "107,1", "42 (2019)", "+7,1\u202f%"]);
    expect(texts(node, ".ti-latest thead th").at(-1)).toBe("Statut (dernière valeur)");
    expect(node.querySelector("figcaption")?.textContent).toContain("Le trait vertical pointillé marque l'année 2021.");
    // The index axis is read around 100, not from 0.
    const yTicks = texts(node, "svg text").filter((t) => /^\d+$/.test(t) && !/^20\d\d$/.test(t));
    expect(yTicks).not.toContain("0");
    expect(yTicks).toContain("100");
    await expect(serialise(node)).toMatchFileSnapshot("./__snapshots__/axis-effectif-indice-2021.html");
  });

  it("un indice sans valeur de référence n'est pas calculé, et la raison est dite", () => {
    const node = section("actions_en_retard", { mode: "indice" });
    expect(texts(node, ".ti-note-mesure")).toEqual(["Indice non calculable pour Territoire test : valeur 2019 inconnue ou nulle (aucune division par une valeur inconnue ou nulle)."]);
    expect(node.querySelector("svg")).toBeNull();
  });
});

describe("indicatorSection, autres formes", () => {
  it("une part : territoire et EPCI sur une même échelle, décimales exactes, trajectoire cible", async () => {
    const node = section("part_emploi_industriel");
    expect(node.querySelectorAll(".ti-panel").length).toBe(1);
    const ticks = texts(node, "svg text").filter((t) => /%$/.test(t));
    expect(new Set(ticks).size).toBe(ticks.length);
    await expect(serialise(node)).toMatchFileSnapshot("./__snapshots__/axis-part.html");
  });

  it("un seul millésime connu : les valeurs, pas un graphique vide", async () => {
    const node = section("tiers_lieux_ouverts");
    expect(node.querySelector("svg")).toBeNull();
    expect(texts(node, ".ti-single li")).toEqual(["Territoire test 3 lieux", "CA de la Grande Ville 2 lieux", "CC du Petit Pays 1 lieux"]);
    await expect(serialise(node)).toMatchFileSnapshot("./__snapshots__/axis-valeur-unique.html");
  });

  it("les bassins d'emploi (BMO) : un graphique, une valeur inconnue jamais 0", async () => {
    const node = section("projets_recrutement", undefined, 390);
    expect(node.querySelectorAll(".ti-panel").length).toBe(1);
    expect(dataTable(node).find((r) => r[0] === "2022")).toEqual(["2022", "1\u202f500", "n.d."]);
    await expect(serialise(node)).toMatchFileSnapshot("./__snapshots__/axis-bassins-390.html");
  });

  it("panelsOf : deux graphiques seulement pour un effectif en valeur absolue avec des EPCI", () => {
    const geos = [{ main: true, niveau: "territoire", code: "t" }, { niveau: "epci", code: "e" }];
    const m = (id: string, mode: string) => measureOf(sheet(id), mode, { referenceYear: 2019, baseOf: () => 1 });
    expect(panelsOf(sheet("etablissements_industriels"), geos, m("etablissements_industriels", "absolu")).length).toBe(2);
    expect(panelsOf(sheet("etablissements_industriels"), geos, m("etablissements_industriels", "indice")).length).toBe(1);
    expect(panelsOf(sheet("part_emploi_industriel"), geos, m("part_emploi_industriel", "absolu")).length).toBe(1);
    // A wider level (a département) beside them: a third panel, never on the scale of the territory's EPCIs.
    const wider = panelsOf(sheet("etablissements_industriels"), [...geos, { niveau: "departement", code: "02" }], m("etablissements_industriels", "absolu"));
    expect(wider.map((p) => [p.id, p.geos.length])).toEqual([["territoire", 1], ["epci", 1], ["autres", 1]]);
  });
});
