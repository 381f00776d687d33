// Finding a Territoire d'industrie in the list: by the name of the territory, of one of its EPCIs or EPTs, or of
// one of its communes, or by a code (id, SIREN, INSEE code); accents, case, hyphens and apostrophes do not
// matter (`saint quentin` finds Saint-Quentin). And, for an id that is not in the list, the close ones: by edit
// distance on the ids (a typo: ti-3280 for ti-3208) and on the names (someone who wrote a name instead).
import { normaliseName } from "../io/commune-names.ts";
import { cog } from "./cog.ts";
import type { ListTerritory, TerritoryList } from "./ti-table.ts";

export type MatchKind = "territoire" | "epci" | "commune" | "code";

export interface SearchHit {
  entry: ListTerritory;
  /** 3 the whole name, 2 whole words of it, 1 part of a word. */
  score: number;
  /** What matched, in French: `commune Saint-Quentin (02691)`. */
  matches: string[];
}

interface Named {
  kind: MatchKind;
  label: string;
  key: string;
}

const KIND_ORDER: MatchKind[] = ["code", "territoire", "epci", "commune"];

/** Everything an entry can be found by. */
function namesOf(entry: ListTerritory): Named[] {
  const ref = cog();
  const out: Named[] = [
    { kind: "code", label: `identifiant ${entry.id}`, key: normaliseName(entry.id) },
    { kind: "territoire", label: `territoire « ${entry.nom} »`, key: normaliseName(entry.nom) },
  ];
  const communes = new Map<string, string>();
  for (const m of entry.membres) {
    if (m.type === "epci" || m.type === "ept") {
      const group = m.type === "epci" ? ref.epcis.get(m.code) : ref.epts.get(m.code);
      const word = m.type === "epci" ? "EPCI" : "EPT";
      // The list's name and the COG's, once each (they often differ only by an accent).
      const keys = new Set<string>();
      for (const nom of [m.nom, group?.nom].filter((n): n is string => !!n)) {
        const key = normaliseName(nom);
        if (!keys.has(key)) out.push({ kind: "epci", label: `${word} ${nom} (${m.code})`, key });
        keys.add(key);
      }
      out.push({ kind: "code", label: `${word} ${group?.nom ?? m.nom} (${m.code})`, key: m.code });
      for (const c of group?.membres ?? []) communes.set(c.code, c.nom);
    } else if (m.type === "commune") communes.set(m.code, ref.communes.get(m.code)?.nom ?? m.nom);
  }
  for (const [code, nom] of communes) {
    out.push({ kind: "commune", label: `commune ${nom} (${code})`, key: normaliseName(nom) });
    out.push({ kind: "code", label: `commune ${nom} (${code})`, key: code });
  }
  return out;
}

const indexCache = new WeakMap<TerritoryList, { entry: ListTerritory; names: Named[] }[]>();

function index(list: TerritoryList) {
  let idx = indexCache.get(list);
  if (!idx) {
    idx = list.territoires.map((entry) => ({ entry, names: namesOf(entry) }));
    indexCache.set(list, idx);
  }
  return idx;
}

function scoreOf(key: string, query: string): number {
  if (key === query) return 3;
  if (` ${key} `.includes(` ${query} `)) return 2;
  return key.includes(query) ? 1 : 0;
}

/** Territories matching `text`, best first (the whole name before a part of it, a territory before a commune). */
export function searchTerritories(list: TerritoryList, text: string): SearchHit[] {
  const query = normaliseName(text);
  if (query === "") return [];
  const hits: (SearchHit & { kindRank: number })[] = [];
  for (const { entry, names } of index(list)) {
    let score = 0;
    let kindRank = KIND_ORDER.length;
    const matches: { label: string; score: number; rank: number }[] = [];
    for (const n of names) {
      const s = scoreOf(n.key, query);
      if (s === 0) continue;
      const rank = KIND_ORDER.indexOf(n.kind);
      if (!matches.some((m) => m.label === n.label)) matches.push({ label: n.label, score: s, rank });
      if (s > score || (s === score && rank < kindRank)) {
        score = s;
        kindRank = rank;
      }
    }
    if (score > 0)
      hits.push({ entry, score, kindRank, matches: matches.sort((a, b) => b.score - a.score || a.rank - b.rank).map((m) => m.label) });
  }
  return hits
    .sort((a, b) => b.score - a.score || a.kindRank - b.kindRank || a.entry.id.localeCompare(b.entry.id))
    .map(({ entry, score, matches }) => ({ entry, score, matches }));
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

/** Entries close to an id that is not in the list: close ids, close names, names containing the text. */
export function closeMatches(list: TerritoryList, text: string, limit = 5): ListTerritory[] {
  const id = text.trim().toLowerCase();
  const name = normaliseName(text);
  const scored = new Map<ListTerritory, number>();
  const keep = (entry: ListTerritory, distance: number) => {
    if (distance < (scored.get(entry) ?? Infinity)) scored.set(entry, distance);
  };
  for (const entry of list.territoires) {
    const byId = editDistance(id, entry.id.toLowerCase());
    if (byId <= 2) keep(entry, byId);
    if (name.length >= 3) {
      const key = normaliseName(entry.nom);
      const byName = editDistance(name, key);
      if (byName <= Math.max(2, Math.floor(key.length / 4))) keep(entry, byName);
    }
  }
  // A name, or part of one (`Picardie`), of a territory, an EPCI or a commune.
  if (scored.size === 0 && name.length >= 3) for (const hit of searchTerritories(list, text).slice(0, limit)) keep(hit.entry, 3 + (3 - hit.score));
  // The closest only: a typo of one character should not drown among ids two characters away.
  const best = Math.min(...scored.values());
  return [...scored.entries()]
    .filter(([, d]) => d === best || best >= 3)
    .sort((a, b) => a[1] - b[1] || a[0].id.localeCompare(b[0].id))
    .slice(0, limit)
    .map(([entry]) => entry);
}

export function regionName(code: string | null): string | null {
  return code ? (cog().regions.get(code) ?? null) : null;
}

/** `ti-3208 « Haute-Picardie » (Hauts-de-France, 2023-2027)` */
export function describeEntry(entry: ListTerritory): string {
  const region = regionName(entry.region);
  return `${entry.id} « ${entry.nom} » (${region ? `${region}, ` : ""}${entry.phase})`;
}

/** The French message for an id that is not in the list, with the close ones. */
export function unknownTerritoryMessage(list: TerritoryList, text: string): string {
  const phases = [...new Set(list.territoires.map((t) => t.phase))].join(", ");
  const close = closeMatches(list, text);
  return (
    `Territoire d'industrie inconnu : « ${text} » n'est pas un identifiant de la liste (${list.territoires.length} territoires, phase ${phases}).` +
    (close.length > 0 ? ` Vouliez-vous dire : ${close.map(describeEntry).join(" ; ")} ?` : "") +
    " Cherchez un territoire par son nom, celui d'un de ses EPCI ou d'une de ses communes : npm run ti -- territoires TEXTE"
  );
}
