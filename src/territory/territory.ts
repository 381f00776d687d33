// The territory is configuration: data/territoire.json either names a Territoire d'industrie of the official
// list carried by the product (`{"ti": "ti-3208"}`: perimeter, name and région come from the list, see
// src/geography/) or gives its perimeter itself: `epci`, SIRENs of EPCIs or of établissements publics
// territoriaux, and `communes`, communes listed one by one. Every other key is an optional override.
// Member communes and populations come from @etalab/decoupage-administratif; no EPCI or commune code is
// written anywhere else in the code. The "EPCI" level is made of the groups of src/geography/perimeter.ts.
import { readFile } from "node:fs/promises";
import { cog } from "../geography/cog.ts";
import { resolvePerimeter } from "../geography/perimeter.ts";
import { loadTerritoryList } from "../geography/ti-list.ts";
import { unknownTerritoryMessage } from "../geography/ti-search.ts";
import { findEntry, phaseStart, productList, type TerritoryList } from "../geography/ti-table.ts";
import { TerritoryError } from "./errors.ts";
import { decodeBytes } from "../io/read-text.ts";

export { TerritoryError };

export interface TerritoryConfig {
  id: string;
  nom: string;
  /** SIRENs of the EPCIs (or établissements publics territoriaux) of the perimeter. */
  epci: string[];
  /** Communes of the perimeter listed one by one (INSEE codes), outside the EPCIs above. */
  communes?: string[];
  annee_reference: number;
  periode_contrat: { debut: number; fin: number };
  /**
   * BMO bassins d'emploi that touch the territory, declared when France Travail's commune -> bassin table
   * does not describe all its communes (the table in ../shared/data has no Aisne rows). Optional.
   */
  bassins_bmo?: string[];
  /** The Territoire d'industrie named by `ti`: its entry of the list. */
  ti?: { id: string; phase: string; region: string | null };
}

export interface Commune {
  code: string;
  nom: string;
  departement: string;
  /** SIREN of the commune's group at the "EPCI" level (its EPCI, or the EPT it belongs to). */
  epci: string;
  population: number | null;
}

export interface Epci {
  siren: string;
  nom: string;
  /** CC, CA, CU, METRO, MET69; EPT for an établissement public territorial; COM for a commune outside any EPCI. */
  type: string;
  population: number | null;
  communes: string[];
  /** Only some communes of the EPCI are in the territory (communes listed one by one): name and population say so. */
  partial: boolean;
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
  /** The Territoire d'industrie of the official list the configuration names, if it names one. */
  programme: { id: string; phase: string; region: { code: string; nom: string } | null } | null;
  /** Maps a commune code of an older geography (merged or delegated commune) to its current commune. */
  currentCode(code: string): string | undefined;
  isMember(code: string): boolean;
}
const SIREN = /^\d{9}$/;
const COMMUNE = /^(\d{5}|\d[AB]\d{3})$/;
const FIRST_REFERENCE_YEAR = 2000;

/**
 * Reads a configuration. `{"ti": "ti-3208"}` takes id, name, perimeter, région and the period of the list's
 * phase (2023-2027, reference year 2022) from `list`; any other key given overrides it (`epci` and `communes`
 * replace the list's perimeter together). Without `ti`, `id`, `nom` and a perimeter are required.
 */
