// Sirene establishments (INSEE StockEtablissement, or "Sirene géolocalisée" per département), loaded into table
// `sirene` for the establishments of the territory.
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
import { DuckDBDateValue } from "@duckdb/node-api";
import { openCsv } from "../../io/csv.ts";
import { Header, cell, requireRecognised } from "../../io/header.ts";
import { CommuneResolver } from "../../io/communes.ts";
import { NAF_REV2, canonicalNomenclature, normaliseApe } from "../../io/codes.ts";
import { DuplicateTracker, ReportBuilder, YearRange, duplicateReason } from "../../io/report.ts";
import { appendTextOrNull, withAppender } from "../../io/appender.ts";
import { lastDataYear } from "../../io/values.ts";
import type { FileReport, LoadContext, Recognition, SourceLoader } from "../types.ts";
import { description } from "./source.ts";

const REQUIRED = ["siret", "codeCommuneEtablissement", "dateCreationEtablissement"];
const EVIDENCE = ["siren", "nic", "siret", "trancheEffectifsEtablissement", "etatAdministratifEtablissement", "activitePrincipaleEtablissement", "nomenclatureActivitePrincipaleEtablissement", "etablissementSiege"];
/** INSEE's mark of a hidden field of a partly non-diffusible establishment. */
const NOT_DIFFUSIBLE = "[ND]";

export function recognise(names: string[]): Recognition {
  const header = new Header(names);
  const missing = header.missing(REQUIRED);
  if (missing.length === 0) return { kind: "match", variant: header.has("longitude") && header.has("latitude") ? "geolocalise" : "stock" };
  return EVIDENCE.filter((c) => header.has(c)).length >= 2 ? { kind: "missing", missing } : { kind: "no" };
}

interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** `YYYY-MM-DD` (time part tolerated) to date parts, or null when not a calendar date. */
function parseDate(raw: string): DateParts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(raw.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? { year, month, day } : null;
}

const isoDay = (d: DateParts) => `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;

/** The newest of the dates it is shown. */
class NewestDate {
  value: DateParts | null = null;
  private day = "";
  add(d: DateParts | null): void {
    if (d && isoDay(d) > this.day) [this.value, this.day] = [d, isoDay(d)];
  }
  /** A raw `YYYY-MM-DD...` cell: parsed only when it may be newer (a national stock has 40 million rows). */
  addRaw(raw: string): void {
    if (raw.slice(0, 10) > this.day) this.add(parseDate(raw));
  }
}

function parseBoolean(raw: string): boolean | null | undefined {
  const v = raw.trim().toLowerCase();
  if (v === "") return null;
  if (v === "true" || v === "1" || v === "oui") return true;
  if (v === "false" || v === "0" || v === "non") return false;
  return undefined;
}

/** Counts per label, written `NAP : 3, NAF1993 : 1` (largest first). */
class Tally {
  private readonly counts = new Map<string, number>();
  add(label: string): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
  }
  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
  toString(): string {
    return [...this.counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${k} : ${n}`).join(", ");
  }
}

