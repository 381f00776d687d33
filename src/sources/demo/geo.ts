// Administrative labels of the territory's communes (region, département, EPCI names) from
// @etalab/decoupage-administratif, plus the few geographic constants the demo needs.
import { createRequire } from "node:module";
import type { Commune, Territory } from "../../territory/territory.ts";
import { referenceCommunes, type ReferenceCommune } from "../../io/reference.ts";
import { hashString } from "./random.ts";

const require = createRequire(import.meta.url);

interface RawDepartement {
  code: string;
  region: string;
  nom: string;
}
interface RawRegion {
  code: string;
  nom: string;
}

const departements = new Map((require("@etalab/decoupage-administratif/data/departements.json") as RawDepartement[]).map((d) => [d.code, d]));
const regions = new Map((require("@etalab/decoupage-administratif/data/regions.json") as RawRegion[]).map((r) => [r.code, r]));

/** Regions before the 2016 reform (URSSAF keeps an `ancienne_region` column). */
// prettier-ignore
const OLD_REGIONS: readonly [string, string, string[]][] = [
  ["11", "Île-de-France", ["75", "77", "78", "91", "92", "93", "94", "95"]],
  ["21", "Champagne-Ardenne", ["08", "10", "51", "52"]],
  ["22", "Picardie", ["02", "60", "80"]],
  ["23", "Haute-Normandie", ["27", "76"]],
  ["24", "Centre", ["18", "28", "36", "37", "41", "45"]],
  ["25", "Basse-Normandie", ["14", "50", "61"]],
  ["26", "Bourgogne", ["21", "58", "71", "89"]],
  ["31", "Nord-Pas-de-Calais", ["59", "62"]],
  ["41", "Lorraine", ["54", "55", "57", "88"]],
  ["42", "Alsace", ["67", "68"]],
  ["43", "Franche-Comté", ["25", "39", "70", "90"]],
  ["52", "Pays de la Loire", ["44", "49", "53", "72", "85"]],
  ["53", "Bretagne", ["22", "29", "35", "56"]],
  ["54", "Poitou-Charentes", ["16", "17", "79", "86"]],
  ["72", "Aquitaine", ["24", "33", "40", "47", "64"]],
  ["73", "Midi-Pyrénées", ["09", "12", "31", "32", "46", "65", "81", "82"]],
  ["74", "Limousin", ["19", "23", "87"]],
  ["82", "Rhône-Alpes", ["01", "07", "26", "38", "42", "69", "73", "74"]],
  ["83", "Auvergne", ["03", "15", "43", "63"]],
  ["91", "Languedoc-Roussillon", ["11", "30", "34", "48", "66"]],
  ["93", "Provence-Alpes-Côte d'Azur", ["04", "05", "06", "13", "83", "84"]],
  ["94", "Corse", ["2A", "2B"]],
];

/** Approximate centre (longitude, latitude) of some départements: enough to place demo points. */
const DEPARTEMENT_CENTRES: Readonly<Record<string, [number, number]>> = {
  "02": [3.56, 49.56],
  "08": [4.64, 49.62],
  "51": [4.24, 48.95],
  "59": [3.22, 50.45],
  "60": [2.42, 49.41],
  "62": [2.29, 50.49],
  "77": [2.93, 48.63],
  "80": [2.28, 49.96],
  "95": [2.13, 49.08],
};

/** Académies of Hauts-de-France; elsewhere the demo uses the region name. */
const ACADEMIES: Readonly<Record<string, string>> = { "02": "AMIENS", "60": "AMIENS", "80": "AMIENS", "59": "LILLE", "62": "LILLE" };

export interface CommuneLabels {
  commune: Commune;
  regionCode: string;
  regionName: string;
  oldRegionCode: string;
  oldRegionName: string;
  departementName: string;
  epciName: string;
}

export function labelsOf(territory: Territory): Map<string, CommuneLabels> {
  const epciNames = new Map(territory.epcis.map((e) => [e.siren, e.nom]));
  const out = new Map<string, CommuneLabels>();
  for (const c of territory.communes) {
    const dep = departements.get(c.departement);
    const region = dep ? regions.get(dep.region) : undefined;
    const old = OLD_REGIONS.find(([, , deps]) => deps.includes(c.departement));
    out.set(c.code, {
      commune: c,
      regionCode: dep?.region ?? "",
      regionName: region?.nom ?? "",
      // Overseas regions did not change in 2016: old region = region.
      oldRegionCode: old?.[0] ?? dep?.region ?? "",
      oldRegionName: old?.[1] ?? region?.nom ?? "",
      departementName: dep?.nom ?? "",
      epciName: epciNames.get(c.epci) ?? "",
    });
  }
  return out;
}

export function departementName(code: string): string {
  return departements.get(code)?.nom ?? "";
}

export function regionOfDepartement(code: string): { code: string; name: string } {
  const dep = departements.get(code);
  const region = dep ? regions.get(dep.region) : undefined;
  return { code: dep?.region ?? "", name: region?.nom ?? "" };
}

export function academie(departement: string): string {
  return ACADEMIES[departement] ?? upperAscii(regionOfDepartement(departement).name);
}

/**
 * A stable invented centre for a commune, somewhere in its département (no contour is read):
 * null when the département's centre is not known, so coordinates stay empty.
 */
export function communeCentre(commune: Commune): [number, number] | null {
  const centre = DEPARTEMENT_CENTRES[commune.departement];
  if (!centre) return null;
  const h = hashString(`centre/${commune.code}`);
  const u = (h & 0xffff) / 0xffff;
  const v = (h >>> 16) / 0xffff;
  return [centre[0] + (u - 0.5) * 0.9, centre[1] + (v - 0.5) * 0.7];
}

let postalCodes: Map<string, string> | undefined;
/** First postal code of a commune (COG reference), "" when unknown. */
export function postalCode(code: string): string {
  postalCodes ??= new Map(
    (referenceCommunes() as (ReferenceCommune & { codesPostaux?: string[] })[])
      .filter((c) => c.type === "commune-actuelle")
      .map((c) => [c.code, c.codesPostaux?.[0] ?? ""]),
  );
  return postalCodes.get(code) ?? "";
}

/** `Saint-Quentin` -> `SAINT-QUENTIN`, `Chauny` -> `CHAUNY`, accents removed as in Ministry files. */
export function upperAscii(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toUpperCase();
}

/** Population used to scale figures: unknown populations count as a small village. */
export function populationOf(commune: Commune): number {
  return commune.population ?? 100;
}
