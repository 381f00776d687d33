// Matching a commune NAME within its département to its INSEE code (older vocational schools files give
// `SAINT-QUENTIN` / `AISNE`, not codes; the current one gives both, and the name checks the code). Names are
// compared after normalisation: accents, case, hyphens and apostrophes do not matter, nor the producers'
// abbreviations (`ST`/`STE`/`STS`/`STES` for Saint..., `HT`/`HTE`/`HTS`/`HTES` for Haut...: `SEINE-ST-DENIS`,
// `ALPES-DE-HTE-PROVENCE`, `HTS-DE-SEINE`), nor an article written after the name (`HAVRE (LE)`).
import { referenceCommunes, referenceDepartements } from "./reference.ts";

/** Abbreviated words of upper-case producer files (Éducation nationale, DGFiP, La Poste) and the word they stand for. */
const ABBREVIATIONS: Record<string, string> = {
  ST: "SAINT",
  STE: "SAINTE",
  STS: "SAINTS",
  STES: "SAINTES",
  HT: "HAUT",
  HTE: "HAUTE",
  HTS: "HAUTS",
  HTES: "HAUTES",
};

/** `HAVRE (LE)` -> `LE HAVRE`, `EPINE (L')` -> `L'EPINE`: the article some lists put after the name. */
const TRAILING_ARTICLE = /^(.*\S)\s*\(\s*(L['’]|LES|LE|LA)\s*\)\s*$/i;

export function normaliseName(name: string): string {
  const article = TRAILING_ARTICLE.exec(name.trim());
  return (article ? `${article[2]} ${article[1]}` : name)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/Œ/g, "OE")
    .replace(/Æ/g, "AE")
    .replace(/[-'’`.,/()]/g, " ")
    .split(/\s+/)
    .filter((w) => w !== "")
    .map((w) => ABBREVIATIONS[w] ?? w)
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
      const name = normaliseName(d.nom);
      departements.set(name, d.code);
      departements.set(d.code, d.code);
      // `REUNION` for La Réunion: lists in upper case often drop the article.
      const bare = name.replace(/^(LA|LE|LES|L) /, "");
      if (!departements.has(bare)) departements.set(bare, d.code);
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
 * Département code from its name (`AISNE`, `Côtes-d'Armor`, `HTE-GARONNE`, `SEINE-ST-DENIS`) or its code: `02`,
 * `2A`, `971`, and the three-character spelling of the Ministry of Education (`002`, `02A`, `080`). Also the
 * collectivités d'outre-mer of the COG (`NOUVELLE CALEDONIE` -> 988), which are no département of any territory.
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
