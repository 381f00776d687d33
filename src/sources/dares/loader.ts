// DARES job seekers registered at France Travail by commune, end of quarter, every category, sex and age
// band kept as published (the indicators choose), loaded into table `dares`.
//
// Rules applied to the rows of a file:
// - Header: field names (`code_commune`, `type_de_donnees`...) or the labels of the portal's default export
//   (`Code commune`, `Type de données`...), looked up by the same key (src/io/header.ts).
// - Kind of data (`type_de_donnees`): only raw data is loaded. `Brutes` (the producer's export), `Données brutes`
//   and an empty cell are raw; seasonally adjusted rows (`CVS`, `CVS-CJO`, « corrigées des variations
//   saisonnières ») are rejected, and so is any other value: the table has no column for the kind of data, so a
//   second kind would add up with the raw counts.
// - Date: end of quarter `2023-12-31` or `2023-T4` (the producer's export).
// - Paris, Lyon and Marseille are published both as the city (75056, 69123, 13055) and as their municipal
//   arrondissements (75101-75120, 69381-69389, 13201-13216); an arrondissement row counts for its city. For a key
//   (city, date, catégorie, sexe, tranche d'âge) for which the file has the city's own row, the city row wins:
//   it is the producer's total, rounded once and not weakened by secret arrondissements; the arrondissement rows
//   of that key are rejected, naming the city's line. For a key without a city row, the arrondissement rows are
//   loaded and summed into the city by the indicators (a secret arrondissement makes the sum partial). Rows come
//   in any order (the producer's export puts arrondissements first): the rule is applied once the file is read,
//   within that file.
// - Counts rounded to 5 by the producer; a secret (`s`, `*`, `nd`) or empty count is unknown (NULL), never 0.
//
// How: DuckDB reads the whole file (src/io/duckdb-input.ts: read_csv, the portal's Parquet export, or the project's
// CSV reader for what read_csv cannot read line for line) in one pass that only counts the rows of communes outside
// the territory (src/sources/commune-scan.ts); the kept rows get their outcome in SQL (sql.ts), through mapping
// tables that JavaScript fills once per distinct text with the project's one implementation of each rule (commune
// history and arrondissements, quarter, kind of data, counts). Measured on a national-size file (2.1 million rows,
// `npm run bench`): see the README.
import type { DuckDBConnection } from "@duckdb/node-api";
import { parseHeaderLine } from "../../io/csv.ts";
import { Header, columnKey, requireRecognised } from "../../io/header.ts";
import { CommuneResolver } from "../../io/communes.ts";
import { MissingCounter, parseCount, type MissingKind } from "../../io/values.ts";
import { ReportBuilder, YearRange } from "../../io/report.ts";
import { fillTable } from "../../io/appender.ts";
import { readFirstLine } from "../../io/read-text.ts";
import { isParquet, parquetColumns } from "../../io/parquet.ts";
import type { Relation } from "../../db/read-csv.ts";
import { dropInputTables, parquetRelation, scanCsv, type InputField } from "../../io/duckdb-input.ts";
import { writeCommuneCodes } from "../commune-codes.ts";
import { distinctKeptTexts, reportVerdict, resolveScannedCommunes, scanCommuneRows } from "../commune-scan.ts";
import { countOf, rowsOf } from "../../db/rows.ts";
import { loadTables } from "../../db/temp-tables.ts";
import type { FileReport, LoadContext, Recognition, SourceLoader } from "../types.ts";
import { FIELDS, NAMES, verdictSql, type ColumnNames, type DaresTables, type Field } from "./sql.ts";
import { description } from "./source.ts";

const SIGNATURE = ["code_commune", "nombre_de_demandeurs_d_emploi"];
const REQUIRED = ["code_commune", "date", "categorie", "sexe", "tranche_d_age", "nombre_de_demandeurs_d_emploi"];
const EVIDENCE = ["nombre_de_demandeurs_d_emploi", "type_de_donnees", "tranche_d_age", "categorie", "libelle_commune"];

export function recognise(names: string[]): Recognition {
  const header = new Header(names);
  const missing = header.missing(REQUIRED);
  if (missing.length === 0) return { kind: "match", variant: header.has("type_de_donnees") ? "communes-brutes" : "communes" };
  const looksLikeDares = header.missing(SIGNATURE).length === 0 || EVIDENCE.filter((c) => header.has(c)).length >= 2;
  return looksLikeDares ? { kind: "missing", missing } : { kind: "no" };
}

/** End-of-quarter date (`2023-12-31`) or `2023-T4` to year and quarter; null when neither. */
export function parseQuarter(raw: string): { year: number; quarter: number } | null {
  const v = raw.trim();
  const q = /^(\d{4})-?T([1-4])$/i.exec(v);
  if (q) return { year: Number(q[1]), quarter: Number(q[2]) };
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!d) return null;
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month % 3 !== 0 || day !== lastDay) return null;
  return { year, quarter: month / 3 };
}

type DataKind = "raw" | "adjusted" | "unknown";

