// The Sirene rule (see loader.ts) in SQL, in two steps:
// 1. scan: one pass over the whole file (a relation from input.ts). Rows of communes known to be outside the
//    territory are only counted, grouped by commune, creation year and activity class; every other row (the
//    territory's, those to reject, codes the commune table does not hold as written) is kept whole, keyed by its line.
//    The file-wide facts (newest treatment and creation dates) are taken over every row.
// 2. verdict: the kept rows (a few per cent of a national stock at most) get their outcome and normalised values,
//    using mapping tables filled by the project's one implementation of each code rule (commune history and
//    arrondissements, NAF and nomenclature spellings): loaded, outside, abroad, or the reason of their rejection
//    (rejectionsSql: line, column, value and French reason).
import type { DuckDBConnection } from "@duckdb/node-api";
import { SIRENE_FIRST_YEAR } from "./source.ts";
import { isNafRev2Sql } from "../../io/codes.ts";
import { COLUMNS, type Column } from "./input.ts";

/** Helpers of the rule: trimmed cell; `[ND]` (hidden by INSEE) read as '' (unknown); a `AAAA-MM-JJ[...]` date or NULL. */
export async function createMacros(db: DuckDBConnection): Promise<void> {
  await db.run(`
    CREATE OR REPLACE TEMP MACRO sirene_trim(x) AS trim(coalesce(x, ''), ' ' || chr(9) || chr(10) || chr(13));
    CREATE OR REPLACE TEMP MACRO sirene_read(x) AS CASE WHEN sirene_trim(x) = '[ND]' THEN '' ELSE sirene_trim(x) END;
    -- The class of an activity read as NAF rév. 2 (the shape normaliseApe accepts; divisions 05 to 39 are industry).
    CREATE OR REPLACE TEMP MACRO sirene_activity_class(x) AS CASE WHEN regexp_full_match(upper(x), '[0-9]{2}\\.?[0-9]{2}[A-Z]')
      THEN CASE WHEN substr(x, 1, 2) BETWEEN '05' AND '39' THEN 1 ELSE 2 END ELSE 3 END;
    CREATE OR REPLACE TEMP MACRO sirene_class_name(c) AS CASE c WHEN 1 THEN 'industrie' WHEN 2 THEN 'autre' WHEN 3 THEN 'inconnue' END;
    -- A date cell as written (no space around): the cheap test of the scan over every row; the same dates as sirene_date.
    CREATE OR REPLACE TEMP MACRO sirene_date_as_written(x) AS CASE WHEN x LIKE '____-__-__%' AND (length(x) = 10 OR substr(x, 11, 1) IN ('T', ' '))
      AND x >= '0100' AND regexp_full_match(left(x, 10), '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN try_cast(left(x, 10) AS DATE) END;
    -- Years before 100 are not dates of the repertory (and JavaScript's Date reads them as 19xx).
    CREATE OR REPLACE TEMP MACRO sirene_date(x) AS CASE WHEN regexp_full_match(x, '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ].*)?') AND substr(x, 1, 4) >= '0100' THEN try_cast(substr(x, 1, 10) AS DATE) END;`);
}

const FIELDS = Object.keys(COLUMNS) as Column[];

/**
 * Step 1 over `relation` (columns line + fields, never NULL), into `scan`: one pass, one hash aggregate on one integer.
 * The tests here run on every row of a national file, so they are the cheap ones, on the cells as written: a row they
 * do not settle (a SIRET or commune code with spaces, `[ND]`, an unknown code) is kept, and step 2 applies the whole
 * rule to it. A kept row is its own group (key = -line) carrying its fields; the rows of a commune known to be outside
 * the territory are only counted, by commune, creation year and activity class (key = commune id, year and class
 * packed), the reference levels' grain. The newest dates of the file are taken over every row, as text: the greatest
 * cell of `AAAA-MM-JJ` shape (see newestDateSql).
 */
