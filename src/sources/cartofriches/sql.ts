// The Cartofriches rule (see loader.ts) in SQL, in two steps:
// 1. scan (src/sources/commune-scan.ts): one pass over the whole file (a relation from src/io/duckdb-input.ts:
//    `line, commune, id, ...`, one field per column the loader reads). The rows of a commune outside the territory
//    are only counted, by commune, with the distinct texts of their update dates (the vintage is the newest update
//    date of every row read); every other row is kept whole, keyed by its line.
// 2. verdict: the kept rows (the territory's sites, and the rows whose code the commune table does not hold as
//    written) get their outcome through mapping tables that the project's one implementation of each rule fills in
//    JavaScript, one row per distinct text (src/io/values.ts: NA markers, texts, dates, decimals, WKT points; commune
//    history): outside, a rejection on the first check that fails in the order of the checks (commune, site_id,
//    site_statut, site_actu_date, site_identif_date, unite_fonciere_surface), a duplicate of an earlier site_id among
//    the rows that pass every check (the first line wins), or loaded.
import { keptRowsSql, type CommuneScanTables } from "../commune-scan.ts";

/** The fields the loader reads: the name the relation gives each, and its column in the CNIG header. */
export const FIELDS = {
  commune: "comm_insee",
  id: "site_id",
  name: "site_nom",
  type: "site_type",
  identified: "site_identif_date",
  updated: "site_actu_date",
  statut: "site_statut",
  surface: "unite_fonciere_surface",
  source: "source_nom",
  producer: "source_producteur",
  point: "geompoint",
} as const;
export type Field = keyof typeof FIELDS;
export const NAMES = Object.keys(FIELDS) as Field[];

/** Temporary tables of one load. */
export interface CartofrichesTables extends CommuneScanTables {
  /** raw -> text (NULL when empty or NA): site_id, site_nom, source_nom, source_producteur. */
  texts: string;
  /** raw -> type (NULL when empty, NA or « inconnu »). */
  types: string;
  /** raw -> one of the four statuses, or NULL with the reason. */
  statuses: string;
  /** raw -> ok, iso (NULL when unknown), reason. */
  dates: string;
  /** raw -> ok, value (m²), missing (kind of unknown), reason. */
  surfaces: string;
  /** raw -> ok, longitude, latitude (NULL when no point or unreadable). */
  points: string;
  verdict: string;
}

const text = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The rows of the scan counted outside, each with the distinct texts of its update dates. */
export const outsideRowsSql = (scan: string) => `SELECT key, n, outside_updated FROM ${scan} WHERE key > 0`;

/** The distinct texts of site_actu_date of every row read (kept or counted outside): the vintage is their newest date. */
export const updateTextsSql = (scan: string) => `
  SELECT DISTINCT raw FROM (
    SELECT updated AS raw FROM ${scan} WHERE key < 0
    UNION ALL SELECT unnest(outside_updated) FROM (${outsideRowsSql(scan)}))`;

/** The current commune of every row whose code was understood, in the territory or not (the file's coverage). */
export const understoodCommunesSql = (t: CartofrichesTables) => `
  SELECT code FROM ${t.communes} WHERE ok
  UNION SELECT u.current FROM (${outsideRowsSql(t.scan)}) AS s JOIN ${t.codes} AS u ON u.id = s.key`;

/**
 * Step 2: every kept row with its outcome (`status`: outside, rejected, duplicate of `first_line`, loaded), its
 * rejection {col, val, why} and the values the table `friches` takes. The rejections name the columns of the standard.
 */
export function verdictSql(t: CartofrichesTables): string {
  const reject = (field: Field, raw: string, why: string) => `{col: ${text(FIELDS[field])}, val: ${raw}, why: ${why}}`;
  return `CREATE OR REPLACE TEMP TABLE ${t.verdict} AS
  WITH k AS (${keptRowsSql(t.scan, NAMES)}),
  r AS (
    SELECT k.line, k.commune AS commune_raw, c.ok AS commune_ok, c.code, c.member, c.reason AS commune_reason,
      k.id AS id_raw, i.text AS id, nm.text AS name, ty.type, so.text AS source, pr.text AS producer,
      k.statut AS statut_raw, st.statut, st.reason AS statut_reason,
      k.updated AS updated_raw, up.ok AS updated_ok, CAST(up.iso AS DATE) AS updated, up.reason AS updated_reason,
      k.identified AS identified_raw, idf.ok AS identified_ok, CAST(idf.iso AS DATE) AS identified, idf.reason AS identified_reason,
      k.surface AS surface_raw, su.ok AS surface_ok, su.value AS surface, su.missing AS surface_missing, su.reason AS surface_reason,
      p.ok AS point_ok, p.longitude, p.latitude
    FROM k
    JOIN ${t.communes} c ON c.raw = k.commune
    JOIN ${t.texts} i ON i.raw = k.id
    JOIN ${t.texts} nm ON nm.raw = k.name
    JOIN ${t.types} ty ON ty.raw = k.type
    JOIN ${t.texts} so ON so.raw = k.source
    JOIN ${t.texts} pr ON pr.raw = k.producer
    JOIN ${t.statuses} st ON st.raw = k.statut
    JOIN ${t.dates} up ON up.raw = k.updated
    JOIN ${t.dates} idf ON idf.raw = k.identified
    JOIN ${t.surfaces} su ON su.raw = k.surface
    JOIN ${t.points} p ON p.raw = k.point),
  checked AS (
    SELECT *, CASE
        WHEN NOT commune_ok THEN ${reject("commune", "commune_raw", "commune_reason")}
        WHEN NOT member THEN NULL
        WHEN id IS NULL THEN ${reject("id", "id_raw", text("identifiant du site absent"))}
        WHEN statut IS NULL THEN ${reject("statut", "statut_raw", "statut_reason")}
        WHEN NOT updated_ok THEN ${reject("updated", "updated_raw", "updated_reason")}
        WHEN NOT identified_ok THEN ${reject("identified", "identified_raw", "identified_reason")}
        WHEN NOT surface_ok THEN ${reject("surface", "surface_raw", "surface_reason")}
      END AS rejection,
      commune_ok AND NOT member AS outside
    FROM r),
  valid AS (SELECT line, min(line) OVER (PARTITION BY id) AS first_line FROM checked WHERE rejection IS NULL AND NOT outside)
  SELECT c.*, v.first_line,
    CASE WHEN c.outside THEN 'outside' WHEN c.rejection IS NOT NULL THEN 'rejected' WHEN v.first_line < c.line THEN 'duplicate' ELSE 'loaded' END AS status
  FROM checked c LEFT JOIN valid v ON v.line = c.line`;
}

/** The loaded sites into table `friches`, in the order of the file. */
export const insertSql = (t: CartofrichesTables) => `INSERT INTO friches
  SELECT id, name, code, statut, type, surface, longitude, latitude, identified, updated, source, producer, $file
  FROM ${t.verdict} WHERE status = 'loaded' ORDER BY line`;
