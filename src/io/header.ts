// Column lookup in a header row. Producers change the case of column names between vintages
// (`NAF11ART12` / `naf11art12`), and Opendatasoft portals (URSSAF, DARES, Éducation nationale) export either
// field names (`nombre_d_etablissements_2006`, `type_de_donnees`) or the column labels a user sees
// (`Nombre d'établissements 2006`, `Type de données`): the field name is the label with accents removed,
// lower-cased, every run of other characters turned into `_`. Every lookup compares those keys, so a loader
// asks for the field name and reads both exports.
import { LoadError } from "./problems.ts";

/** The result of looking at a header: this loader reads the file (with a variant), or it does not. */
export type Recognition =
  | { kind: "match"; variant: string }
  | { kind: "missing"; missing: string[] } // the file is of this source, but required columns are absent
  | { kind: "no" };

/**
 * What the header checks below ask of a reader: its source's name for the messages, and its recognition of a header.
 * Every SourceLoader (src/sources/types.ts) is one; declared here so that the read stage does not depend on the
 * sources built on top of it.
 */
export interface RecognisingReader {
  description: { label: string; producer: string };
  recognise(header: string[]): Recognition;
}

/** The key a column is looked up by: `Nombre d'établissements 2006` and `nombre_d_etablissements_2006` give the same. */
export function columnKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

export class Header {
  private readonly keys: string[];

  constructor(readonly names: string[]) {
    this.keys = names.map(columnKey);
  }

  /** True when the header holds column labels (`Code commune`) rather than field names (`code_commune`). */
  get labelled(): boolean {
    return this.names.some((n) => /\s/.test(n.trim()));
  }

  /** Index of a column, or -1. */
  index(name: string): number {
    return this.keys.indexOf(columnKey(name));
  }

  has(name: string): boolean {
    return this.index(name) >= 0;
  }

  /** The names of `required` that the header lacks. */
  missing(required: string[]): string[] {
    return required.filter((r) => !this.has(r));
  }

  /** Columns whose key (see columnKey) matches `pattern`, written for keys: lower case, `_` between words. */
  matching(pattern: RegExp): { name: string; index: number; match: RegExpExecArray }[] {
    const out: { name: string; index: number; match: RegExpExecArray }[] = [];
    this.keys.forEach((name, index) => {
      const match = pattern.exec(name);
      if (match) out.push({ name: this.names[index]!, index, match });
    });
    return out;
  }
}

/** The cell of a column, "" when the column is absent (optional columns) or the row is short. */
export const cell = (cells: string[], index: number): string => (index >= 0 ? (cells[index] ?? "") : "");

const quoted = (names: string[]) => names.map((n) => `« ${n} »`).join(", ");

/** The columns of a header for a message: at most 30 names and 400 characters (a binary or JSON "header" can be huge). */
export function describeColumns(header: string[]): string {
  const names = header.filter((h) => h !== "");
  if (names.length === 0) return "aucune";
  let text = names.slice(0, 30).join(", ");
  if (text.length > 400) text = `${text.slice(0, 400)}…`;
  return names.length > 30 ? `${text}, … (${names.length} colonnes)` : text;
}

/** The French message of a header that a loader cannot read. */
export function headerProblemMessage(loader: RecognisingReader, header: string[], missing: string[]): string {
  const found = describeColumns(header);
  const what = missing.length > 1 ? `colonnes obligatoires absentes ${quoted(missing)}` : `colonne obligatoire absente ${quoted(missing)}`;
  return `${what} (source reconnue : ${loader.description.label}, ${loader.description.producer}) ; colonnes trouvées : ${found}`;
}

/**
 * Checks a header before loading (a loader may be called without detectSource) and returns the variant.
 * Throws LoadError naming the file and the first missing column.
 */
export function requireRecognised(loader: RecognisingReader, file: string, header: string[]): string {
  const recognition = loader.recognise(header);
  if (recognition.kind === "match") return recognition.variant;
  const missing = recognition.kind === "missing" ? recognition.missing : [];
  if (missing.length > 0) throw new LoadError({ file, line: 1, column: missing[0]!, message: headerProblemMessage(loader, header, missing) });
  throw new LoadError({
    file,
    line: 1,
    column: "",
    message: `en-tête non reconnu pour la source ${loader.description.label} ; colonnes trouvées : ${describeColumns(header)}`,
  });
}
