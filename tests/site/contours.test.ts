// The contours part: a TopoJSON topology of the territory's communes from the first source that has them,
// or an explicit absence that tells how to get contours.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { feature, mesh } from "topojson-client";
import { beforeAll, describe, expect, it } from "vitest";
import { buildContours, type ContoursFile, type ContoursPresent } from "../../src/site/parts/contours.ts";
import { sharedFile } from "../../src/io/shared-data.ts";
import { loadTerritory, type Territory } from "../../src/territory/territory.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/site");
const sharedContours = sharedFile("contours");
let territory: Territory;

beforeAll(async () => {
  territory = await loadTerritory("data");
});

function expectPresent(c: ContoursFile): ContoursPresent {
  if (!c.disponible) throw new Error(`contours absents : ${c.raison}`);
  return c;
}

/** Every commune polygon, as GeoJSON, by INSEE code. */
function polygons(c: ContoursPresent) {
  const fc = feature(c.topology, c.topology.objects.communes);
  return new Map(fc.features.map((f) => [String(f.id), f]));
}

describe("contours des communes (fichier de démonstration)", () => {
  it("garde les communes du territoire, rattache l'ancien code à la commune actuelle et liste les communes sans polygone", async () => {
    const manifest = { demonstration: false, fichiers: [{ chemin: "contours/communes-test.geojson", source: "contours", millesime: "2025", lignes: 6, demonstration: false }] };
    const c = expectPresent(await buildContours(territory, { dataDir: path.join(FIXTURES, "contours-donnees"), sharedContoursDir: sharedContours }, manifest));
    expect(c.source).toEqual({
      origine: "donnees",
      producteur: "Etalab, d'après IGN Admin Express",
      jeu_de_donnees: "Contours administratifs des communes (simplifiés à 1 000 m)",
      millesime: "2025",
      licence: "Licence Ouverte 2.0",
      fichiers: ["contours/communes-test.geojson"],
    });
    const byCode = polygons(c);
    // Paris is outside the territory; Saint-Quentin's feature is a Point (no surface); 80389 is merged into 80442.
    expect([...byCode.keys()]).toEqual(["02001", "02002", "80442"]);
    expect(c.anciens_codes_rattaches).toEqual([{ ancien: "80389", actuel: "80442" }]);
    expect(c.nombre_communes).toBe(231);
    expect(c.communes_sans_polygone).toHaveLength(228);
    expect(c.communes_sans_polygone).toContainEqual({ code: "02691", nom: "Saint-Quentin" });
    expect(c.communes_sans_polygone.map((x) => x.code)).not.toContain("80442");
    // Names and EPCI come from the territory (COG 2026), not from the contour file.
    expect(byCode.get("80442")!.properties).toEqual({ nom: "Hombleux", epci: territory.communes.find((x) => x.code === "80442")!.epci });
  });

  it("dissout les deux carrés de Hombleux en un seul polygone de 3,0 à 3,2 de longitude", async () => {
    const c = expectPresent(await buildContours(territory, { dataDir: path.join(FIXTURES, "contours-donnees"), sharedContoursDir: null }));
    const hombleux = polygons(c).get("80442")!;
    // Two squares sharing an edge: one ring of 4 corners (plus the two ends of the shared edge) after dissolution.
    const rings = hombleux.geometry.type === "Polygon" ? [hombleux.geometry.coordinates] : hombleux.geometry.type === "MultiPolygon" ? hombleux.geometry.coordinates : [];
    expect(rings).toHaveLength(1);
    const xs = rings[0]![0]!.map((p) => p[0]!);
    const ys = rings[0]![0]!.map((p) => p[1]!);
    expect(Math.min(...xs)).toBeCloseTo(3.0, 4);
    expect(Math.max(...xs)).toBeCloseTo(3.2, 4);
    expect(Math.min(...ys)).toBeCloseTo(49.2, 4);
    expect(Math.max(...ys)).toBeCloseTo(49.3, 4);
    // Abbécourt keeps its own square.
    const abbecourt = polygons(c).get("02001")!;
    const ring = (abbecourt.geometry as { coordinates: number[][][] }).coordinates[0]!;
    expect(Math.max(...ring.map((p) => p[0]!))).toBeCloseTo(3.1, 4);
  });

  it("passe à la source suivante quand les fichiers du dossier de données ne couvrent aucune commune du territoire", async () => {
    const c = await buildContours(territory, { dataDir: path.join(FIXTURES, "contours-hors-territoire"), sharedContoursDir: null });
    expect(c.disponible).toBe(false);
    if (!c.disponible) expect(c.raison).toMatch(/aucune commune du territoire/);
  });

  it("sans aucun contour, renvoie un objet « absent » qui dit comment en obtenir", async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), "ti-contours-"));
    try {
      const c = await buildContours(territory, { dataDir: empty, sharedContoursDir: null });
      expect(c).toEqual({ disponible: false, raison: expect.stringMatching(/Aucun fichier de contours/), comment_obtenir: expect.any(Array) });
      if (!c.disponible) {
        expect(c.comment_obtenir.join(" ")).toMatch(/npm run data:refresh/);
        expect(c.comment_obtenir.join(" ")).toMatch(/shared\/data\/contours/);
      }
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!sharedContours)("contours de référence partagés (IGN Admin Express 2018)", () => {
  it("donne un polygone à chacune des 231 communes du territoire, sans copier les fichiers", async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), "ti-contours-"));
    try {
      const c = expectPresent(await buildContours(territory, { dataDir: empty, sharedContoursDir: sharedContours }));
      expect(c.source.origine).toBe("reference_partagee");
      expect(c.source.producteur).toBe("IGN");
      expect(c.source.millesime).toBe("2018");
      expect(c.source.licence).toBe("Licence Ouverte");
      expect(c.source.fichiers).toEqual(["contours/communes-02-aisne-2018.geojson", "contours/communes-80-somme-2018.geojson"]);
      expect(c.communes_sans_polygone).toEqual([]);
      const byCode = polygons(c);
      expect(byCode.size).toBe(231);
      expect([...byCode.keys()]).toEqual(territory.communes.map((x) => x.code));
      // Grécourt (80389) merged into Hombleux (80442) on 1 January 2019: its 2018 polygon joins Hombleux.
      expect(c.anciens_codes_rattaches).toEqual([{ ancien: "80389", actuel: "80442" }, { ancien: "80551", actuel: "80509" }]);
      // EPCI boundaries can be drawn from the commune -> EPCI mapping.
      const epci = (g: { properties?: unknown }) => (g.properties as { epci: string }).epci;
      const epciBorders = mesh(c.topology, c.topology.objects.communes, (a, b) => epci(a) !== epci(b));
      expect(epciBorders.coordinates.length).toBeGreaterThan(0);
      // Saint-Quentin's polygon surrounds its town hall (3.2876 E, 49.8465 N).
      const sq = byCode.get("02691")!;
      const ring = (sq.geometry.type === "Polygon" ? sq.geometry.coordinates[0] : (sq.geometry as { coordinates: number[][][][] }).coordinates[0]![0])!;
      const [minX, maxX] = [Math.min(...ring.map((p) => p[0]!)), Math.max(...ring.map((p) => p[0]!))];
      const [minY, maxY] = [Math.min(...ring.map((p) => p[1]!)), Math.max(...ring.map((p) => p[1]!))];
      expect(minX < 3.2876 && 3.2876 < maxX && minY < 49.8465 && 49.8465 < maxY).toBe(true);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
