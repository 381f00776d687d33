// @vitest-environment jsdom
// The shared chart pieces of docs/components/figure.js drawn under jsdom (as Observable Plot's own tests do) on
// small fixtures, alone and through an axis section: year ticks are years, a small count is ticked in integers
// without a repeated label, an index is read around 100, a single known year is shown as values, no Plot warning.
import { describe, expect, it } from "vitest";
import { drawWithoutWarning, fixture, serialise } from "./render.ts";
import { indicatorSection } from "../../docs/components/axis.js";
import { seriesFigure, singleValues, valueAxis, yearAxis } from "../../docs/components/figure.js";
import { indexRows, indexTracking } from "../../docs/components/indicators.js";

const territoire = { id: "ti-test", nom: "Territoire test", epcis: [{ siren: "200000001", nom: "CC Une" }, { siren: "200000002", nom: "CC Deux" }] };

function sheet(id: string, unit: string, title = "Indicateur test") {
  return { id, axis: "Attirer", title, definition: "Définition.", unit, type: "impact", direction: "hausse", levels: ["territoire", "epci"], source: { producer: "Producteur", dataset: "Jeu", vintage: "2024", licence: "Licence Ouverte", demonstration: false } };
}

function rows(id: string, values: Record<string, [number, number | null][]>) {
  return Object.entries(values).flatMap(([geo, series]) =>
    series.map(([annee, valeur]) => ({
      indicateur: id,
      niveau: geo === territoire.id ? "territoire" : "epci",
      code_geo: geo,
      annee,
      valeur,
      statut: valeur === null ? "manquant" : "ok",
    })),
  );
}

function section(s: ReturnType<typeof sheet>, data: ReturnType<typeof rows>, width = 640): HTMLElement {
  return indicatorSection(s, { index: indexRows(data), tracking: indexTracking([]), territoire, bassins: [], width, linkedActions: () => null });
}

describe("yearAxis", () => {
  it("ticks whole years only, thinned on a narrow chart", () => {
    expect(yearAxis([2019, 2020, 2021, 2022], 640).ticks).toEqual([2019, 2020, 2021, 2022]);
    // 13 years on 300 px: room for 5 ticks -> one in three, the last year always ticked.
    const narrow = yearAxis([2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023], 300).ticks;
    expect(narrow).toEqual([2011, 2014, 2017, 2020, 2023]);
    expect(narrow.every(Number.isInteger)).toBe(true);
  });
});

describe("valueAxis", () => {
  it("ticks a small count in integers, never the same label twice", () => {
    // Values 0 and 1: d3 would tick 0, 0.2 ... 1, written "0, 0, 0, 1, 1, 1" with no decimal.
    const axis = valueAxis([0, 1, 1, 0], 0, (d: number) => String(d));
    expect(axis.ticks).toEqual([0, 1]);
    const labels = axis.ticks.map(axis.tickFormat);
    expect(new Set(labels).size).toBe(labels.length);
  });
  it("keeps decimals when the unit has them, from 0 to a rounded maximum", () => {
    const axis = valueAxis([0.4, 1.2], 1);
    expect(axis.domain).toEqual([0, 1.2]);
    expect(axis.ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 1.2]);
  });
  it("all values zero: a domain from 0 to 1, ticks 0 and 1", () => {
    expect(valueAxis([0, 0, 0], 0)).toMatchObject({ domain: [0, 1], ticks: [0, 1] });
  });
  it("zero: false fits the domain to the values (an index from 96,2 to 123,8 with 100): 95 to 125", () => {
    expect(valueAxis([96.2, 100, 123.8], 1, String, 5, { zero: false })).toMatchObject({ domain: [95, 125], ticks: [95, 100, 105, 110, 115, 120, 125] });
  });
});

