// Reference levels, comparison territories and the shift-share decomposition, from the URSSAF aggregates:
//   computeReferences(db, territory) -> ReferenceResult
//   writeReferenceOutputs(result, outDir): decomposition-emploi.csv, quotients-localisation.csv,
//     territoires-comparables.csv, ecarts-comparables.csv (the reference rows go into indicateurs.csv, see output.ts).
import { writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Territory } from "../territory/territory.ts";
import { FRANCE_CODE, referenceGeography } from "../geography/reference-levels.ts";
import { NATIONAL_DEPARTEMENTS } from "../pipeline/coverage.ts";
import { csvText, type CsvCell } from "../io/csv-write.ts";
import { readReferenceCoverage, groupKey, type ReferenceCoverage } from "./coverage.ts";
import { readGroups, type Group } from "./aggregates.ts";
import { REFERENCE_FORMULAS, referenceRows } from "./indicators.ts";
import { sireneReferenceLevels } from "./sirene-levels.ts";
import { DECOMPOSITION_COLUMNS, decompose, locationQuotients, type DecompositionRow, type LocationQuotient } from "./shift-share.ts";
import { gapsToComparables, quantile, selectComparables, type ComparableSelection, type Gap } from "./comparables.ts";
import type { ReferenceRow } from "./types.ts";

export interface QuotientRow extends LocationQuotient {
  niveau: string;
  code_geo: string;
  annee: number;
}

/** One point of the series shown beside the territory: a value, and its index base 100 in the reference year. */
export interface SeriesPoint {
  niveau: string;
  code_geo: string;
  libelle_geo: string;
  indicateur: string;
  annee: number;
  valeur: number | null;
  /** valeur / valeur of the reference year x 100 (counts); null for a share or when unknown. */
  indice: number | null;
  statut: "ok" | "partiel" | "manquant";
}

export interface ReferenceResult {
  coverage: Pick<ReferenceCoverage, "national" | "departementsWithRows">;
  rows: ReferenceRow[];
  decomposition: DecompositionRow[];
  quotients: QuotientRow[];
  comparables: ComparableSelection | null;
  gaps: Gap[];
  /** Unknown cells of France's jobs left out of its rates, by year. */
  franceUnknownCells: Record<number, number>;
  /** The territory, its départements, its région(s), France and the comparables' median, indicator by indicator. */
  series: SeriesPoint[];
  notes: string[];
}

const SERIES_INDICATORS = ["emploi_salarie_prive", "emploi_industriel", "part_emploi_industriel", "etablissements_prives", "etablissements_industriels"];

function seriesOf(g: Group, y0: number): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (const id of SERIES_INDICATORS) {
    const f = REFERENCE_FORMULAS[id]!;
    const base = g.years.get(y0) ? f(g.years.get(y0)!).valeur : null;
    for (const year of [...g.years.keys()].sort((a, b) => a - b)) {
      const c = f(g.years.get(year)!);
      const share = id.startsWith("part_");
      out.push({
        niveau: g.niveau, code_geo: g.code, libelle_geo: g.libelle, indicateur: id, annee: year, valeur: c.valeur,
        indice: !share && c.valeur !== null && base ? (c.valeur / base) * 100 : null,
        statut: c.valeur === null ? "manquant" : c.partiel ? "partiel" : "ok",
      });
    }
  }
  return out;
}

/** Median of the comparables, year by year: of their values for a share, of their indices base 100 for a count. */
function comparablesMedian(points: SeriesPoint[]): SeriesPoint[] {
  const by = new Map<string, SeriesPoint[]>();
  for (const p of points) {
    const k = `${p.indicateur}|${p.annee}`;
    by.set(k, [...(by.get(k) ?? []), p]);
  }
  const out: SeriesPoint[] = [];
  for (const [k, list] of by) {
    const [indicateur, annee] = k.split("|") as [string, string];
    const share = indicateur.startsWith("part_");
    const values = list.map((p) => (share ? p.valeur : p.indice)).filter((x): x is number => x !== null).sort((a, b) => a - b);
    const m = quantile(values, 0.5);
    out.push({
      niveau: "comparables", code_geo: "mediane", libelle_geo: "Médiane des territoires comparables", indicateur, annee: Number(annee),
      valeur: share ? m : null, indice: share ? null : m, statut: m === null ? "manquant" : values.length < list.length ? "partiel" : "ok",
    });
  }
  return out.sort((a, b) => a.indicateur.localeCompare(b.indicateur) || a.annee - b.annee);
}

