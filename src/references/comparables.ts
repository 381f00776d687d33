// The Territoires d'industrie most like the territory in the reference year, and how the territory's change compares
// with theirs: « écart aux territoires comparables ». A comparison, never a causal impact: territories alike on these
// four traits may differ in everything else.
//
// Traits, each in the reference year (URSSAF, private salaried jobs):
//   part_industrie  industrial share of private jobs (%);
//   taille          log of private jobs;
//   structure       sector mix: dissimilarity of NA38 shares with the territory's, ½ Σs |p_s − q_s| (0 = same mix,
//                   1 = no sector in common);
//   tendance        change of private jobs over the 5 years before the reference year (%).
// The three scalar traits are standardised over all candidate territories (z-scores: difference / standard deviation),
// the dissimilarity is divided by its own standard deviation over the candidates; the distance is the Euclidean norm
// of the four standardised differences. A trait that cannot be computed for the territory (no year 5 years before the
// reference) is left out for all and said. The ten nearest are kept (ties by identifier); the territory itself, and any
// Territoire d'industrie that shares a commune with it, are not candidates (comparing it with itself says nothing).
import { A38_INDUSTRY } from "../geography/naf-a38.ts";
import { UNKNOWN_SECTOR } from "../sources/urssaf/aggregator.ts";
import { total, type Group, type Sectors } from "./aggregates.ts";
import { REFERENCE_FORMULAS } from "./indicators.ts";
import { formatNumber } from "../format/number.ts";

export const PRIOR_YEARS = 5;
export const COMPARABLE_COUNT = 10;

export interface Traits {
  part_industrie: number | null;
  taille: number | null;
  tendance: number | null;
  /** NA38 shares of known jobs. */
  shares: Map<string, number>;
  emploi: number | null;
}

export function traitsOf(g: Group, year: number): Traits | null {
  const s = g.years.get(year);
  if (!s) return null;
  const jobs = total(s, "effectifs").value;
  if (jobs === null || jobs <= 0) return null;
  const ind = total(s, "effectifs", (x) => A38_INDUSTRY.has(x)).value ?? 0;
  const shares = new Map<string, number>();
  for (const [sector, c] of s) if (sector !== UNKNOWN_SECTOR && c.effectifs !== null) shares.set(sector, c.effectifs / jobs);
  const prior = total(g.years.get(year - PRIOR_YEARS), "effectifs").value;
  return {
    part_industrie: (ind / jobs) * 100,
    taille: Math.log(jobs),
    tendance: prior !== null && prior > 0 ? (jobs / prior - 1) * 100 : null,
    shares,
    emploi: jobs,
  };
}

/** ½ Σ |p_s − q_s| over the sectors of either. */
export function dissimilarity(a: Map<string, number>, b: Map<string, number>): number {
  let d = 0;
  for (const s of new Set([...a.keys(), ...b.keys()])) d += Math.abs((a.get(s) ?? 0) - (b.get(s) ?? 0));
  return d / 2;
}

function sd(xs: number[]): number {
  if (xs.length < 2) return 0;
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}

export interface Comparable {
  rang: number;
  code_geo: string;
  libelle_geo: string;
  distance: number;
  part_industrie: number;
  emploi: number;
  tendance: number | null;
  dissimilarite: number;
  /** Standardised difference of each trait (signed for the scalar ones). */
  ecarts_standardises: { part_industrie: number; taille: number; structure: number; tendance: number | null };
  /** Why it was chosen, in French. */
  raison: string;
}

export interface ComparableSelection {
  annee_reference: number;
  traits_utilises: string[];
  notes: string[];
  territoire: { part_industrie: number; emploi: number; tendance: number | null } | null;
  comparables: Comparable[];
}

const fmt = (x: number, d = 1) => formatNumber(x, d);

