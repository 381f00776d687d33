// The territory is configuration: data/territoire.json names its EPCIs by SIREN;
// member communes and populations come from @etalab/decoupage-administratif.
// No EPCI or commune code is written anywhere else in the code.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export interface TerritoryConfig {
  id: string;
  nom: string;
  epci: string[];
  annee_reference: number;
  periode_contrat: { debut: number; fin: number };
  /**
   * BMO bassins d'emploi that touch the territory, declared when France Travail's commune -> bassin table
   * does not describe all its communes (the table in ../shared/data has no Aisne rows). Optional.
   */
  bassins_bmo?: string[];
}

export interface Commune {
  code: string;
  nom: string;
  departement: string;
  epci: string;
  population: number | null;
}

export interface Epci {
  siren: string;
  nom: string;
  type: string;
  population: number | null;
  communes: string[];
}

export interface Territory {
  id: string;
  nom: string;
  referenceYear: number;
  contractPeriod: { start: number; end: number };
  /** BMO bassins declared in the configuration (empty when the commune -> bassin table is trusted alone). */
  declaredBmoBassins: string[];
  epcis: Epci[];
  communes: Commune[];
  population: number | null;
  /** Maps a commune code of an older geography (merged or delegated commune) to its current commune. */
  currentCode(code: string): string | undefined;
  isMember(code: string): boolean;
}

interface RawEpci {
  code: string;
  nom: string;
  type: string;
  populationMunicipale?: number;
  membres: { code: string; nom: string; populationMunicipale?: number }[];
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  chefLieu?: string;
  anciensCodes?: string[];
}

export class TerritoryError extends Error {}

const SIREN = /^\d{9}$/;

export function parseTerritoryConfig(raw: unknown, file = "data/territoire.json"): TerritoryConfig {
  const fail = (what: string): never => {
    throw new TerritoryError(`${file} : ${what}`);
  };
  if (typeof raw !== "object" || raw === null) fail("un objet JSON est attendu");
  const o = raw as Record<string, unknown>;
  if (typeof o.id !== "string" || !/^[a-z0-9-]+$/.test(o.id)) fail("« id » doit être un identifiant en minuscules (lettres, chiffres, tirets)");
  if (typeof o.nom !== "string" || o.nom.trim() === "") fail("« nom » est obligatoire");
  if (!Array.isArray(o.epci) || o.epci.length === 0) fail("« epci » doit être une liste non vide de SIREN");
  for (const s of o.epci as unknown[]) if (typeof s !== "string" || !SIREN.test(s)) fail(`SIREN d'EPCI invalide : ${JSON.stringify(s)} (9 chiffres attendus)`);
  const year = o.annee_reference ?? 2018;
  if (typeof year !== "number" || !Number.isInteger(year)) fail("« annee_reference » doit être une année");
  const period = (o.periode_contrat ?? { debut: 2019, fin: 2022 }) as Record<string, unknown>;
  if (typeof period.debut !== "number" || typeof period.fin !== "number" || period.fin < period.debut)
    fail("« periode_contrat » doit avoir « debut » ≤ « fin »");
  const bassins = o.bassins_bmo ?? [];
  if (!Array.isArray(bassins) || bassins.some((b) => typeof b !== "string" || !/^\d{3,4}$/.test(b)))
    fail("« bassins_bmo » doit être une liste de codes de bassins BMO (ex. \"3204\")");
  return {
    id: o.id as string,
    nom: o.nom as string,
    epci: o.epci as string[],
    annee_reference: year as number,
    periode_contrat: { debut: period.debut as number, fin: period.fin as number },
    bassins_bmo: bassins as string[],
  };
}

let referenceCache: { epcis: Map<string, RawEpci>; communes: RawCommune[] } | undefined;

function reference() {
  if (!referenceCache) {
    const epcis = require("@etalab/decoupage-administratif/data/epci.json") as RawEpci[];
    const communes = require("@etalab/decoupage-administratif/data/communes.json") as RawCommune[];
    referenceCache = { epcis: new Map(epcis.map((e) => [e.code, e])), communes };
  }
  return referenceCache;
}

export function buildTerritory(config: TerritoryConfig): Territory {
  const ref = reference();
  const departementOf = new Map<string, string>();
  for (const c of ref.communes) if (c.type === "commune-actuelle" && c.departement) departementOf.set(c.code, c.departement);

  const epcis: Epci[] = [];
  const communes: Commune[] = [];
  for (const siren of config.epci) {
    const raw = ref.epcis.get(siren);
    if (!raw) throw new TerritoryError(`EPCI inconnu : le SIREN ${siren} ne figure pas dans @etalab/decoupage-administratif`);
    if (epcis.some((e) => e.siren === siren)) throw new TerritoryError(`EPCI en double dans la configuration : ${siren}`);
    epcis.push({ siren, nom: raw.nom, type: raw.type, population: raw.populationMunicipale ?? null, communes: raw.membres.map((m) => m.code) });
    for (const m of raw.membres)
      communes.push({ code: m.code, nom: m.nom, departement: departementOf.get(m.code) ?? m.code.slice(0, m.code.startsWith("97") ? 3 : 2), epci: siren, population: m.populationMunicipale ?? null });
  }
  communes.sort((a, b) => a.code.localeCompare(b.code));

  // Old codes (merged, delegated or associated communes) point to the current commune.
  const members = new Set(communes.map((c) => c.code));
  const oldToCurrent = new Map<string, string>();
  for (const c of ref.communes) {
    if (c.type === "commune-actuelle") for (const old of c.anciensCodes ?? []) if (old !== c.code) oldToCurrent.set(old, c.code);
    if ((c.type === "commune-deleguee" || c.type === "commune-associee") && c.chefLieu && c.code !== c.chefLieu) oldToCurrent.set(c.code, c.chefLieu);
  }
  const currentCodes = new Set(departementOf.keys());

  const populations = communes.map((c) => c.population);
  return {
    id: config.id,
    nom: config.nom,
    referenceYear: config.annee_reference,
    contractPeriod: { start: config.periode_contrat.debut, end: config.periode_contrat.fin },
    declaredBmoBassins: config.bassins_bmo ?? [],
    epcis,
    communes,
    population: populations.includes(null) ? null : (populations as number[]).reduce((a, b) => a + b, 0),
    currentCode: (code) => (currentCodes.has(code) ? code : oldToCurrent.get(code)),
    isMember: (code) => members.has(code),
  };
}

export async function loadTerritory(dataDir = "data"): Promise<Territory> {
  const file = `${dataDir}/territoire.json`;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new TerritoryError(`${file} : fichier introuvable (configuration du territoire)`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new TerritoryError(`${file} : JSON invalide (${(e as Error).message})`);
  }
  return buildTerritory(parseTerritoryConfig(raw, file));
}
