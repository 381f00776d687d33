// Aggregates of every row of an URSSAF file, inside the territory or not, by level x code x year x NA38 sector, so
// that a national file (1.2 million commune x APE rows) gives the reference levels (département, région, France, each
// Territoire d'industrie) and the territory's own levels (territoire, EPCI) in one compact table, without keeping its
// rows. The loader feeds it in the same pass as it loads the territory's rows (loaders/urssaf.ts).
//
// Rules:
// - Each row is added to every level its current commune belongs to (src/geography/reference-levels.ts; a commune in
//   two Territoires d'industrie counts in both), in its NA38 sector (an unknown code counts in `ND`).
// - A cell's unknown value (secret, not published, a row whose figures could not be read) is never 0: the sums keep
//   the known values only, and count the unknown cells beside them (`inconnus_*`); a sum with no known cell is NULL.
// - Whether a level is wholly covered by the loaded files is decided later, over all the URSSAF files
//   (src/references/coverage.ts), from the communes the files have rows for (table `urssaf_communes_vues`).
import type { DuckDBConnection } from "@duckdb/node-api";
import { FRANCE_CODE, referenceGeography } from "../geography/reference-levels.ts";
import { A38_CODES } from "../geography/naf-a38.ts";
import type { Territory } from "../territory/territory.ts";

/** Sector of a row whose NA38 code is unknown (no `secteur_na38`, APE unreadable): kept in totals, never in a sector. */
export const UNKNOWN_SECTOR = "ND";

/** The six measures kept per level x sector x year (see the rules at the top). */
const MEASURES = 6;
const [ESTABLISHMENTS, JOBS, KNOWN_ESTABLISHMENTS, KNOWN_JOBS, UNKNOWN_ESTABLISHMENTS, UNKNOWN_JOBS] = [0, 1, 2, 3, 4, 5];

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

/**
 * Sums held in one typed array indexed by level x sector x measure x year: a national file (1.2 million rows, 35 000
 * communes) adds each row to its few levels without allocating per row or per commune, in about 10 MB.
 */
export class UrssafAggregator {
  private readonly levels: { niveau: string; code: string }[] = [];
  private readonly levelIndex = new Map<string, number>();
  private readonly sectors: string[] = [...A38_CODES, UNKNOWN_SECTOR];
  private readonly sectorIndex = new Map(this.sectors.map((s, i) => [s, i]));
  private readonly sums: Float64Array;
  private readonly touched: Uint8Array;
  /** Current commune -> indices of the levels it belongs to. */
  private readonly levelsOfCommune = new Map<string, Int32Array>();
  private readonly communesSeen = new Set<string>();
  private readonly epciOf: Map<string, string>;

  constructor(
    readonly years: readonly number[],
    private readonly territory: Territory,
  ) {
    const geo = referenceGeography();
    const add = (niveau: string, code: string) => {
      this.levelIndex.set(`${niveau}|${code}`, this.levels.length);
      this.levels.push({ niveau, code });
    };
    add("france", FRANCE_CODE);
    for (const d of geo.communesOfDepartement.keys()) add("departement", d);
    for (const r of geo.departementsOfRegion.keys()) add("region", r);
    for (const t of geo.communesOfTi.keys()) add("territoire_industrie", t);
    add("territoire", territory.id);
    for (const e of territory.epcis) add("epci", e.siren);
    this.epciOf = new Map(territory.communes.map((c) => [c.code, c.epci]));
    this.sums = new Float64Array(this.levels.length * this.sectors.length * MEASURES * years.length);
    this.touched = new Uint8Array(this.levels.length * this.sectors.length);
  }

  private levelsOf(commune: string): Int32Array {
    let out = this.levelsOfCommune.get(commune);
    if (out) return out;
    const g = referenceGeography().communes.get(commune);
    const keys = ["france|" + FRANCE_CODE];
    if (g) {
      keys.push(`departement|${g.departement}`);
      if (g.region) keys.push(`region|${g.region}`);
      for (const ti of g.tis) keys.push(`territoire_industrie|${ti}`);
    }
    const epci = this.epciOf.get(commune);
    if (epci !== undefined) keys.push(`territoire|${this.territory.id}`, `epci|${epci}`);
    out = Int32Array.from(keys.map((k) => this.levelIndex.get(k)).filter((i): i is number => i !== undefined));
    this.levelsOfCommune.set(commune, out);
    return out;
  }

  /** Where the sums of the commune's levels start for the sector (marking them met); the commune counts as seen. */
  private bases(commune: string, sector: string): number[] {
    this.communesSeen.add(commune);
    const s = this.sectorIndex.get(sector) ?? this.sectorIndex.get(UNKNOWN_SECTOR)!;
    const n = this.years.length;
    const out: number[] = [];
    for (const l of this.levelsOf(commune)) {
      const cell = l * this.sectors.length + s;
      this.touched[cell] = 1;
      out.push(cell * MEASURES * n);
    }
    return out;
  }

  /** A row read: its values by year index (null = unknown). */
  add(commune: string, sector: string, values: readonly { establishments: number | null; jobs: number | null }[]): void {
    const n = this.years.length;
    const sums = this.sums;
    for (const b of this.bases(commune, sector)) {
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (v.establishments === null) sums[b + UNKNOWN_ESTABLISHMENTS * n + i]! += 1;
        else (sums[b + ESTABLISHMENTS * n + i]! += v.establishments, (sums[b + KNOWN_ESTABLISHMENTS * n + i]! += 1));
        if (v.jobs === null) sums[b + UNKNOWN_JOBS * n + i]! += 1;
        else (sums[b + JOBS * n + i]! += v.jobs, (sums[b + KNOWN_JOBS * n + i]! += 1));
      }
    }
  }

  /** A row of the commune whose figures could not be read: every year of it is unknown. */
  addUnknown(commune: string, sector: string): void {
    const n = this.years.length;
    for (const b of this.bases(commune, sector))
      for (let i = 0; i < n; i++) (this.sums[b + UNKNOWN_ESTABLISHMENTS * n + i]! += 1, (this.sums[b + UNKNOWN_JOBS * n + i]! += 1));
  }

  /** The rows of every level x sector met, in a stable order. */
  rows(): AggregateRow[] {
    const n = this.years.length;
    const out: AggregateRow[] = [];
    const order = this.levels.map((l, i) => ({ ...l, i })).sort((a, b) => `${a.niveau}|${a.code}`.localeCompare(`${b.niveau}|${b.code}`));
    for (const l of order)
      for (let s = 0; s < this.sectors.length; s++) {
        const cell = l.i * this.sectors.length + s;
        if (!this.touched[cell]) continue;
        const b = cell * MEASURES * n;
        this.years.forEach((annee, i) =>
          out.push({
            niveau: l.niveau, code_geo: l.code, annee, secteur_na38: this.sectors[s]!,
            etablissements: this.sums[b + KNOWN_ESTABLISHMENTS * n + i]! > 0 ? this.sums[b + ESTABLISHMENTS * n + i]! : null,
            effectifs: this.sums[b + KNOWN_JOBS * n + i]! > 0 ? this.sums[b + JOBS * n + i]! : null,
            inconnus_etablissements: this.sums[b + UNKNOWN_ESTABLISHMENTS * n + i]!,
            inconnus_effectifs: this.sums[b + UNKNOWN_JOBS * n + i]!,
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