export function scanSql(relation: string, universe: string, scan: string, lastYear: number): string {
  // An outside row's key: commune id * 1024 + (year - first year + 1) * 4 + class, 0 for year and class when its
  // creation year is not one the reference levels count. Only a cell whose text lies between those years is read as a
  // date (the whole test, on every such row); the others cannot be counted, whatever they hold.
  const created = `CASE WHEN created >= '${SIRENE_FIRST_YEAR}' AND created < '${lastYear + 1}' THEN sirene_date_as_written(created) END`;
  const counted = `year(created_date) BETWEEN ${SIRENE_FIRST_YEAR} AND ${lastYear}`;
  // 1 industry, 2 other (NAF rév. 2, or no nomenclature and a code of its shape), 3 unknown. The first branch is the
  // common case, written as INSEE writes it (`NAFRev2`, `25.11Z`), and gives what the general rule gives for it at a
  // fraction of its cost (trims and regular expressions on every row of a national file).
  const activityClass = `CASE WHEN nomenclature = 'NAFRev2' AND regexp_full_match(activity, '[0-9]{2}\\.[0-9]{2}[A-Z]')
      THEN CASE WHEN substr(activity, 1, 2) BETWEEN '05' AND '39' THEN 1 ELSE 2 END
    WHEN nomenclature = 'NAFRev2' OR sirene_read(nomenclature) = '' OR ${isNafRev2Sql("sirene_read(nomenclature)")}
      THEN sirene_activity_class(sirene_read(activity)) ELSE 3 END`;
  const outsideKey = `commune_id * ${KEY_COMMUNE} + CASE WHEN ${counted} THEN (year(created_date) - ${SIRENE_FIRST_YEAR - 1}) * 4 + ${activityClass} ELSE 0 END`;
  const key = "s.key";
  return `
    CREATE OR REPLACE TEMP TABLE ${scan} AS
    WITH k AS (
      SELECT src.*, u.id AS commune_id,
        NOT (length(src.siret) = 14 AND regexp_full_match(src.siret, '[0-9]+')) OR u.member IS NOT FALSE AS kept
      FROM (${relation}) AS src LEFT JOIN ${universe} AS u ON u.code = src.commune),
    d AS (SELECT *, CASE WHEN NOT kept THEN ${created} END AS created_date FROM k),
    s AS (
      SELECT CASE WHEN kept THEN -line ELSE ${outsideKey} END AS key, count(*) AS n,
        max(treated) FILTER (WHERE ${dateShaped("treated", lastYear)}) AS newest_treated,
        max(created) FILTER (WHERE ${dateShaped("created", lastYear)}) AS newest_created,
        -- Whole rows only for the kept ones: an outside group holds no text.
        any_value(CASE WHEN kept THEN {${FIELDS.map((f) => `${f}: ${f}`).join(", ")}} END) AS fields
      FROM d GROUP BY 1)
    SELECT CASE WHEN ${key} < 0 THEN -${key} END AS row_line,
      CASE WHEN ${key} > 0 THEN ${key} // ${KEY_COMMUNE} END AS outside_id,
      CASE WHEN ${key} > 0 AND ${key} % ${KEY_COMMUNE} > 0 THEN (${key} % ${KEY_COMMUNE}) // 4 + ${SIRENE_FIRST_YEAR - 1} END AS creation_year,
      CASE WHEN ${key} > 0 AND ${key} % ${KEY_COMMUNE} > 0 THEN ${key} % 4 END AS activity_class,
      n, newest_treated, newest_created, ${FIELDS.map((f) => `s.fields.${f} AS ${f}`).join(", ")}
    FROM s`;
}

/**
 * A cell that may be a date of the repertory up to `lastYear`, by its text alone (cheap enough for every row): every
 * date sirene_date_as_written reads, and some that it does not (`2025-13-45`). The greatest such text is the newest
 * date when it is one (dates written `AAAA-MM-JJ` sort as text in their order); newestDateSql tells when it is not.
 */
const dateShaped = (x: string, lastYear: number) => `${x} LIKE '____-__-__%' AND ${x} < '${lastYear + 1}'`;

/**
 * The newest date of `column` in `relation` (year up to `lastYear`), read row by row with the whole test: what the
 * scan's greatest date-shaped text gives when that text is not a date (newest = NULL then, although a date-shaped
 * cell exists).
 */
export function newestDateSql(relation: string, column: "treated" | "created", lastYear: number): string {
  return `SELECT CAST(max(d) FILTER (WHERE year(d) <= ${lastYear}) AS VARCHAR) AS newest
    FROM (SELECT sirene_date_as_written(${column}) AS d FROM (${relation}) WHERE ${dateShaped(column, lastYear)})`;
}

/** The commune id's factor in an outside row's key (room for 255 creation years times 4 classes). */
const KEY_COMMUNE = 1024;

