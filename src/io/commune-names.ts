// Matching a commune NAME within its département to its INSEE code (older vocational schools files give
// `SAINT-QUENTIN` / `AISNE`, not codes; the current one gives both, and the name checks the code). Names are
// compared after normalisation: accents, case, hyphens, apostrophes and the abbreviations `ST`/`STE` do not matter.
import { referenceCommunes, referenceDepartements } from "./reference.ts";

export function normaliseName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/Œ/g, "OE")
    .replace(/Æ/g, "AE")
    .replace(/[-'’`.,/()]/g, " ")
    .split(/\s+/)
    .filter((w) => w !== "")
    .map((w) => (w === "ST" ? "SAINT" : w === "STE" ? "SAINTE" : w))
    .join(" ");
}

export type NameMatch = { kind: "ok"; code: string } | { kind: "rejected"; reason: string };

let departements: Map<string, string> | undefined;
let current: Map<string, string[]> | undefined; // `dep|name` -> codes of current communes
let former: Map<string, string[]> | undefined; // `dep|name` -> current commune of delegated/associated communes
let namesByCode: Map<string, Set<string>> | undefined; // code -> normalised names of every commune that had it

function indexes() {
  if (!departements || !current || !former) {
    departements = new Map();
    for (const d of referenceDepartements()) {
      departements.set(normaliseName(d.nom), d.code);
      departements.set(d.code, d.code);
    }
    current = new Map();
    former = new Map();
    for (const c of referenceCommunes()) {
      if (!c.departement) continue;
      const key = `${c.departement}|${normaliseName(c.nom)}`;
      const target = c.type === "commune-actuelle" ? current : c.type === "arrondissement-municipal" ? undefined : former;
      const code = c.type === "commune-actuelle" ? c.code : c.chefLieu;
      if (!target || !code) continue;
      const list = target.get(key) ?? [];
      if (!list.includes(code)) list.push(code);
      target.set(key, list);
    }
  }
  return { departements, current, former };
}

/**
 * Département code from its name (`AISNE`, `Côtes-d'Armor`) or its code: `02`, `2A`, `971`, and the
 * three-character spelling of the Ministry of Education (`002`, `02A`, `080`).
 */
export function departementCode(nameOrCode: string): string | undefined {
  const v = nameOrCode.trim().toUpperCase();
  const { departements } = indexes();
  if (!/^(\d{1,3}|0?2[AB])$/.test(v)) return departements.get(normaliseName(v));
  return departements.get(v.length === 3 && v.startsWith("0") ? v.slice(1) : v.padStart(2, "0"));
}

/**
 * Whether `name` is, after normalisation, the name of a commune that had this code (current, delegated or
 * associated): a school may keep the name of a former commune next to its code.
 */
export function isNameOfCode(name: string, code: string): boolean {
  if (!namesByCode) {
    namesByCode = new Map();
    for (const c of referenceCommunes()) {
      const names = namesByCode.get(c.code) ?? new Set<string>();
      names.add(normaliseName(c.nom));
      namesByCode.set(c.code, names);
    }
  }
  return namesByCode.get(code)?.has(normaliseName(name)) ?? false;
}

/**
 * The current commune of that name in the département. A name of a former commune (merged into a
 * commune nouvelle) is accepted when no current commune has it: schools keep their historical address.
 */
export function matchCommuneName(name: string, departement: string): NameMatch {
  const { current, former } = indexes();
  const key = `${departement}|${normaliseName(name)}`;
  const codes = current.get(key) ?? former.get(key) ?? [];
  if (codes.length === 1) return { kind: "ok", code: codes[0]! };
  if (codes.length === 0) return { kind: "rejected", reason: `commune « ${name.trim()} » introuvable dans le département ${departement}` };
  return { kind: "rejected", reason: `nom de commune ambigu « ${name.trim()} » dans le département ${departement} (${codes.join(", ")})` };
}
