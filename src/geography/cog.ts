// The current Code officiel géographique as @etalab/decoupage-administratif ships it, indexed once for the
// questions the territory and the list of Territoires d'industrie ask: which EPCI or établissement public
// territorial (EPT) a SIREN designates, which commune a commune SIREN or an older commune code designates,
// which EPCI a commune belongs to, and the names of régions and départements.
// communes.json has no EPCI field: membership comes from epci.json (and ept.json for the EPTs of the
// Métropole du Grand Paris, whose communes are also members of the Métropole, an EPCI).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export interface CogMember {
  code: string;
  nom: string;
  populationMunicipale?: number;
}

/** An EPCI (CC, CA, CU, METRO, MET69) or an EPT, with its member communes. */
export interface CogGroup {
  code: string;
  nom: string;
  type: string;
  populationMunicipale?: number;
  membres: CogMember[];
}

export interface CogCommune {
  code: string;
  nom: string;
  type: "commune-actuelle" | "commune-deleguee" | "commune-associee" | "arrondissement-municipal";
  departement?: string;
  region?: string;
  siren?: string;
  population?: number;
  chefLieu?: string;
  anciensCodes?: string[];
}

export interface Cog {
  /** The package version, for provenance lines. */
  version: string;
  epcis: Map<string, CogGroup>;
  epts: Map<string, CogGroup>;
  /** Current communes by INSEE code. */
  communes: Map<string, CogCommune>;
  /** Current commune by the commune's SIREN. */
  communeBySiren: Map<string, CogCommune>;
  /** SIREN of the EPCI a current commune belongs to (absent for the few communes outside any EPCI). */
  epciOfCommune: Map<string, string>;
  /** Older codes (merged, delegated, associated communes) -> current commune. */
  oldToCurrent: Map<string, string>;
  regions: Map<string, string>;
  departements: Map<string, { nom: string; region: string }>;
  /** The current commune a code designates: itself, or the commune an older code was merged into. */
  currentCode(code: string): string | undefined;
}

let cache: Cog | undefined;

export function cog(): Cog {
  if (cache) return cache;
  const epciList = require("@etalab/decoupage-administratif/data/epci.json") as CogGroup[];
  const eptList = require("@etalab/decoupage-administratif/data/ept.json") as CogGroup[];
  const all = require("@etalab/decoupage-administratif/data/communes.json") as CogCommune[];
  const regions = require("@etalab/decoupage-administratif/data/regions.json") as { code: string; nom: string }[];
  const departements = require("@etalab/decoupage-administratif/data/departements.json") as { code: string; nom: string; region: string }[];
  const { version } = require("@etalab/decoupage-administratif/package.json") as { version: string };

  const communes = new Map<string, CogCommune>();
  const communeBySiren = new Map<string, CogCommune>();
  for (const c of all)
    if (c.type === "commune-actuelle") {
      communes.set(c.code, c);
      if (c.siren) communeBySiren.set(c.siren, c);
    }
  const oldToCurrent = new Map<string, string>();
  for (const c of all) {
    if (c.type === "commune-actuelle") for (const old of c.anciensCodes ?? []) if (old !== c.code) oldToCurrent.set(old, c.code);
    if ((c.type === "commune-deleguee" || c.type === "commune-associee") && c.chefLieu && c.code !== c.chefLieu) oldToCurrent.set(c.code, c.chefLieu);
  }
  const epciOfCommune = new Map<string, string>();
  for (const e of epciList) for (const m of e.membres) epciOfCommune.set(m.code, e.code);

  cache = {
    version,
    epcis: new Map(epciList.map((e) => [e.code, e])),
    epts: new Map(eptList.map((e) => [e.code, e])),
    communes,
    communeBySiren,
    epciOfCommune,
    oldToCurrent,
    regions: new Map(regions.map((r) => [r.code, r.nom])),
    departements: new Map(departements.map((d) => [d.code, { nom: d.nom, region: d.region }])),
    currentCode: (code) => (communes.has(code) ? code : oldToCurrent.get(code)),
  };
  return cache;
}

/** The département of a current commune (from the COG, else from its code: `97x` overseas, two characters elsewhere). */
/** The year of the Code officiel géographique that @etalab/decoupage-administratif 6.0.0 carries (its README's table). */
const COG_YEAR: Record<string, number> = { "6.0.0": 2026 };

/**
 * Where the communes' populations come from: the one text of the population's source line, on every page and report
 * that divides by a population. Without a known COG year (another version of the package), the version alone says it.
 */
export function populationSource(): string {
  const { version } = cog();
  const year = COG_YEAR[version];
  return `INSEE, populations municipales légales, Code officiel géographique${year ? ` ${year}` : ""} (via @etalab/decoupage-administratif ${version}), Licence Ouverte`;
}

export function departementOf(code: string): string {
  return cog().communes.get(code)?.departement ?? code.slice(0, code.startsWith("97") ? 3 : 2);
}
