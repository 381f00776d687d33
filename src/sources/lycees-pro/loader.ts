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
import { openCsv } from "../../io/csv.ts";
import { Header, cell, requireRecognised } from "../../io/header.ts";
import { CommuneResolver } from "../../io/communes.ts";
import { departementCode, isNameOfCode, matchCommuneName } from "../../io/commune-names.ts";
import { uaiDepartement } from "../../io/codes.ts";
import { MissingCounter, parseCount } from "../../io/values.ts";
import { DuplicateTracker, ReportBuilder, YearRange, duplicateReason } from "../../io/report.ts";
import { appendIntOrNull, appendTextOrNull, withAppender } from "../../io/appender.ts";
import type { FileReport, LoadContext, Recognition, SourceLoader } from "../types.ts";
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

interface Locator {
  /** Where the school of a row is; `uai` is its (valid) number. */
  locate(cells: string[], uai: string): Location;
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

  read(raw: string, uai: string): Departement {
    const code = departementCode(raw);
    if (code) return this.territoryDepartements.has(code) ? { kind: "code", code } : { kind: "outside" };
    const spelling = raw.trim();
    const byUai = uaiDepartement(uai);
    if (byUai && departementCode(byUai) && !this.territoryDepartements.has(departementCode(byUai)!)) {
      this.settledByUai.set(spelling, (this.settledByUai.get(spelling) ?? 0) + 1);
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
function opendatasoftLocator(header: Header, territory: Territory, departements: DepartementReader): Locator {
  const [codeI, nameI, depI] = [CODE, NAME, "code_departement"].map((n) => header.index(n)) as [number, number, number];
  // Probing a code must not count it in the report's notes on merged communes: only the code kept is counted.
  const probe = new CommuneResolver(territory);
  let rescued = 0;
  let contradicted = 0;
  let example = "";
  return {
    locate(cells, uai) {
      const rawCode = cell(cells, codeI).trim();
      const rawName = cell(cells, nameI).trim();
      const rawDep = cell(cells, depI).trim();
      const dep = departementCode(rawDep);
      const known = probe.resolve(rawCode);
      if (known.kind === "ok") {
        if (rawName !== "" && dep) {
          const byName = matchCommuneName(rawName, dep);
          if (byName.kind === "ok" && byName.code !== known.code && !isNameOfCode(rawName, known.source)) {
            contradicted++;
            example ||= `${rawCode} « ${rawName} » → ${byName.code}`;
            return { kind: "code", code: byName.code, column: NAME };
          }
        }
        return { kind: "code", code: rawCode, column: CODE };
      }
      const codeProblem = `${CODE} : ${known.reason}`;
      const where = departements.read(rawDep, uai);
      if (where.kind === "outside") return OUTSIDE;
      if (where.kind === "unknown") return rejected(CODE, rawCode, `${codeProblem} ; code_departement : ${where.what}, commune non recherchée par son nom`);
      if (rawName === "") return rejected(CODE, rawCode, `${codeProblem} ; ${NAME} : nom de commune absent`);
      const byName = matchCommuneName(rawName, where.code);
      if (byName.kind === "rejected") return rejected(CODE, rawCode, `${codeProblem} ; ${NAME} : ${byName.reason}`);
      rescued++;
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
function legacyLocator(header: Header, departements: DepartementReader): Locator {
  const [codeI, nameI, depI] = ["code_commune", "commune", "departement"].map((n) => header.index(n)) as [number, number, number];
  let matchedByName = 0;
  return {
    locate(cells, uai) {
      const rawCode = cell(cells, codeI).trim();
      if (rawCode !== "") return { kind: "code", code: rawCode, column: "code_commune" };
      const rawDep = cell(cells, depI);
      const where = departements.read(rawDep, uai);
      if (where.kind === "outside") return OUTSIDE;
      if (where.kind === "unknown") return rejected("departement", rawDep, where.what);
      const rawName = cell(cells, nameI);
      const match = matchCommuneName(rawName, where.code);
      if (match.kind === "rejected") return rejected("commune", rawName, match.reason);
      matchedByName++;
      return { kind: "code", code: match.code, column: "commune" };
    },
    notes: () => [
      ...departements.notes("departement"),
      ...(matchedByName > 0 ? [`${matchedByName} ligne(s) dont la commune a été retrouvée par son nom dans le département`] : []),
    ],
  };
}

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const csv = await openCsv(file);
  const variant = requireRecognised(lyceesPro, file, csv.header);
  const header = new Header(csv.header);
  const real = variant === OPENDATASOFT;
  const uaiColumn = real ? "numero_d_etablissement" : "numero_lycee";
  const pupilsColumn = real ? "nombre_d_eleves_total" : "nombre_d_eleves";
  const [yearI, uaiI, mefI, mefLabelI, pupilsI] = ["rentree_scolaire", uaiColumn, "mef_bcp_11", "mef_bcp_11_lib_l", pupilsColumn].map((n) => header.index(n)) as [
    number,
    number,
    number,
    number,
    number,
  ];

  const report = new ReportBuilder(file, "lycees_pro");
  const communes = new CommuneResolver(ctx.territory);
  const duplicates = new DuplicateTracker();
  const unknowns = new MissingCounter();
  const years = new YearRange();
  const territoryDepartements = new Set(ctx.territory.communes.map((c) => c.departement));
  const departements = new DepartementReader(territoryDepartements);
  const locator = real ? opendatasoftLocator(header, ctx.territory, departements) : legacyLocator(header, departements);

  await withAppender(ctx.db, "lycees_pro", async (appender) => {
    for await (const record of csv.records()) {
      const { line, cells } = record;
      if (report.rejectUnreadable(record, csv.delimiter)) continue;
      const rawYear = cell(cells, yearI).trim();
      const year = /^(\d{4})(?:[-/]\d{2,4})?$/.exec(rawYear);
      if (!year) {
        report.reject(line, "rentree_scolaire", rawYear, "année de rentrée invalide (AAAA attendu, ex. 2023)");
        continue;
      }
      const uai = cell(cells, uaiI).trim().toUpperCase();
      if (!/^\d{7}[A-Z]$/.test(uai)) {
        report.reject(line, uaiColumn, uai, "numéro UAI invalide (7 chiffres et une lettre attendus, ex. 0020012C)");
        continue;
      }
      const place = locator.locate(cells, uai);
      if (place.kind === "outside") {
        report.outside();
        continue;
      }
      if (place.kind === "rejected") {
        report.reject(line, place.column, place.value, place.reason);
        continue;
      }
      const commune = communes.member(place.code, report, line, place.column);
      if (!commune) continue;
      const rawPupils = cell(cells, pupilsI);
      const pupils = parseCount(rawPupils);
      if (!pupils.ok) {
        report.reject(line, pupilsColumn, rawPupils, pupils.reason);
        continue;
      }
      const mef = cell(cells, mefI).trim();
      const earlier = duplicates.check(`${year[1]}|${uai}|${mef}`, line);
      if (earlier !== undefined) {
        report.reject(line, uaiColumn, uai, duplicateReason(earlier));
        continue;
      }
      unknowns.add(pupils.missing);
      years.add(Number(year[1]));
      appender.appendInteger(Number(year[1]));
      appender.appendVarchar(uai);
      appender.appendVarchar(commune.code);
      appendTextOrNull(appender, mef);
      appendTextOrNull(appender, cell(cells, mefLabelI).trim());
      appendIntOrNull(appender, pupils.value);
      appender.appendVarchar(file);
      appender.endRow();
      report.loaded();
    }
  });

  for (const n of communes.notes()) report.note(n);
  for (const n of locator.notes()) report.note(n);
  report.note(unknowns.note());
  return report.build(years.label, years.years);
}

export const lyceesPro: SourceLoader = { description, format: "csv", coverage: "departements", recognise, load };
export default lyceesPro;

export { description };
