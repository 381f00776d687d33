// Cerema's Cartofriches: the brownfield sites (friches) in the CNIG « friches » standard export, loaded into table
// `friches` (the sites of the territory) and `friches_couverture` (the départements the file covers, and its vintage).
//
// Rules, row by row (each row is loaded, outside the territory, or rejected with its reason):
//   - a quote inside a quoted field is escaped with a backslash in the national export (`\"`): read as a quote.
//   - `NA` (like an empty cell) is an unknown value wherever it appears (src/io/values.ts): NULL, never 0 nor "NA".
//   - comm_insee: normalised by CommuneResolver (a lost leading zero is restored, `2691` -> `02691`; merged communes
//     follow their current commune); an absent, invalid or unknown code is rejected; a site of a commune outside the
//     territory is counted outside.
//   - site_id: required; a second row with the same site_id is rejected as a duplicate.
//   - site_statut: one of the four values of the standard (case and spacing aside): friche potentielle, friche avec
//     projet, friche sans projet, friche reconvertie; anything else (or NA) is rejected with the reason.
//   - site_identif_date, site_actu_date: JJ/MM/AAAA (real exports) or AAAA-MM-JJ (the standard); NA = unknown; any other
//     text rejects the row.
//   - site_type: `inconnu` or NA = unknown (NULL), counted in a note.
//   - unite_fonciere_surface: in m²; NA or empty = unknown (NULL, never 0); negative or not a number rejects the row.
//   - geompoint: WKT `POINT (longitude latitude)` in WGS84; NA = no position; an unreadable point (not a WKT point,
//     or coordinates out of range) leaves the position unknown, keeps the row, and is counted in a note.
//   - geomsurf (site polygons) is not loaded: the site pages place each site by its point.
// Vintage of the file = its newest site_actu_date (over every row read, in the territory or not); the indicators are
// those of that year. Coverage = every département with a row whose commune code is valid, so that a commune of a
// covered département without any site counts 0 sites, while a département absent from the file stays unknown.
//
// A row is rejected on the first check it fails, in this order: comm_insee (then a site outside the territory is
// counted outside, whatever its other cells), site_id, site_statut, site_actu_date, site_identif_date,
// unite_fonciere_surface; then a site_id already loaded from an earlier line (the first line wins).
//
// How: DuckDB reads the whole file (src/io/duckdb-input.ts: a file holding `\"` as a copy where each is `""`; a file
// read_csv cannot read line for line through the project's CSV reader) and applies the rules in SQL (sql.ts): the
// rows of communes outside the territory are counted by commune, with the texts of their update dates for the
// vintage; the other rows get their outcome through mapping tables filled by the project's one implementation of each
// rule (src/io/values.ts, CommuneResolver), once per distinct text.
import type { DuckDBConnection } from "@duckdb/node-api";
import { parseHeaderLine } from "../../io/csv.ts";
import { Header, requireRecognised } from "../../io/header.ts";
import { CommuneResolver } from "../../io/communes.ts";
import { departementOfCommune } from "../../io/codes.ts";
import { isoDate, parseDate, parseDecimal, parseText, parseWktPoint, type CalendarDate, type ParsedDate } from "../../io/values.ts";
import { ReportBuilder, duplicateReason } from "../../io/report.ts";
import { fillTable, withAppender } from "../../io/appender.ts";
import { readFirstLine } from "../../io/read-text.ts";
import type { Relation } from "../../db/read-csv.ts";
import { dropInputTables, scanCsv, type InputField } from "../../io/duckdb-input.ts";
import { writeCommuneCodes } from "../commune-codes.ts";
import { distinctKeptTexts, resolveScannedCommunes, scanCommuneRows } from "../commune-scan.ts";
import { countOf, rowsOf } from "../../db/rows.ts";
import { loadTables } from "../../db/temp-tables.ts";
import type { FileReport, LoadContext, Recognition, SourceLoader } from "../types.ts";
import { FIELDS, NAMES, insertSql, understoodCommunesSql, updateTextsSql, verdictSql, type CartofrichesTables, type Field } from "./sql.ts";
import { description } from "./source.ts";

