// A perimeter (EPCIs, établissements publics territoriaux, communes listed one by one) resolved to the
// communes of the current COG, grouped for the "EPCI" level of the indicators:
// - an EPCI or an EPT member is one group with all its communes (an EPT of the Métropole du Grand Paris is
//   shown as a group of its own: the Métropole, their EPCI, spans 130 communes far beyond the territory);
// - communes listed one by one are grouped under their own EPCI, as a partial group named
//   « <EPCI> (partie : n communes sur N) » whose population is that of the listed communes only;
// - a commune that belongs to no EPCI (a few islands) is a group of its own.
// No commune may be counted twice (a commune listed beside its EPCI, an EPT beside the Métropole).
import { cog, departementOf, type CogGroup } from "./cog.ts";
import { TerritoryError } from "../territory/errors.ts";

export interface PerimeterGroup {
  /** SIREN of the EPCI or EPT (of the commune itself for a commune outside any EPCI). */
  siren: string;
  nom: string;
  /** CC, CA, CU, METRO, MET69, EPT, or COM for a commune outside any EPCI. */
  type: string;
  population: number | null;
  communes: string[];
  /** Only some communes of the EPCI belong to the territory. */
  partial: boolean;
}

export interface PerimeterCommune {
  code: string;
  nom: string;
  departement: string;
  /** SIREN of the commune's group (see PerimeterGroup). */
  epci: string;
  population: number | null;
}

export interface Perimeter {
  groups: PerimeterGroup[];
  communes: PerimeterCommune[];
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;

/** What a SIREN designates in the COG: an EPCI, an EPT, a commune, or nothing known. */
export function classifySiren(siren: string): { type: "epci" | "ept"; group: CogGroup } | { type: "commune"; code: string } | null {
  const ref = cog();
  const epci = ref.epcis.get(siren);
  if (epci) return { type: "epci", group: epci };
  const ept = ref.epts.get(siren);
  if (ept) return { type: "ept", group: ept };
  const commune = ref.communeBySiren.get(siren);
  return commune ? { type: "commune", code: commune.code } : null;
}

/**
 * Resolves `sirens` (EPCIs or EPTs) and `communeCodes` (communes listed one by one, current or older INSEE
 * codes) to groups and communes. Throws TerritoryError, in French, on an unknown or repeated member.
 */
export function resolvePerimeter(sirens: readonly string[], communeCodes: readonly string[] = []): Perimeter {
  const ref = cog();
  const groups: PerimeterGroup[] = [];
  const communes: PerimeterCommune[] = [];
  const owner = new Map<string, string>();
  const add = (code: string, nom: string, group: PerimeterGroup, population: number | undefined) => {
    const earlier = owner.get(code);
    if (earlier !== undefined)
      throw new TerritoryError(`la commune ${code} ${nom} est comptée deux fois : dans ${earlier} et dans ${group.nom} (${group.siren})`);
    owner.set(code, `${group.nom} (${group.siren})`);
    communes.push({ code, nom, departement: departementOf(code), epci: group.siren, population: population ?? null });
    group.communes.push(code);
  };

  for (const siren of sirens) {
    if (groups.some((g) => g.siren === siren)) throw new TerritoryError(`EPCI en double dans la configuration : ${siren}`);
    const raw = ref.epcis.get(siren) ?? ref.epts.get(siren);
    if (!raw) {
      const commune = ref.communeBySiren.get(siren);
      throw new TerritoryError(
        commune
          ? `le SIREN ${siren} est celui de la commune ${commune.code} ${commune.nom}, pas d'un EPCI : indiquez-la dans « communes »`
          : `EPCI inconnu : le SIREN ${siren} ne figure pas dans @etalab/decoupage-administratif`,
      );
    }
    const group: PerimeterGroup = { siren, nom: raw.nom, type: raw.type, population: raw.populationMunicipale ?? null, communes: [], partial: false };
    groups.push(group);
    for (const m of raw.membres) add(m.code, m.nom, group, m.populationMunicipale);
  }

  // Communes listed one by one, grouped by their EPCI in the order they are first met.
  const partial = new Map<string, { group: PerimeterGroup; total: number; populations: (number | null)[] }>();
  for (const raw of communeCodes) {
    const code = ref.currentCode(raw);
    if (!code) throw new TerritoryError(`commune inconnue : le code ${raw} ne figure pas dans le Code officiel géographique (@etalab/decoupage-administratif)`);
    const commune = ref.communes.get(code)!;
    const epciSiren = ref.epciOfCommune.get(code);
    const epci = epciSiren ? ref.epcis.get(epciSiren) : undefined;
    const key = epci?.code ?? commune.siren ?? code;
    let entry = partial.get(key);
    if (!entry) {
      const group: PerimeterGroup = epci
        ? { siren: epci.code, nom: epci.nom, type: epci.type, population: null, communes: [], partial: true }
        : { siren: key, nom: commune.nom, type: "COM", population: null, communes: [], partial: false };
      if (groups.some((g) => g.siren === group.siren))
        throw new TerritoryError(`la commune ${code} ${commune.nom} est listée à part alors que son EPCI ${group.nom} (${group.siren}) est membre du territoire`);
      entry = { group, total: epci?.membres.length ?? 1, populations: [] };
      partial.set(key, entry);
      groups.push(group);
    }
    const population = epci?.membres.find((m) => m.code === code)?.populationMunicipale ?? commune.population ?? null;
    entry.populations.push(population);
    add(code, commune.nom, entry.group, population ?? undefined);
  }
  for (const { group, total, populations } of partial.values()) {
    group.population = populations.includes(null) ? null : (populations as number[]).reduce((a, b) => a + b, 0);
    if (group.partial && group.communes.length === total) group.partial = false;
    else if (group.partial) group.nom = `${group.nom} (partie : ${plural(group.communes.length, "commune")} sur ${total})`;
  }
  communes.sort((a, b) => a.code.localeCompare(b.code));
  return { groups, communes };
}
