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
import { findEntry, phaseStart, productList, type ListTerritory, type TerritoryList } from "../geography/ti-table.ts";
import { isAxesSet, type AxesSetId } from "../phases/axes.ts";
import { currentPhase, type Phase, type PhaseConfig } from "../phases/phase.ts";
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
  /** The contract phases, oldest first (absent: one phase made of the keys above, axes-2019). */
  phases?: PhaseConfig[];
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
  /** Contract phases, oldest first; referenceYear and contractPeriod above span them all. */
  phases: Phase[];
  /** The phase covering the current year, else the latest started (src/phases/phase.ts). */
  currentPhase: Phase;
  /** Maps a commune code of an older geography (merged or delegated commune) to its current commune. */
  currentCode(code: string): string | undefined;
  isMember(code: string): boolean;
}
const SIREN = /^\d{9}$/;
const COMMUNE = /^(\d{5}|\d[AB]\d{3})$/;
const FIRST_REFERENCE_YEAR = 2000;

type Fail = (what: string) => never;

/** A perimeter given by `epci` and `communes`, or taken from the list's entry when both are absent. */
function parsePerimeter(o: Record<string, unknown>, entry: ListTerritory | undefined, fail: Fail, where = ""): { epci: string[]; communes: string[] } {
  let epci: unknown = o.epci;
  let communes: unknown = o.communes;
  if (entry && epci === undefined && communes === undefined) {
    const unknown = entry.membres.filter((m) => m.type === "inconnu");
    if (unknown.length > 0)
      fail(
        `${where}${entry.id} « ${entry.nom} » : ${unknown.map((m) => `le membre ${m.code} « ${m.nom} »`).join(", ")} de la liste officielle ne figure pas dans le Code officiel géographique en vigueur ; ` +
          "indiquez le périmètre vous-même avec « epci » (SIREN des EPCI) et « communes » (codes INSEE)",
      );
    epci = entry.membres.filter((m) => m.type === "epci" || m.type === "ept").map((m) => m.code);
    communes = entry.membres.filter((m) => m.type === "commune").map((m) => m.code);
  }
  epci ??= [];
  communes ??= [];
  if (!Array.isArray(epci)) fail(`${where}« epci » doit être une liste de SIREN`);
  if (!Array.isArray(communes)) fail(`${where}« communes » doit être une liste de codes INSEE`);
  const sirens = epci as unknown[];
  const codes = communes as unknown[];
  if (sirens.length === 0 && codes.length === 0) fail(`${where}« epci » doit être une liste non vide de SIREN`);
  for (const s of sirens) if (typeof s !== "string" || !SIREN.test(s)) fail(`${where}SIREN d'EPCI invalide : ${JSON.stringify(s)} (9 chiffres attendus)`);
  for (const c of codes) if (typeof c !== "string" || !COMMUNE.test(c)) fail(`${where}code commune invalide dans « communes » : ${JSON.stringify(c)} (5 caractères attendus, ex. 02691)`);
  return { epci: sirens as string[], communes: codes as string[] };
}

function parseEntry(o: Record<string, unknown>, list: TerritoryList, fail: Fail, where = ""): ListTerritory | undefined {
  if (o.ti === undefined) return undefined;
  if (typeof o.ti !== "string" || o.ti.trim() === "") fail(`${where}« ti » doit être l'identifiant d'un Territoire d'industrie (ex. "ti-3208")`);
  const entry = findEntry(list, o.ti as string);
  if (!entry) fail(`${where}${unknownTerritoryMessage(list, o.ti as string)}`);
  return entry;
}

/** A year, the reference year, the period {debut, fin} and the axes set of one phase. */
function parsePeriod(o: Record<string, unknown>, key: string, fallback: { debut: number; fin: number }, fail: Fail, where = "") {
  // The reference year is a year of observed data: from 2000 (the sources start in 2006 at the earliest) to this
  // year. The contract period may run a decade ahead.
  const thisYear = new Date().getFullYear();
  const period = (o[key] ?? fallback) as Record<string, unknown>;
  const inPeriodRange = (y: unknown) => typeof y === "number" && Number.isInteger(y) && y >= FIRST_REFERENCE_YEAR && y <= thisYear + 10;
  if (typeof period !== "object" || period === null || !inPeriodRange(period.debut) || !inPeriodRange(period.fin) || (period.fin as number) < (period.debut as number))
    fail(`${where}« ${key} » doit avoir « debut » ≤ « fin », deux années entre ${FIRST_REFERENCE_YEAR} et ${thisYear + 10}`);
  const year = o.annee_reference ?? (period.debut as number) - 1;
  if (typeof year !== "number" || !Number.isInteger(year) || year < FIRST_REFERENCE_YEAR || year > thisYear)
    fail(`${where}« annee_reference » doit être une année entre ${FIRST_REFERENCE_YEAR} et ${thisYear} (reçu : ${JSON.stringify(year)})`);
  return { periode: { debut: period.debut as number, fin: period.fin as number }, annee_reference: year as number };
}