/** The header of the CNIG « friches » export, in its order (the demonstration generator writes it). */
export const CARTOFRICHES_HEADER = [
  "site_id", "site_nom", "site_type", "site_adresse", "site_identif_date", "site_actu_date", "site_url", "site_ademe_url",
  "site_securite", "site_occupation", "site_statut", "site_projet_url", "site_reconv_annee", "site_reconv_type",
  "activite_libelle", "activite_code", "activite_fin_annee", "comm_nom", "comm_insee", "bati_type", "bati_nombre",
  "bati_surface", "bati_pollution", "bati_vacance", "bati_patrimoine", "bati_etat", "local_ancien_annee",
  "local_recent_annee", "proprio_type", "proprio_personne", "proprio_nom", "sol_pollution_annee", "sol_pollution_existe",
  "sol_pollution_origine", "sol_pollution_commentaire", "sol_depollution_fiche", "unite_fonciere_surface",
  "unite_fonciere_refcad", "urba_zone_type", "urba_zone_lib", "urba_zone_formdomi", "urba_doc_type", "desserte_distance",
  "desserte_commentaire", "source_nom", "source_url", "source_producteur", "source_contact", "geompoint", "geomsurf",
] as const;

/** The columns the loader reads: a file of the standard lacking one of them cannot be loaded. */
const REQUIRED = [
  "site_id", "site_nom", "site_type", "site_identif_date", "site_actu_date", "site_statut", "comm_insee",
  "unite_fonciere_surface", "source_nom", "source_producteur", "geompoint",
];
/** Columns no other source has: two of them make a file a Cartofriches export, to be told what it lacks. */
const EVIDENCE = ["site_id", "site_nom", "site_statut", "site_actu_date", "comm_insee", "unite_fonciere_surface", "geompoint", "geomsurf", "site_reconv_annee"];

/** The four statuses of the standard, as stored in table `friches`. */
export const FRICHE_STATUSES = ["friche potentielle", "friche avec projet", "friche sans projet", "friche reconvertie"] as const;
export type FricheStatus = (typeof FRICHE_STATUSES)[number];

export function recognise(names: string[]): Recognition {
  const header = new Header(names);
  const missing = header.missing(REQUIRED);
  if (missing.length === 0) return { kind: "match", variant: header.has("geomsurf") ? "standard-cnig" : "standard-cnig-sans-contours" };
  return EVIDENCE.filter((c) => header.has(c)).length >= 2 ? { kind: "missing", missing } : { kind: "no" };
}

/** `friche  Avec projet` -> `friche avec projet`; undefined when not one of the four statuses. */
function status(text: string): FricheStatus | undefined {
  const v = text.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  return FRICHE_STATUSES.find((s) => s === v);
}

const frenchDate = (d: CalendarDate) => `${String(d.day).padStart(2, "0")}/${String(d.month).padStart(2, "0")}/${d.year}`;
const later = (a: CalendarDate, b: CalendarDate | null) => b === null || isoDate(a) > isoDate(b);


/**
 * The mapping tables of the verdict but the communes', from the project's one implementation of each rule, one row
 * per distinct text of the kept rows. `date`: the date rule, each text parsed once (the vintage reads it too).
 */
