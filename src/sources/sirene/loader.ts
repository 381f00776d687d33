// Sirene establishments (INSEE StockEtablissement as CSV or Parquet, or "Sirene géolocalisée" per département), loaded
// into table `sirene` for the establishments of the territory, and counted by commune, creation year and activity
// class into `sirene_agregats` for every commune the file speaks of (the reference levels).
//
// Reading: DuckDB reads the whole file (read_parquet, or read_csv for UTF-8 CSV, gzip included) and applies the rule
// below in SQL (sql.ts), over the whole file in one pass; JavaScript resolves what only the project's code rules know
// (commune history, arrondissements, NAF and nomenclature spellings), once per distinct code, passed to SQL as mapping
// tables, and proves each CSV record one line (line count, which also proves a gzip file complete). A CSV that
// read_csv cannot read line by line (not UTF-8, a cell over several lines, a blank line, a quote never closed, a wrong
// number of fields) is read by the project's CSV reader into a temporary table instead, then the same SQL applies
// (input.ts). Each rejection is stated by SQL (line, column, value, French reason) and only copied into the report,
// with the counts of rows loaded and outside; `path:line:column` (Parquet: `path:row:column`, row 1 = the first row).
//
// The rule applied to each row (checked on the national stock of December 2025, ../shared/data/real/sirene/):
// - `[ND]` is INSEE's mark of a field hidden on a partly non-diffusible establishment (statutDiffusionEtablissement
//   = P): it is read as an empty cell, i.e. unknown — never a value, never by itself a reason to reject the row.
//   Loaded P establishments are counted in a note, with the fields the loader reads that were hidden.
// - siret: 14 digits, once per file (a second row with the same SIRET is rejected as a duplicate).
// - Where: a commune code (codeCommuneEtablissement; a municipal arrondissement counts for its city) is resolved in
//   the current geography: member of the territory -> loaded, other commune -> outside, invalid or unknown code ->
//   rejected. No commune code but a foreign country (codePaysEtrangerEtablissement): abroad, outside. Neither
//   (empty or `[ND]`): the location is unknown, the row is rejected with that reason — nothing is counted outside
//   on a guess.
// - dateCreationEtablissement: `AAAA-MM-JJ`; empty or `[ND]` = unknown (NULL, the row is kept); anything else rejected.
// - Activity: nomenclatureActivitePrincipaleEtablissement is stored in its canonical spelling NAFRev2, NAFRev1, NAF1993
//   or NAP (INSEE's; `NAFv2`/`NAFv1`, written by this project's demonstration files before 2026, read the same).
//   NAF rév. 2 codes get the dotted form (`2511Z` -> `25.11Z`); older codes are kept as published, loaded and
//   counted, never dropped: their industry membership is unknown. An empty nomenclature with a code of NAF rév. 2
//   shape (4 digits and a letter) is read as NAF rév. 2: no other nomenclature of the stock has that shape (NAF rév. 1
//   and NAF 1993 `70.2C`, NAP `22.02`; NAF 2025 has its own column); otherwise it stays unknown (NULL).
//   An unknown spelling is kept as written, and is not NAF rév. 2.
// - activitePrincipaleNAF25Etablissement (stock of 2025 onward): the NAF 2025 code, which replaces NAF rév. 2 in 2027,
//   is kept in column activite_naf25 for that break in series; indicators keep using NAF rév. 2.
// - Vintage: the stock's date is its newest dateDernierTraitementEtablissement (`2025-12` for the December 2025
//   stock), over every row read; without that column (or value), the newest creation date of the file. The treatment
//   date is stored on every row of the file (date_millesime, NULL without it) so that indicators know whether the
//   newest creation year was over when the stock was taken. The report's years are the creation years of the
//   loaded establishments.
import type { DuckDBConnection } from "@duckdb/node-api";
import { Header, requireRecognised } from "../../io/header.ts";
import { CommuneResolver } from "../../io/communes.ts";
import { NAF_REV2, canonicalNomenclature, normaliseApe } from "../../io/codes.ts";
import { ReportBuilder, duplicateReason } from "../../io/report.ts";
import { departementOfCommune } from "../../io/reference.ts";
import { lastDataYear } from "../../io/values.ts";
import { fillTable } from "../../io/appender.ts";
import { writeCommuneCodes } from "../commune-codes.ts";
import { loadTables } from "../../db/temp-tables.ts";
import type { FileReport, LoadContext, Recognition, SourceLoader } from "../types.ts";
import { isParquet } from "../../io/parquet.ts";
import { dropInputTables, parquetRelation, scanCsv } from "../../io/duckdb-input.ts";
import { inputFields, readHeader } from "./input.ts";
import { aggregatesSql, createMacros, insertSql, newestDateSql, rejectionsSql, scanSql, verdictSql } from "./sql.ts";
import { withJoinAsWritten } from "../../db/join-order.ts";
import type { Relation } from "../../db/read-csv.ts";
import { description } from "./source.ts";

