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
