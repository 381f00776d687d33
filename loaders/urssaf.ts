// URSSAF establishments and salaried jobs by commune x APE, published wide by year
// (`nombre_d_etablissements_YYYY`, `effectifs_salaries_YYYY`), loaded long into table `urssaf`.
import { openCsv } from "../src/io/csv.ts";
import { Header, cell, requireRecognised } from "../src/io/header.ts";
import { CommuneResolver } from "../src/io/communes.ts";
import { normaliseApe } from "../src/io/codes.ts";
import { MissingCounter, parseCount, type MissingKind } from "../src/io/values.ts";
import { DuplicateTracker, ReportBuilder, duplicateReason } from "../src/io/report.ts";
import { appendIntOrNull, withAppender } from "../src/io/appender.ts";
import type { FileReport, LoadContext, Recognition, SourceDescription, SourceLoader } from "../src/sources/types.ts";

const ESTABLISHMENTS = /^nombre_d_etablissements_(\d{4})$/;
const JOBS = /^effectifs_salaries_(\d{4})$/;
const REQUIRED = ["code_commune", "code_ape"];
// Columns that only URSSAF files have: two of them mean "this is URSSAF", even if required ones are missing.
const EVIDENCE = ["code_ape", "intitule_commune", "grand_secteur_d_activite", "secteur_na17", "secteur_na38", "secteur_na88", "code_zone_d_emploi"];

export const description: SourceDescription = {
  id: "urssaf",
  label: "Établissements et effectifs salariés du secteur privé par commune et APE",
  producer: "Urssaf Caisse nationale",
  dataset: "etablissements-et-effectifs-salaries-au-niveau-commune-x-ape-last",
  licence: "ODbL (Open Database License)",
  periodicity: "annuelle (effectifs au 31 décembre)",
  url: "https://open.urssaf.fr/api/explore/v2.1/catalog/datasets/etablissements-et-effectifs-salaries-au-niveau-commune-x-ape-last/exports/csv",
  limits: [
    "Champ : secteur privé (régime général), hors intérim affecté à l'établissement utilisateur ; fonction publique, agriculture (MSA) et particuliers employeurs exclus.",
    "Effectifs salariés au 31 décembre de chaque année : un emploi saisonnier ou de courte durée n'y figure pas.",
    "Rupture de série : les apprentis ne sont inclus dans les effectifs qu'à partir de la publication de juin 2023 (toute la série republiée) ; ne pas comparer avec des chiffres issus de publications antérieures.",
    "Valeurs non publiées (secret statistique) : laissées vides par l'Urssaf, chargées comme inconnues, jamais comme zéro.",
    "Chaque publication révise toute la série : les millésimes ne se mélangent pas.",
    "L'industrie s'entend au sens de l'agrégat Insee « Industrie (BE) » : divisions NAF 05 à 39.",
  ],
};

interface YearColumns {
  year: number;
  establishments: { name: string; index: number } | undefined;
  jobs: { name: string; index: number } | undefined;
}

function yearColumns(header: Header): YearColumns[] {
  const byYear = new Map<number, YearColumns>();
  const get = (year: number) => byYear.get(year) ?? byYear.set(year, { year, establishments: undefined, jobs: undefined }).get(year)!;
  for (const c of header.matching(ESTABLISHMENTS)) get(Number(c.match[1])).establishments = c;
  for (const c of header.matching(JOBS)) get(Number(c.match[1])).jobs = c;
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export function recognise(names: string[]): Recognition {
  const header = new Header(names);
  const jobs = header.matching(JOBS);
  const missing = header.missing(REQUIRED);
  if (jobs.length === 0) missing.push("effectifs_salaries_AAAA");
  if (missing.length === 0) {
    const years = yearColumns(header).map((y) => y.year);
    return { kind: "match", variant: `${years[0]}-${years[years.length - 1]}` };
  }
  const evidence = EVIDENCE.filter((c) => header.has(c)).length + (jobs.length > 0 ? 1 : 0) + (header.matching(ESTABLISHMENTS).length > 0 ? 1 : 0);
  return evidence >= 2 ? { kind: "missing", missing } : { kind: "no" };
}

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const csv = await openCsv(file);
  const variant = requireRecognised(urssaf, file, csv.header);
  const header = new Header(csv.header);
  const years = yearColumns(header);
  const communeIndex = header.index("code_commune");
  const apeIndex = header.index("code_ape");

  const report = new ReportBuilder(file, "urssaf");
  const communes = new CommuneResolver(ctx.territory);
  const duplicates = new DuplicateTracker();
  const unknowns = new MissingCounter();

  await withAppender(ctx.db, "urssaf", async (appender) => {
    rows: for await (const record of csv.records()) {
      const { line, cells } = record;
      if (report.rejectUnreadable(record, csv.delimiter)) continue;
      const rawCommune = cell(cells, communeIndex);
      const commune = communes.member(rawCommune, report, line, "code_commune");
      if (!commune) continue;
      const rawApe = cell(cells, apeIndex);
      const ape = normaliseApe(rawApe);
      if (ape === null) {
        report.reject(line, "code_ape", rawApe, "code APE invalide (attendu : 4 chiffres et une lettre, ex. 2511Z)");
        continue;
      }
      const values: { year: number; establishments: number | null; jobs: number | null }[] = [];
      const unknownKinds: MissingKind[] = [];
      for (const y of years) {
        const parsed: (number | null)[] = [];
        for (const column of [y.establishments, y.jobs]) {
          if (!column) {
            parsed.push(null); // a family of columns may cover fewer years than the other
            continue;
          }
          const raw = cell(cells, column.index);
          const v = parseCount(raw);
          if (!v.ok) {
            report.reject(line, column.name, raw, v.reason);
            continue rows;
          }
          parsed.push(v.value);
          if (v.missing) unknownKinds.push(v.missing);
        }
        values.push({ year: y.year, establishments: parsed[0]!, jobs: parsed[1]! });
      }
      const earlier = duplicates.check(`${commune.source}|${ape}`, line);
      if (earlier !== undefined) {
        report.reject(line, "code_commune", rawCommune, duplicateReason(earlier));
        continue;
      }
      for (const kind of unknownKinds) unknowns.add(kind);
      for (const v of values) {
        appender.appendVarchar(commune.code);
        appender.appendVarchar(ape);
        appender.appendInteger(v.year);
        appendIntOrNull(appender, v.establishments);
        appendIntOrNull(appender, v.jobs);
        appender.appendVarchar(file);
        appender.endRow();
      }
      report.loaded();
    }
  });

  for (const n of communes.notes()) report.note(n);
  report.note(unknowns.note());
  const first = years[0]!.year;
  const last = years[years.length - 1]!.year;
  return report.build(variant, [first, last]);
}

export const urssaf: SourceLoader = { description, format: "csv", coverage: "communes", recognise, load };
export default urssaf;
