// URSSAF establishments and salaried jobs by commune x APE, published wide by year, loaded long into table `urssaf`.
//
// Rules this loader applies:
// - Header: the portal exports field names (`code_commune`, `nombre_d_etablissements_2006`, what the API gives) or
//   column labels (`Code commune`, `Nombre d'établissements 2006`, what "Export CSV" gives); both are read (columns
//   are looked up by their field key) and the variant says which: `noms-de-champs` or `libelles`. The vintage is the
//   first and last year of the columns.
// - Empty cells follow the producer's convention, seen in the real file (zone d'emploi of Rouen, publication 2023): a
//   commune x APE row spans the whole period, and a year in which the pair had no establishment has BOTH cells empty
//   (63 389 such years in that file). For each year, the pair (establishments, jobs):
//     both cells empty                  -> no establishment that year: 0 establishments, 0 jobs;
//     establishments written, jobs empty -> jobs unknown (NULL): the count was not published (4 in that file);
//                                          0 jobs if the file says 0 establishments;
//     jobs written, establishments empty -> establishments unknown (NULL): an employee count means at least one
//                                          declared establishment (never seen; even 0 jobs, since establishments
//                                          with 0 jobs at 31 December are published: 3 117 in that file);
//     a secret marker (`*`, `s`, `nd`)   -> that cell unknown;
//     the twin column absent from the file (a year with jobs but no establishments column) -> an empty cell is
//                                          unknown: the convention needs both cells to say "no establishment".
//   Each case is counted in the report's notes. A commune with no private employer has no row at all: the
//   indicators give it 0 when its département is covered.
// - Reference levels: in the same pass, every row whose commune is understood, inside the territory or not, is summed
//   by commune x NA38 sector (the 2 letters that start `secteur_na38`, e.g. `CA`; without that column, the A38
//   position of the APE's NAF division) and rolled up to the territory, its EPCIs, départements, régions, France and
//   each Territoire d'industrie (table `urssaf_agregats`, src/references/urssaf-aggregator.ts). A row outside the
//   territory whose figures cannot be read stays counted outside, its cells unknown in the aggregates; a rejected
//   row of the territory is unknown there too (never 0). Rows outside the territory are not checked for duplicates
//   (a national file would need a key per row).
import { openCsv } from "../../io/csv.ts";
import { Header, cell, requireRecognised } from "../../io/header.ts";
import { CommuneResolver } from "../../io/communes.ts";
import { normaliseApe } from "../../io/codes.ts";
import { MissingCounter, parseCount, type ParsedValue } from "../../io/values.ts";
import { DuplicateTracker, ReportBuilder, duplicateReason } from "../../io/report.ts";
import { appendIntOrNull, withAppender } from "../../io/appender.ts";
import { UNKNOWN_SECTOR, UrssafAggregator } from "../../references/urssaf-aggregator.ts";
import { a38OfApe, a38OfLabel } from "../../geography/naf-a38.ts";
import type { FileReport, LoadContext, Recognition, SourceLoader } from "../types.ts";
import { description } from "./source.ts";

const ESTABLISHMENTS = /^nombre_d_etablissements_(\d{4})$/;
const JOBS = /^effectifs_salaries_(\d{4})$/;
const REQUIRED = ["code_commune", "code_ape"];
// Columns that only URSSAF files have: two of them mean "this is URSSAF", even if required ones are missing.
const EVIDENCE = ["code_ape", "intitule_commune", "grand_secteur_d_activite", "secteur_na17", "secteur_na38", "secteur_na88", "code_zone_d_emploi"];

interface YearColumns {
  year: number;
  establishments: { name: string; index: number } | undefined;
  jobs: { name: string; index: number } | undefined;
}