export function parseTerritoryConfig(raw: unknown, file = "data/territoire.json", list: TerritoryList = productList()): TerritoryConfig {
  const fail = (what: string): never => {
    throw new TerritoryError(`${file} : ${what}`);
  };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail("un objet JSON est attendu");
  const o = raw as Record<string, unknown>;

  let entry;
  if (o.ti !== undefined) {
    if (typeof o.ti !== "string" || o.ti.trim() === "") fail("« ti » doit être l'identifiant d'un Territoire d'industrie (ex. \"ti-3208\")");
    entry = findEntry(list, o.ti as string);
    if (!entry) fail(unknownTerritoryMessage(list, o.ti as string));
  }
  const id = o.id ?? entry?.id;
  if (typeof id !== "string" || !/^[a-z0-9-]+$/.test(id)) fail("« id » doit être un identifiant en minuscules (lettres, chiffres, tirets)");
  const nom = o.nom ?? entry?.nom;
  if (typeof nom !== "string" || nom.trim() === "") fail("« nom » est obligatoire");

  let epci: unknown = o.epci;
  let communes: unknown = o.communes;
  if (entry && epci === undefined && communes === undefined) {
    const unknown = entry.membres.filter((m) => m.type === "inconnu");
    if (unknown.length > 0)
      fail(
        `${entry.id} « ${entry.nom} » : ${unknown.map((m) => `le membre ${m.code} « ${m.nom} »`).join(", ")} de la liste officielle ne figure pas dans le Code officiel géographique en vigueur ; ` +
          "indiquez le périmètre vous-même avec « epci » (SIREN des EPCI) et « communes » (codes INSEE)",
      );
    epci = entry.membres.filter((m) => m.type === "epci" || m.type === "ept").map((m) => m.code);
    communes = entry.membres.filter((m) => m.type === "commune").map((m) => m.code);
  }
  epci ??= [];
  communes ??= [];
  if (!Array.isArray(epci)) fail("« epci » doit être une liste de SIREN");
  if (!Array.isArray(communes)) fail("« communes » doit être une liste de codes INSEE");
  const sirens = epci as unknown[];
  const codes = communes as unknown[];
  if (sirens.length === 0 && codes.length === 0) fail("« epci » doit être une liste non vide de SIREN");
  for (const s of sirens) if (typeof s !== "string" || !SIREN.test(s)) fail(`SIREN d'EPCI invalide : ${JSON.stringify(s)} (9 chiffres attendus)`);
  for (const c of codes) if (typeof c !== "string" || !COMMUNE.test(c)) fail(`code commune invalide dans « communes » : ${JSON.stringify(c)} (5 caractères attendus, ex. 02691)`);

  // A territory of the list is evaluated over its phase by default: the contract of the 2023-2027 phase,
  // with the year before it as reference, as 2018 is for the 2019-2022 contracts.
  const start = entry ? phaseStart(entry.phase) : 2019;
  const end = entry ? Number(/-(\d{4})$/.exec(entry.phase)?.[1] ?? start) : 2022;
  // The reference year is a year of observed data: from 2000 (the sources start in 2006 at the earliest) to this
  // year. The contract period may run a decade ahead.
  const thisYear = new Date().getFullYear();
  const year = o.annee_reference ?? start - 1;
  if (typeof year !== "number" || !Number.isInteger(year) || year < FIRST_REFERENCE_YEAR || year > thisYear)
    fail(`« annee_reference » doit être une année entre ${FIRST_REFERENCE_YEAR} et ${thisYear} (reçu : ${JSON.stringify(year)})`);
  const period = (o.periode_contrat ?? { debut: start, fin: end }) as Record<string, unknown>;
  const inPeriodRange = (y: unknown) => typeof y === "number" && Number.isInteger(y) && y >= FIRST_REFERENCE_YEAR && y <= thisYear + 10;
  if (!inPeriodRange(period.debut) || !inPeriodRange(period.fin) || (period.fin as number) < (period.debut as number))
    fail(`« periode_contrat » doit avoir « debut » ≤ « fin », deux années entre ${FIRST_REFERENCE_YEAR} et ${thisYear + 10}`);
  const bassins = o.bassins_bmo ?? [];
  if (!Array.isArray(bassins) || bassins.some((b) => typeof b !== "string" || !/^\d{3,4}$/.test(b)))
    fail("« bassins_bmo » doit être une liste de codes de bassins BMO (ex. \"3204\")");
  return {
    id: id as string,
    nom: nom as string,
    epci: sirens as string[],
    communes: codes as string[],
    annee_reference: year as number,
    periode_contrat: { debut: period.debut as number, fin: period.fin as number },
    bassins_bmo: bassins as string[],
    ...(entry ? { ti: { id: entry.id, phase: entry.phase, region: entry.region } } : {}),
  };
}

export function buildTerritory(config: TerritoryConfig): Territory {
  const ref = cog();
  const { groups, communes } = resolvePerimeter(config.epci, config.communes ?? []);
  const members = new Set(communes.map((c) => c.code));
  const populations = communes.map((c) => c.population);
  const region = config.ti?.region ?? null;
  return {
    id: config.id,
    nom: config.nom,
    referenceYear: config.annee_reference,
    contractPeriod: { start: config.periode_contrat.debut, end: config.periode_contrat.fin },
    declaredBmoBassins: config.bassins_bmo ?? [],
    epcis: groups.map((g) => ({ siren: g.siren, nom: g.nom, type: g.type, population: g.population, communes: g.communes, partial: g.partial })),
    communes,
    population: populations.includes(null) ? null : (populations as number[]).reduce((a, b) => a + b, 0),
    programme: config.ti ? { id: config.ti.id, phase: config.ti.phase, region: region ? { code: region, nom: ref.regions.get(region) ?? region } : null } : null,
    currentCode: ref.currentCode,
    isMember: (code) => members.has(code),
  };
}

export async function loadTerritory(dataDir = "data"): Promise<Territory> {
  const file = `${dataDir}/territoire.json`;
  let text: string;
  try {
    text = decodeBytes(await readFile(file)).text; // UTF-8 (BOM or not), or Windows-1252 as Notepad may save it
  } catch {
    throw new TerritoryError(`${file} : fichier introuvable (configuration du territoire)`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, "")); // a BOM (Windows' Notepad writes one) is not JSON, but harmless
  } catch (e) {
    throw new TerritoryError(`${file} : JSON invalide (${(e as Error).message})`);
  }
  // The data folder's own lists (downloaded or dropped) are read only when the configuration names a territory.
  const named = typeof raw === "object" && raw !== null && "ti" in raw;
  let list = productList();
  if (named)
    try {
      list = (await loadTerritoryList(dataDir)).list;
    } catch (e) {
      throw new TerritoryError(`${dataDir}/territoires-industrie : liste des Territoires d'industrie illisible (${(e as Error).message})`);
    }
  try {
    return buildTerritory(parseTerritoryConfig(raw, file, list));
  } catch (e) {
    if (e instanceof TerritoryError && !e.message.startsWith(file)) throw new TerritoryError(`${file} : ${e.message}`);
    throw e;
  }
}