/** Raw data (`Brutes`, `Données brutes`, empty), seasonally adjusted data (`CVS`...), or a value we do not know. */
export function dataKind(raw: string): DataKind {
  const key = columnKey(raw);
  if (key === "") return "raw";
  if (/(^|_)(cvs|cjo)|corrig|saisonn/.test(key)) return "adjusted";
  if (/(^|_)brut(e|es|s)?(_|$)/.test(key)) return "raw";
  return "unknown";
}

const REASONS = {
  date: "date de fin de trimestre attendue (AAAA-MM-JJ, ex. 2023-12-31, ou AAAA-TN, ex. 2023-T4)",
  adjusted: "données corrigées des variations saisonnières : seules les données brutes (« Brutes ») sont chargées",
  unknownKind: "type de données inconnu : seules les données brutes (« Brutes ») sont chargées",
};


/** The mapping tables of the verdict but the communes', from the project's one implementation of each rule, one row per distinct text of the kept rows. */
async function writeMappings(db: DuckDBConnection, t: DaresTables): Promise<void> {
  await fillTable(db, t.dates, { raw: "VARCHAR", year: "INTEGER", quarter: "INTEGER" }, (await distinctKeptTexts(db, t.scan, ["date"])).map((raw) => {
    const q = parseQuarter(raw);
    return [raw, q?.year ?? null, q?.quarter ?? null];
  }));
  await fillTable(db, t.texts, { raw: "VARCHAR", trimmed: "VARCHAR", kind: "VARCHAR" },
    (await distinctKeptTexts(db, t.scan, ["type", "category", "sex", "age"])).map((raw) => [raw, raw.trim(), dataKind(raw.trim())]));
  await fillTable(db, t.counts, { raw: "VARCHAR", ok: "BOOLEAN", value: "INTEGER", missing: "VARCHAR", reason: "VARCHAR" }, (await distinctKeptTexts(db, t.scan, ["count"])).map((raw) => {
    const c = parseCount(raw);
    return c.ok ? [raw, true, c.value, c.missing ?? null, null] : [raw, false, null, null, c.reason];
  }));
}

/** The file's header: Parquet column names, or its first line. */
const readNames = async (db: DuckDBConnection, file: string, parquet: boolean) => (parquet ? parquetColumns(file, db) : parseHeaderLine(await readFirstLine(file)));

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const { db, territory } = ctx;
  const parquet = await isParquet(file);
  const names = await readNames(db, file, parquet);
  requireRecognised(dares, file, names);
  const header = new Header(names);
  const fields: InputField[] = NAMES.map((f) => ({ name: f, index: header.index(FIELDS[f]) }));
  // Rejections name the column as the file writes it (`Code commune` in a label export).
  const columns = Object.fromEntries(fields.map((f) => [f.name, names[f.index] ?? FIELDS[f.name as Field]])) as ColumnNames;

  const t = loadTables("dares", ["codes", "scan", "communes", "dates", "texts", "counts", "verdict", "rejects", "staged"]);
  const input = { rejects: t.rejects, staged: t.staged };
  const report = new ReportBuilder(file, "dares");
  const communes = new CommuneResolver(territory);
  try {
    await writeCommuneCodes(db, t.codes, territory);
    const scan = (relation: Relation) => scanCommuneRows(db, relation, t, NAMES);
    if (parquet) await scan(parquetRelation(file, names, fields));
    else for (const r of (await scanCsv(db, file, names, fields, input, scan)).rejections) report.reject(r.line, r.column, r.value, r.reason);
    await resolveScannedCommunes(db, t, communes, report);
    await writeMappings(db, t);
    await db.run(verdictSql(t, columns, REASONS));
    await reportVerdict(db, t.verdict, report, columns.commune);
    await db.run(`INSERT INTO dares SELECT code, year, quarter, category, sex, age, value, $file, source, line FROM ${t.verdict} WHERE status = 'loaded' ORDER BY line`, { file });

    const [facts] = await rowsOf(db, `SELECT count(*) FILTER (WHERE status = 'loaded' AND arrondissement) AS summed,
        min(year) FILTER (WHERE status IN ('loaded', 'superseded')) AS first, max(year) FILTER (WHERE status IN ('loaded', 'superseded')) AS last
      FROM ${t.verdict}`);
    const summed = countOf(facts!.summed);
    if (summed > 0)
      report.note(`${summed} ligne(s) d'arrondissement municipal sans ligne de leur commune pour la même date et la même population : additionnées dans la commune (Paris, Lyon, Marseille)`);
    for (const n of communes.notes()) report.note(n);
    const unknowns = new MissingCounter();
    for (const r of await rowsOf(db, `SELECT missing, count(*) AS n FROM ${t.verdict} WHERE status = 'loaded' GROUP BY 1`)) unknowns.add((r.missing ?? undefined) as MissingKind | undefined, countOf(r.n));
    report.note(unknowns.note());
    const years = new YearRange();
    if (facts!.first !== null) [facts!.first, facts!.last].forEach((y) => years.add(Number(y)));
    return report.build(years.label, years.years);
  } finally {
    await dropInputTables(db, input);
    for (const table of Object.values(t)) await db.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

// A commune file: coverage by commune. The Opendatasoft portal exports the dataset as Parquet too (field names).
export const dares: SourceLoader = { description, format: "csv", parquet: true, coverage: "communes", recognise, load };
export default dares;
