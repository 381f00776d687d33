// Pupils of vocational schools by school, MEF (training) and school year, from the Ministry of Education
// open data (data.education.gouv.fr, Opendatasoft). Three headers are read:
// - `opendatasoft-mef`, the real export (`use_labels=false` field names): `numero_d_etablissement`, the INSEE
//   code `commune_d_implantation` with its name `commune_d_implantation_lib_l`, `code_departement` (`002` or
//   `02`), `nombre_d_eleves_total`. The code goes through the shared commune rule; the name is a safeguard
//   against a column holding postal codes (seen in a sibling dataset): a code that is unknown, or that names
//   another commune than the name does (02100 is Saint-Quentin's postal code and Bony's INSEE code), gives way
//   to the commune found by its name within the département.
// - `code_commune` and `nom_commune`, the header of older exports (`numero_lycee`, `nombre_d_eleves`, commune
//   and département NAMES in upper-case words, optional `code_commune`): names are matched within the département
//   (src/io/commune-names.ts); `code_commune` wins when present.
// Départements: a row of a département that is not one of the territory's is outside the territory, whatever its
// spelling. The names are read with the producer's abbreviations (`SEINE-ST-DENIS`, `ALPES-DE-HTE-PROVENCE`,
// `HTS-DE-SEINE`, `CORSE-DU-SUD`: src/io/commune-names.ts). A spelling that cannot be read at all is settled by
// the school's number, whose first digits are its département (UAI `0590117G` is in 59, src/io/codes.ts): another
// département's school is outside (counted in a note naming the spelling); one that may be in the territory is
// rejected, the reason naming the spelling.
// How: DuckDB reads the whole file (src/io/duckdb-input.ts; the project's CSV reader when read_csv cannot read it
// line for line) and the rule runs in SQL (sql.ts). JavaScript applies only what the project's code alone knows
// (the year and UAI texts, a UAI's département, counts, commune names and département spellings, commune history),
// once per distinct value or place, into small mapping tables that the SQL joins; its notes count rows as the
// row-by-row rule did.
import type { DuckDBConnection } from "@duckdb/node-api";
import { parseHeaderLine } from "../../io/csv.ts";
import { Header, requireRecognised } from "../../io/header.ts";
import { CommuneResolver } from "../../io/communes.ts";
import { departementCode, isNameOfCode, matchCommuneName } from "../../io/commune-names.ts";
import { uaiDepartement } from "../../io/codes.ts";
import { departementOfCommune } from "../../io/reference.ts";
import { MissingCounter, parseCount, type MissingKind } from "../../io/values.ts";
import { ReportBuilder, YearRange, duplicateReason } from "../../io/report.ts";
import { fillTable } from "../../io/appender.ts";
import { readFirstLine } from "../../io/read-text.ts";
import { dropInputTables, scanCsv, type InputField } from "../../io/duckdb-input.ts";
import type { Relation } from "../../db/read-csv.ts";
import { reportKeptCommunes } from "../commune-scan.ts";
import { countOf, rowsOf } from "../../db/rows.ts";
import { loadTables } from "../../db/temp-tables.ts";
import type { FileReport, LoadContext, Recognition, SourceLoader } from "../types.ts";
import { NAMES, distinctSql, insertSql, placeCodesSql, placesSql, rowsSql, verdictSql, type Field, type LyceesTables } from "./sql.ts";
import { description } from "./source.ts";
import type { Territory } from "../../territory/territory.ts";

const OPENDATASOFT = "opendatasoft-mef";
/** Columns of the real export that the older header does not have: two of them make a file "look like" it. */
const OPENDATASOFT_EVIDENCE = [
  "numero_d_etablissement",
  "commune_d_implantation",
  "commune_d_implantation_lib_l",
  "nombre_d_eleves_total",
  "nombre_d_eleves_filles",
  "nombre_d_eleves_garcons",
  "mef_bcp_6",
  "mef_bcp_6_lib_l",
  "academie_2020_lib_l",
  "secteur_d_enseignement_lib_l",
];
// `commune_d_implantation_lib_l` and `code_departement` are optional: without them an unknown code is rejected.
const OPENDATASOFT_REQUIRED = ["rentree_scolaire", "numero_d_etablissement", "commune_d_implantation", "mef_bcp_11", "nombre_d_eleves_total"];
const LEGACY_SIGNATURE = ["rentree_scolaire", "numero_lycee"];
const LEGACY_EVIDENCE = ["rentree_scolaire", "numero_lycee", "denomination_principale", "patronyme", "mef_bcp_11", "mef_bcp_11_lib_l", "academie", "region_academique"];