/** What happens to a kept row. */
export type Verdict = "siret" | "abroad" | "no_location" | "commune" | "outside" | "date" | "future" | "head_office" | "duplicate" | "loaded";

/** Fields whose `[ND]` is counted in the note on partly non-diffusible establishments (the fields read for a loaded row). */
const MASKABLE: Column[] = ["treated", "created", "headOffice", "activity", "nomenclature", "naf25", "state", "employer", "diffusion"];

/**
 * Step 2: the kept rows of `scan` with their verdict, into `verdict`. `communes` maps each commune value of the kept
 * rows to its resolution (ok, code, member, departement, reason); `codes` each activity and nomenclature value to
 * its NAF rév. 2 dotted form (ape) and canonical nomenclature spelling.
 */
export function verdictSql(scan: string, communes: string, codes: string, verdict: string, lastYear: number): string {
  const masked = MASKABLE.map((c) => `CASE WHEN sirene_trim(${c}) = '[ND]' THEN '${COLUMNS[c]}' END`).join(", ");
  return `
    CREATE OR REPLACE TEMP TABLE ${verdict} AS
    WITH r AS (
      SELECT row_line AS line, coalesce(siret, '') AS siret_raw, coalesce(commune, '') AS commune_raw,
        sirene_trim(commune) = '[ND]' AS commune_masked,
        ${FIELDS.map((f) => `sirene_read(${f}) AS ${f}_v`).join(", ")},
        list_filter([${masked}], x -> x IS NOT NULL) AS masked
      FROM ${scan} WHERE row_line IS NOT NULL),
    m AS (
      SELECT r.*, sirene_date(created_v) AS created_date,
        c.ok AS commune_ok, c.code, c.member, c.departement, c.reason AS commune_reason,
        CASE WHEN lower(headOffice_v) IN ('true', '1', 'oui') THEN true WHEN lower(headOffice_v) IN ('false', '0', 'non') THEN false END AS head_office,
        lower(headOffice_v) IN ('', 'true', '1', 'oui', 'false', '0', 'non') AS head_office_ok,
        -- An empty nomenclature with a code of NAF rév. 2 shape is NAF rév. 2 (no other nomenclature has that shape).
        nomenclature_v = '' AND a.ape IS NOT NULL AS inferred,
        CASE WHEN nomenclature_v <> '' THEN coalesce(n.nomenclature, nomenclature_v) WHEN a.ape IS NOT NULL THEN 'NAFRev2' END AS nomenclature_final,
        n.nomenclature IS NOT NULL OR (nomenclature_v = '' AND a.ape IS NOT NULL) AS nomenclature_known,
        a.ape AS activity_ape, a25.ape AS naf25_ape
      FROM r
      LEFT JOIN ${communes} AS c ON c.raw = r.commune_v
      LEFT JOIN ${codes} AS a ON a.raw = r.activity_v
      LEFT JOIN ${codes} AS n ON n.raw = r.nomenclature_v
      LEFT JOIN ${codes} AS a25 ON a25.raw = r.naf25_v),
    s AS (
      SELECT *, CASE
        WHEN NOT regexp_full_match(siret_v, '[0-9]{14}') THEN 'siret'
        WHEN commune_v = '' AND country_v <> '' THEN 'abroad'
        WHEN commune_v = '' THEN 'no_location'
        WHEN NOT commune_ok THEN 'commune'
        WHEN NOT member THEN 'outside'
        WHEN created_v <> '' AND created_date IS NULL THEN 'date'
        WHEN year(created_date) > ${lastYear} THEN 'future'
        WHEN NOT head_office_ok THEN 'head_office'
        ELSE 'candidate' END AS step
      FROM m)
    SELECT *,
      CASE WHEN step = 'candidate' THEN min(line) OVER (PARTITION BY step, siret_v) END AS first_line,
      CASE WHEN step <> 'candidate' THEN step WHEN line > min(line) OVER (PARTITION BY step, siret_v) THEN 'duplicate' ELSE 'loaded' END AS verdict,
      nullif(CASE WHEN nomenclature_final = 'NAFRev2' THEN coalesce(activity_ape, activity_v) ELSE activity_v END, '') AS activite,
      nullif(coalesce(naf25_ape, naf25_v), '') AS activite_naf25
    FROM s`;
}