function yearColumns(header: Header): YearColumns[] {
  const byYear = new Map<number, YearColumns>();
  const get = (year: number) => byYear.get(year) ?? byYear.set(year, { year, establishments: undefined, jobs: undefined }).get(year)!;
  for (const c of header.matching(ESTABLISHMENTS)) get(Number(c.match[1])).establishments = c;
  for (const c of header.matching(JOBS)) get(Number(c.match[1])).jobs = c;
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export function recognise(names: string[]): Recognition {
  const header = new Header(names);
  const jobs = header.matching(JOBS);
  const missing = header.missing(REQUIRED);
  if (jobs.length === 0) missing.push("effectifs_salaries_AAAA");
  if (missing.length === 0) return { kind: "match", variant: header.labelled ? "libelles" : "noms-de-champs" };
  const evidence = EVIDENCE.filter((c) => header.has(c)).length + (jobs.length > 0 ? 1 : 0) + (header.matching(ESTABLISHMENTS).length > 0 ? 1 : 0);
  return evidence >= 2 ? { kind: "missing", missing } : { kind: "no" };
}

/** One cell of a year: its column (absent when the file has no such column for that year) and its text. */
interface YearCell {
  column: string | undefined;
  raw: string;
}

type PairOutcome =
  | { ok: true; establishments: number | null; jobs: number | null }
  | { ok: false; column: string; raw: string; reason: string };

/** How the values of a file were read, for the report's notes (see the rules at the top). */
class PairCounter {
  noEstablishment = 0;
  unknownJobs = 0;
  unknownEstablishments = 0;
  readonly cells = new MissingCounter(); // secret markers, and empty cells without their twin column

  add(other: PairCounter): void {
    this.noEstablishment += other.noEstablishment;
    this.unknownJobs += other.unknownJobs;
    this.unknownEstablishments += other.unknownEstablishments;
    this.cells.secret += other.cells.secret;
    this.cells.empty += other.cells.empty;
  }

  notes(): string[] {
    const notes: string[] = [];
    if (this.noEstablishment > 0)
      notes.push(`${this.noEstablishment} année(s) commune x APE sans établissement (deux cellules vides) chargée(s) comme 0 établissement et 0 salarié`);
    if (this.unknownJobs > 0)
      notes.push(`${this.unknownJobs} effectif(s) salarié(s) inconnu(s) (nombre d'établissements publié, effectif vide) chargé(s) comme inconnus (NULL, jamais 0)`);
    if (this.unknownEstablishments > 0)
      notes.push(`${this.unknownEstablishments} nombre(s) d'établissements inconnu(s) (effectif publié, nombre d'établissements vide) chargé(s) comme inconnus (NULL, jamais 0)`);
    const cells = this.cells.note();
    if (cells) notes.push(cells);
    return notes;
  }
}

/** The values of one year from its two cells, by the producer's convention (rules at the top of this file). */
// Module-level, not a closure per call: the national file calls readPair tens of millions of times.
const blank = (c: YearCell) => c.column !== undefined && c.raw.trim() === "";

function readPair(establishments: YearCell, jobs: YearCell, counter: PairCounter): PairOutcome {
  if (blank(establishments) && blank(jobs)) {
    counter.noEstablishment++;
    return { ok: true, establishments: 0, jobs: 0 };
  }
  const parsed: ParsedValue[] = [];
  for (const c of [establishments, jobs]) {
    // A family of columns may cover fewer years than the other: the absent cell is unknown.
    const v: ParsedValue = c.column === undefined ? { ok: true, value: null, missing: "vide" } : parseCount(c.raw);
    if (!v.ok) return { ok: false, column: c.column!, raw: c.raw, reason: v.reason };
    parsed.push(v);
  }
  const [e, j] = parsed as [Extract<ParsedValue, { ok: true }>, Extract<ParsedValue, { ok: true }>];
  if (blank(jobs) && e.value !== null) {
    if (e.value === 0) return { ok: true, establishments: 0, jobs: 0 }; // no establishment, so no employee
    counter.unknownJobs++;
  } else if (blank(establishments) && j.value !== null) {
    counter.unknownEstablishments++;
  } else {
    // Secret markers, and empty cells whose twin column is absent or secret.
    for (const [v, c] of [[e, establishments], [j, jobs]] as const) if (c.column !== undefined) counter.cells.add(v.missing);
  }
  return { ok: true, establishments: e.value, jobs: j.value };
}

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const csv = await openCsv(file);
  requireRecognised(urssaf, file, csv.header);
  const header = new Header(csv.header);
  const years = yearColumns(header);
  const communeIndex = header.index("code_commune");
  const apeIndex = header.index("code_ape");

  const report = new ReportBuilder(file, "urssaf");
  const communes = new CommuneResolver(ctx.territory);
  const duplicates = new DuplicateTracker();
  const counted = new PairCounter();
  const sectorIndex = header.has("secteur_na38") ? header.index("secteur_na38") : -1;
  const aggregator = new UrssafAggregator(years.map((y) => y.year), ctx.territory);
  const sectorOf = (cells: string[]) => a38OfLabel(cell(cells, sectorIndex)) ?? a38OfApe(cell(cells, apeIndex)) ?? UNKNOWN_SECTOR;
  /** The values of every year, or the first cell that cannot be read. */
  const at = (cells: string[], c: { name: string; index: number } | undefined): YearCell => ({ column: c?.name, raw: c ? cell(cells, c.index) : "" });
  const readValues = (cells: string[], counter: PairCounter) => {
    const values: { year: number; establishments: number | null; jobs: number | null }[] = [];
    for (const y of years) {
      const pair = readPair(at(cells, y.establishments), at(cells, y.jobs), counter);
      if (!pair.ok) return pair;
      values.push({ year: y.year, establishments: pair.establishments, jobs: pair.jobs });
    }
    return { ok: true as const, values };
  };

  await withAppender(ctx.db, "urssaf", async (appender) => {
    for await (const record of csv.records()) {
      const { line, cells } = record;
      if (report.rejectUnreadable(record, csv.delimiter)) continue;
      const rawCommune = cell(cells, communeIndex);
      let outsideCode: string | undefined;
      const commune = communes.member(rawCommune, report, line, "code_commune", (code) => (outsideCode = code));
      if (!commune) {
        if (outsideCode !== undefined) {
          const read = readValues(cells, new PairCounter());
          if (read.ok) aggregator.add(outsideCode, sectorOf(cells), read.values);
          else aggregator.addUnknown(outsideCode, sectorOf(cells));
        }
        continue;
      }
      const rawApe = cell(cells, apeIndex);
      const ape = normaliseApe(rawApe);
      if (ape === null) {
        report.reject(line, "code_ape", rawApe, "code APE invalide (attendu : 4 chiffres et une lettre, ex. 2511Z)");
        aggregator.addUnknown(commune.code, sectorOf(cells));
        continue;
      }
      // Counted on a scratch counter first: a row rejected further on must not count in the notes.
      const row = new PairCounter();
      const read = readValues(cells, row);
      if (!read.ok) {
        report.reject(line, read.column, read.raw, read.reason);
        aggregator.addUnknown(commune.code, sectorOf(cells));
        continue;
      }
      const values = read.values;
      const earlier = duplicates.check(`${commune.source}|${ape}`, line);
      if (earlier !== undefined) {
        report.reject(line, "code_commune", rawCommune, duplicateReason(earlier));
        continue;
      }
      counted.add(row);
      aggregator.add(commune.code, sectorOf(cells), values);
      for (const v of values) {
        appender.appendVarchar(commune.code);
        appender.appendVarchar(ape);
        appender.appendInteger(v.year);
        appendIntOrNull(appender, v.establishments);
        appendIntOrNull(appender, v.jobs);
        appender.appendVarchar(file);
        appender.endRow();
      }
      report.loaded();
    }
  });

  await aggregator.write(ctx.db, file);
  for (const n of communes.notes()) report.note(n);
  for (const n of counted.notes()) report.note(n);
  const first = years[0]!.year;
  const last = years[years.length - 1]!.year;
  return report.build(`${first}-${last}`, [first, last]);
}

export const urssaf: SourceLoader = { description, format: "csv", coverage: "communes", recognise, load };
export default urssaf;

export { description };