const REQUIRED = ["siret", "codeCommuneEtablissement", "dateCreationEtablissement"];
const EVIDENCE = ["siren", "nic", "siret", "trancheEffectifsEtablissement", "etatAdministratifEtablissement", "activitePrincipaleEtablissement", "nomenclatureActivitePrincipaleEtablissement", "etablissementSiege"];

export function recognise(names: string[]): Recognition {
  const header = new Header(names);
  const missing = header.missing(REQUIRED);
  if (missing.length === 0) return { kind: "match", variant: header.has("longitude") && header.has("latitude") ? "geolocalise" : "stock" };
  return EVIDENCE.filter((c) => header.has(c)).length >= 2 ? { kind: "missing", missing } : { kind: "no" };
}

/** Counts per label, written `NAP : 3, NAF1993 : 1` (largest first). */
class Tally {
  private readonly counts = new Map<string, number>();
  add(label: string, n = 1): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + n);
  }
  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
  toString(): string {
    return [...this.counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${k} : ${n}`).join(", ");
  }
}

async function query(db: DuckDBConnection, sql: string, params: Record<string, string> = {}): Promise<Record<string, unknown>[]> {
  return (await db.runAndReadAll(sql, params)).getRowObjectsJS() as Record<string, unknown>[];
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const day = (v: unknown) => (v === null || v === undefined ? null : String(v));

/**
 * Step 1 of the rule over the file: DuckDB's reader when it reads each record as one line, else the project's CSV
 * reader (src/io/duckdb-input.ts). Returns the relation scanned (for newestDate).
 */
async function scanFile(file: string, ctx: LoadContext, names: string[], parquet: boolean, t: Record<string, string>, report: ReportBuilder): Promise<Relation> {
  const scan = async (relation: Relation) => {
    await withJoinAsWritten(ctx.db, () => ctx.db.run(scanSql(relation.sql, t.universe!, t.scan!, lastDataYear()), relation.params));
    return num((await query(ctx.db, `SELECT sum(n) AS n FROM ${t.scan}`))[0]?.n);
  };
  const fields = inputFields(names);
  if (parquet) {
    const relation = parquetRelation(file, names, fields);
    await scan(relation);
    return relation;
  }
  const { relation, rejections } = await scanCsv(ctx.db, file, names, fields, { rejects: t.rejects!, staged: t.staged! }, scan);
  for (const r of rejections) report.reject(r.line, r.column, r.value, r.reason);
  return relation;
}

/**
 * The newest date of a column over every row read (year up to the last data year), `AAAA-MM-JJ` or null: the scan's
 * greatest date-shaped text when it is a date, else the file read again row by row (a file whose greatest such text
 * is not a date, e.g. `2025-13-45`); and a kept row's cell read by the whole rule (spaces around it).
 */
async function newestDate(db: DuckDBConnection, t: Record<string, string>, relation: Relation, column: "treated" | "created"): Promise<string | null> {
  const scanned = (await query(db, `SELECT max(newest_${column}) AS text, CAST(sirene_date_as_written(max(newest_${column})) AS VARCHAR) AS d FROM ${t.scan}`))[0]!;
  const inScan = scanned.text === null ? null : scanned.d !== null ? String(scanned.d) : day((await query(db, newestDateSql(relation.sql, column, lastDataYear()), relation.params))[0]?.newest);
  const kept = `sirene_date(${column}_v)`;
  const newest = await query(db, `SELECT CAST(greatest(${inScan === null ? "NULL" : `DATE '${inScan}'`},
    (SELECT max(${kept}) FILTER (WHERE year(${kept}) <= ${lastDataYear()}) FROM ${t.verdict})) AS VARCHAR) AS d`);
  return day(newest[0]?.d);
}

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const { db, territory } = ctx;
  const parquet = await isParquet(file);
  const names = await readHeader(db, file, parquet ? "parquet" : "csv");
  requireRecognised(sirene, file, names);

  const t = loadTables("sirene", ["universe", "scan", "rejects", "staged", "communes", "codes", "verdict"]);
  const report = new ReportBuilder(file, "sirene");
  const communes = new CommuneResolver(territory);
  try {
    await createMacros(db);
    await writeCommuneCodes(db, t.universe!, territory);
    const relation = await scanFile(file, ctx, names, parquet, t, report);

    // Rows of communes outside the territory: counted by département; the codes of merged communes also by code, for
    // the note on remapped codes (CommuneResolver's, in the order of the codes).
    const outside = `${t.scan} AS s JOIN ${t.universe} AS u ON u.id = s.outside_id WHERE s.row_line IS NULL`;
    for (const g of await query(db, `SELECT u.departement, sum(s.n) AS n FROM ${outside} GROUP BY 1 ORDER BY 1`)) {
      report.sawCommune(0, "", String(g.departement), false, num(g.n));
      report.outside(num(g.n));
    }
    for (const g of await query(db, `SELECT u.code, sum(s.n) AS n FROM ${outside} AND u.current <> u.code GROUP BY 1 ORDER BY 1`)) communes.resolve(String(g.code), num(g.n));

    // Mapping tables for the kept rows, from the project's one implementation of each code rule.
    const resolver = new CommuneResolver(territory); // without counts: those are the file's, kept by `communes`
    const values = await query(db, `SELECT DISTINCT sirene_read(commune) AS v FROM ${t.scan} WHERE row_line IS NOT NULL`);
    await fillTable(db, t.communes!, { raw: "VARCHAR", ok: "BOOLEAN", code: "VARCHAR", member: "BOOLEAN", departement: "VARCHAR", reason: "VARCHAR" }, values.map((r) => {
      const res = resolver.resolve(String(r.v));
      return res.kind === "ok" ? [String(r.v), true, res.code, res.member, departementOfCommune(res.code), null] : [String(r.v), false, null, null, null, res.reason];
    }));
    const codes = await query(db, `
      SELECT DISTINCT v FROM (SELECT unnest([sirene_read(activity), sirene_read(nomenclature), sirene_read(naf25)]) AS v FROM ${t.scan} WHERE row_line IS NOT NULL)`);
    await fillTable(db, t.codes!, { raw: "VARCHAR", ape: "VARCHAR", nomenclature: "VARCHAR" }, codes.map((r) => [String(r.v), normaliseApe(String(r.v)), canonicalNomenclature(String(r.v))]));
    await db.run(verdictSql(t.scan!, t.communes!, t.codes!, t.verdict!, lastDataYear()));

    // The kept rows: counted by outcome, their communes by code (notes) and by département (coverage); each rejection
    // as SQL states it, charged to its territory commune.
    const readable = `FROM ${t.verdict} WHERE verdict NOT IN ('siret', 'abroad', 'no_location')`;
    for (const g of await query(db, `SELECT commune_v, count(*) AS n ${readable} GROUP BY 1 ORDER BY min(line)`)) communes.resolve(String(g.commune_v), num(g.n));
    for (const g of await query(db, `SELECT code, departement, member, count(*) AS n ${readable} AND verdict <> 'commune' GROUP BY ALL ORDER BY ALL`))
      report.sawCommune(0, String(g.code), String(g.departement), Boolean(g.member), num(g.n));
    for (const g of await query(db, `SELECT verdict, count(*) AS n FROM ${t.verdict} WHERE verdict IN ('loaded', 'outside', 'abroad') GROUP BY 1`)) {
      if (g.verdict === "loaded") report.loaded(num(g.n));
      else report.outside(num(g.n)); // an establishment abroad: a valid row, outside any French territory
    }
    for (const r of await query(db, rejectionsSql(t.verdict!, lastDataYear()))) {
      const line = num(r.line);
      if (r.member_code !== null) report.sawCommune(line, String(r.member_code), String(r.departement), true, 0);
      report.reject(line, String(r.column), String(r.value), r.reason === null ? duplicateReason(num(r.first_line)) : String(r.reason));
    }

    // Only a treatment date tells when the stock was taken; a creation date is merely a lower bound of it, so without
    // one date_millesime stays NULL and the indicators fall back on the newest creation they count.
    const treated = await newestDate(db, t, relation, "treated");
    const created = await newestDate(db, t, relation, "created");
    await db.run(insertSql(t.verdict!, treated), { file });
    const stockDate = treated ?? created;
    await db.run(aggregatesSql({ scan: t.scan!, verdict: t.verdict!, universe: t.universe!, stockDate: treated, newestCreation: created, lastYear: lastDataYear() }), { file });

    const facts = (await query(db, `
      SELECT count(*) FILTER (WHERE verdict = 'abroad') AS abroad,
        count(*) FILTER (WHERE verdict = 'loaded' AND upper(diffusion_v) = 'P') AS partly,
        count(*) FILTER (WHERE verdict = 'loaded' AND inferred) AS inferred,
        count(*) FILTER (WHERE verdict = 'loaded' AND activity_v = '') AS no_activity,
        count(*) FILTER (WHERE verdict = 'loaded' AND created_date IS NULL) AS no_date,
        min(year(created_date)) FILTER (WHERE verdict = 'loaded') AS first_year,
        max(year(created_date)) FILTER (WHERE verdict = 'loaded') AS last_year
      FROM ${t.verdict}`))[0]!;
    const masked = new Tally();
    for (const r of await query(db, `SELECT m, count(*) AS n FROM (SELECT unnest(masked) AS m FROM ${t.verdict} WHERE verdict = 'loaded') GROUP BY m`)) masked.add(String(r.m), num(r.n));
    const older = new Tally();
    const unknown = new Tally();
    for (const r of await query(db, `
      SELECT nomenclature_final AS nom, nomenclature_known AS known, count(*) AS n FROM ${t.verdict}
      WHERE verdict = 'loaded' AND activity_v <> '' AND (nomenclature_final IS NULL OR NOT nomenclature_known OR nomenclature_final <> '${NAF_REV2}') GROUP BY ALL`)) {
      if (r.nom === null) unknown.add("sans nomenclature", num(r.n));
      else if (!r.known) unknown.add(String(r.nom), num(r.n));
      else older.add(String(r.nom), num(r.n));
    }

    for (const n of communes.notes()) report.note(n);
    const abroad = num(facts.abroad);
    if (abroad > 0) report.note(`${abroad} établissement(s) à l'étranger (code pays étranger, sans code commune) comptés hors territoire`);
    const hidden = masked.total > 0 ? `champs lus masqués : ${masked}` : "aucun des champs lus n'est masqué";
    if (num(facts.partly) > 0)
      report.note(`${num(facts.partly)} établissement(s) partiellement diffusible(s) chargé(s) (statutDiffusionEtablissement = P) : les champs « [ND] » sont inconnus, jamais des valeurs (${hidden})`);
    else if (masked.total > 0) report.note(`Champs « [ND] » (non diffusibles) lus comme inconnus : ${masked}`);
    if (older.total > 0)
      report.note(`${older.total} établissement(s) dont l'activité est codée dans une nomenclature antérieure à la NAF rév. 2 (${older}), chargés et signalés : leur appartenance à l'industrie est inconnue`);
    if (num(facts.inferred) > 0) report.note(`${num(facts.inferred)} établissement(s) sans nomenclature dont le code d'activité a la forme NAF rév. 2 (00.00A) : lus en NAF rév. 2`);
    if (unknown.total > 0)
      report.note(`${unknown.total} établissement(s) dont la nomenclature d'activité n'est pas reconnue (${unknown}) : appartenance à l'industrie inconnue`);
    if (num(facts.no_activity) > 0) report.note(`${num(facts.no_activity)} établissement(s) sans activité principale (activité inconnue)`);
    if (num(facts.no_date) > 0) report.note(`${num(facts.no_date)} établissement(s) sans date de création (date inconnue, NULL)`);
    const years: [number, number] | null = facts.first_year === null ? null : [num(facts.first_year), num(facts.last_year)];
    return report.build(stockDate ? stockDate.slice(0, 7) : null, years);
  } finally {
    await dropInputTables(db, { rejects: t.rejects!, staged: t.staged! });
    for (const table of Object.values(t)) await db.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

// The national stock holds about 40 million establishments for 68 million inhabitants, some 0.6 per inhabitant: a file with
// fewer than one per thousand inhabitants of a département is an extract of it, covering only its communes with rows.
export const sirene: SourceLoader = { description, format: "csv", parquet: true, coverage: "departements", minRowsPerInhabitant: 0.001, recognise, load };
export default sirene;

export { description };
