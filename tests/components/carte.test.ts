// @vitest-environment jsdom
// The map of the page « Carte » (docs/components/carte.js) on four square communes of two EPCIs: ZAN classes at
// their thresholds, circles for a count, the EPCI border drawn, snapshots.
import { describe, expect, it } from "vitest";
import { choropleth, legend, mapScheme } from "../../docs/components/carte.js";
import { serialise, texts } from "./render.ts";
import { contours } from "./squares.ts";

const commune = (code: string, nom: string, epci: string, population: number, valeur: number | null, statut = "ok") => ({ code, nom, epci, epciNom: epci === "A" ? "CC Ouest" : "CC Est", population, valeur, statut });
const sheet = (id: string, unit: string, kind: string) => ({ id, title: id, unit, aggregation: { kind } });

describe("choropleth", () => {
  it("la trajectoire ZAN en classes aux seuils 30 % et 100 %, une valeur inconnue à part", async () => {
    const s = sheet("trajectoire_zan_pct", "%", "ratio");
    const data = [commune("02001", "Aubigny", "A", 1200, 12), commune("02002", "Bélin", "B", 300, 45), commune("02003", "Cerny", "A", 800, 130), commune("02004", "Dury", "B", 90, null, "manquant")];
    const scheme = mapScheme(s, data);
    expect(scheme.kind).toBe("seuils");
    const { node } = choropleth({ contours, data, sheet: s, annee: 2023, classes: scheme.classes, classOf: scheme.classOf, scheme, width: 400, labels: 2 });
    expect(node.querySelectorAll("path.ti-carte-commune").length).toBe(4);
    // The EPCI border is the one vertical line between the two columns: two arcs, no horizontal one.
    const border = node.querySelector("path.ti-carte-epci:not(.ti-carte-contour)")!.getAttribute("d")!;
    expect(border.match(/M/g)?.length).toBeLessThanOrEqual(2);
    // The two most populated communes are named.
    expect(texts(node, "text.ti-carte-etiquette")).toEqual(["Aubigny", "Cerny"]);
    const lg = legend({ classes: scheme.classes, data, sheet: s, scheme });
    expect(texts(lg, "li")).toEqual(expect.arrayContaining([expect.stringMatching(/^moins de 30\u202f%/), expect.stringMatching(/^100\u202f% ou plus/)]));
    await expect(serialise(node)).toMatchFileSnapshot("./__snapshots__/carte-seuils.html");
    await expect(serialise(lg)).toMatchFileSnapshot("./__snapshots__/carte-seuils-legende.html");
  });

  it("un effectif en cercles proportionnels, sans cercle pour un secret", async () => {
    const s = sheet("emploi_industriel", "salariés", "somme");
    const data = [commune("02001", "Aubigny", "A", 1200, 400), commune("02002", "Bélin", "B", 300, 0), commune("02003", "Cerny", "A", 800, 100), commune("02004", "Dury", "B", 90, null, "secret")];
    const scheme = mapScheme(s, data);
    const { node } = choropleth({ contours, data, sheet: s, annee: 2023, classes: scheme.classes, classOf: scheme.classOf, scheme, width: 400, labels: 2 });
    expect([...node.querySelectorAll("circle")].map((c) => c.getAttribute("data-code"))).toEqual(["02001", "02003"]);
    await expect(serialise(node)).toMatchFileSnapshot("./__snapshots__/carte-cercles.html");
  });
});
