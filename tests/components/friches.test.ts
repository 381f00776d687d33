// @vitest-environment jsdom
// The brownfield map of the page « Friches » (docs/components/friches.js) on four square communes: one symbol per
// site with a position, by status; a site without position only counted in the legend; snapshots.
import { describe, expect, it } from "vitest";
import { frichesLegend, frichesMap } from "../../docs/components/friches.js";
import { serialise, texts } from "./render.ts";
import { contours } from "./squares.ts";

const territoire = { communes: [{ code: "02001", epci: "A" }, { code: "02002", epci: "B" }, { code: "02003", epci: "A" }, { code: "02004", epci: "B" }] };
const site = (id: string, statut: string, longitude: number | null, latitude: number | null) => ({ id, nom: `Site ${id}`, commune_nom: "Aubigny", statut, surface_ha: 1.5, type: "industrielle", source: "test", longitude, latitude, actions: [] });
const friches = {
  statuts: ["friche sans projet", "friche avec projet", "friche reconvertie"],
  sites: [site("a", "friche sans projet", 3.05, 49.85), site("b", "friche avec projet", 3.15, 49.75), site("c", "friche reconvertie", 3.12, 49.82), site("d", "friche sans projet", null, null)],
};

describe("frichesMap", () => {
  it("un symbole par site placé, la friche reconvertie dessinée sous les autres, le site sans position dans la légende", async () => {
    const { node, alt } = frichesMap({ contours, territoire, friches, width: 400 });
    expect([...node.querySelectorAll("path.ti-friche-point")].map((p) => p.getAttribute("data-id"))).toEqual(["c", "a", "b"]);
    expect(alt).toContain("(1 site sans position, seulement dans la liste)");
    const legend = frichesLegend(friches);
    expect(texts(legend, "li")[0]).toBe("Friche sans projet (2 sites, dont 1 sans position)");
    await expect(serialise(node)).toMatchFileSnapshot("./__snapshots__/friches-carte.html");
    await expect(serialise(legend)).toMatchFileSnapshot("./__snapshots__/friches-legende.html");
  });
});