export async function computeReferences(db: DuckDBConnection, territory: Territory): Promise<ReferenceResult> {
  const coverage = await readReferenceCoverage(db);
  const groups = await readGroups(db, territory, coverage);
  const notes: string[] = [];
  // Creations come from the Sirene stock, whose coverage is its own (whole départements).
  const rows = [...referenceRows(groups.values()), ...(await sireneReferenceLevels(db)).rows];
  const france = groups.get(groupKey("france", FRANCE_CODE));
  const own = [...groups.values()].filter((g) => g.niveau === "territoire" || g.niveau === "epci");
  const decomposition: DecompositionRow[] = [];
  const quotients: QuotientRow[] = [];
  const franceUnknownCells: Record<number, number> = {};
  const y0 = territory.referenceYear;
  if (!france) {
    if (groups.size > 0)
      notes.push(
        `Niveaux de référence : les fichiers URSSAF ne sont pas nationaux (lignes dans ${coverage.departementsWithRows} département(s), il en faut ${NATIONAL_DEPARTEMENTS} au moins) : ni France, ni décomposition de l'emploi, ni territoires comparables ; seuls les niveaux entièrement couverts sont publiés.`,
      );
  } else {
    for (const [year, s] of france.years) franceUnknownCells[year] = [...s.values()].reduce((n, c) => n + c.inconnusEffectifs, 0);
    const years = [...france.years.keys()].sort((a, b) => a - b);
    if (!france.years.has(y0)) notes.push(`Décomposition de l'emploi : l'année de référence ${y0} n'est pas dans les fichiers URSSAF (${years[0]}-${years[years.length - 1]}).`);
    for (const g of own) {
      for (const y1 of years) {
        const local1 = g.years.get(y1);
        if (local1) {
          for (const q of locationQuotients(local1, france.years.get(y1)!)) quotients.push({ niveau: g.niveau, code_geo: g.code, annee: y1, ...q });
        }
        if (y1 <= y0 || !france.years.has(y0)) continue;
        const local0 = g.years.get(y0);
        if (!local0 || !local1) continue;
        decomposition.push(...decompose({ niveau: g.niveau, code_geo: g.code, annee_debut: y0, annee_fin: y1 }, local0, local1, france.years.get(y0)!, france.years.get(y1)!));
      }
    }
  }
  let comparables: ComparableSelection | null = null;
  let gaps: Gap[] = [];
  const self = groups.get(groupKey("territoire", territory.id));
  const tis = [...groups.values()].filter((g) => g.niveau === "territoire_industrie");
  if (self && tis.length > 0) {
    const geo = referenceGeography();
    const overlapping = new Set(territory.communes.flatMap((c) => geo.communes.get(c.code)?.tis ?? []));
    if (territory.programme) overlapping.add(territory.programme.id);
    comparables = selectComparables(self, tis, y0, overlapping);
    notes.push(...comparables.notes);
    const chosen = comparables.comparables.map((c) => groups.get(groupKey("territoire_industrie", c.code_geo))!);
    const last = Math.max(...self.years.keys());
    if (last > y0) gaps = gapsToComparables(self, chosen, y0, last);
  }
  const series: SeriesPoint[] = [];
  if (self) {
    const geo = referenceGeography();
    const deps = [...new Set(territory.communes.map((c) => c.departement))].sort();
    const regions = [...new Set(deps.map((d) => geo.communes.get(territory.communes.find((c) => c.departement === d)!.code)?.region).filter((r): r is string => !!r))].sort();
    const shown = [self, ...deps.map((d) => groups.get(groupKey("departement", d))), ...regions.map((r) => groups.get(groupKey("region", r))), france];
    for (const g of shown) if (g) series.push(...seriesOf(g, y0));
    if (comparables && comparables.comparables.length > 0)
      series.push(...comparablesMedian(comparables.comparables.flatMap((c) => seriesOf(groups.get(groupKey("territoire_industrie", c.code_geo))!, y0))));
  }
  return { coverage: { national: coverage.national, departementsWithRows: coverage.departementsWithRows }, rows, decomposition, quotients, comparables, gaps, franceUnknownCells, series, notes };
}

// The project's one CSV writer (numbers as published, text cells that a spreadsheet would run as formulas escaped).
const csv = (fields: readonly string[], rows: readonly Record<string, unknown>[]) =>
  csvText(fields, rows.map((r) => fields.map((f) => (r[f] ?? null) as CsvCell)));

const QUOTIENT_COLUMNS = ["niveau", "code_geo", "annee", "secteur", "emploi", "part_locale", "part_france", "quotient"] as const;
const COMPARABLE_COLUMNS = ["rang", "code_geo", "libelle_geo", "distance", "part_industrie", "emploi", "tendance", "dissimilarite", "raison"] as const;
const GAP_COLUMNS = [
  "indicateur", "annee_debut", "annee_fin", "unite_evolution", "evolution_territoire", "mediane_comparables", "q1_comparables",
  "q3_comparables", "n_comparables", "ecart_aux_comparables", "partiel",
] as const;

export async function writeReferenceOutputs(result: ReferenceResult, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written = ["decomposition-emploi.csv", "quotients-localisation.csv", "territoires-comparables.csv", "ecarts-comparables.csv"];
  await writeFile(join(outDir, written[0]!), csv(DECOMPOSITION_COLUMNS, result.decomposition as unknown as Record<string, unknown>[]), "utf8");
  await writeFile(join(outDir, written[1]!), csv(QUOTIENT_COLUMNS, result.quotients as unknown as Record<string, unknown>[]), "utf8");
  await writeFile(join(outDir, written[2]!), csv(COMPARABLE_COLUMNS, (result.comparables?.comparables ?? []) as unknown as Record<string, unknown>[]), "utf8");
  await writeFile(join(outDir, written[3]!), csv(GAP_COLUMNS, result.gaps as unknown as Record<string, unknown>[]), "utf8");
  return written;
}

export type { Group };
