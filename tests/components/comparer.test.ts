// @vitest-environment jsdom
// The figures of the page « Comparer les EPCI » (docs/components/comparer.js) on the axis fixture: bars per EPCI
// and index base 100, snapshots, no Plot warning.
import { describe, expect, it } from "vitest";
import { barsFigure, compareEpcis, indexFigure } from "../../docs/components/comparer.js";
import { formatWithStatus, indexRows } from "../../docs/components/indicators.js";
import { drawWithoutWarning, fixture, serialise, texts } from "./render.ts";

const data = fixture("axis.json");
const idx = indexRows(data.indicateurs);
const sheet = data.catalogue.find((s: { id: string }) => s.id === "etablissements_industriels");

describe("comparer", () => {
  it("barres par EPCI pour une année, une valeur secrète laissée sans barre", async () => {
    const comparison = compareEpcis(idx, sheet, data.territoire, 2020);
    const fig = drawWithoutWarning(() =>
      barsFigure({
        id: "figure-valeur", title: "Établissements en 2020", rows: comparison.epcis, value: (r: { valeur: number | null }) => r.valeur,
        format: (r: { valeur: number | null; statut: string }) => formatWithStatus(r.valeur, sheet.unit, r.statut), unit: sheet.unit,
        reference: null, alt: "Établissements en 2020 par EPCI.", source: null, width: 640,
      }),
    );
    expect(fig.querySelectorAll("svg [aria-label] rect, svg rect").length).toBeGreaterThan(0);
    expect([...fig.querySelectorAll("tbody tr")].map((tr) => texts(tr, "th, td"))).toEqual([["CA de la Grande Ville", "505"], ["CC du Petit Pays", "secret"]]);
    await new Promise((r) => queueMicrotask(() => r(null)));
    await expect(serialise(fig)).toMatchFileSnapshot("./__snapshots__/comparer-barres.html");
  });

  it("indice base 100 en 2019 : 52 / 42 × 100 = 123,8 pour le petit EPCI en 2023", async () => {
    const fig = drawWithoutWarning(() => indexFigure({ idx, sheet, territoire: data.territoire, annee: 2023, years: [2018, 2019, 2020, 2021, 2022, 2023], width: 640, source: null }));
    expect(texts(fig.querySelector("tbody tr:last-child")!, "th, td")).toEqual(["2023", "105,9", "123,8", "107,2"]);
    await new Promise((r) => queueMicrotask(() => r(null)));
    await expect(serialise(fig)).toMatchFileSnapshot("./__snapshots__/comparer-indice.html");
  });
});
