// DARES job seekers registered at France Travail by commune, end of quarter, every category, sex and age
// band kept as published (the indicators choose), loaded into table `dares`.
import { openCsv } from "../src/io/csv.ts";
import { Header, cell, requireRecognised } from "../src/io/header.ts";
import { CommuneResolver } from "../src/io/communes.ts";
import { MissingCounter, parseCount } from "../src/io/values.ts";
import { DuplicateTracker, ReportBuilder, YearRange, duplicateReason } from "../src/io/report.ts";
import { appendIntOrNull, withAppender } from "../src/io/appender.ts";
import type { FileReport, LoadContext, Recognition, SourceDescription, SourceLoader } from "../src/sources/types.ts";

const SIGNATURE = ["code_commune", "nombre_de_demandeurs_d_emploi"];
const REQUIRED = ["code_commune", "date", "categorie", "sexe", "tranche_d_age", "nombre_de_demandeurs_d_emploi"];
const EVIDENCE = ["nombre_de_demandeurs_d_emploi", "type_de_donnees", "tranche_d_age", "categorie", "libelle_commune"];
const RAW_DATA = "données brutes";

export const description: SourceDescription = {
  id: "dares",
  label: "Demandeurs d'emploi inscrits à France Travail par commune",
  producer: "Dares (ministère du Travail) et France Travail",
  dataset: "dares_defm_communales-brutes",
  licence: "Licence Ouverte / Open Licence Etalab 2.0",
  periodicity: "trimestrielle (fin de trimestre)",
  url: "https://data.dares.travail-emploi.gouv.fr/explore/dataset/dares_defm_communales-brutes/",
  limits: [
    "Effectifs arrondis à 5 par la Dares ; les petites valeurs sont soumises au secret statistique (« s ») et chargées comme inconnues, jamais comme zéro.",
    "Les sommes de valeurs arrondies ne sont pas exactes : un total communal peut différer de la somme de ses catégories.",
    "Données brutes, non corrigées des variations saisonnières : comparer des trimestres identiques d'une année à l'autre (le 4e trimestre par défaut).",
    "Catégorie A : sans emploi ; B et C : activité réduite. Les évolutions réglementaires (loi « plein emploi », inscription automatique de 2025) créent des ruptures de série.",
  ],
};

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

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const csv = await openCsv(file);
  requireRecognised(dares, file, csv.header);
  const header = new Header(csv.header);
  const [communeI, dateI, typeI, categoryI, sexI, ageI, countI] = [
    "code_commune",
    "date",
    "type_de_donnees",
    "categorie",
    "sexe",
    "tranche_d_age",
    "nombre_de_demandeurs_d_emploi",
  ].map((n) => header.index(n)) as [number, number, number, number, number, number, number];

  const report = new ReportBuilder(file, "dares");
  const communes = new CommuneResolver(ctx.territory);
  const duplicates = new DuplicateTracker();
  const unknowns = new MissingCounter();
  const years = new YearRange();

  await withAppender(ctx.db, "dares", async (appender) => {
    for await (const record of csv.records()) {
      const { line, cells } = record;
      if (report.rejectUnreadable(record, csv.delimiter)) continue;
      const rawCommune = cell(cells, communeI);
      const commune = communes.member(rawCommune, report, line, "code_commune");
      if (!commune) continue;
      const rawDate = cell(cells, dateI);
      const date = parseQuarter(rawDate);
      if (!date) {
        report.reject(line, "date", rawDate, "date de fin de trimestre attendue (AAAA-MM-JJ, ex. 2023-12-31, ou AAAA-TN, ex. 2023-T4)");
        continue;
      }
      // The table has no column for the kind of data: seasonally adjusted rows would double the counts.
      const type = cell(cells, typeI).trim();
      if (type !== "" && type.toLowerCase() !== RAW_DATA) {
        report.reject(line, "type_de_donnees", type, "type de données non pris en charge : seules les « Données brutes » sont chargées");
        continue;
      }
      const [category, sex, age] = [categoryI, sexI, ageI].map((i) => cell(cells, i).trim()) as [string, string, string];
      const emptyKey = [
        ["categorie", category],
        ["sexe", sex],
        ["tranche_d_age", age],
      ].find(([, v]) => v === "");
      if (emptyKey) {
        report.reject(line, emptyKey[0]!, "", `valeur obligatoire absente (« ${emptyKey[0]} »)`);
        continue;
      }
      const rawCount = cell(cells, countI);
      const count = parseCount(rawCount);
      if (!count.ok) {
        report.reject(line, "nombre_de_demandeurs_d_emploi", rawCount, count.reason);
        continue;
      }
      const earlier = duplicates.check([commune.source, date.year, date.quarter, type, category, sex, age].join("|"), line);
      if (earlier !== undefined) {
        report.reject(line, "code_commune", rawCommune, duplicateReason(earlier));
        continue;
      }
      unknowns.add(count.missing);
      years.add(date.year);
      appender.appendVarchar(commune.code);
      appender.appendInteger(date.year);
      appender.appendInteger(date.quarter);
      appender.appendVarchar(category);
      appender.appendVarchar(sex);
      appender.appendVarchar(age);
      appendIntOrNull(appender, count.value);
      appender.appendVarchar(file);
      appender.endRow();
      report.loaded();
    }
  });

  for (const n of communes.notes()) report.note(n);
  report.note(unknowns.note());
  return report.build(years.label, years.years);
}

export const dares: SourceLoader = { description, format: "csv", coverage: "communes", recognise, load };
export default dares;
