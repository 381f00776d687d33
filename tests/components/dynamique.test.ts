// @vitest-environment jsdom
// The figures of the page « Dynamique de l'emploi » (docs/components/dynamique.js) on a fixture cut from the
// demonstration dynamique.json: snapshots, whole-year ticks, no Plot warning.
import { describe, expect, it } from "vitest";
import { effectsFigure, referencesFigure } from "../../docs/components/dynamique.js";
import { drawWithoutWarning, fixture, serialise, texts } from "./render.ts";

const d = fixture("dynamique.json");
const yearLabels = (node: Element) => texts(node, "svg text").filter((t) => /^(19|20)\d\d([.,]\d+)?$/.test(t));

describe("referencesFigure", () => {
  it("un effectif en indice base 100 : le territoire et ses références, années entières", async () => {
    const fig = drawWithoutWarning(() => referencesFigure(d, "emploi_salarie_prive", { width: 640, titre: "Emploi salarié privé" }));
    expect(yearLabels(fig).every((y) => /^\d{4}$/.test(y))).toBe(true);
    expect(fig.querySelector("svg[role=img]")?.getAttribute("aria-label")).toMatch(/^Emploi salarié privé, indice base 100 en 2018\. Haute-Picardie : /);
    await expect(serialise(fig)).toMatchFileSnapshot("./__snapshots__/dynamique-references-effectif.html");
  });
  it("une part, en valeur", async () => {
    const fig = drawWithoutWarning(() => referencesFigure(d, "part_emploi_industriel", { width: 390, titre: "Part de l'industrie dans l'emploi salarié privé", share: true }));
    expect(yearLabels(fig).every((y) => /^\d{4}$/.test(y))).toBe(true);
    await expect(serialise(fig)).toMatchFileSnapshot("./__snapshots__/dynamique-references-part-390.html");
  });
});

describe("effectsFigure", () => {
  it("les trois effets du territoire et de ses EPCI en barres, avec leur tableau", async () => {
    const fig = drawWithoutWarning(() => effectsFigure(d, 2025, { width: 640 }));
    expect(texts(fig, "#table-effets tbody th")).toEqual(["Haute-Picardie", "CA du Saint-Quentinois", "CA Chauny Tergnier La Fère"]);
    await expect(serialise(fig)).toMatchFileSnapshot("./__snapshots__/dynamique-effets.html");
  });
});