export function selectComparables(territory: Group, candidates: readonly Group[], year: number, exclude: ReadonlySet<string>): ComparableSelection {
  const notes: string[] = [];
  const t = traitsOf(territory, year);
  if (!t) return { annee_reference: year, traits_utilises: [], notes: [`Pas d'emploi salarié privé connu pour le territoire en ${year} : pas de territoires comparables.`], territoire: null, comparables: [] };
  const cands = candidates
    .filter((g) => !exclude.has(g.code))
    .map((g) => ({ g, tr: traitsOf(g, year) }))
    .filter((c): c is { g: Group; tr: Traits } => c.tr !== null);
  const useTrend = t.tendance !== null;
  if (!useTrend) notes.push(`Tendance antérieure non calculable (pas de données en ${year - PRIOR_YEARS}) : critère écarté.`);
  const pool = useTrend ? cands.filter((c) => c.tr.tendance !== null) : cands;
  const dis = pool.map((c) => dissimilarity(t.shares, c.tr.shares));
  const sdInd = sd(pool.map((c) => c.tr.part_industrie!));
  const sdSize = sd(pool.map((c) => c.tr.taille!));
  const sdTrend = useTrend ? sd(pool.map((c) => c.tr.tendance!)) : 0;
  const sdDis = sd(dis);
  const z = (d: number, s: number) => (s > 0 ? d / s : 0);
  const scored = pool.map((c, i) => {
    const e = {
      part_industrie: z(c.tr.part_industrie! - t.part_industrie!, sdInd),
      taille: z(c.tr.taille! - t.taille!, sdSize),
      structure: z(dis[i]!, sdDis),
      tendance: useTrend ? z(c.tr.tendance! - t.tendance!, sdTrend) : null,
    };
    const distance = Math.sqrt(e.part_industrie ** 2 + e.taille ** 2 + e.structure ** 2 + (e.tendance ?? 0) ** 2);
    return { c, e, dis: dis[i]!, distance };
  });
  scored.sort((a, b) => a.distance - b.distance || a.c.g.code.localeCompare(b.c.g.code));
  const comparables = scored.slice(0, COMPARABLE_COUNT).map((s, i): Comparable => {
    const tr = s.c.tr;
    const ratio = tr.emploi! / t.emploi!;
    const raison =
      `industrie ${fmt(tr.part_industrie!)} % des emplois (territoire ${fmt(t.part_industrie!)} %), ` +
      `taille ${ratio >= 1 ? `${fmt(ratio)} fois` : `${fmt(ratio * 100, 0)} %`} de celle du territoire, ` +
      `structure sectorielle différente à ${fmt(s.dis * 100, 0)} %` +
      (useTrend ? `, évolution ${year - PRIOR_YEARS}-${year} de ${tr.tendance! >= 0 ? "+" : ""}${fmt(tr.tendance!)} % (territoire ${t.tendance! >= 0 ? "+" : ""}${fmt(t.tendance!)} %)` : "");
    return {
      rang: i + 1, code_geo: s.c.g.code, libelle_geo: s.c.g.libelle, distance: s.distance,
      part_industrie: tr.part_industrie!, emploi: tr.emploi!, tendance: tr.tendance, dissimilarite: s.dis,
      ecarts_standardises: s.e, raison,
    };
  });
  if (exclude.size > 0) notes.push(`Territoires d'industrie écartés des comparables car ils partagent des communes avec le territoire : ${[...exclude].sort().join(", ")}.`);
  if (pool.length < COMPARABLE_COUNT) notes.push(`Seulement ${pool.length} Territoire(s) d'industrie couvert(s) par les fichiers : la comparaison porte sur eux.`);
  return {
    annee_reference: year,
    traits_utilises: ["part de l'industrie", "taille (log des emplois)", "structure sectorielle (NA38)", ...(useTrend ? [`tendance ${year - PRIOR_YEARS}-${year}`] : [])],
    notes,
    territoire: { part_industrie: t.part_industrie!, emploi: t.emploi!, tendance: t.tendance },
    comparables,
  };
}

/** Quantile of sorted values (linear interpolation, as R type 7). */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
}

export interface Gap {
  indicateur: string;
  annee_debut: number;
  annee_fin: number;
  /** "%" for a relative change of a count, "points" for a share. */
  unite_evolution: "%" | "points";
  evolution_territoire: number | null;
  mediane_comparables: number | null;
  q1_comparables: number | null;
  q3_comparables: number | null;
  n_comparables: number;
  ecart_aux_comparables: number | null;
  /** Some unknown cells (secret, not published) were left out of the territory's values: the change is indicative. */
  partiel: boolean;
}

/** Change of an indicator between two years: % for a count, points for a share. */
function change(id: string, g: Group, y0: number, y1: number): { value: number; partiel: boolean } | null {
  const f = REFERENCE_FORMULAS[id]!;
  const s0 = g.years.get(y0);
  const s1 = g.years.get(y1);
  if (!s0 || !s1) return null;
  const a = f(s0);
  const b = f(s1);
  if (a.valeur === null || b.valeur === null) return null;
  const partiel = a.partiel || b.partiel;
  if (id.startsWith("part_")) return { value: b.valeur - a.valeur, partiel };
  return a.valeur > 0 ? { value: (b.valeur / a.valeur - 1) * 100, partiel } : null;
}

/** For each URSSAF indicator, the territory's change against the comparables' median and interquartile range. */
export function gapsToComparables(territory: Group, comparables: readonly Group[], y0: number, y1: number): Gap[] {
  return Object.keys(REFERENCE_FORMULAS).map((id) => {
    const ownChange = change(id, territory, y0, y1);
    const own = ownChange?.value ?? null;
    const others = comparables.map((g) => change(id, g, y0, y1)).filter((x) => x !== null);
    const values = others.map((x) => x.value).sort((a, b) => a - b);
    const median = quantile(values, 0.5);
    return {
      indicateur: id, annee_debut: y0, annee_fin: y1, unite_evolution: id.startsWith("part_") ? "points" : "%",
      evolution_territoire: own, mediane_comparables: median, q1_comparables: quantile(values, 0.25), q3_comparables: quantile(values, 0.75),
      n_comparables: values.length, ecart_aux_comparables: own !== null && median !== null ? own - median : null,
      partiel: (ownChange?.partiel ?? false) || others.some((x) => x.partiel),
    };
  });
}