async function writeMappings(db: DuckDBConnection, t: CartofrichesTables, date: (raw: string) => ParsedDate): Promise<void> {
  await fillTable(db, t.texts, { raw: "VARCHAR", text: "VARCHAR" }, (await distinctKeptTexts(db, t.scan, ["id", "name", "source", "producer"])).map((raw) => [raw, parseText(raw)]));
  await fillTable(db, t.types, { raw: "VARCHAR", type: "VARCHAR" }, (await distinctKeptTexts(db, t.scan, ["type"])).map((raw) => {
    const type = parseText(raw);
    return [raw, type !== null && type.toLowerCase() !== "inconnu" ? type : null];
  }));
  await fillTable(db, t.statuses, { raw: "VARCHAR", statut: "VARCHAR", reason: "VARCHAR" }, (await distinctKeptTexts(db, t.scan, ["statut"])).map((raw) => {
    const statusText = parseText(raw);
    const statut = statusText === null ? undefined : status(statusText);
    return [raw, statut ?? null, statut ? null : statusText === null ? "statut du site absent" : `statut inconnu (attendu : ${FRICHE_STATUSES.join(", ")})`];
  }));
  await fillTable(db, t.dates, { raw: "VARCHAR", ok: "BOOLEAN", iso: "VARCHAR", reason: "VARCHAR" }, (await distinctKeptTexts(db, t.scan, ["updated", "identified"])).map((raw) => {
    const d = date(raw);
    return d.ok ? [raw, true, d.value ? isoDate(d.value) : null, null] : [raw, false, null, d.reason];
  }));
  await fillTable(db, t.surfaces, { raw: "VARCHAR", ok: "BOOLEAN", value: "DOUBLE", missing: "VARCHAR", reason: "VARCHAR" }, (await distinctKeptTexts(db, t.scan, ["surface"])).map((raw) => {
    const v = parseDecimal(raw);
    return v.ok ? [raw, true, v.value, v.missing ?? null, null] : [raw, false, null, null, `surface de l'unité foncière : ${v.reason} (m² attendus)`];
  }));
  await fillTable(db, t.points, { raw: "VARCHAR", ok: "BOOLEAN", longitude: "DOUBLE", latitude: "DOUBLE" }, (await distinctKeptTexts(db, t.scan, ["point"])).map((raw) => {
    const p = parseWktPoint(raw);
    return [raw, p.ok, p.ok ? (p.value?.longitude ?? null) : null, p.ok ? (p.value?.latitude ?? null) : null];
  }));
}