export function recognise(names: string[]): Recognition {
  const header = new Header(names);
  if (header.missing(LEGACY_SIGNATURE).length > 0) {
    if (OPENDATASOFT_EVIDENCE.filter((c) => header.has(c)).length >= 2) {
      const missing = header.missing(OPENDATASOFT_REQUIRED);
      return missing.length === 0 ? { kind: "match", variant: OPENDATASOFT } : { kind: "missing", missing };
    }
    return LEGACY_EVIDENCE.filter((c) => header.has(c)).length >= 2 ? { kind: "missing", missing: header.missing(LEGACY_SIGNATURE) } : { kind: "no" };
  }
  const missing = header.missing(["nombre_d_eleves"]);
  if (header.has("code_commune")) return missing.length === 0 ? { kind: "match", variant: "code_commune" } : { kind: "missing", missing };
  missing.push(...header.missing(["commune", "departement"]));
  return missing.length === 0 ? { kind: "match", variant: "nom_commune" } : { kind: "missing", missing };
}

const CODE = "commune_d_implantation";
const NAME = "commune_d_implantation_lib_l";

/** Where a row's school is: a commune code for the shared commune rule (with the column it comes from), or an outcome. */
type Location = { kind: "code"; code: string; column: string } | { kind: "outside" } | { kind: "rejected"; column: string; value: string; reason: string };

/** The location cells of a row as written (commune code, commune name, département), and its valid UAI's département. */
interface Place {
  code: string;
  name: string;
  dep: string;
  uaiDepartement: string | undefined;
}

interface Locator {
  /** Where the schools of `rows` rows with this place are (the notes count rows). */
  locate(place: Place, rows: number): Location;
  notes(): string[];
}

const OUTSIDE: Location = { kind: "outside" };
const rejected = (column: string, value: string, reason: string): Location => ({ kind: "rejected", column, value, reason });

/** The département of a row: read from its spelling, else (unreadable spelling) outside when its UAI says so. */
type Departement = { kind: "code"; code: string } | { kind: "outside" } | { kind: "unknown"; what: string };

/**
 * Reads the département column of a row (see the rule at the top). Spellings settled by the UAI are remembered
 * for the report's notes.
 */
class DepartementReader {
  private readonly settledByUai = new Map<string, number>(); // spelling -> rows counted outside

  constructor(private readonly territoryDepartements: Set<string>) {}

  /** `byUai`: the département of the row's UAI (uaiDepartement); `rows`: how many rows the reading stands for. */
  read(raw: string, byUai: string | undefined, rows: number): Departement {
    const code = departementCode(raw);
    if (code) return this.territoryDepartements.has(code) ? { kind: "code", code } : { kind: "outside" };
    const spelling = raw.trim();
    if (byUai && departementCode(byUai) && !this.territoryDepartements.has(departementCode(byUai)!)) {
      this.settledByUai.set(spelling, (this.settledByUai.get(spelling) ?? 0) + rows);
      return { kind: "outside" };
    }
    return { kind: "unknown", what: spelling === "" ? "département absent" : `département inconnu « ${spelling} »` };
  }

  notes(column: string): string[] {
    if (this.settledByUai.size === 0) return [];
    const rows = [...this.settledByUai.values()].reduce((a, b) => a + b, 0);
    const spellings = [...this.settledByUai.keys()].slice(0, 5).map((s) => (s === "" ? "vide" : `« ${s} »`));
    const more = this.settledByUai.size > 5 ? ", …" : "";
    return [
      `${rows} ligne(s) dont le département n'est pas reconnu (${column} : ${spellings.join(", ")}${more}) comptée(s) hors territoire : leur numéro UAI les situe dans un autre département`,
    ];
  }
}

