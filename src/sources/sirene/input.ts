// The fields the Sirene loader reads, and the file as a relation `line, <one VARCHAR per field>` (src/io/duckdb-input.ts:
// Parquet, or CSV by DuckDB's read_csv or the project's CSV reader), '' for a column the file lacks.
import type { DuckDBConnection } from "@duckdb/node-api";
import { parseHeaderLine } from "../../io/csv.ts";
import { Header } from "../../io/header.ts";
import { readFirstLine } from "../../io/read-text.ts";
import { parquetColumns } from "../../io/parquet.ts";
import type { InputField } from "../../io/duckdb-input.ts";

/** The fields the loader reads, by their Sirene v3 name. */
export const COLUMNS = {
  siret: "siret",
  commune: "codeCommuneEtablissement",
  country: "codePaysEtrangerEtablissement",
  created: "dateCreationEtablissement",
  activity: "activitePrincipaleEtablissement",
  nomenclature: "nomenclatureActivitePrincipaleEtablissement",
  naf25: "activitePrincipaleNAF25Etablissement",
  state: "etatAdministratifEtablissement",
  employer: "caractereEmployeurEtablissement",
  headOffice: "etablissementSiege",
  diffusion: "statutDiffusionEtablissement",
  treated: "dateDernierTraitementEtablissement",
} as const;
export type Column = keyof typeof COLUMNS;

export type InputKind = "csv" | "parquet";

/** The header of the file: Parquet column names, or the CSV header line. */
export async function readHeader(db: DuckDBConnection, file: string, kind: InputKind): Promise<string[]> {
  return kind === "parquet" ? parquetColumns(file, db) : parseHeaderLine(await readFirstLine(file));
}

/** The loader's fields and where the header holds them. */
export function inputFields(names: readonly string[]): InputField[] {
  const header = new Header([...names]);
  return (Object.keys(COLUMNS) as Column[]).map((f) => ({ name: f, index: header.index(COLUMNS[f]) }));
}
