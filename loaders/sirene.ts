// Sirene establishments (StockEtablissement extract or "Sirene géolocalisée" per département), loaded into
// table `sirene` for the establishments of the territory. Establishments coded in an older nomenclature
// (NAFv1, NAF1993, NAP) are loaded with their nomenclature so indicators can flag them, never dropped.
import { DuckDBDateValue } from "@duckdb/node-api";
import { openCsv } from "../src/io/csv.ts";
import { Header, cell, requireRecognised } from "../src/io/header.ts";
import { CommuneResolver } from "../src/io/communes.ts";
import { normaliseApe } from "../src/io/codes.ts";
import { DuplicateTracker, ReportBuilder, YearRange, duplicateReason } from "../src/io/report.ts";
import { appendTextOrNull, withAppender } from "../src/io/appender.ts";
import type { FileReport, LoadContext, Recognition, SourceDescription, SourceLoader } from "../src/sources/types.ts";

const REQUIRED = ["siret", "codeCommuneEtablissement", "dateCreationEtablissement"];
const EVIDENCE = ["siren", "nic", "siret", "trancheEffectifsEtablissement", "etatAdministratifEtablissement", "activitePrincipaleEtablissement", "nomenclatureActivitePrincipaleEtablissement", "etablissementSiege"];

export const description: SourceDescription = {
  id: "sirene",
  label: "Établissements du répertoire Sirene",
  producer: "Insee",
  dataset: "Base Sirene des entreprises et de leurs établissements (StockEtablissement, Sirene géolocalisée par département)",
  licence: "Licence Ouverte / Open Licence Etalab 2.0",
  periodicity: "mensuelle (stock), quotidienne (mises à jour)",
  url: "https://www.data.gouv.fr/fr/datasets/base-sirene-des-entreprises-et-de-leurs-etablissements-siren-siret/",
  limits: [
    "Une création d'établissement n'est pas une création d'emploi : les établissements sans salarié (auto-entrepreneurs, sociétés civiles) sont nombreux.",
    "Date de création : celle de l'établissement au répertoire, y compris les transferts et réactivations ; elle peut être absente.",
    "Les établissements dont l'activité est codée dans une nomenclature antérieure (NAFv1, NAF 1993, NAP) sont conservés et signalés par la colonne de nomenclature : leur code n'est pas comparable à la NAF rév. 2.",
    "Le stock ne contient que les établissements encore présents au répertoire : les créations anciennes d'établissements purgés manquent.",
    "Les établissements non diffusibles (droit d'opposition) sont absents des fichiers publics.",
  ],
};

export function recognise(names: string[]): Recognition {
  const header = new Header(names);
  const missing = header.missing(REQUIRED);
  if (missing.length === 0) return { kind: "match", variant: header.has("longitude") && header.has("latitude") ? "geolocalise" : "stock" };
  return EVIDENCE.filter((c) => header.has(c)).length >= 2 ? { kind: "missing", missing } : { kind: "no" };
}

/** `YYYY-MM-DD` (time part tolerated) to date parts, or null when not a calendar date. */
function parseDate(raw: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(raw.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? { year, month, day } : null;
}

function parseBoolean(raw: string): boolean | null | undefined {
  const v = raw.trim().toLowerCase();
  if (v === "") return null;
  if (v === "true" || v === "1" || v === "oui") return true;
  if (v === "false" || v === "0" || v === "non") return false;
  return undefined;
}

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const csv = await openCsv(file);
  requireRecognised(sirene, file, csv.header);
  const header = new Header(csv.header);
  const col = (name: string) => header.index(name);
  const [siretI, communeI, dateI, activityI, nomenclatureI, stateI, employerI, headOfficeI] = [
    "siret",
    "codeCommuneEtablissement",
    "dateCreationEtablissement",
    "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement",
    "etatAdministratifEtablissement",
    "caractereEmployeurEtablissement",
    "etablissementSiege",
  ].map(col) as [number, number, number, number, number, number, number, number];

  const report = new ReportBuilder(file, "sirene");
  const communes = new CommuneResolver(ctx.territory);
  const duplicates = new DuplicateTracker();
  const creations = new YearRange();
  let abroad = 0;
  let olderNomenclature = 0;
  let noDate = 0;

  await withAppender(ctx.db, "sirene", async (appender) => {
    for await (const record of csv.records()) {
      const { line, cells } = record;
      if (report.rejectUnreadable(record, csv.delimiter)) continue;
      const siret = cell(cells, siretI).trim();
      if (!/^\d{14}$/.test(siret)) {
        report.reject(line, "siret", siret, "SIRET invalide (14 chiffres attendus)");
        continue;
      }
      const rawCommune = cell(cells, communeI);
      if (rawCommune.trim() === "") {
        // Establishments abroad have no commune code: valid rows, outside any French territory.
        abroad++;
        report.outside();
        continue;
      }
      const commune = communes.member(rawCommune, report, line, "codeCommuneEtablissement");
      if (!commune) continue;
      const rawDate = cell(cells, dateI).trim();
      const date = rawDate === "" ? null : parseDate(rawDate);
      if (rawDate !== "" && date === null) {
        report.reject(line, "dateCreationEtablissement", rawDate, "date de création invalide (AAAA-MM-JJ attendu)");
        continue;
      }
      const rawHeadOffice = cell(cells, headOfficeI);
      const headOffice = parseBoolean(rawHeadOffice);
      if (headOffice === undefined) {
        report.reject(line, "etablissementSiege", rawHeadOffice, "valeur true/false attendue");
        continue;
      }
      const earlier = duplicates.check(siret, line);
      if (earlier !== undefined) {
        report.reject(line, "siret", siret, duplicateReason(earlier));
        continue;
      }
      const nomenclature = cell(cells, nomenclatureI).trim();
      const rawActivity = cell(cells, activityI).trim();
      // Only NAF rév. 2 codes get the canonical dotted form; older codes are kept as published.
      const isNafRev2 = nomenclature === "" || nomenclature.toUpperCase() === "NAFV2";
      const activity = isNafRev2 ? (normaliseApe(rawActivity) ?? rawActivity) : rawActivity;
      if (!isNafRev2) olderNomenclature++;

      appender.appendVarchar(siret);
      appender.appendVarchar(commune.code);
      if (date) {
        appender.appendDate(DuckDBDateValue.fromParts(date));
        creations.add(date.year);
      } else {
        appender.appendNull();
        noDate++;
      }
      appendTextOrNull(appender, activity);
      appendTextOrNull(appender, nomenclature);
      appendTextOrNull(appender, cell(cells, stateI).trim());
      appendTextOrNull(appender, cell(cells, employerI).trim());
      if (headOffice === null) appender.appendNull();
      else appender.appendBoolean(headOffice);
      appender.appendVarchar(file);
      appender.endRow();
      report.loaded();
    }
  });

  for (const n of communes.notes()) report.note(n);
  if (abroad > 0) report.note(`${abroad} établissement(s) sans code commune (à l'étranger) comptés hors territoire`);
  if (olderNomenclature > 0) report.note(`${olderNomenclature} établissement(s) dont l'activité est codée dans une nomenclature antérieure à la NAF rév. 2 (chargés et signalés)`);
  if (noDate > 0) report.note(`${noDate} établissement(s) sans date de création (date inconnue, NULL)`);
  return report.build(creations.max === null ? null : String(creations.max), creations.years);
}

export const sirene: SourceLoader = { description, format: "csv", coverage: "departements", recognise, load };
export default sirene;