/**
 * Real export: the INSEE code, checked against the commune name. A school in another département with an
 * unknown code cannot be in the territory: its name is not looked up (a national file would otherwise
 * produce thousands of irrelevant rejections).
 */
function opendatasoftLocator(territory: Territory, departements: DepartementReader): Locator {
  // Probing a code must not count it in the report's notes on merged communes: only the code kept is counted.
  const probe = new CommuneResolver(territory);
  let rescued = 0;
  let contradicted = 0;
  let example = "";
  return {
    locate(place, rows) {
      const rawCode = place.code.trim();
      const rawName = place.name.trim();
      const rawDep = place.dep.trim();
      const dep = departementCode(rawDep);
      const known = probe.resolve(rawCode);
      if (known.kind === "ok") {
        if (rawName !== "" && dep) {
          const byName = matchCommuneName(rawName, dep);
          if (byName.kind === "ok" && byName.code !== known.code && !isNameOfCode(rawName, known.source)) {
            contradicted += rows;
            example ||= `${rawCode} « ${rawName} » → ${byName.code}`;
            return { kind: "code", code: byName.code, column: NAME };
          }
        }
        return { kind: "code", code: rawCode, column: CODE };
      }
      const codeProblem = `${CODE} : ${known.reason}`;
      const where = departements.read(rawDep, place.uaiDepartement, rows);
      if (where.kind === "outside") return OUTSIDE;
      if (where.kind === "unknown") return rejected(CODE, rawCode, `${codeProblem} ; code_departement : ${where.what}, commune non recherchée par son nom`);
      if (rawName === "") return rejected(CODE, rawCode, `${codeProblem} ; ${NAME} : nom de commune absent`);
      const byName = matchCommuneName(rawName, where.code);
      if (byName.kind === "rejected") return rejected(CODE, rawCode, `${codeProblem} ; ${NAME} : ${byName.reason}`);
      rescued += rows;
      return { kind: "code", code: byName.code, column: NAME };
    },
    notes() {
      const notes: string[] = departements.notes("code_departement");
      if (rescued > 0)
        notes.push(`${rescued} ligne(s) dont ${CODE} n'est pas un code commune connu (code postal ?) : commune retrouvée par son nom (${NAME}) dans le département`);
      if (contradicted > 0)
        notes.push(
          `${contradicted} ligne(s) dont le code ${CODE} désigne une autre commune que le nom ${NAME} (code postal ?) : commune retrouvée par son nom dans le département, ex. ${example}`,
        );
      return notes;
    },
  };
}

/** Older header: an optional `code_commune`, else the commune name matched within the département. */
function legacyLocator(departements: DepartementReader): Locator {
  let matchedByName = 0;
  return {
    locate(place, rows) {
      const rawCode = place.code.trim();
      if (rawCode !== "") return { kind: "code", code: rawCode, column: "code_commune" };
      const rawDep = place.dep;
      const where = departements.read(rawDep, place.uaiDepartement, rows);
      if (where.kind === "outside") return OUTSIDE;
      if (where.kind === "unknown") return rejected("departement", rawDep, where.what);
      const rawName = place.name;
      const match = matchCommuneName(rawName, where.code);
      if (match.kind === "rejected") return rejected("commune", rawName, match.reason);
      matchedByName += rows;
      return { kind: "code", code: match.code, column: "commune" };
    },
    notes: () => [
      ...departements.notes("departement"),
      ...(matchedByName > 0 ? [`${matchedByName} ligne(s) dont la commune a été retrouvée par son nom dans le département`] : []),
    ],
  };
}

const REASONS = {
  year: "année de rentrée invalide (AAAA attendu, ex. 2023)",
  uai: "numéro UAI invalide (7 chiffres et une lettre attendus, ex. 0020012C)",
};

/** The header field each field of the relation comes from, by variant. */
const FIELDS: Record<"real" | "legacy", Record<Field, string>> = {
  real: {
    year: "rentree_scolaire", uai: "numero_d_etablissement", mef: "mef_bcp_11", label: "mef_bcp_11_lib_l", pupils: "nombre_d_eleves_total",
    code: CODE, name: NAME, dep: "code_departement",
  },
  legacy: {
    year: "rentree_scolaire", uai: "numero_lycee", mef: "mef_bcp_11", label: "mef_bcp_11_lib_l", pupils: "nombre_d_eleves",
    code: "code_commune", name: "commune", dep: "departement",
  },
};

