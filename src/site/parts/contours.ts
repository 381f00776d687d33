// Commune contours for the map page (contours.json): the territory's communes as a TopoJSON topology.
// Sources, in order: official Etalab contours downloaded by `npm run data:refresh` into <dataDir>/contours/,
// else the reference files of ../shared/data/contours (read in place, never copied), else none — in which
// case the file says so explicitly and how to get them, so that the page can still show its tables.
// EPCI boundaries are not stored: the page computes them with topojson-client `mesh` from the
// commune -> EPCI mapping of territoire.json, so that they always match the territory's configuration.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from "geojson";
import { mergeArcs } from "topojson-client";
import { topology } from "topojson-server";
import type { GeometryCollection, GeometryObject, Topology } from "topojson-specification";
import type { Manifest } from "../../io/manifest.ts";
import { sharedFile } from "../../io/shared-data.ts";
import type { Territory } from "../../territory/territory.ts";
import type { SiteContext, SiteFile } from "../context.ts";

export interface ContourSource {
  origine: "donnees" | "reference_partagee";
  producteur: string;
  jeu_de_donnees: string;
  millesime: string | null;
  licence: string;
  /** Files read, relative to the data folder (or to the shared folder). */
  fichiers: string[];
}

export interface ContoursAbsent {
  disponible: false;
  raison: string;
  /** How to get contours, in French, one step per item. */
  comment_obtenir: string[];
}

export interface ContoursPresent {
  disponible: true;
  source: ContourSource;
  nombre_communes: number;
  /** Communes of the territory that no contour file describes (drawn nowhere; their values stay in the table). */
  communes_sans_polygone: { code: string; nom: string }[];
  /** Polygons of older communes (contours older than the geography) merged into their current commune. */
  anciens_codes_rattaches: { ancien: string; actuel: string }[];
  /** One object `communes`: one geometry per commune, id = INSEE code, properties {nom, epci}. */
  topology: Topology<{ communes: GeometryCollection<{ nom: string; epci: string }> }>;
}

export type ContoursFile = ContoursAbsent | ContoursPresent;

/** Where to look: `<dataDir>/contours/communes-*.geojson`, then the shared reference folder (null = none). */
export interface ContourLocations {
  dataDir: string;
  sharedContoursDir: string | null;
}

const CONTOUR_FILE = /^communes-.*\.geojson$/;
/** 10^5 steps per axis: about 1 m over the territory, a third of the size of raw coordinates. */
const QUANTIZATION = 1e5;

export const HOW_TO_GET_CONTOURS = [
  "Téléchargez les contours officiels avec « npm run data:refresh » (ils sont écrits dans le dossier contours/ du dossier de données), puis reconstruisez le site ;",
  "ou placez les fichiers de référence communes-*.geojson dans ../shared/data/contours/ (à côté du projet), puis reconstruisez le site.",
];

async function listContourFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => CONTOUR_FILE.test(n)).sort();
  } catch {
    return [];
  }
}

async function readCollection(file: string): Promise<FeatureCollection> {
  const parsed = JSON.parse(await readFile(file, "utf8")) as FeatureCollection;
  if (parsed?.type !== "FeatureCollection" || !Array.isArray(parsed.features)) throw new Error(`${file} : ce n'est pas une FeatureCollection GeoJSON`);
  return parsed;
}

function isAreal(g: Geometry | null): g is Polygon | MultiPolygon {
  return !!g && (g.type === "Polygon" || g.type === "MultiPolygon");
}

/** The features of the files that belong to the territory, keyed by current commune code (older codes remapped). */
async function territoryFeatures(dir: string, names: string[], territory: Territory): Promise<{ pieces: Map<string, Feature<Polygon | MultiPolygon>[]>; remapped: { ancien: string; actuel: string }[] }> {
  const pieces = new Map<string, Feature<Polygon | MultiPolygon>[]>();
  const remapped: { ancien: string; actuel: string }[] = [];
  for (const name of names) {
    const collection = await readCollection(path.join(dir, name));
    for (const f of collection.features) {
      const raw = f.properties?.code;
      if (typeof raw !== "string" && typeof raw !== "number") continue;
      const code = String(raw);
      const current = territory.currentCode(code);
      if (!current || !territory.isMember(current) || !isAreal(f.geometry)) continue;
      if (current !== code) remapped.push({ ancien: code, actuel: current });
      const list = pieces.get(current) ?? [];
      list.push({ type: "Feature", properties: {}, geometry: f.geometry });
      pieces.set(current, list);
    }
  }
  return { pieces, remapped };
}

