// The EPCI comparison of a year's report: the phase's territory and each of its EPCIs side by side on a few key
// indicators, with the latest usable value up to the report's year and its change since the phase's reference
// year. The reference is that year's value, never a later one: an EPCI without a usable value then has no change
// (n.d.) rather than a change measured over a shorter period than its neighbours'.
import { USABLE } from "../indicators/baselines.ts";
import type { IndicatorDeclaration, IndicatorRow } from "../indicators/types.ts";
import { computeChange } from "./format.ts";
import type { EpciComparison, EpciValue, ReportChart } from "./types.ts";

/** Indicators in the comparison: enough to compare the EPCIs on each axis, few enough for one A4 table. */
export const EPCI_INDICATORS = 4;
const TYPE_RANK: Record<string, number> = { impact: 0, "résultat": 1, "réalisation": 2, contexte: 3 };

export interface EpciInput {
  year: number;
  referenceYear: number;
  territory: { code: string; nom: string };
  epcis: { code: string; nom: string }[];
  /** Rows of the territory and EPCI levels, any year. */
  rows: readonly IndicatorRow[];
  catalogue: readonly IndicatorDeclaration[];
  /** Indicators the copil set a target for (listed first). */
  targeted: ReadonlySet<string>;
  sourceOf: (indicator: string) => ReportChart["source"] | null;
  /** The axis an indicator belongs to in the phase's axes set (one indicator per axis is taken first). */
  axisOf: (decl: IndicatorDeclaration) => string;
}

function valueOf(series: IndicatorRow[], referenceYear: number, year: number, unite: string): EpciValue {
  // As the tracking does (src/indicators/baselines.ts): the reference year's own value, partial or not; the newest
  // complete value, failing any the newest partial one (its status goes with it).
  const known = series.filter((r) => r.annee <= year && r.valeur !== null && (USABLE.has(r.statut) || r.statut === "partiel"));
  const ref = known.find((r) => r.annee === referenceYear) ?? null;
  const later = known.filter((r) => r.annee >= referenceYear);
  const last = later.filter((r) => USABLE.has(r.statut)).at(-1) ?? later.at(-1) ?? null;
  return {
    valeur: last?.valeur ?? null, annee: last?.annee ?? null, statut: last?.statut ?? null,
    valeur_reference: ref?.valeur ?? null,
    evolution: ref && last && last.annee > referenceYear ? computeChange(ref.valeur, last.valeur, unite) : null,
  };
}

export function epciComparison(input: EpciInput): EpciComparison | null {
  if (input.epcis.length < 2) return null;
  const codes = new Set(input.epcis.map((e) => e.code));
  const seriesOf = new Map<string, IndicatorRow[]>();
  for (const r of input.rows) {
    if (r.annee > input.year) continue;
    if (!(r.niveau === "epci" && codes.has(r.code_geo)) && !(r.niveau === "territoire" && r.code_geo === input.territory.code)) continue;
    const k = `${r.indicateur}|${r.niveau}|${r.code_geo}`;
    seriesOf.set(k, [...(seriesOf.get(k) ?? []), r]);
  }
  for (const list of seriesOf.values()) list.sort((a, b) => a.annee - b.annee);
  const series = (d: IndicatorDeclaration, niveau: string, code: string) => seriesOf.get(`${d.id}|${niveau}|${code}`) ?? [];
  const candidates = input.catalogue
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => d.levels.includes("epci") && d.levels.includes("territoire") && d.type !== "contexte")
    .filter(({ d }) => input.epcis.filter((e) => valueOf(series(d, "epci", e.code), input.referenceYear, input.year, d.unit).evolution !== null).length >= 2)
    .sort((a, b) => Number(input.targeted.has(b.d.id)) - Number(input.targeted.has(a.d.id)) || (TYPE_RANK[a.d.type] ?? 9) - (TYPE_RANK[b.d.type] ?? 9) || a.i - b.i)
    .map(({ d }) => d);
  const chosen: IndicatorDeclaration[] = [];
  const axes = new Set<string>();
  for (const d of candidates) if (chosen.length < EPCI_INDICATORS && !axes.has(input.axisOf(d))) { chosen.push(d); axes.add(input.axisOf(d)); }
  for (const d of candidates) if (chosen.length < EPCI_INDICATORS && !chosen.includes(d)) chosen.push(d);
  if (chosen.length === 0) return null;
  const line = (niveau: "territoire" | "epci", code: string, nom: string) => ({
    niveau, code, nom, valeurs: chosen.map((d) => valueOf(series(d, niveau, code), input.referenceYear, input.year, d.unit)),
  });
  return {
    annee_reference: input.referenceYear,
    indicateurs: chosen.map((d) => ({ indicateur: d.id, titre: d.title, unite: d.unit, sens_souhaite: d.direction, source: input.sourceOf(d.id)! })),
    lignes: [
      line("territoire", input.territory.code, input.territory.nom),
      ...[...input.epcis].sort((a, b) => a.nom.localeCompare(b.nom, "fr")).map((e) => line("epci", e.code, e.nom)),
    ],
  };
}