/** The school year of a trimmed `rentree_scolaire` cell (`2023`, `2023-2024`, `2023/24`: its first year), null when none. */
function schoolYear(trimmed: string): number | null {
  const year = /^(\d{4})(?:[-/]\d{2,4})?$/.exec(trimmed);
  return year ? Number(year[1]) : null;
}


/** The distinct texts of some fields of the file. */
const distinct = async (db: DuckDBConnection, t: LyceesTables, fields: readonly Field[]) => (await rowsOf(db, distinctSql(t, fields))).map((r) => String(r.v));

/**
 * The mapping tables of the texts, one row per distinct text of the file: year, UAI (trimmed and upper-cased as the
 * rule reads it, with its département), count of pupils, MEF and label trimmed. JavaScript's trim (every Unicode
 * space), not DuckDB's (the space only).
 */
async function writeTextMappings(db: DuckDBConnection, t: LyceesTables): Promise<void> {
  await fillTable(db, t.years, { raw: "VARCHAR", trimmed: "VARCHAR", year: "INTEGER" }, (await distinct(db, t, ["year"])).map((raw) => [raw, raw.trim(), schoolYear(raw.trim())]));
  await fillTable(db, t.uais, { raw: "VARCHAR", uai: "VARCHAR", ok: "BOOLEAN", departement: "VARCHAR" }, (await distinct(db, t, ["uai"])).map((raw) => {
    const uai = raw.trim().toUpperCase();
    const ok = /^\d{7}[A-Z]$/.test(uai);
    return [raw, uai, ok, (ok && uaiDepartement(uai)) || ""];
  }));
  await fillTable(db, t.counts, { raw: "VARCHAR", ok: "BOOLEAN", value: "INTEGER", missing: "VARCHAR", reason: "VARCHAR" }, (await distinct(db, t, ["pupils"])).map((raw) => {
    const c = parseCount(raw);
    return c.ok ? [raw, true, c.value, c.missing ?? null, null] : [raw, false, null, null, c.reason];
  }));
  await fillTable(db, t.texts, { raw: "VARCHAR", trimmed: "VARCHAR" }, (await distinct(db, t, ["mef", "label"])).map((raw) => [raw, raw.trim()]));
}

/** The places of the rows that pass the year and UAI checks, located once each (in the order of their first row). */
async function writePlaces(db: DuckDBConnection, t: LyceesTables, locator: Locator): Promise<void> {
  const places = (await rowsOf(db, placesSql(t))).map((p) => {
    const [code, name, dep, uaiDep, n] = [String(p.code), String(p.name), String(p.dep), String(p.uai_dep), countOf(p.n)];
    const where = locator.locate({ code, name, dep, uaiDepartement: uaiDep === "" ? undefined : uaiDep }, n);
    const outcome =
      where.kind === "code" ? [where.kind, where.column, null, null, where.code] : where.kind === "rejected" ? [where.kind, where.column, where.value, where.reason, null] : [where.kind, null, null, null, null];
    return [code, name, dep, uaiDep, n, countOf(p.first), ...outcome];
  });
  await fillTable(
    db,
    t.places,
    { code_raw: "VARCHAR", name_raw: "VARCHAR", dep_raw: "VARCHAR", uai_dep: "VARCHAR", n: "INTEGER", first: "INTEGER", kind: "VARCHAR", col: "VARCHAR", val: "VARCHAR", why: "VARCHAR", code: "VARCHAR" },
    places,
  );
}

/** The commune codes of the places through the shared commune rule, in the order of their first row (it counts rows for its notes). */
async function writeCommunes(db: DuckDBConnection, t: LyceesTables, communes: CommuneResolver): Promise<void> {
  const codes = (await rowsOf(db, placeCodesSql(t))).map((c) => {
    const raw = String(c.code);
    const r = communes.resolve(raw, countOf(c.n));
    return r.kind === "ok" ? [raw, true, r.code, r.member, departementOfCommune(r.code), null] : [raw, false, null, null, null, r.reason];
  });
  await fillTable(db, t.communes, { raw: "VARCHAR", ok: "BOOLEAN", code: "VARCHAR", member: "BOOLEAN", departement: "VARCHAR", reason: "VARCHAR" }, codes);
}

