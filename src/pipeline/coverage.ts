// Which communes of the territory a source's files cover, so that a commune absent from the files is counted as
// zero only where its absence means zero, and stays unknown (« manquant », aggregates « partiel ») elsewhere.
//
// The rule of each source is declared by its loader (SourceLoader.coverage):
// - "communes" (URSSAF, DARES, Cerema): the files cover the communes they have rows for. A commune without a row is
//   unknown — an URSSAF export filtered on a zone d'emploi says nothing of the communes outside that zone — except
//   when the files are national (rows in at least NATIONAL_DEPARTEMENTS départements: an absent commune then has no
//   private employer) or when data:refresh asked the producer for that very commune (the manifest lists the communes
//   a filtered export was asked for: `communes_demandees`).
// - "departements" (Sirene, lycées professionnels): the files are whole départements (Sirene géolocalisée per
//   département, the national stock, a national or départemental school export): a commune of a département that
//   has rows in the files is covered, and has none when it has no row. A source may set a floor of rows per
//   inhabitant (Sirene: a whole département has about one establishment for two inhabitants): below it, the rows of a
//   département are an extract (a sample of the national stock), which covers only the communes it has rows for.
// A covered commune some of whose rows were rejected is covered "in part": its values are « partiel ».
import type { DuckDBConnection } from "@duckdb/node-api";
import { loaderFor } from "../sources/registry.ts";
import type { CoverageRule, FileReport, SourceId } from "../sources/types.ts";
import type { Territory } from "../territory/territory.ts";
import { departementPopulation } from "../io/reference.ts";
import { manifestEntry, type Manifest } from "../io/manifest.ts";

/** A file with rows in this many départements is national (metropolitan France has 96, France 101). */
export const NATIONAL_DEPARTEMENTS = 90;

export interface SourceCoverage {
  source: SourceId;
  rule: CoverageRule;
  /** The files are national (or, for "departements", every département of the territory has rows). */
  national: boolean;
  /** Communes of the territory the files were asked for (data:refresh's exports filtered by commune). */
  requested: number;
  /** Covered communes of the territory -> rows of theirs that were rejected. */
  communes: Map<string, number>;
  /** Communes of the territory the files do not cover, in code order. */
  missing: string[];
  communesTotal: number;
  /** Population of the covered communes and of the territory; null when a population is unknown. */
  populationCovered: number | null;
  populationTotal: number | null;
}

interface CoverageInput {
  relativePath: string;
  report: FileReport | null;
}

function sum(values: (number | null)[]): number | null {
  return values.includes(null) ? null : (values as number[]).reduce((a, b) => a + b, 0);
}

/** The coverage of every communal source with at least one loaded file. */
export function computeCoverage(territory: Territory, files: readonly CoverageInput[], manifest: Manifest | null): SourceCoverage[] {
  const bySource = new Map<SourceId, CoverageInput[]>();
  for (const f of files) {
    if (!f.report?.coverage) continue;
    const list = bySource.get(f.report.source) ?? [];
    list.push(f);
    bySource.set(f.report.source, list);
  }
  const out: SourceCoverage[] = [];
  for (const [source, sourceFiles] of bySource) {
    const loader = loaderFor(source);
    const rule = loader.coverage;
    if (!rule) continue;
    const seen = new Map<string, number>();
    const rowsByDepartement = new Map<string, number>();
    const requested = new Set<string>();
    for (const f of sourceFiles) {
      for (const [code, rejected] of Object.entries(f.report!.coverage!.communes)) seen.set(code, (seen.get(code) ?? 0) + rejected);
      for (const [d, n] of Object.entries(f.report!.coverage!.departements)) rowsByDepartement.set(d, (rowsByDepartement.get(d) ?? 0) + n);
      for (const code of manifestEntry(manifest, f.relativePath)?.communes_demandees ?? []) requested.add(code);
    }
    const floor = loader.minRowsPerInhabitant ?? 0;
    const whole = (d: string) => (rowsByDepartement.get(d) ?? 0) > 0 && (rowsByDepartement.get(d) ?? 0) >= floor * (departementPopulation(d) ?? 0);
    const departements = new Set([...rowsByDepartement.keys()].filter(whole));
    const national = departements.size >= NATIONAL_DEPARTEMENTS;
    const communes = new Map<string, number>();
    const missing: string[] = [];
    for (const c of territory.communes) {
      const covered = national || seen.has(c.code) || requested.has(c.code) || (rule === "departements" && departements.has(c.departement));
      if (covered) communes.set(c.code, seen.get(c.code) ?? 0);
      else missing.push(c.code);
    }
    const population = (codes: (code: string) => boolean) => sum(territory.communes.filter((c) => codes(c.code)).map((c) => c.population));
    out.push({
      source,
      rule,
      national,
      requested: territory.communes.filter((c) => requested.has(c.code)).length,
      communes,
      missing,
      communesTotal: territory.communes.length,
      populationCovered: population((code) => communes.has(code)),
      populationTotal: population(() => true),
    });
  }
  return out.sort((a, b) => a.source.localeCompare(b.source));
}

/** Share of the territory's population the files cover, in % (null when a population is unknown). */
export function populationShare(c: SourceCoverage): number | null {
  if (c.populationCovered === null || c.populationTotal === null || c.populationTotal === 0) return null;
  return (c.populationCovered / c.populationTotal) * 100;
}

/** Fills table `couverture` (one row per source x covered commune), which the indicators read. */
export async function writeCoverage(db: DuckDBConnection, coverage: readonly SourceCoverage[]): Promise<void> {
  const appender = await db.createAppender("couverture");
  for (const c of coverage) {
    for (const [code, rejected] of c.communes) {
      appender.appendVarchar(c.source);
      appender.appendVarchar(code);
      appender.appendInteger(rejected);
      appender.endRow();
    }
  }
  appender.closeSync();
}
