// Turns the commune code written in a source into the current commune of the territory's geography:
// normalise the text, map codes of merged communes with territory.currentCode() (series at constant
// perimeter), and tell members of the territory from other communes. Counts the remappings for the report.
import { normaliseCommuneCode } from "./codes.ts";
import { arrondissementParent, departementOfCommune } from "./reference.ts";
import type { ReportBuilder } from "./report.ts";

export type CommuneResolution =
  | {
      kind: "ok";
      /** current commune */
      code: string;
      /** the code as written, normalised (key for duplicates) */
      source: string;
      member: boolean;
      /** the code written is a municipal arrondissement (75105) of the commune `code` (75056) */
      arrondissement: boolean;
    }
  | { kind: "rejected"; reason: string };

export const UNKNOWN_COMMUNE = "code commune inconnu dans la géographie en vigueur";
export const INVALID_COMMUNE = "code commune invalide (5 caractères attendus, ex. 02691)";

/**
 * What the resolver asks of the territory (src/territory/territory.ts implements it): declared here, so that this
 * read-stage module does not depend on the geography stage built on top of it.
 */
export interface CommuneGeography {
  /** The current code of a commune code (itself, or the commune a merged one joined); undefined when unknown. */
  currentCode(code: string): string | undefined;
  isMember(code: string): boolean;
}

export class CommuneResolver {
  private readonly remapped = new Map<string, { to: string; rows: number }>();
  private restoredZeros = 0;

  constructor(private readonly territory: CommuneGeography) {}

  /** `rows`: how many rows carry this code (a reader resolving each distinct code once, e.g. in SQL, counts them all). */
  resolve(raw: string, rows = 1): CommuneResolution {
    const code = normaliseCommuneCode(raw);
    if (code === null) return { kind: "rejected", reason: raw.trim() === "" ? "code commune absent" : INVALID_COMMUNE };
    if (code !== raw.trim().toUpperCase()) this.restoredZeros += rows;
    let current = this.territory.currentCode(code);
    let arrondissement = false;
    if (current === undefined) {
      current = arrondissementParent(code);
      if (current === undefined) return { kind: "rejected", reason: UNKNOWN_COMMUNE };
      arrondissement = true;
    } else if (current !== code) {
      const entry = this.remapped.get(code) ?? { to: current, rows: 0 };
      entry.rows += rows;
      this.remapped.set(code, entry);
    }
    return { kind: "ok", code: current, source: code, member: this.territory.isMember(current), arrondissement };
  }

  /**
   * The rule every communal loader applies to a row: the current commune when it is a member of the territory;
   * otherwise the row is counted (rejected with the reason for an invalid or unknown code, or outside the
   * territory) and null is returned.
   */
  member(
    raw: string,
    report: ReportBuilder,
    line: number,
    column: string,
    /** Told the current code of a row counted outside the territory (URSSAF aggregates every row). */
    onOutside?: (code: string) => void,
  ): Extract<CommuneResolution, { kind: "ok" }> | null {
    const commune = this.resolve(raw);
    if (commune.kind === "rejected") {
      report.reject(line, column, raw, commune.reason);
      return null;
    }
    report.sawCommune(line, commune.code, departementOfCommune(commune.code), commune.member);
    if (!commune.member) {
      report.outside();
      onOutside?.(commune.code);
      return null;
    }
    return commune;
  }

  /** French notes for the file report. */
  notes(): string[] {
    const notes: string[] = [];
    if (this.remapped.size > 0) {
      const rows = [...this.remapped.values()].reduce((n, e) => n + e.rows, 0);
      const detail = [...this.remapped.entries()]
        .slice(0, 10)
        .map(([from, e]) => `${from} → ${e.to}`)
        .join(", ");
      notes.push(
        `${rows} ligne(s) portant ${this.remapped.size} ancien(s) code(s) de commune fusionnée rattachée(s) à la commune actuelle : ${detail}${this.remapped.size > 10 ? ", …" : ""}`,
      );
    }
    if (this.restoredZeros > 0) notes.push(`${this.restoredZeros} ligne(s) dont le code commune a été normalisé (zéro initial restitué, ex. 2691 → 02691)`);
    return notes;
  }
}