/** Builds the topology: shared arcs, one (possibly merged) geometry per commune, in the territory's order. */
function buildTopology(territory: Territory, pieces: Map<string, Feature<Polygon | MultiPolygon>[]>): ContoursPresent["topology"] {
  const order: string[] = [];
  const features: Feature[] = [];
  for (const c of territory.communes) {
    for (const f of pieces.get(c.code) ?? []) {
      order.push(c.code);
      features.push(f);
    }
  }
  const topo = topology({ pieces: { type: "FeatureCollection", features } } as { pieces: FeatureCollection }, QUANTIZATION);
  const pieceGeoms = (topo.objects.pieces as GeometryCollection).geometries;
  const byCode = new Map<string, GeometryObject[]>();
  pieceGeoms.forEach((g, i) => {
    const code = order[i]!;
    byCode.set(code, [...(byCode.get(code) ?? []), g]);
  });
  const communes = territory.communes.flatMap((c) => {
    const geoms = byCode.get(c.code);
    if (!geoms) return [];
    // Several polygons for one commune (a merged commune in older contours): dissolved on shared arcs.
    const geometry = geoms.length === 1 ? geoms[0]! : mergeArcs(topo, geoms as never);
    const { type, arcs } = geometry as { type: "Polygon" | "MultiPolygon"; arcs: number[][] | number[][][] };
    return [{ type, arcs, id: c.code, properties: { nom: c.nom, epci: c.epci } } as GeometryObject<{ nom: string; epci: string }>];
  });
  return {
    type: "Topology",
    ...(topo.transform ? { transform: topo.transform } : {}),
    ...(topo.bbox ? { bbox: topo.bbox } : {}),
    arcs: topo.arcs,
    objects: { communes: { type: "GeometryCollection", geometries: communes } },
  } as ContoursPresent["topology"];
}

function present(territory: Territory, source: ContourSource, pieces: Map<string, Feature<Polygon | MultiPolygon>[]>, remapped: ContoursPresent["anciens_codes_rattaches"]): ContoursPresent {
  return {
    disponible: true,
    source,
    nombre_communes: territory.communes.length,
    communes_sans_polygone: territory.communes.filter((c) => !pieces.has(c.code)).map((c) => ({ code: c.code, nom: c.nom })),
    anciens_codes_rattaches: remapped,
    topology: buildTopology(territory, pieces),
  };
}

function officialSource(names: string[], manifest: Manifest | null): ContourSource {
  const vintages = names.map((n) => manifest?.fichiers.find((f) => f.chemin === `contours/${n}`)?.millesime ?? null).filter((v): v is string => !!v);
  return {
    origine: "donnees",
    producteur: "Etalab, d'après IGN Admin Express",
    jeu_de_donnees: "Contours administratifs des communes (simplifiés à 1 000 m)",
    millesime: vintages.length ? [...new Set(vintages)].join(", ") : null,
    licence: "Licence Ouverte 2.0",
    fichiers: names.map((n) => `contours/${n}`),
  };
}

function sharedSource(names: string[]): ContourSource {
  const vintages = [...new Set(names.map((n) => /-(\d{4})\.geojson$/.exec(n)?.[1]).filter((v): v is string => !!v))];
  return {
    origine: "reference_partagee",
    producteur: "IGN",
    jeu_de_donnees: "Admin Express COG, contours des communes simplifiés (mapshaper), via github.com/gregoiredavid/france-geojson",
    millesime: vintages.length ? vintages.join(", ") : null,
    licence: "Licence Ouverte",
    fichiers: names.map((n) => `contours/${n}`),
  };
}

/** The contours of the territory from the first location that has any of its communes, or an explicit absence. */
export async function buildContours(territory: Territory, where: ContourLocations, manifest: Manifest | null = null): Promise<ContoursFile> {
  const officialDir = path.join(where.dataDir, "contours");
  const official = await listContourFiles(officialDir);
  if (official.length) {
    const { pieces, remapped } = await territoryFeatures(officialDir, official, territory);
    if (pieces.size) return present(territory, officialSource(official, manifest), pieces, remapped);
  }
  if (where.sharedContoursDir) {
    const shared = await listContourFiles(where.sharedContoursDir);
    if (shared.length) {
      const { pieces, remapped } = await territoryFeatures(where.sharedContoursDir, shared, territory);
      if (pieces.size) return present(territory, sharedSource(shared), pieces, remapped);
    }
  }
  return {
    disponible: false,
    raison: official.length
      ? "Les fichiers de contours du dossier de données ne contiennent aucune commune du territoire, et aucun contour de référence n'a été trouvé."
      : "Aucun fichier de contours des communes n'a été trouvé (ni dans le dossier de données, ni dans le dossier de référence partagé).",
    comment_obtenir: HOW_TO_GET_CONTOURS,
  };
}

export async function contourFiles(ctx: SiteContext): Promise<Record<string, SiteFile>> {
  const where = { dataDir: ctx.dataDir, sharedContoursDir: sharedFile("contours") };
  return { "contours.json": await buildContours(ctx.folder.territory, where, ctx.folder.manifest) };
}
