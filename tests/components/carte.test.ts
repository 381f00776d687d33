// @vitest-environment jsdom
// The map of the page « Carte » (docs/components/carte.js) on four square communes of two EPCIs: ZAN classes at
// their thresholds, circles for a count, the EPCI border drawn, snapshots.
import { topology } from "topojson-server";
import { describe, expect, it } from "vitest";
import { choropleth, legend, mapScheme } from "../../docs/components/carte.js";
import { serialise, texts } from "./render.ts";

// Four communes in a 2 × 2 grid (lon 3.0-3.2, lat 49.7-49.9): the west column in one EPCI, the east one in another.
// Corners taken from one grid (49.7 + 0.1 is not 49.8 in floating point: shared edges must be the same numbers).
const LON = [3.0, 3.1, 3.2];
const LAT = [49.7, 49.8, 49.9];
const square = (code: string, nom: string, i: number, j: number) => {
  const [x0, x1, y0, y1] = [LON[i]!, LON[i + 1]!, LAT[j]!, LAT[j + 1]!];
  return { type: "Feature" as const, id: code, properties: { nom }, geometry: { type: "Polygon" as const, coordinates: [[[x0, y0], [x0, y1], [x1, y1], [x1, y0], [x0, y0]]] } };
};
const contours = {
  topology: topology({
    communes: {
      type: "FeatureCollection",
      features: [square("02001", "Aubigny", 0, 1), square("02002", "Bélin", 1, 1), square("02003", "Cerny", 0, 0), square("02004", "Dury", 1, 0)],
    } as GeoJSON.FeatureCollection,
  }),
};
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