/**
 * Copies each row's outcome into the report: the coverage of the rows whose commune was understood, the counts, and
 * the rejections (a territory commune's rejected row charged to it; a duplicate names the UAI and the first line).
 */
async function reportOutcomes(db: DuckDBConnection, t: LyceesTables, report: ReportBuilder, uaiColumn: string): Promise<void> {
  await reportKeptCommunes(db, t.verdict, report);
  const outcome = Object.fromEntries((await rowsOf(db, `SELECT status, count(*) AS n FROM ${t.verdict} GROUP BY 1`)).map((r) => [String(r.status), countOf(r.n)]));
  report.outside(outcome.outside ?? 0);
  report.loaded(outcome.loaded ?? 0);
  const rejected = await rowsOf(db, `SELECT line, code, departement, member, uai, status, first_line, rejection.col AS col, rejection.val AS val, rejection.why AS why
    FROM ${t.verdict} WHERE status IN ('rejected', 'duplicate') ORDER BY line`);
  for (const r of rejected) {
    const line = countOf(r.line);
    if (r.member === true) report.sawCommune(line, String(r.code), String(r.departement), true, 0);
    if (r.status === "duplicate") report.reject(line, uaiColumn, String(r.uai), duplicateReason(countOf(r.first_line)));
    else report.reject(line, String(r.col), String(r.val), String(r.why));
  }
}

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const { db, territory } = ctx;
  const names = parseHeaderLine(await readFirstLine(file));
  const real = requireRecognised(lyceesPro, file, names) === OPENDATASOFT;
  const header = new Header(names);
  const columns = FIELDS[real ? "real" : "legacy"];
  const fields: InputField[] = NAMES.map((f) => ({ name: f, index: header.index(columns[f]) }));

  const t = loadTables("lycees", ["rows", "years", "uais", "counts", "texts", "places", "communes", "verdict", "rejects", "staged"]);
  const input = { rejects: t.rejects, staged: t.staged };
  const report = new ReportBuilder(file, "lycees_pro");
  const communes = new CommuneResolver(territory);
  const departements = new DepartementReader(new Set(territory.communes.map((c) => c.departement)));
  const locator = real ? opendatasoftLocator(territory, departements) : legacyLocator(departements);
  try {
    const scan = async (relation: Relation) => {
      await db.run(rowsSql(t, relation.sql), relation.params);
      return countOf((await rowsOf(db, `SELECT count(*) AS n FROM ${t.rows}`))[0]!.n);
    };
    for (const r of (await scanCsv(db, file, names, fields, input, scan)).rejections) report.reject(r.line, r.column, r.value, r.reason);
    await writeTextMappings(db, t);
    await writePlaces(db, t, locator);
    await writeCommunes(db, t, communes);
    await db.run(verdictSql(t, { year: columns.year, uai: columns.uai, pupils: columns.pupils, badYear: REASONS.year, badUai: REASONS.uai }));
    await reportOutcomes(db, t, report, columns.uai);
    await db.run(insertSql(t), { file });

    for (const n of communes.notes()) report.note(n);
    for (const n of locator.notes()) report.note(n);
    const unknowns = new MissingCounter();
    for (const r of await rowsOf(db, `SELECT missing, count(*) AS n FROM ${t.verdict} WHERE status = 'loaded' GROUP BY 1`)) unknowns.add((r.missing ?? undefined) as MissingKind | undefined, countOf(r.n));
    report.note(unknowns.note());
    const years = new YearRange();
    const [span] = await rowsOf(db, `SELECT min(year) AS first, max(year) AS last FROM ${t.verdict} WHERE status = 'loaded'`);
    if (span!.first !== null) [span!.first, span!.last].forEach((y) => years.add(countOf(y)));
    return report.build(years.label, years.years);
  } finally {
    await dropInputTables(db, input);
    for (const table of Object.values(t)) await db.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

export const lyceesPro: SourceLoader = { description, format: "csv", coverage: "departements", recognise, load };
export default lyceesPro;

export { description };
