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
import { currentPhase, type Phase, type PhaseConfig } from "../phases/phase.ts";
import { TerritoryError } from "./errors.ts";
import { decodeBytes } from "../io/read-text.ts";
import { jsonLocator, jsonSyntaxError, type JsonPath } from "../io/json-position.ts";
import { formatProblem } from "../format/location.ts";
import { checkConfigShape, locatedProblem, FIRST_REFERENCE_YEAR, type RawConfig, type RawPhase } from "./config-schema.ts";

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
type Fail = (what: string, at?: JsonPath) => never;

/** A perimeter given by `epci` and `communes`, or taken from the list's entry when both are absent. */
function parsePerimeter(o: RawConfig | RawPhase, entry: ListTerritory | undefined, fail: Fail, where = "", at: JsonPath = []): { epci: string[]; communes: string[] } {
  let { epci, communes } = o;
  if (entry && epci === undefined && communes === undefined) {
    const unknown = entry.membres.filter((m) => m.type === "inconnu");
    if (unknown.length > 0)
      fail(
        `${where}${entry.id} « ${entry.nom} » : ${unknown.map((m) => `le membre ${m.code} « ${m.nom} »`).join(", ")} de la liste officielle ne figure pas dans le Code officiel géographique en vigueur ; ` +
          "indiquez le périmètre vous-même avec « epci » (SIREN des EPCI) et « communes » (codes INSEE)",
        [...at, "ti"],
      );
    epci = entry.membres.filter((m) => m.type === "epci" || m.type === "ept").map((m) => m.code);
    communes = entry.membres.filter((m) => m.type === "commune").map((m) => m.code);
  }
  epci ??= [];
  communes ??= [];
  if (epci.length === 0 && communes.length === 0)
    fail(`${where}périmètre vide : « ti » (un Territoire d'industrie de la liste officielle), ou « epci » (SIREN des EPCI) et « communes » (codes INSEE) attendus`, o.epci ? [...at, "epci"] : at);
  return { epci, communes };
}

function parseEntry(o: RawConfig | RawPhase, list: TerritoryList, fail: Fail, where = "", at: JsonPath = []): ListTerritory | undefined {
  if (o.ti === undefined) return undefined;
  const entry = findEntry(list, o.ti);
  if (!entry) fail(`${where}${unknownTerritoryMessage(list, o.ti)}`, [...at, "ti"]);
  return entry;
}

/** The period {debut, fin} (given, or the fallback) and the reference year of one phase. */
function parsePeriod(given: { debut: number; fin: number } | undefined, referenceYear: number | undefined, fallback: { debut: number; fin: number }, fail: Fail, where = "", at: JsonPath = []) {
  const periode = given ?? fallback;
  // A reference year not given is the year before the period: it must still be a year of observed data.
  const thisYear = new Date().getFullYear();
  const year = referenceYear ?? periode.debut - 1;
  if (year < FIRST_REFERENCE_YEAR || year > thisYear)
    fail(`${where}« annee_reference » absente : l'année qui précède la période (${year}) n'est pas entre ${FIRST_REFERENCE_YEAR} et ${thisYear} ; indiquez « annee_reference »`, at);
  return { periode: { debut: periode.debut, fin: periode.fin }, annee_reference: year };
}

/** The period of a list's phase ("2023-2027"). */
function entryPeriod(entry: ListTerritory): { debut: number; fin: number } {
  const debut = phaseStart(entry.phase);
  return { debut, fin: Number(/-(\d{4})$/.exec(entry.phase)?.[1] ?? debut) };
}

/**
 * The phases of `phases` (a list, each with id, periode, optional nom, annee_reference, axes, territoire, and a
 * perimeter: `ti`, or `epci`/`communes`). A phase naming a `ti` takes its name, perimeter and code from the list;
 * otherwise its code is `territoire`, by default the configuration's id. Axes by default: the priorities from 2023 on.
 */