/** The reasons of the rejections step 2 decides (a duplicate's is duplicateReason(), which names the first line). */
const REASONS = {
  siret: "SIRET invalide (14 chiffres attendus)",
  date: "date de création invalide (AAAA-MM-JJ attendu)",
  head_office: "valeur true/false attendue",
  location: (hidden: string) =>
    `localisation inconnue : ${hidden} ni pays étranger (codePaysEtrangerEtablissement), l'établissement n'est rattaché à aucune commune`,
};

/**
 * The rejected rows of `verdict` in file order: line, column (Sirene name), value as read and French reason (NULL for
 * a duplicate: first_line names the row it repeats), with the territory commune of the row when it is one (a
 * rejection charged to that commune in the coverage).
 */
export function rejectionsSql(verdict: string, lastYear: number): string {
  const text = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const rule = (v: Verdict, column: Column, value: string, reason: string) => `WHEN '${v}' THEN {col: ${text(COLUMNS[column])}, val: ${value}, why: ${reason}}`;
  return `
    SELECT line, r.col AS "column", r.val AS value, r.why AS reason, first_line, CASE WHEN member THEN code END AS member_code, departement
    FROM (SELECT *, CASE verdict
      ${rule("siret", "siret", "siret_raw", text(REASONS.siret))}
      ${rule("no_location", "commune", "commune_raw", `CASE WHEN commune_masked THEN ${text(REASONS.location("code commune non diffusible ([ND])"))} ELSE ${text(REASONS.location("ni code commune"))} END`)}
      ${rule("commune", "commune", "commune_v", "commune_reason")}
      ${rule("date", "created", "created_v", text(REASONS.date))}
      ${rule("future", "created", "created_v", text(`date de création dans le futur (au plus tard en ${lastYear})`))}
      ${rule("head_office", "headOffice", "headOffice_v", text(REASONS.head_office))}
      ${rule("duplicate", "siret", "siret_v", "NULL")}
      END AS r FROM ${verdict} WHERE verdict NOT IN ('loaded', 'outside', 'abroad'))
    ORDER BY line`;
}

/** The rows of `verdict` loaded into the canonical table (the file's name bound as `$file`). */
export function insertSql(verdict: string, stockDate: string | null): string {
  const millesime = stockDate ? `DATE '${stockDate}'` : "NULL";
  return `
    INSERT INTO sirene (siret, code_commune, date_creation, activite, nomenclature, activite_naf25, etat, employeur, siege, date_millesime, fichier)
    SELECT siret_v, code, created_date, activite, nomenclature_final, activite_naf25, nullif(state_v, ''), nullif(employer_v, ''), head_office, ${millesime}, $file
    FROM ${verdict} WHERE verdict = 'loaded' ORDER BY line`;
}

/**
 * Every establishment of the file whose commune is understood (loaded, or outside the territory), counted by commune,
 * creation year from 2008 and activity class into sirene_agregats (the reference levels); the file's name bound as `$file`.
 */
export function aggregatesSql(o: { scan: string; verdict: string; universe: string; stockDate: string | null; newestCreation: string | null; lastYear: number }): string {
  const date = (d: string | null) => (d ? `DATE '${d}'` : "NULL");
  return `
    INSERT INTO sirene_agregats
    SELECT code_commune, annee, classe, sum(n), ${date(o.stockDate)}, ${date(o.newestCreation)}, $file
    FROM (
      SELECT u.current AS code_commune, s.creation_year AS annee, sirene_class_name(s.activity_class) AS classe, s.n
      FROM ${o.scan} AS s JOIN ${o.universe} AS u ON u.id = s.outside_id
      WHERE s.row_line IS NULL
      UNION ALL
      SELECT code, CASE WHEN year(created_date) BETWEEN ${SIRENE_FIRST_YEAR} AND ${o.lastYear} THEN year(created_date) END AS annee,
        CASE WHEN year(created_date) NOT BETWEEN ${SIRENE_FIRST_YEAR} AND ${o.lastYear} OR created_date IS NULL THEN NULL
             WHEN nomenclature_final = 'NAFRev2' AND regexp_full_match(coalesce(activite, ''), '[0-9]{2}\\.[0-9]{2}[A-Z]') THEN sirene_class_name(sirene_activity_class(activite))
             ELSE 'inconnue' END, 1
      FROM ${o.verdict} WHERE verdict IN ('loaded', 'outside'))
    GROUP BY ALL`;
}
