// Pupils of vocational schools by school, MEF (training) and school year, from the Ministry of Education
// open data. The file names the commune (upper case) and the département, not the INSEE code: names are
// matched within the département (src/io/commune-names.ts); an optional `code_commune` column wins.
import { openCsv } from "../src/io/csv.ts";
import { Header, cell, requireRecognised } from "../src/io/header.ts";
import { CommuneResolver } from "../src/io/communes.ts";
import { departementCode, matchCommuneName } from "../src/io/commune-names.ts";
import { MissingCounter, parseCount } from "../src/io/values.ts";
import { DuplicateTracker, ReportBuilder, YearRange, duplicateReason } from "../src/io/report.ts";
import { appendIntOrNull, appendTextOrNull, withAppender } from "../src/io/appender.ts";
import type { FileReport, LoadContext, Recognition, SourceDescription, SourceLoader } from "../src/sources/types.ts";

const SIGNATURE = ["rentree_scolaire", "numero_lycee"];
const EVIDENCE = ["rentree_scolaire", "numero_lycee", "denomination_principale", "patronyme", "mef_bcp_11", "mef_bcp_11_lib_l", "academie", "region_academique"];

export const description: SourceDescription = {
  id: "lycees_pro",
  label: "Effectifs d'élèves des lycées professionnels par formation",
  producer: "Ministère de l'Éducation nationale (DEPP)",
  dataset: "fr-en-lycee_pro-effectifs-niveau-sexe-mef",
  licence: "Licence Ouverte / Open Licence Etalab 2.0",
  periodicity: "annuelle (constat de rentrée)",
  url: "https://data.education.gouv.fr/explore/dataset/fr-en-lycee_pro-effectifs-niveau-sexe-mef/",
  limits: [
    "Lycées professionnels publics et privés sous contrat de l'Éducation nationale : les apprentis en CFA et les lycées agricoles n'y figurent pas.",
    "Commune de l'établissement retrouvée à partir de son nom et de son département : un nom introuvable ou ambigu est rejeté avec sa raison.",
    "Une rentrée N correspond à l'année scolaire N-N+1 ; effectifs constatés à la rentrée.",
    "Les codes et libellés de formation (MEF) changent avec les réformes de la voie professionnelle : suivre les familles de métiers plutôt que les intitulés.",
  ],
};

export function recognise(names: string[]): Recognition {
  const header = new Header(names);
  if (header.missing(SIGNATURE).length > 0) {
    return EVIDENCE.filter((c) => header.has(c)).length >= 2 ? { kind: "missing", missing: header.missing(SIGNATURE) } : { kind: "no" };
  }
  const missing = header.missing(["nombre_d_eleves"]);
  if (header.has("code_commune")) return missing.length === 0 ? { kind: "match", variant: "code_commune" } : { kind: "missing", missing };
  missing.push(...header.missing(["commune", "departement"]));
  return missing.length === 0 ? { kind: "match", variant: "nom_commune" } : { kind: "missing", missing };
}

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const csv = await openCsv(file);
  requireRecognised(lyceesPro, file, csv.header);
  const header = new Header(csv.header);
  const [yearI, uaiI, codeI, nameI, depI, mefI, mefLabelI, pupilsI] = [
    "rentree_scolaire",
    "numero_lycee",
    "code_commune",
    "commune",
    "departement",
    "mef_bcp_11",
    "mef_bcp_11_lib_l",
    "nombre_d_eleves",
  ].map((n) => header.index(n)) as [number, number, number, number, number, number, number, number];

  const report = new ReportBuilder(file, "lycees_pro");
  const communes = new CommuneResolver(ctx.territory);
  const duplicates = new DuplicateTracker();
  const unknowns = new MissingCounter();
  const years = new YearRange();
  // A school in another département cannot be in the territory: its name need not be matched (a national
  // file would otherwise produce thousands of irrelevant rejections).
  const territoryDepartements = new Set(ctx.territory.communes.map((c) => c.departement));
  let matchedByName = 0;

  await withAppender(ctx.db, "lycees_pro", async (appender) => {
    for await (const record of csv.records()) {
      const { line, cells } = record;
      if (record.problem) {
        report.reject(line, record.problem.column, cells.join(csv.delimiter), record.problem.reason);
        continue;
      }
      const rawYear = cell(cells, yearI).trim();
      const year = /^(\d{4})(?:[-/]\d{2,4})?$/.exec(rawYear);
      if (!year) {
        report.reject(line, "rentree_scolaire", rawYear, "année de rentrée invalide (AAAA attendu, ex. 2023)");
        continue;
      }
      const uai = cell(cells, uaiI).trim().toUpperCase();
      if (!/^\d{7}[A-Z]$/.test(uai)) {
        report.reject(line, "numero_lycee", uai, "numéro UAI invalide (7 chiffres et une lettre attendus, ex. 0020012C)");
        continue;
      }

      let rawCode = cell(cells, codeI).trim();
      let codeColumn = "code_commune";
      if (rawCode === "") {
        const rawDep = cell(cells, depI);
        const dep = departementCode(rawDep);
        if (!dep) {
          report.reject(line, "departement", rawDep, `département inconnu « ${rawDep.trim()} »`);
          continue;
        }
        if (!territoryDepartements.has(dep)) {
          report.outside();
          continue;
        }
        const rawName = cell(cells, nameI);
        const match = matchCommuneName(rawName, dep);
        if (match.kind === "rejected") {
          report.reject(line, "commune", rawName, match.reason);
          continue;
        }
        rawCode = match.code;
        codeColumn = "commune";
        matchedByName++;
      }
      const commune = communes.member(rawCode, report, line, codeColumn);
      if (!commune) continue;
      const rawPupils = cell(cells, pupilsI);
      const pupils = parseCount(rawPupils);
      if (!pupils.ok) {
        report.reject(line, "nombre_d_eleves", rawPupils, pupils.reason);
        continue;
      }
      const mef = cell(cells, mefI).trim();
      const earlier = duplicates.check(`${year[1]}|${uai}|${mef}`, line);
      if (earlier !== undefined) {
        report.reject(line, "numero_lycee", uai, duplicateReason(earlier));
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
  if (matchedByName > 0) report.note(`${matchedByName} ligne(s) dont la commune a été retrouvée par son nom dans le département`);
  report.note(unknowns.note());
  return report.build(years.label, years.years);
}

export const lyceesPro: SourceLoader = { description, format: "csv", recognise, load };
export default lyceesPro;
