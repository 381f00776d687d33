// Cartofriches: an export in the CNIG « friches » standard for the territory's communes, with the quirks of the real
// national file: `NA` in every empty column, dates JJ/MM/AAAA, commune codes of Aisne without their leading zero
// (`2691`), a comment quoted over two lines, `site_type` « inconnu », surfaces in m² (some NA), WKT points and polygons.
// Every site is fictitious and says so in its source columns, except one name: « Flodor », the brownfield the
// 2019-2022 protocol names (CC de la Haute Somme; the Flodor crisps factory was in Péronne), placed in Péronne when
// the territory has it — its status, surface and dates are invented like the others'.
// Positions: a point inside the site's commune, from the commune contours of ../shared/data/contours (read in place);
// without them the position is NA (unknown) rather than a point in the wrong commune.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { geoBounds, geoCentroid, geoContains } from "d3";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { CARTOFRICHES_HEADER } from "./loader.ts";
import { sharedFile } from "../../io/shared-data.ts";
import type { Commune, Territory } from "../../territory/territory.ts";
import { toCsv, type GeneratedFile } from "../demo/csv.ts";
import { populationOf } from "../demo/geo.ts";
import { rngFor, type Random } from "../demo/random.ts";

type Column = (typeof CARTOFRICHES_HEADER)[number];

/** The export's newest update date: every other site was updated before it (it is the file's vintage). */
const EXPORT_DATE = { year: 2023, month: 11, day: 15 };
const FLODOR_COMMUNE = "80620";

const STATUSES = ["friche potentielle", "friche sans projet", "friche avec projet", "friche reconvertie"] as const;
const STATUS_WEIGHTS = [35, 30, 20, 15];
const TYPES = ["friche industrielle", "friche commerciale", "friche ferroviaire", "friche agro-industrielle", "friche d'habitat", "friche logistique", "friche d'équipement public", "mixte", "inconnu"] as const;
const TYPE_WEIGHTS = [30, 14, 6, 8, 8, 6, 6, 4, 18];
const NAMES: Record<string, string[]> = {
  "friche industrielle": ["Ancienne usine", "Ancienne fonderie", "Ancienne filature", "Ancien atelier mécanique", "Ancienne verrerie"],
  "friche commerciale": ["Ancien supermarché", "Ancien garage", "Ancienne station-service", "Anciens locaux commerciaux"],
  "friche ferroviaire": ["Ancienne halle ferroviaire", "Ancien dépôt ferroviaire"],
  "friche agro-industrielle": ["Ancienne sucrerie", "Ancienne laiterie", "Ancienne malterie"],
  "friche d'habitat": ["Ancienne cité ouvrière", "Ancien immeuble collectif"],
  "friche logistique": ["Ancien entrepôt", "Ancienne plateforme logistique"],
  "friche d'équipement public": ["Ancienne école", "Ancienne gendarmerie"],
  mixte: ["Ancien site d'activités"],
  inconnu: ["Site à qualifier", "Bâtiment vacant"],
};
const STREETS = ["rue de l'Industrie", "rue de la Gare", "avenue de la République", "rue du Canal", "route nationale", "rue des Usines"];
const DEMO_SOURCE = "Données de démonstration (site fictif)";
const FLODOR_SOURCE = "Données de démonstration (nom réel, données fictives)";
const DEMO_PRODUCER = "npm run data:demo";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const dayNumber = (d: { year: number; month: number; day: number }) => d.year * 10_000 + d.month * 100 + d.day;
const frenchDate = (d: { year: number; month: number; day: number }) => `${pad(d.day)}/${pad(d.month)}/${d.year}`;