describe("indicatorSection (axis pages)", () => {
  it("a yearly count: x labels are the years, y labels are distinct integers, no Plot warning", () => {
    const s = sheet("friches_reconverties", "sites");
    const node = section(s, rows(s.id, { [territoire.id]: [[2020, 0], [2021, 1], [2022, 1], [2023, 2]], "200000001": [[2020, 0], [2021, 1], [2022, 0], [2023, 1]], "200000002": [[2020, 0], [2021, 0], [2022, 1], [2023, 1]] }));
    const svg = node.querySelector("svg[role=img]")!;
    expect(svg).not.toBeNull();
    const texts = [...svg.querySelectorAll("text")].map((t) => t.textContent ?? "");
    const years = texts.filter((t) => /^\d{4}(\.\d+)?$/.test(t));
    expect(years).toEqual(["2020", "2021", "2022", "2023"]);
    const numbers = texts.filter((t) => /^\d{1,2}$/.test(t));
    expect(numbers).toEqual(["0", "1", "2"]);
    expect(svg.textContent).not.toContain("⚠");
    // Downloads: the chart (SVG, PNG) and both tables (CSV, XLSX).
    expect([...node.querySelectorAll("button.ti-download")].map((b) => b.textContent)).toEqual(["SVG", "PNG", "CSV", "XLSX", "CSV", "XLSX"]);
  });

  it("three series of four points (two EPCIs known one year only): no 'high cardinality' warning drawn on the chart", () => {
    const s = sheet("tiers_lieux_ouverts", "lieux");
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => warnings.push(String(m));
    try {
      // Plot warns when the series outnumber half the points (3 > (1 + 4) >> 1) unless z is given.
      const node = section(s, rows(s.id, { [territoire.id]: [[2021, 1], [2022, 2]], "200000001": [[2022, 1]], "200000002": [[2022, 1]] }));
      expect(node.querySelector("svg[role=img]")?.textContent).not.toContain("⚠");
    } finally {
      console.warn = warn;
    }
    expect(warnings).toEqual([]);
  });

  it("a single known year is shown as values with their year, not as an empty chart", () => {
    const s = sheet("tiers_lieux_ouverts", "lieux");
    const node = section(s, rows(s.id, { [territoire.id]: [[2022, null], [2023, 3]], "200000001": [[2023, 2]], "200000002": [[2023, 1]] }));
    expect(node.querySelector("svg[role=img]")).toBeNull();
    const items = [...node.querySelectorAll(".ti-single li")].map((li) => li.textContent?.replace(/[ \n\t]+/g, " ").trim());
    expect(items).toEqual(["Territoire test 3 lieux", "CC Une 2 lieux", "CC Deux 1 lieux"]);
  });

  it("a percentage keeps its decimals on the axis, with distinct labels", () => {
    const s = sheet("part_emploi_industriel", "%");
    const node = section(s, rows(s.id, { [territoire.id]: [[2019, 21.3], [2020, 21.5], [2021, 21.4]] }));
    const texts = [...node.querySelectorAll("svg[role=img] text")].map((t) => t.textContent ?? "");
    const ys = texts.filter((t) => /%$/.test(t));
    expect(ys.length).toBeGreaterThan(2);
    expect(new Set(ys).size).toBe(ys.length);
    expect(texts.filter((t) => /^\d{4}/.test(t))).toEqual(["2019", "2020", "2021"]);
  });
});

describe("seriesFigure and singleValues", () => {
  it("the family charts of the home page (fixture accueil.json): snapshot, no Plot warning", async () => {
    for (const chart of fixture<object[]>("accueil.json")) {
      const fig = drawWithoutWarning(() => seriesFigure(chart, { width: 640, digits: (chart as { unite: string }).unite === "hectares" ? 1 : 0 }));
      await expect(serialise(fig)).toMatchFileSnapshot(`./__snapshots__/figure-${(chart as { famille: string }).famille.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z]+/gi, "-").toLowerCase()}.html`);
    }
  });
  it("a series of one year reads '12 345 salariés' under 'Une seule année connue : 2022.'", () => {
    const fig = seriesFigure({ titre: "Emploi", unite: "salariés", series: [{ indicateur: "a", libelle: "Territoire" }], points: [{ indicateur: "a", libelle: "Territoire", annee: 2022, valeur: 12345, statut: "ok" }], source: null });
    expect(fig.querySelector("svg")).toBeNull();
    expect(fig.querySelector(".ti-single li")?.textContent?.replace(/[ \n\t]+/g, " ").trim()).toBe("Territoire 12\u202f345 salariés");
  });
  it("several years: null (the caller draws a chart)", () => {
    expect(singleValues([{ annee: 2021 }, { annee: 2022 }], { label: () => "", format: () => "" })).toBeNull();
  });
});
