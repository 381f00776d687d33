// The COG reference shipped by @etalab/decoupage-administratif, read once (require caches the JSON, and the
// territory module reads the same files, so the data is shared).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export interface ReferenceCommune {
  code: string;
  nom: string;
  type: "commune-actuelle" | "commune-deleguee" | "commune-associee" | "arrondissement-municipal";
  departement?: string;
  chefLieu?: string;
  /** Parent commune of a municipal arrondissement (Paris, Lyon, Marseille). */
  commune?: string;
  population?: number;
}

export interface ReferenceDepartement {
  code: string;
  nom: string;
}

export const referenceCommunes = (): ReferenceCommune[] => require("@etalab/decoupage-administratif/data/communes.json") as ReferenceCommune[];
export const referenceDepartements = (): ReferenceDepartement[] =>
  require("@etalab/decoupage-administratif/data/departements.json") as ReferenceDepartement[];

let arrondissements: Map<string, string> | undefined;

/** Municipal arrondissement code -> its commune (`75105` -> `75056`): Sirene codes establishments this way. */
export function arrondissementParent(code: string): string | undefined {
  if (!arrondissements) {
    arrondissements = new Map();
    for (const c of referenceCommunes()) if (c.type === "arrondissement-municipal" && c.commune) arrondissements.set(c.code, c.commune);
  }
  return arrondissements.get(code);
}

let departements: Map<string, string> | undefined;
let departementPopulations: Map<string, number> | undefined;

/** Population of a département: the sum of its current communes' populations in the COG package. */
export function departementPopulation(departement: string): number | undefined {
  if (!departementPopulations) {
    departementPopulations = new Map();
    for (const c of referenceCommunes() as (ReferenceCommune & { population?: number })[])
      if (c.type === "commune-actuelle" && c.departement) departementPopulations.set(c.departement, (departementPopulations.get(c.departement) ?? 0) + (c.population ?? 0));
  }
  return departementPopulations.get(departement);
}

/**
 * The département of a current commune or municipal arrondissement (`02691` → `02`, `2A004` → `2A`, `97411` → `974`),
 * from the COG; the code's prefix when the COG does not know it.
 */
export function departementOfCommune(code: string): string {
  if (!departements) {
    departements = new Map();
    for (const c of referenceCommunes()) if (c.departement) departements.set(c.code, c.departement);
  }
  return departements.get(code) ?? code.slice(0, code.startsWith("97") || code.startsWith("98") ? 3 : 2);
}