/** Copies the outcome of each kept row into the report: counts, and each rejection with its line, column, value and reason. */
async function reportVerdict(db: DuckDBConnection, t: CartofrichesTables, report: ReportBuilder): Promise<void> {
  const outcome = Object.fromEntries((await rowsOf(db, `SELECT status, count(*) AS n FROM ${t.verdict} GROUP BY 1`)).map((r) => [String(r.status), countOf(r.n)]));
  report.outside(outcome.outside ?? 0);
  report.loaded(outcome.loaded ?? 0);
  const rejected = await rowsOf(db, `SELECT line, status, first_line, id_raw, rejection.col AS col, rejection.val AS val, rejection.why AS why
    FROM ${t.verdict} WHERE status IN ('rejected', 'duplicate') ORDER BY line`);
  for (const r of rejected) {
    if (r.status === "duplicate") report.reject(countOf(r.line), FIELDS.id, String(r.id_raw), duplicateReason(countOf(r.first_line)));
    else report.reject(countOf(r.line), String(r.col), String(r.val), String(r.why));
  }
}

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const { db, territory } = ctx;
  const names = parseHeaderLine(await readFirstLine(file));
  requireRecognised(cartofriches, file, names);
  const header = new Header(names);
  const fields: InputField[] = NAMES.map((f) => ({ name: f, index: header.index(FIELDS[f]) }));

  const t = loadTables("cartofriches", ["codes", "scan", "communes", "texts", "types", "statuses", "dates", "surfaces", "points", "verdict", "rejects", "staged"]);
  const input = { rejects: t.rejects, staged: t.staged };
  const report = new ReportBuilder(file, "cartofriches");
  const communes = new CommuneResolver(territory);
  const dates = new Map<string, ParsedDate>();
  const date = (raw: string) => dates.get(raw) ?? dates.set(raw, parseDate(raw)).get(raw)!;
  try {
    await writeCommuneCodes(db, t.codes, territory);
    // The rows outside the territory keep their update dates: the vintage is the whole file's.
    const scan = (relation: Relation) => scanCommuneRows(db, relation, t, NAMES, ["updated"]);
    // The national export escapes quotes inside quoted fields with a backslash (`"maison \"Les Opalines\""`).
    for (const r of (await scanCsv(db, file, names, fields, input, scan, { backslashEscapedQuotes: true })).rejections) report.reject(r.line, r.column, r.value, r.reason);
    // `NA` is no code (« code commune absent »); the report's coverage stays empty: the file's is table friches_couverture.
    await resolveScannedCommunes(db, t, communes, report, { code: (raw) => parseText(raw) ?? "", coverage: false });
    await writeMappings(db, t, date);
    await db.run(verdictSql(t));
    await reportVerdict(db, t, report);
    await db.run(insertSql(t), { file });

    let newest: CalendarDate | null = null;
    for (const r of await rowsOf(db, updateTextsSql(t.scan))) {
      const updated = date(String(r.raw));
      if (updated.ok && updated.value && later(updated.value, newest)) newest = updated.value;
    }
    const vintage = newest as CalendarDate | null;
    const covered = [...new Set((await rowsOf(db, understoodCommunesSql(t))).map((r) => departementOfCommune(String(r.code))))].sort();
    if (vintage) {
      await withAppender(db, "friches_couverture", async (appender) => {
        for (const departement of covered) {
          appender.appendVarchar(departement);
          appender.appendInteger(vintage.year);
          appender.appendVarchar(file);
          appender.endRow();
        }
      });
    }

    // Notes on the loaded sites: unknown surfaces and types, positions missing or unreadable (lines in file order).
    const loaded = `FROM ${t.verdict} WHERE status = 'loaded'`;
    const [facts] = await rowsOf(db, `SELECT count(*) FILTER (WHERE surface_missing IS NOT NULL) AS no_surface, count(*) FILTER (WHERE type IS NULL) AS unknown_type,
        count(*) FILTER (WHERE point_ok AND longitude IS NULL) AS no_point, count(*) FILTER (WHERE NOT point_ok) AS bad_points ${loaded}`);
    const badPoints = countOf(facts!.bad_points);
    const badLines = (await rowsOf(db, `SELECT line ${loaded} AND NOT point_ok ORDER BY line LIMIT 10`)).map((r) => countOf(r.line));
    for (const n of communes.notes()) report.note(n);
    if (countOf(facts!.no_surface) > 0)
      report.note(`${countOf(facts!.no_surface)} site(s) à la surface d'unité foncière non renseignée (NA ou vide) : surface inconnue, jamais comptée 0`);
    if (countOf(facts!.unknown_type) > 0) report.note(`${countOf(facts!.unknown_type)} site(s) de type « inconnu » ou non renseigné (NA) : type inconnu`);
    if (countOf(facts!.no_point) > 0) report.note(`${countOf(facts!.no_point)} site(s) sans position (geompoint non renseigné) : absents de la carte, présents dans la liste`);
    if (badPoints > 0)
      report.note(
        `${badPoints} position(s) illisible(s) (geompoint n'est pas un point WKT POINT (longitude latitude) en WGS84), lignes ${badLines.join(", ")}${badPoints > 10 ? ", …" : ""} : sites chargés sans position`,
      );
    report.note("contours des sites (geomsurf) non chargés : chaque site est placé par sa position (geompoint)");
    if (vintage) {
      report.note(`millésime : date d'actualisation la plus récente du fichier, ${frenchDate(vintage)} (indicateurs de l'année ${vintage.year})`);
      report.note(`départements couverts par le fichier : ${covered.join(", ")} (une commune de ces départements sans site recensé compte 0 friche)`);
    } else {
      report.note("aucune date d'actualisation (site_actu_date) lisible : millésime inconnu, aucun indicateur n'est calculé à partir de ce fichier");
    }
    return report.build(vintage ? isoDate(vintage) : null, vintage ? [vintage.year, vintage.year] : null);
  } finally {
    await dropInputTables(db, input);
    for (const table of Object.values(t)) await db.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

export const cartofriches: SourceLoader = { description, format: "csv", recognise, load };
export default cartofriches;

export { description };
