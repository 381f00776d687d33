// Baseline of each indicator x geography: its value in the phase's configured reference year (data/territoire.json,
// "annee_reference"), always that year. A target voted as "−50 % vs 2018" keeps that meaning, so the baseline never
// moves silently to a later year:
//   - a complete (ok, provisoire) value is the baseline;
//   - a partial value is the baseline too, with its status and what it lacks (member communes without a value, or
//     themselves partial): a partial sum is a lower bound, and the comparisons made with it are indicative;
//   - an unknown value (secret, missing, no row) leaves no baseline: « référence inconnue ». The first later year with
//     a value is kept apart, for information only, never as the baseline of a target or of a change.
import type { Baseline, IndicatorRow, Level } from "./types.ts";

export const USABLE = new Set(["ok", "provisoire"]);

/** Member communes of a geography, to say what a partial reference lacks; undefined when not known. */
export type MembersOf = (niveau: Level, code: string) => readonly string[] | undefined;

export function seriesKey(r: { indicateur: string; niveau: string; code_geo: string }): string {
  return `${r.indicateur}|${r.niveau}|${r.code_geo}`;
}

/** Groups the rows by indicator x geography, each series sorted by year. */
export function series(rows: IndicatorRow[]): Map<string, IndicatorRow[]> {
  const map = new Map<string, IndicatorRow[]>();
  for (const r of rows) {
    const list = map.get(seriesKey(r)) ?? [];
    list.push(r);
    map.set(seriesKey(r), list);
  }
  for (const list of map.values()) list.sort((a, b) => a.annee - b.annee);
  return map;
}

/** The commune rows of each indicator x year, by commune code: what a partial territory or EPCI value lacks. */
export type CommuneValues = Map<string, Map<string, IndicatorRow>>;

export function communeValues(rows: IndicatorRow[]): CommuneValues {
  const out: CommuneValues = new Map();
  for (const r of rows) {
    if (r.niveau !== "commune") continue;
    const k = `${r.indicateur}|${r.annee}`;
    const m = out.get(k) ?? new Map<string, IndicatorRow>();
    m.set(r.code_geo, r);
    out.set(k, m);
  }
  return out;
}

export function baselineOf(serie: IndicatorRow[], referenceYear: number, communes?: CommuneValues, membersOf?: MembersOf): Baseline {
  const first = serie[0];
  if (!first) throw new Error("série vide");
  const atReference = serie.find((r) => r.annee === referenceYear);
  const valeur = atReference?.valeur ?? null;
  const later = valeur === null ? serie.find((r) => r.annee > referenceYear && r.valeur !== null) : undefined;
  let sansDonnee: number | null = null;
  let partielles: number | null = null;
  if (atReference?.statut === "partiel" && communes) {
    const ofYear = communes.get(`${first.indicateur}|${referenceYear}`);
    // The territory group holds every commune row of the phase (the caller filters the rows to its perimeter).
    const members = first.niveau === "territoire" ? (ofYear ? [...ofYear.keys()] : undefined) : membersOf?.(first.niveau, first.code_geo);
    if (ofYear && members && members.length > 0) {
      const statuses = members.map((c) => ofYear.get(c));
      sansDonnee = statuses.filter((r) => r === undefined || r.valeur === null).length;
      partielles = statuses.filter((r) => r?.valeur !== null && r?.statut === "partiel").length;
    }
  }
  return {
    indicateur: first.indicateur,
    niveau: first.niveau,
    code_geo: first.code_geo,
    annee: referenceYear,
    valeur,
    statut: atReference?.statut ?? null,
    communes_sans_donnee: sansDonnee,
    communes_partielles: partielles,
    premiere_annee: later?.annee ?? null,
    premiere_valeur: later?.valeur ?? null,
  };
}

export function computeBaselines(rows: IndicatorRow[], referenceYear: number, membersOf?: MembersOf): Baseline[] {
  const communes = communeValues(rows);
  return [...series(rows).values()].map((s) => baselineOf(s, referenceYear, communes, membersOf));
}
