// Aggregates of every row of an URSSAF file, inside the territory or not, by level x code x year x NA38 sector, so
// that a national file (1.2 million commune x APE rows) gives the reference levels (département, région, France, each
// Territoire d'industrie) and the territory's own levels (territoire, EPCI) in one compact table, without keeping its
// rows. The loader feeds it in the same pass as it loads the territory's rows (loaders/urssaf.ts).
//
// Rules:
// - Rows are first summed by current commune x sector, then rolled up to the levels the commune belongs to
//   (src/geography/reference-levels.ts; a commune in two Territoires d'industrie counts in both).
// - A cell's unknown value (secret, not published, a row whose figures could not be read) is never 0: the sums keep
//   the known values only, and count the unknown cells beside them (`inconnus_*`); a sum with no known cell is NULL.
// - Whether a level is wholly covered by the loaded files is decided later, over all the URSSAF files
//   (src/references/coverage.ts), from the communes the files have rows for (table `urssaf_communes_vues`).
import type { DuckDBConnection } from "@duckdb/node-api";
import { FRANCE_CODE, referenceGeography } from "../geography/reference-levels.ts";
import type { Territory } from "../territory/territory.ts";

/** Sector of a row whose NA38 code is unknown (no `secteur_na38`, APE unreadable): kept in totals, never in a sector. */
export const UNKNOWN_SECTOR = "ND";

interface Sums {
  establishments: Float64Array;
  jobs: Float64Array;
  knownEstablishments: Int32Array;
  knownJobs: Int32Array;
  unknownEstablishments: Int32Array;
  unknownJobs: Int32Array;
}

const newSums = (n: number): Sums => ({
  establishments: new Float64Array(n),
  jobs: new Float64Array(n),
  knownEstablishments: new Int32Array(n),
  knownJobs: new Int32Array(n),
  unknownEstablishments: new Int32Array(n),
  unknownJobs: new Int32Array(n),
});

function addInto(into: Sums, from: Sums): void {
  for (let i = 0; i < into.jobs.length; i++) {
    into.establishments[i]! += from.establishments[i]!;
    into.jobs[i]! += from.jobs[i]!;
    into.knownEstablishments[i]! += from.knownEstablishments[i]!;
    into.knownJobs[i]! += from.knownJobs[i]!;
    into.unknownEstablishments[i]! += from.unknownEstablishments[i]!;
    into.unknownJobs[i]! += from.unknownJobs[i]!;
  }
}

export interface AggregateRow {
  niveau: string;
  code_geo: string;
  annee: number;
  secteur_na38: string;
  etablissements: number | null;
  effectifs: number | null;
  inconnus_etablissements: number;
  inconnus_effectifs: number;
}

export class UrssafAggregator {
  /** "commune|sector" -> sums by year index. */
  private readonly byCommuneSector = new Map<string, Sums>();
  private readonly communesSeen = new Set<string>();

  constructor(
    readonly years: readonly number[],
    private readonly territory: Territory,
  ) {}

  private sums(commune: string, sector: string): Sums {
    const key = `${commune}|${sector}`;
    let s = this.byCommuneSector.get(key);
    if (!s) this.byCommuneSector.set(key, (s = newSums(this.years.length)));
    this.communesSeen.add(commune);
    return s;
  }

  /** A row read: its values by year index (null = unknown). */
  add(commune: string, sector: string, values: readonly { establishments: number | null; jobs: number | null }[]): void {
    const s = this.sums(commune, sector);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v.establishments === null) s.unknownEstablishments[i]!++;
      else (s.establishments[i]! += v.establishments, s.knownEstablishments[i]!++);
      if (v.jobs === null) s.unknownJobs[i]!++;
      else (s.jobs[i]! += v.jobs, s.knownJobs[i]!++);
    }
  }

  /** A row of the commune whose figures could not be read: every year of it is unknown. */
  addUnknown(commune: string, sector: string): void {
    const s = this.sums(commune, sector);
    for (let i = 0; i < this.years.length; i++) (s.unknownEstablishments[i]!++, s.unknownJobs[i]!++);
  }

  /** The rows of every level, in a stable order. */
  rows(): AggregateRow[] {
    const geo = referenceGeography();
    const levels = new Map<string, Sums>();
    const into = (niveau: string, code: string, sector: string, s: Sums) => {
      const key = `${niveau}|${code}|${sector}`;
      let t = levels.get(key);
      if (!t) levels.set(key, (t = newSums(this.years.length)));
      addInto(t, s);
    };
    const epciOf = new Map(this.territory.communes.map((c) => [c.code, c.epci]));
    for (const [key, s] of this.byCommuneSector) {
      const bar = key.indexOf("|");
      const commune = key.slice(0, bar);
      const sector = key.slice(bar + 1);
      const g = geo.communes.get(commune);
      into("france", FRANCE_CODE, sector, s);
      if (g) {
        into("departement", g.departement, sector, s);
        if (g.region) into("region", g.region, sector, s);
        for (const ti of g.tis) into("territoire_industrie", ti, sector, s);
      }
      const epci = epciOf.get(commune);
      if (epci !== undefined) {
        into("territoire", this.territory.id, sector, s);
        into("epci", epci, sector, s);
      }
    }
    const out: AggregateRow[] = [];
    for (const key of [...levels.keys()].sort()) {
      const s = levels.get(key)!;
      const [niveau, code_geo, secteur_na38] = key.split("|") as [string, string, string];
      this.years.forEach((annee, i) =>
        out.push({
          niveau, code_geo, annee, secteur_na38,
          etablissements: s.knownEstablishments[i]! > 0 ? s.establishments[i]! : null,
          effectifs: s.knownJobs[i]! > 0 ? s.jobs[i]! : null,
          inconnus_etablissements: s.unknownEstablishments[i]!,
          inconnus_effectifs: s.unknownJobs[i]!,
        }),
      );
    }
    return out;
  }

  /** Writes the aggregates and the communes seen (tables of src/db/schema.ts). */
  async write(db: DuckDBConnection, file: string): Promise<void> {
    const appender = await db.createAppender("urssaf_agregats");
    const num = (x: number | null) => (x === null ? appender.appendNull() : appender.appendDouble(x));
    for (const r of this.rows()) {
      appender.appendVarchar(r.niveau);
      appender.appendVarchar(r.code_geo);
      appender.appendInteger(r.annee);
      appender.appendVarchar(r.secteur_na38);
      num(r.etablissements);
      num(r.effectifs);
      appender.appendInteger(r.inconnus_etablissements);
      appender.appendInteger(r.inconnus_effectifs);
      appender.appendVarchar(file);
      appender.endRow();
    }
    appender.closeSync();
    const seen = await db.createAppender("urssaf_communes_vues");
    for (const c of [...this.communesSeen].sort()) {
      seen.appendVarchar(c);
      seen.appendVarchar(file);
      seen.endRow();
    }
    seen.closeSync();
  }
}
