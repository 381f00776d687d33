// Bookkeeping shared by every loader: each row read ends up loaded, outside the territory, or rejected,
// so that rowsRead = rowsLoaded + rowsOutside + rejections.length holds by construction.
// It also records where the file speaks (FileReport.coverage): the départements of every row whose commune was
// understood, and the communes of the territory met, with the number of their rows that were rejected.
import type { Rejection } from "./problems.ts";
import { unreadableRejection, type CsvRecord } from "./csv.ts";

/**
 * What a loader returns for one file; counts must add up: rowsRead = rowsLoaded + rowsOutside + rejections.length.
 * `S` names its source: src/sources/types.ts fixes it to SourceId, which the read stage does not know.
 */
export interface FileReport<S extends string = string> {
  file: string;
  source: S;
  /** Vintage as the producer names it: "2024" for BMO, "2009-2023" for a Cerema window, last year of URSSAF series... */
  vintage: string | null;
  /** The years the file covers (first and last). */
  years: [number, number] | null;
  rowsRead: number;
  rowsLoaded: number;
  /** Valid rows about communes outside the territory: counted, not loaded, not rejected. */
  rowsOutside: number;
  rejections: Rejection[];
  /** Non-fatal remarks in French (e.g. "12 codes de communes fusionnées rattachés à la commune actuelle"). */
  notes: string[];
  /** Where the file speaks (see src/pipeline/coverage.ts for what a source's files cover). */
  coverage?: FileCoverage;
}

export interface FileCoverage {
  /** Communes of the territory with at least one row in the file -> number of those rows that were rejected. */
  communes: Record<string, number>;
  /** Rows per département, for every row whose commune was understood, in the territory or not. */
  departements: Record<string, number>;
}

export class ReportBuilder<S extends string = string> {
  rowsRead = 0;
  rowsLoaded = 0;
  rowsOutside = 0;
  readonly rejections: Rejection[] = [];
  readonly notes: string[] = [];
  /** Territory communes met in the file -> how many of their rows were rejected. */
  private readonly communes = new Map<string, number>();
  private readonly departements = new Map<string, number>();
  /** Rows per département (in the territory or not) whose commune was understood. */
  /** The territory commune of the row being read, so that its rejection is charged to it. */
  private current: { line: number; code: string } | undefined;

  constructor(
    readonly file: string,
    readonly source: S,
  ) {}

  /** `rows` > 1: rows counted together by a reader that classifies a whole file in SQL. */
  loaded(rows = 1): void {
    this.rowsRead += rows;
    this.rowsLoaded += rows;
  }

  outside(rows = 1): void {
    this.rowsRead += rows;
    this.rowsOutside += rows;
  }

  reject(line: number, column: string, value: string, reason: string): void {
    this.rowsRead++;
    this.rejections.push({ file: this.file, line, column, value, reason });
    if (this.current?.line === line) this.communes.set(this.current.code, (this.communes.get(this.current.code) ?? 0) + 1);
  }

  /**
   * A row of `line` is about a commune (current code) of `departement`; `member` when the commune belongs to the
   * territory. Called by CommuneResolver.member() for every row whose commune code was understood.
   */
  sawCommune(line: number, code: string, departement: string, member: boolean, rows = 1): void {
    this.departements.set(departement, (this.departements.get(departement) ?? 0) + rows);
    if (!member) return;
    if (!this.communes.has(code)) this.communes.set(code, 0);
    this.current = { line, code };
  }

  /**
   * Turns a row counted as loaded into a rejection, for a rule that can only be applied once the whole file is
   * read (e.g. a row superseded by another row further down): a redundant row, not a flaw of the file. The loader
   * removes the row from its table. The row's commune is not charged with it: another row of the file gives its
   * value, nothing of it is lost.
   */
  retract(line: number, column: string, value: string, reason: string): void {
    if (this.rowsLoaded === 0) throw new Error(`retract: no loaded row left (line ${line})`);
    this.rowsLoaded--;
    this.rejections.push({ file: this.file, line, column, value, reason, redundant: true });
  }

  /**
   * Rejects a record the CSV reader could not trust (wrong number of fields, line cut short), with the whole
   * line as its value. True when it was rejected: the loader then skips it.
   */
  rejectUnreadable(record: CsvRecord, delimiter: string): boolean {
    const rejection = unreadableRejection(this.file, record, delimiter);
    if (!rejection) return false;
    this.reject(rejection.line, rejection.column, rejection.value, rejection.reason);
    return true;
  }

  note(text: string | undefined): void {
    if (text) this.notes.push(text);
  }

  build(vintage: string | null, years: [number, number] | null): FileReport<S> {
    return {
      file: this.file,
      source: this.source,
      vintage,
      years,
      rowsRead: this.rowsRead,
      rowsLoaded: this.rowsLoaded,
      rowsOutside: this.rowsOutside,
      // In file order, rows retracted after the reading pass included (the sort is stable).
      rejections: [...this.rejections].sort((a, b) => a.line - b.line),
      notes: this.notes,
      coverage: {
        communes: Object.fromEntries([...this.communes.entries()].sort(([a], [b]) => a.localeCompare(b))),
        departements: Object.fromEntries([...this.departements.entries()].sort(([a], [b]) => a.localeCompare(b))),
      },
    };
  }
}

/** Remembers the line of the first row of each key: a second row with the same key is a duplicate. */
export class DuplicateTracker {
  private readonly seen = new Map<string, number>();

  /** Returns the line of the earlier identical row, or registers this one and returns undefined. */
  check(key: string, line: number): number | undefined {
    const earlier = this.seen.get(key);
    if (earlier !== undefined) return earlier;
    this.seen.set(key, line);
    return undefined;
  }
}

export const duplicateReason = (earlierLine: number) => `ligne en double (identique à la ligne ${earlierLine})`;

/** Tracks the smallest and largest year met, for FileReport.years and the vintage. */
export class YearRange {
  min: number | null = null;
  max: number | null = null;
  add(year: number): void {
    if (this.min === null || year < this.min) this.min = year;
    if (this.max === null || year > this.max) this.max = year;
  }
  get years(): [number, number] | null {
    return this.min === null || this.max === null ? null : [this.min, this.max];
  }
  /** "2011-2023", or "2023" when a single year. */
  get label(): string | null {
    if (this.min === null || this.max === null) return null;
    return this.min === this.max ? String(this.min) : `${this.min}-${this.max}`;
  }
}
