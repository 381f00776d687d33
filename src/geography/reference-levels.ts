// The reference levels a commune belongs to, beside the territory: its département and région (current COG of
// @etalab/decoupage-administratif), France, and the Territoires d'industrie of the product's list whose perimeter
// holds it (a commune may belong to none, or to several when two territories share an EPCI). Built once, lazily:
// the 183 perimeters are resolved with the same rules as a named territory (src/geography/perimeter.ts).
import { cog } from "./cog.ts";
import { resolvePerimeter } from "./perimeter.ts";
import { productList } from "./ti-table.ts";

export type ReferenceLevel = "departement" | "region" | "france" | "territoire_industrie";
export const REFERENCE_LEVELS: readonly ReferenceLevel[] = ["departement", "region", "france", "territoire_industrie"];
export const FRANCE_CODE = "FR";

export interface ReferenceGeography {
  /** Current commune -> its département, région and Territoires d'industrie. */
  communes: Map<string, { departement: string; region: string | null; tis: string[] }>;
  /** Current communes of each département, each Territoire d'industrie. */
  communesOfDepartement: Map<string, string[]>;
  communesOfTi: Map<string, string[]>;
  departementsOfRegion: Map<string, string[]>;
  /** Label of a (level, code). */
  label(level: ReferenceLevel, code: string): string;
  /** The Territoires d'industrie whose perimeter could not be resolved against the current COG (id -> reason). */
  unresolved: Map<string, string>;
}

let cache: ReferenceGeography | undefined;

export function referenceGeography(): ReferenceGeography {
  if (cache) return cache;
  const ref = cog();
  const communes: ReferenceGeography["communes"] = new Map();
  const communesOfDepartement = new Map<string, string[]>();
  const departementsOfRegion = new Map<string, string[]>();
  for (const [code, d] of ref.departements) {
    const list = departementsOfRegion.get(d.region) ?? [];
    list.push(code);
    departementsOfRegion.set(d.region, list);
  }
  for (const c of ref.communes.values()) {
    if (!c.departement) continue;
    communes.set(c.code, { departement: c.departement, region: ref.departements.get(c.departement)?.region ?? c.region ?? null, tis: [] });
    const list = communesOfDepartement.get(c.departement) ?? [];
    list.push(c.code);
    communesOfDepartement.set(c.departement, list);
  }
  const communesOfTi = new Map<string, string[]>();
  const names = new Map<string, string>();
  const unresolved = new Map<string, string>();
  for (const t of productList().territoires) {
    names.set(t.id, t.nom);
    try {
      const sirens = t.membres.filter((m) => m.type === "epci" || m.type === "ept").map((m) => m.code);
      const codes = t.membres.filter((m) => m.type === "commune").map((m) => m.code);
      if (t.membres.some((m) => m.type === "inconnu")) throw new Error("membre inconnu du Code officiel géographique");
      const { communes: members } = resolvePerimeter(sirens, codes);
      communesOfTi.set(t.id, members.map((m) => m.code));
      for (const m of members) communes.get(m.code)?.tis.push(t.id);
    } catch (e) {
      unresolved.set(t.id, (e as Error).message);
    }
  }
  const label = (level: ReferenceLevel, code: string): string => {
    if (level === "france") return "France";
    if (level === "departement") return ref.departements.get(code)?.nom ?? code;
    if (level === "region") return ref.regions.get(code) ?? code;
    return names.get(code) ?? code;
  };
  cache = { communes, communesOfDepartement, communesOfTi, departementsOfRegion, label, unresolved };
  return cache;
}
