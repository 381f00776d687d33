// The list of Territoires d'industrie as the product carries it: src/geography/territoires-industrie.json,
// written by `npm run data:territoires` (scripts/territoires/derive.ts) from the ANCT list, never by hand.
// One entry per territory and programme phase: id, name, phase, région and members (EPCI, EPT or commune,
// by code), with the provenance of each phase's list (producer, dataset, files and their SHA-256).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type MemberType = "epci" | "ept" | "commune";

export interface ListMember {
  /** "inconnu": a SIREN the current COG does not know, kept so that naming the territory says so. */
  type: MemberType | "inconnu";
  /** SIREN of an EPCI or EPT, INSEE code of a commune (SIREN when unknown). */
  code: string;
  /** The name the list gives. */
  nom: string;
}

export interface ListTerritory {
  id: string;
  nom: string;
  /** Programme phase of the list the entry comes from, e.g. "2023-2027". */
  phase: string;
  /** Région code (COG) of most of its communes; null when none resolves. */
  region: string | null;
  membres: ListMember[];
  /** Number of communes of the current COG the members resolve to, when derived. */
  communes: number;
}

export interface ListFile {
  nom: string;
  sha256: string;
  taille: number;
  /** Where and when `npm run data:refresh` fetched it (absent for a file read in place or dropped by hand). */
  url?: string;
  date?: string;
}

export interface ListProvenance {
  phase: string;
  producteur: string;
  jeu_de_donnees: string;
  /** Where the producer publishes it. */
  adresse: string;
  /** Date of the producer's data, as the producer or the download gives it. */
  date: string;
  licence: string;
  fichiers: ListFile[];
  /** COG the members were resolved against. */
  geographie: string;
  /** Command that derived the entries, or where the list was read. */
  genere_par: string;
}

export interface TerritoryList {
  provenance: ListProvenance[];
  territoires: ListTerritory[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const PRODUCT_TABLE = path.join(here, "territoires-industrie.json");

let productCache: TerritoryList | undefined;

/** The table carried by the product. */
export function productList(): TerritoryList {
  if (!productCache) productCache = parseList(readFileSync(PRODUCT_TABLE, "utf8"), PRODUCT_TABLE);
  return productCache;
}

export function parseList(text: string, file: string): TerritoryList {
  let parsed: TerritoryList;
  try {
    parsed = JSON.parse(text) as TerritoryList;
  } catch (e) {
    throw new Error(`${file} : JSON invalide (${(e as Error).message})`);
  }
  if (!Array.isArray(parsed?.territoires) || !Array.isArray(parsed.provenance))
    throw new Error(`${file} : « territoires » et « provenance » attendus (table écrite par npm run data:territoires)`);
  return parsed;
}

/** Phase labels sort by their first year: "2019-2022" < "2023-2027". */
export const phaseStart = (phase: string): number => Number(/^(\d{4})/.exec(phase)?.[1] ?? 0);

/**
 * Lists merged phase by phase: a phase present in a later list replaces the same phase of the earlier ones
 * (a refreshed or dropped list supersedes the product's table for its phase, not for the others).
 */
export function mergeLists(...lists: TerritoryList[]): TerritoryList {
  const phases = new Map<string, { provenance: ListProvenance[]; territoires: ListTerritory[] }>();
  for (const list of lists) {
    const fresh = new Map<string, { provenance: ListProvenance[]; territoires: ListTerritory[] }>();
    for (const p of list.provenance) (fresh.get(p.phase) ?? fresh.set(p.phase, { provenance: [], territoires: [] }).get(p.phase)!).provenance.push(p);
    for (const t of list.territoires) (fresh.get(t.phase) ?? fresh.set(t.phase, { provenance: [], territoires: [] }).get(t.phase)!).territoires.push(t);
    for (const [phase, content] of fresh) phases.set(phase, content);
  }
  const ordered = [...phases.entries()].sort((a, b) => phaseStart(a[0]) - phaseStart(b[0]));
  return {
    provenance: ordered.flatMap(([, c]) => c.provenance),
    territoires: ordered.flatMap(([, c]) => c.territoires).sort((a, b) => a.id.localeCompare(b.id) || phaseStart(a.phase) - phaseStart(b.phase)),
  };
}

/** The entry of an id: of the latest phase that has it. */
export function findEntry(list: TerritoryList, id: string): ListTerritory | undefined {
  const key = id.trim().toLowerCase();
  return list.territoires.filter((t) => t.id.toLowerCase() === key).sort((a, b) => phaseStart(b.phase) - phaseStart(a.phase))[0];
}

/** The table as written to disk: one territory per line, so that a refresh shows as a readable diff. */
export function serialiseList(list: TerritoryList, description: string): string {
  const lines = [
    "{",
    `  "description": ${JSON.stringify(description)},`,
    `  "provenance": ${JSON.stringify(list.provenance, null, 2).replace(/\n/g, "\n  ")},`,
    `  "territoires": [`,
    list.territoires.map((t) => `    ${JSON.stringify(t)}`).join(",\n"),
    "  ]",
    "}",
  ];
  return lines.join("\n") + "\n";
}
