// The territory beside its départements, région(s) and France, indicator by indicator, and its change against the
// comparison territories' (« écart aux territoires comparables »): what the axis pages, the synthesis and the reports
// show under an indicator. Pure: values come from the published rows (the territory's and the reference levels'),
// so every figure shown can be found in indicateurs.csv.
//   - a count is shown as its value, its index base 100 in the reference year and, for the last year, per 1,000
//     inhabitants (population municipale légale, one vintage: said on the page);
//   - a share (unit "%") as its value and its change in points (an index of a share means little);
//   - the comparables: their changes over the same years, median, quartiles, extremes, and the territory's rank.
// A comparison, never a causal impact: territories alike on four traits may differ in everything else.
import { changeOf } from "../format/evolution.js";
import { quantile } from "./comparables.ts";

export interface Observation {
  indicateur: string;
  niveau: string;
  code_geo: string;
  libelle_geo: string;
  annee: number;
  valeur: number | null;
  statut: string;
}

export interface BesideGeo {
  niveau: "territoire" | "departement" | "region" | "france";
  code_geo: string;
  libelle_geo: string;
  /** Population municipale of the geography; null when unknown. */
  population: number | null;
  /** Some communes of the geography have no population (uninhabited): the population is that of the others. */
  population_partielle: boolean;
  /** Year -> value and status (years from the reference year on). */
  valeurs: Record<string, { v: number | null; s: string }>;
}

export interface ComparableStats {
  annee_fin: number;
  /** Change of the territory between the reference year and annee_fin: % for a count, points for a share. */
  evolution_territoire: number | null;
  n: number;
  mediane: number | null;
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
  /** 1 = strongest change among the territory and its comparables (n + 1 places); null when unknown. */
  rang: number | null;
  ecart: number | null;
  /** An unknown cell was left out of one of the values used: the comparison is indicative. */
  partiel: boolean;
}

export interface BesideBlock {
  indicateur: string;
  titre: string;
  unite: string;
  /** A share: changes in points, no index, no per-capita value. */
  part: boolean;
  unite_evolution: "%" | "points";
  annee_debut: number;
  annees: number[];
  geos: BesideGeo[];
  comparables: ComparableStats[];
}

export interface BesideTerritory {
  code: string;
  nom: string;
  referenceYear: number;
  departements: string[];
  regions: string[];
  population: number | null;
}

export interface BesideInput {
  territory: BesideTerritory;
  /** The territory's rows (niveau territoire) and the reference rows (départements, régions, France, Territoires d'industrie). */
  rows: readonly Observation[];
  comparables: readonly string[];
  sheets: readonly { id: string; title: string; unit: string }[];
  population: (niveau: "departement" | "region" | "france", code: string) => { population: number | null; partielle: boolean };
}

export const isShare = (unite: string) => /%/.test(unite);

const REFERENCE_LEVELS = ["departement", "region", "france"] as const;

/** One block per indicator that has rows at the reference levels, for one territory. */
export function besideBlocks(input: BesideInput): BesideBlock[] {
  const t = input.territory;
  const y0 = t.referenceYear;
  const byKey = new Map<string, Observation[]>();
  for (const r of input.rows) {
    const k = `${r.indicateur}|${r.niveau}|${r.code_geo}`;
    const list = byKey.get(k) ?? [];
    list.push(r);
    byKey.set(k, list);
  }
  const series = (id: string, niveau: string, code: string) => byKey.get(`${id}|${niveau}|${code}`) ?? [];
  const ids = [...new Set(input.rows.filter((r) => r.niveau === "france" || r.niveau === "departement").map((r) => r.indicateur))];
  const blocks: BesideBlock[] = [];
  for (const sheet of input.sheets) {
    if (!ids.includes(sheet.id)) continue;
    const own = series(sheet.id, "territoire", t.code);
    if (own.length === 0) continue;
    const share = isShare(sheet.unit);
    const valeurs = (list: Observation[]) =>
      Object.fromEntries(list.filter((r) => r.annee >= y0).sort((a, b) => a.annee - b.annee).map((r) => [String(r.annee), { v: r.valeur, s: r.statut }]));
    const geos: BesideGeo[] = [
      { niveau: "territoire", code_geo: t.code, libelle_geo: t.nom, population: t.population, population_partielle: false, valeurs: valeurs(own) },
    ];
    const codes: Record<(typeof REFERENCE_LEVELS)[number], string[]> = { departement: t.departements, region: t.regions, france: ["FR"] };
    for (const niveau of REFERENCE_LEVELS)
      for (const code of codes[niveau]) {
        const list = series(sheet.id, niveau, code);
        if (list.length === 0) continue;
        const p = input.population(niveau, code);
        geos.push({ niveau, code_geo: code, libelle_geo: list[0]!.libelle_geo, population: p.population, population_partielle: p.partielle, valeurs: valeurs(list) });
      }
    const annees = [...new Set(geos.flatMap((g) => Object.keys(g.valeurs).map(Number)))].sort((a, b) => a - b);
    const at = (list: Observation[], y: number) => list.find((r) => r.annee === y);
    const comparables: ComparableStats[] = [];
    const start = at(own, y0);
    if (start && input.comparables.length > 0)
      for (const y1 of annees.filter((y) => y > y0)) {
        const end = at(own, y1);
        const mine = changeOf(start.valeur, end?.valeur ?? null, share);
        let partiel = start.statut === "partiel" || end?.statut === "partiel";
        const others: number[] = [];
        for (const code of input.comparables) {
          const list = series(sheet.id, "territoire_industrie", code);
          const a = at(list, y0);
          const b = at(list, y1);
          const c = changeOf(a?.valeur ?? null, b?.valeur ?? null, share);
          if (c === null) continue;
          others.push(c);
          partiel ||= a!.statut === "partiel" || b!.statut === "partiel";
        }
        others.sort((a, b) => a - b);
        const mediane = quantile(others, 0.5);
        comparables.push({
          annee_fin: y1, evolution_territoire: mine, n: others.length, mediane, q1: quantile(others, 0.25), q3: quantile(others, 0.75),
          min: others[0] ?? null, max: others.at(-1) ?? null,
          rang: mine === null ? null : 1 + others.filter((c) => c > mine).length,
          ecart: mine !== null && mediane !== null ? mine - mediane : null, partiel,
        });
      }
    blocks.push({ indicateur: sheet.id, titre: sheet.title, unite: sheet.unit, part: share, unite_evolution: share ? "points" : "%", annee_debut: y0, annees, geos, comparables });
  }
  return blocks;
}