const COLUMNS = {
  siret: "siret",
  commune: "codeCommuneEtablissement",
  country: "codePaysEtrangerEtablissement",
  created: "dateCreationEtablissement",
  activity: "activitePrincipaleEtablissement",
  nomenclature: "nomenclatureActivitePrincipaleEtablissement",
  naf25: "activitePrincipaleNAF25Etablissement",
  state: "etatAdministratifEtablissement",
  employer: "caractereEmployeurEtablissement",
  headOffice: "etablissementSiege",
  diffusion: "statutDiffusionEtablissement",
  treated: "dateDernierTraitementEtablissement",
} as const;
type Column = keyof typeof COLUMNS;

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const csv = await openCsv(file);
  requireRecognised(sirene, file, csv.header);
  const header = new Header(csv.header);
  const index = Object.fromEntries(Object.entries(COLUMNS).map(([k, name]) => [k, header.index(name)])) as Record<Column, number>;

  const report = new ReportBuilder(file, "sirene");
  const communes = new CommuneResolver(ctx.territory);
  const duplicates = new DuplicateTracker();
  const creations = new YearRange();
  const newestTreatment = new NewestDate();
  const newestCreation = new NewestDate();
  const olderNomenclatures = new Tally();
  const unknownNomenclatures = new Tally();
  const maskedColumns = new Tally();
  let abroad = 0;
  let inferredNafRev2 = 0;
  let noActivity = 0;
  let noDate = 0;
  let partlyDiffusible = 0;

  await withAppender(ctx.db, "sirene", async (appender) => {
    for await (const record of csv.records()) {
      const { line, cells } = record;
      if (report.rejectUnreadable(record, csv.delimiter)) continue;
      const masked: string[] = [];
      /** The trimmed cell; `[ND]` (hidden by INSEE) reads as empty, i.e. unknown. */
      const read = (column: Column): string => {
        const v = cell(cells, index[column]).trim();
        if (v !== NOT_DIFFUSIBLE) return v;
        masked.push(COLUMNS[column]);
        return "";
      };
      // File-wide facts first, whatever becomes of the row: the stock's date is a property of the whole file.
      const treated = read("treated");
      if (!(Number(treated.slice(0, 4)) > lastDataYear())) newestTreatment.addRaw(treated); // no stock date in year 9999
      const rawDate = read("created");
      const date = rawDate === "" ? null : parseDate(rawDate);
      newestCreation.add(date && date.year <= lastDataYear() ? date : null); // a future date is rejected below

      const siret = read("siret");
      if (!/^\d{14}$/.test(siret)) {
        report.reject(line, COLUMNS.siret, cell(cells, index.siret), "SIRET invalide (14 chiffres attendus)");
        continue;
      }
      const rawCommune = read("commune");
      if (rawCommune === "") {
        if (read("country") !== "") {
          // An establishment abroad: a valid row, outside any French territory.
          abroad++;
          report.outside();
        } else {
          const hidden = masked.includes(COLUMNS.commune) ? "code commune non diffusible ([ND])" : "ni code commune";
          report.reject(line, COLUMNS.commune, cell(cells, index.commune), `localisation inconnue : ${hidden} ni pays étranger (codePaysEtrangerEtablissement), l'établissement n'est rattaché à aucune commune`);
        }
        continue;
      }
      const commune = communes.member(rawCommune, report, line, COLUMNS.commune);
      if (!commune) continue;
      if (rawDate !== "" && date === null) {
        report.reject(line, COLUMNS.created, rawDate, "date de création invalide (AAAA-MM-JJ attendu)");
        continue;
      }
      if (date && date.year > lastDataYear()) {
        // A creation after next year cannot be real (9999-12-31 would open report years up to 9999).
        report.reject(line, COLUMNS.created, rawDate, `date de création dans le futur (au plus tard en ${lastDataYear()})`);
        continue;
      }
      const rawHeadOffice = read("headOffice");
      const headOffice = parseBoolean(rawHeadOffice);
      if (headOffice === undefined) {
        report.reject(line, COLUMNS.headOffice, rawHeadOffice, "valeur true/false attendue");
        continue;
      }
      const earlier = duplicates.check(siret, line);
      if (earlier !== undefined) {
        report.reject(line, COLUMNS.siret, siret, duplicateReason(earlier));
        continue;
      }

      const rawActivity = read("activity");
      const rawNomenclature = read("nomenclature");
      let nomenclature = rawNomenclature === "" ? null : (canonicalNomenclature(rawNomenclature) ?? rawNomenclature);
      if (nomenclature === null && normaliseApe(rawActivity) !== null) {
        nomenclature = NAF_REV2;
        inferredNafRev2++;
      }
      if (rawActivity === "") noActivity++;
      else if (nomenclature === null) unknownNomenclatures.add("sans nomenclature");
      else if (canonicalNomenclature(nomenclature) === null) unknownNomenclatures.add(nomenclature);
      else if (nomenclature !== NAF_REV2) olderNomenclatures.add(nomenclature);
      // Only NAF rév. 2 codes get the canonical dotted form; older codes are kept as published.
      const activity = nomenclature === NAF_REV2 ? (normaliseApe(rawActivity) ?? rawActivity) : rawActivity;
      const rawNaf25 = read("naf25");

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
      appendTextOrNull(appender, nomenclature ?? "");
      appendTextOrNull(appender, normaliseApe(rawNaf25) ?? rawNaf25);
      appendTextOrNull(appender, read("state"));
      appendTextOrNull(appender, read("employer"));
      if (headOffice === null) appender.appendNull();
      else appender.appendBoolean(headOffice);
      appender.appendNull(); // date_millesime: known once the whole file is read
      appender.appendVarchar(file);
      appender.endRow();
      report.loaded();
      if (read("diffusion").toUpperCase() === "P") partlyDiffusible++;
      for (const c of masked) maskedColumns.add(c);
    }
  });

  // Only a treatment date tells when the stock was taken; a creation date is merely a lower bound of it, so without
  // one date_millesime stays NULL and the indicators fall back on the newest creation they count.
  if (newestTreatment.value) await ctx.db.run("UPDATE sirene SET date_millesime = CAST($1 AS DATE) WHERE fichier = $2", [isoDay(newestTreatment.value), file]);
  const stockDate = newestTreatment.value ?? newestCreation.value;

  for (const n of communes.notes()) report.note(n);
  if (abroad > 0) report.note(`${abroad} établissement(s) à l'étranger (code pays étranger, sans code commune) comptés hors territoire`);
  const hidden = maskedColumns.total > 0 ? `champs lus masqués : ${maskedColumns}` : "aucun des champs lus n'est masqué";
  if (partlyDiffusible > 0)
    report.note(`${partlyDiffusible} établissement(s) partiellement diffusible(s) chargé(s) (statutDiffusionEtablissement = P) : les champs « [ND] » sont inconnus, jamais des valeurs (${hidden})`);
  else if (maskedColumns.total > 0) report.note(`Champs « [ND] » (non diffusibles) lus comme inconnus : ${maskedColumns}`);
  if (olderNomenclatures.total > 0)
    report.note(`${olderNomenclatures.total} établissement(s) dont l'activité est codée dans une nomenclature antérieure à la NAF rév. 2 (${olderNomenclatures}), chargés et signalés : leur appartenance à l'industrie est inconnue`);
  if (inferredNafRev2 > 0) report.note(`${inferredNafRev2} établissement(s) sans nomenclature dont le code d'activité a la forme NAF rév. 2 (00.00A) : lus en NAF rév. 2`);
  if (unknownNomenclatures.total > 0)
    report.note(`${unknownNomenclatures.total} établissement(s) dont la nomenclature d'activité n'est pas reconnue (${unknownNomenclatures}) : appartenance à l'industrie inconnue`);
  if (noActivity > 0) report.note(`${noActivity} établissement(s) sans activité principale (activité inconnue)`);
  if (noDate > 0) report.note(`${noDate} établissement(s) sans date de création (date inconnue, NULL)`);
  const vintage = stockDate ? isoDay(stockDate).slice(0, 7) : null;
  return report.build(vintage, creations.years);
}

// The national stock holds about 40 million establishments for 68 million inhabitants, some 0.6 per inhabitant: a file with
// fewer than one per thousand inhabitants of a département is an extract of it, covering only its communes with rows.
export const sirene: SourceLoader = { description, format: "csv", coverage: "departements", minRowsPerInhabitant: 0.001, recognise, load };
export default sirene;

export { description };