function parseAxes(o: Record<string, unknown>, fallback: AxesSetId, fail: Fail, where = ""): AxesSetId {
  const axes = o.axes ?? fallback;
  if (!isAxesSet(axes)) fail(`${where}« axes » doit être "axes-2019" (Attirer, Recruter, Innover, Simplifier) ou "priorites-2023" (les quatre priorités nationales 2023-2027)`);
  return axes as AxesSetId;
}

/**
 * The phases of `phases` (a list, each with id, periode, optional nom, annee_reference, axes, territoire, and a
 * perimeter: `ti`, or `epci`/`communes`). A phase naming a `ti` takes its name, perimeter and code from the list;
 * otherwise its code is `territoire`, by default the configuration's id. Axes by default: the priorities from 2023 on.
 */
function parsePhases(raw: unknown, topId: string | undefined, list: TerritoryList, fail: Fail): PhaseConfig[] {
  if (!Array.isArray(raw) || raw.length === 0) fail("« phases » doit être une liste non vide de phases");
  const phases: PhaseConfig[] = [];
  (raw as unknown[]).forEach((item, i) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) fail(`phase ${i + 1} : un objet est attendu`);
    const p = item as Record<string, unknown>;
    const where = `phase ${typeof p.id === "string" ? `« ${p.id} »` : i + 1} : `;
    if (typeof p.id !== "string" || !/^[A-Za-z0-9-]+$/.test(p.id)) fail(`${where}« id » doit être un identifiant de phase (ex. "2023-2027")`);
    if (phases.some((q) => q.id === p.id)) fail(`${where}identifiant de phase en double`);
    const entry = parseEntry(p, list, fail, where);
    if (p.periode === undefined && !entry) fail(`${where}« periode » est obligatoire (ex. {"debut": 2023, "fin": 2027})`);
    const start = entry ? phaseStart(entry.phase) : 0;
    const end = entry ? Number(/-(\d{4})$/.exec(entry.phase)?.[1] ?? start) : 0;
    const { periode, annee_reference } = parsePeriod(p, "periode", { debut: start, fin: end }, fail, where);
    const nom = p.nom ?? entry?.nom;
    if (typeof nom !== "string" || nom.trim() === "") fail(`${where}« nom » est obligatoire`);
    const code = p.territoire ?? entry?.id ?? topId;
    if (typeof code !== "string" || !/^[a-z0-9-]+$/.test(code)) fail(`${where}« territoire » (code du territoire de la phase, en minuscules) est obligatoire sans « ti » ni « id » général`);
    if (phases.some((q) => q.territoire === code)) fail(`${where}le code de territoire « ${code} » est déjà celui d'une autre phase : donnez « territoire » à chaque phase`);
    phases.push({
      id: p.id as string,
      nom: nom as string,
      territoire: code as string,
      ...parsePerimeter(p, entry, fail, where),
      periode,
      annee_reference,
      axes: parseAxes(p, periode.debut >= 2023 ? "priorites-2023" : "axes-2019", fail, where),
      ...(entry ? { ti: entry.id } : {}),
    });
  });
  phases.sort((a, b) => a.periode.debut - b.periode.debut);
  for (let i = 1; i < phases.length; i++)
    if (phases[i]!.periode.debut <= phases[i - 1]!.periode.fin) fail(`les phases « ${phases[i - 1]!.id} » et « ${phases[i]!.id} » se chevauchent`);
  return phases;
}

/** The union of the phases' perimeters, in order of first appearance: what the data folder loads. */
function unionPerimeter(phases: PhaseConfig[]): { epci: string[]; communes: string[] } {
  const epci = [...new Set(phases.flatMap((p) => p.epci))];
  const communes = [...new Set(phases.flatMap((p) => p.communes))];
  return { epci, communes };
}

/**
 * Reads a configuration. `{"ti": "ti-3208"}` takes id, name, perimeter, région and the period of the list's
 * phase (2023-2027, reference year 2022) from `list`; any other key given overrides it (`epci` and `communes`
 * replace the list's perimeter together). Without `ti`, `id`, `nom` and a perimeter are required.
 * With `phases` (src/phases/phase.ts), each phase has its own perimeter, period and axes; the territory is their
 * union. Without it, one phase is built from the keys above, with the axes of `axes` ("axes-2019" by default):
 * such a configuration works as before phases existed.
 */