/** A day of `year`, before the export date when in its year. */
function randomDate(rng: Random, year: number): { year: number; month: number; day: number } {
  const last = year === EXPORT_DATE.year ? Date.UTC(year, EXPORT_DATE.month - 1, EXPORT_DATE.day - 1) : Date.UTC(year, 11, 31);
  const first = Date.UTC(year, 0, 1);
  const d = new Date(first + rng.int(0, Math.round((last - first) / 86_400_000)) * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Commune polygons of the shared reference contours, by current commune code (none when the folder is absent). */
function communePolygons(territory: Territory): Map<string, Feature<Polygon | MultiPolygon>> {
  const out = new Map<string, Feature<Polygon | MultiPolygon>>();
  const dir = sharedFile("contours");
  if (!dir) return out;
  for (const name of readdirSync(dir).filter((n) => /^communes-.*\.geojson$/.test(n)).sort()) {
    const collection = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as FeatureCollection;
    for (const f of collection.features) {
      const code = territory.currentCode(String(f.properties?.code ?? ""));
      const g = f.geometry;
      // An older commune merged since: the current commune keeps its first polygon (enough to place a point).
      if (code && territory.isMember(code) && !out.has(code) && g && (g.type === "Polygon" || g.type === "MultiPolygon"))
        out.set(code, f as Feature<Polygon | MultiPolygon>);
    }
  }
  return out;
}

/** A point inside the commune: near its centroid, moved a little for each site, never outside the polygon. */
function pointIn(shape: Feature<Polygon | MultiPolygon>, rng: Random): [number, number] {
  const [[west, south], [east, north]] = geoBounds(shape);
  const centroid = geoCentroid(shape);
  for (let i = 0; i < 30; i++) {
    const p: [number, number] = [centroid[0] + rng.uniform(-0.3, 0.3) * (east - west), centroid[1] + rng.uniform(-0.3, 0.3) * (north - south)];
    if (geoContains(shape, p)) return p;
  }
  if (geoContains(shape, centroid)) return centroid;
  // A crescent-shaped commune: the first grid point inside it.
  for (let i = 1; i < 10; i++)
    for (let j = 1; j < 10; j++) {
      const p: [number, number] = [west + ((east - west) * i) / 10, south + ((north - south) * j) / 10];
      if (geoContains(shape, p)) return p;
    }
  return centroid;
}

const wkt = (n: number) => n.toFixed(6);
function pointWkt(p: [number, number]): string {
  return `POINT (${wkt(p[0])} ${wkt(p[1])})`;
}
/** A small square around the point, as the site's land (a few hundred metres). */
function squareWkt(p: [number, number], side: number): string {
  const [x, y] = p;
  const corners = [[x - side, y - side], [x + side, y - side], [x + side, y + side], [x - side, y + side], [x - side, y - side]];
  return `MULTIPOLYGON (((${corners.map(([a, b]) => `${wkt(a!)} ${wkt(b!)}`).join(", ")})))`;
}

/** How many sites a commune has: towns several, most villages none. */
function siteCount(commune: Commune, rng: Random): number {
  return rng.poisson(0.12 + populationOf(commune) / 12_000);
}

export function generateCartofriches(territory: Territory): GeneratedFile {
  const shapes = communePolygons(territory);
  const rows: string[][] = [];
  for (const commune of territory.communes) {
    const rng = rngFor("cartofriches", commune.code);
    const count = siteCount(commune, rng) + (commune.code === FLODOR_COMMUNE ? 1 : 0);
    for (let n = 1; n <= count; n++) {
      const flodor = commune.code === FLODOR_COMMUNE && n === 1;
      const type = flodor ? "friche agro-industrielle" : rng.weighted([...TYPES], (t) => TYPE_WEIGHTS[TYPES.indexOf(t)]!);
      const statut = flodor ? "friche avec projet" : rng.weighted([...STATUSES], (s) => STATUS_WEIGHTS[STATUSES.indexOf(s)]!);
      const name = flodor ? "Flodor" : `${rng.pick(NAMES[type]!)} (${commune.nom})`;
      const identified = randomDate(rng, rng.int(2012, 2021));
      const drawn = randomDate(rng, rng.int(Math.max(identified.year, 2019), 2023));
      // Never updated before it was identified.
      const updated = flodor ? EXPORT_DATE : dayNumber(drawn) < dayNumber(identified) ? identified : drawn;
      const surface = rng.chance(0.15) ? null : Math.round(flodor ? 52_000 : 600 + 12_000 * rng.lognormal(0.9));
      const shape = shapes.get(commune.code);
      const point = shape ? pointIn(shape, rng) : null;
      const polluted = rng.chance(0.25);
      const cells: Partial<Record<Column, string>> = {
        site_id: `${commune.code}_${pad(n, 4)}`,
        site_nom: name,
        site_type: type,
        site_adresse: rng.chance(0.6) ? `${rng.int(1, 120)} ${rng.pick(STREETS)}` : "NA",
        site_identif_date: frenchDate(identified),
        site_actu_date: frenchDate(updated),
        site_statut: statut,
        site_reconv_annee: statut === "friche reconvertie" ? String(rng.int(Math.max(identified.year, 2015), 2023)) : "NA",
        comm_nom: commune.nom,
        // The real export writes commune codes as numbers: Aisne's lose their leading zero.
        comm_insee: commune.code.replace(/^0/, ""),
        sol_pollution_existe: polluted ? "oui" : "NA",
        // A comment on two lines, quoted, as in the real file.
        sol_pollution_commentaire: polluted ? "Pollution suspectée (ancienne activité).\nDiagnostic à réaliser." : "NA",
        unite_fonciere_surface: surface === null ? "NA" : String(surface),
        source_nom: flodor ? FLODOR_SOURCE : DEMO_SOURCE,
        source_producteur: DEMO_PRODUCER,
        geompoint: point ? pointWkt(point) : "NA",
        geomsurf: point ? squareWkt(point, 0.0015) : "NA",
      };
      rows.push(CARTOFRICHES_HEADER.map((c) => cells[c] ?? "NA"));
    }
  }
  return {
    path: "sources/cartofriches-friches-standard.csv",
    source: "cartofriches",
    vintage: `${EXPORT_DATE.year}-${pad(EXPORT_DATE.month)}-${pad(EXPORT_DATE.day)}`,
    content: toCsv(CARTOFRICHES_HEADER, rows, { delimiter: ";" }),
    rows: rows.length,
  };
}