function parsePhases(raw: RawPhase[], topId: string | undefined, list: TerritoryList, fail: Fail): PhaseConfig[] {
  const phases: (PhaseConfig & { index: number })[] = [];
  raw.forEach((p, index) => {
    const at = ["phases", index];
    const where = `phase « ${p.id} » : `;
    if (phases.some((q) => q.id === p.id)) fail(`${where}identifiant de phase en double`, [...at, "id"]);
    const entry = parseEntry(p, list, fail, where, at);
    if (p.periode === undefined && !entry) fail(`${where}« periode » est obligatoire sans « ti » (ex. {"debut": 2023, "fin": 2027})`, at);
    const { periode, annee_reference } = parsePeriod(p.periode, p.annee_reference, entry ? entryPeriod(entry) : { debut: 0, fin: 0 }, fail, where, at);
    const nom = p.nom ?? entry?.nom;
    if (nom === undefined) fail(`${where}« nom » est obligatoire sans « ti »`, at);
    const code = p.territoire ?? entry?.id ?? topId;
    if (code === undefined) fail(`${where}« territoire » (code du territoire de la phase, en minuscules) est obligatoire sans « ti » ni « id » général`, at);
    if (phases.some((q) => q.territoire === code))
      fail(`${where}le code de territoire « ${code} » est déjà celui d'une autre phase : donnez « territoire » à chaque phase`, p.territoire !== undefined ? [...at, "territoire"] : at);
    phases.push({
      index,
      id: p.id,
      nom: nom!,
      territoire: code!,
      ...parsePerimeter(p, entry, fail, where, at),
      periode,
      annee_reference,
      axes: p.axes ?? (periode.debut >= 2023 ? "priorites-2023" : "axes-2019"),
      ...(entry ? { ti: entry.id } : {}),
    });
  });
  phases.sort((a, b) => a.periode.debut - b.periode.debut);
  for (let i = 1; i < phases.length; i++)
    if (phases[i]!.periode.debut <= phases[i - 1]!.periode.fin) fail(`les phases « ${phases[i - 1]!.id} » et « ${phases[i]!.id} » se chevauchent`, ["phases", phases[i]!.index, "periode"]);
  return phases.map(({ index: _, ...phase }) => phase);
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
export function parseTerritoryConfig(raw: unknown, file = "data/territoire.json", list: TerritoryList = productList(), text?: string): TerritoryConfig {
  // With the text the configuration was read from, each problem points at its line and column.
  const locate = text === undefined ? undefined : jsonLocator(text);
  const fail: Fail = (what, at = []): never => {
    throw new TerritoryError(locatedProblem(file, locate, what, at).text);
  };
  const shape = checkConfigShape(raw, file, locate);
  if ("error" in shape) throw new TerritoryError(shape.error);
  const o = shape.config;
  const bassins = o.bassins_bmo ?? [];

  if (o.phases !== undefined) {
    const phases = parsePhases(o.phases, o.id, list, fail);
    const current = currentPhase(phases.map((p) => ({ ...p, period: { start: p.periode.debut, end: p.periode.fin } })));
    const lastTi = [...phases].reverse().find((p) => p.ti);
    const entry = lastTi ? findEntry(list, lastTi.ti!) : undefined;
    return {
      id: o.id ?? current.territoire,
      nom: o.nom ?? current.nom,
      ...unionPerimeter(phases),
      // The folder covers every phase: from the first reference year to the end of the last phase.
      annee_reference: Math.min(...phases.map((p) => p.annee_reference)),
      periode_contrat: { debut: phases[0]!.periode.debut, fin: phases.at(-1)!.periode.fin },
      bassins_bmo: bassins,
      phases,
      ...(entry ? { ti: { id: entry.id, phase: entry.phase, region: entry.region } } : {}),
    };
  }

  const entry = parseEntry(o, list, fail);
  const id = o.id ?? entry?.id;
  if (id === undefined) fail("« id » est obligatoire sans « ti » : identifiant en minuscules (lettres, chiffres, tirets)");
  const nom = o.nom ?? entry?.nom;
  if (nom === undefined) fail("« nom » est obligatoire sans « ti »");
  const perimeter = parsePerimeter(o, entry, fail);

  // A territory of the list is evaluated over its phase by default: the contract of the 2023-2027 phase,
  // with the year before it as reference, as 2018 is for the 2019-2022 contracts.
  const { periode, annee_reference } = parsePeriod(o.periode_contrat, o.annee_reference, entry ? entryPeriod(entry) : { debut: 2019, fin: 2022 }, fail);
  const axes = o.axes ?? "axes-2019";
  return {
    id: id!,
    nom: nom!,
    ...perimeter,
    annee_reference,
    periode_contrat: periode,
    bassins_bmo: bassins,
    phases: [{ id: `${periode.debut}-${periode.fin}`, nom: nom!, territoire: id!, periode, annee_reference, axes, ...perimeter, ...(entry ? { ti: entry.id } : {}) }],
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
  text = text.replace(/^\uFEFF/, ""); // a BOM (Windows' Notepad writes one) is not JSON, but harmless
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    // JSON.parse says what is wrong in English, at an offset: say it in French, at a line and column.
    const syntax = jsonSyntaxError(text);
    throw new TerritoryError(
      syntax ? formatProblem({ file, line: syntax.line, column: String(syntax.column) }, `JSON invalide : ${syntax.message}`) : `${file} : JSON invalide (${(e as Error).message})`,
    );
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
    return buildTerritory(parseTerritoryConfig(raw, file, list, text));
  } catch (e) {
    if (e instanceof TerritoryError && !e.message.startsWith(file)) throw new TerritoryError(`${file} : ${e.message}`);
    throw e;
  }
}