export function parseTerritoryConfig(raw: unknown, file = "data/territoire.json", list: TerritoryList = productList()): TerritoryConfig {
  const fail: Fail = (what: string): never => {
    throw new TerritoryError(`${file} : ${what}`);
  };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail("un objet JSON est attendu");
  const o = raw as Record<string, unknown>;
  const bassins = o.bassins_bmo ?? [];
  if (!Array.isArray(bassins) || bassins.some((b) => typeof b !== "string" || !/^\d{3,4}$/.test(b)))
    fail("« bassins_bmo » doit être une liste de codes de bassins BMO (ex. \"3204\")");

  if (o.phases !== undefined) {
    if (o.id !== undefined && (typeof o.id !== "string" || !/^[a-z0-9-]+$/.test(o.id))) fail("« id » doit être un identifiant en minuscules (lettres, chiffres, tirets)");
    const phases = parsePhases(o.phases, o.id as string | undefined, list, fail);
    const current = currentPhase(phases.map((p) => ({ ...p, period: { start: p.periode.debut, end: p.periode.fin } })));
    const nom = o.nom ?? current.nom;
    if (typeof nom !== "string" || nom.trim() === "") fail("« nom » doit être un texte");
    const lastTi = [...phases].reverse().find((p) => p.ti);
    const entry = lastTi ? findEntry(list, lastTi.ti!) : undefined;
    return {
      id: (o.id as string | undefined) ?? current.territoire,
      nom: nom as string,
      ...unionPerimeter(phases),
      // The folder covers every phase: from the first reference year to the end of the last phase.
      annee_reference: Math.min(...phases.map((p) => p.annee_reference)),
      periode_contrat: { debut: phases[0]!.periode.debut, fin: phases.at(-1)!.periode.fin },
      bassins_bmo: bassins as string[],
      phases,
      ...(entry ? { ti: { id: entry.id, phase: entry.phase, region: entry.region } } : {}),
    };
  }

  const entry = parseEntry(o, list, fail);
  const id = o.id ?? entry?.id;
  if (typeof id !== "string" || !/^[a-z0-9-]+$/.test(id)) fail("« id » doit être un identifiant en minuscules (lettres, chiffres, tirets)");
  const nom = o.nom ?? entry?.nom;
  if (typeof nom !== "string" || nom.trim() === "") fail("« nom » est obligatoire");
  const perimeter = parsePerimeter(o, entry, fail);

  // A territory of the list is evaluated over its phase by default: the contract of the 2023-2027 phase,
  // with the year before it as reference, as 2018 is for the 2019-2022 contracts.
  const start = entry ? phaseStart(entry.phase) : 2019;
  const end = entry ? Number(/-(\d{4})$/.exec(entry.phase)?.[1] ?? start) : 2022;
  const { periode, annee_reference } = parsePeriod(o, "periode_contrat", { debut: start, fin: end }, fail);
  const axes = parseAxes(o, "axes-2019", fail);
  return {
    id: id as string,
    nom: nom as string,
    ...perimeter,
    annee_reference,
    periode_contrat: periode,
    bassins_bmo: bassins as string[],
    phases: [{ id: `${periode.debut}-${periode.fin}`, nom: nom as string, territoire: id as string, periode, annee_reference, axes, ...perimeter, ...(entry ? { ti: entry.id } : {}) }],
    ...(entry ? { ti: { id: entry.id, phase: entry.phase, region: entry.region } } : {}),
  };
}

export function buildTerritory(config: TerritoryConfig): Territory {
  const ref = cog();
  const { groups, communes } = resolvePerimeter(config.epci, config.communes ?? []);
  const members = new Set(communes.map((c) => c.code));
  const populations = communes.map((c) => c.population);
  const region = config.ti?.region ?? null;
  const configured = config.phases ?? [{
    id: `${config.periode_contrat.debut}-${config.periode_contrat.fin}`, nom: config.nom, territoire: config.id, periode: config.periode_contrat,
    annee_reference: config.annee_reference, axes: "axes-2019" as const, epci: config.epci, communes: config.communes ?? [],
  }];
  const phases: Phase[] = configured.map((p) => {
    const own = resolvePerimeter(p.epci, p.communes);
    const pops = own.communes.map((c) => c.population);
    return {
      id: p.id, nom: p.nom, code: p.territoire, period: { start: p.periode.debut, end: p.periode.fin }, referenceYear: p.annee_reference,
      axes: p.axes, communes: own.communes.map((c) => c.code), epcis: own.groups.map((g) => g.siren),
      population: pops.includes(null) ? null : (pops as number[]).reduce((a, b) => a + b, 0), ti: p.ti ?? null,
    };
  });
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
    phases,
    currentPhase: currentPhase(phases),
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
