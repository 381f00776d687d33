// DARES job seekers registered at France Travail by commune, end of quarter, every category, sex and age
// band kept as published (the indicators choose), loaded into table `dares`.
//
// Rules applied to the rows of a file:
// - Header: field names (`code_commune`, `type_de_donnees`...) or the labels of the portal's default export
//   (`Code commune`, `Type de données`...), looked up by the same key (src/io/header.ts).
// - Kind of data (`type_de_donnees`): only raw data is loaded. `Brutes` (the producer's export), `Données brutes`
//   and an empty cell are raw; seasonally adjusted rows (`CVS`, `CVS-CJO`, « corrigées des variations
//   saisonnières ») are rejected, and so is any other value: the table has no column for the kind of data, so a
//   second kind would add up with the raw counts.
// - Date: end of quarter `2023-12-31` or `2023-T4` (the producer's export).
// - Paris, Lyon and Marseille are published both as the city (75056, 69123, 13055) and as their municipal
//   arrondissements (75101-75120, 69381-69389, 13201-13216); an arrondissement row counts for its city. For a key
//   (city, date, catégorie, sexe, tranche d'âge) for which the file has the city's own row, the city row wins:
//   it is the producer's total, rounded once and not weakened by secret arrondissements; the arrondissement rows
//   of that key are rejected, naming the city's line. For a key without a city row, the arrondissement rows are
//   loaded and summed into the city by the indicators (a secret arrondissement makes the sum partial). Rows come
//   in any order (the producer's export puts arrondissements first): the rule is applied once the file is read,
//   within that file.
// - Counts rounded to 5 by the producer; a secret (`s`, `*`, `nd`) or empty count is unknown (NULL), never 0.
import { openCsv } from "../../io/csv.ts";
import { listValue, type DuckDBConnection } from "@duckdb/node-api";
import { Header, cell, columnKey, requireRecognised } from "../../io/header.ts";
import { CommuneResolver } from "../../io/communes.ts";
import { MissingCounter, parseCount, type MissingKind } from "../../io/values.ts";
import { DuplicateTracker, ReportBuilder, YearRange, duplicateReason } from "../../io/report.ts";
import { appendIntOrNull, withAppender } from "../../io/appender.ts";
import type { FileReport, LoadContext, Recognition, SourceLoader } from "../types.ts";
import { description } from "./source.ts";

const SIGNATURE = ["code_commune", "nombre_de_demandeurs_d_emploi"];
const REQUIRED = ["code_commune", "date", "categorie", "sexe", "tranche_d_age", "nombre_de_demandeurs_d_emploi"];
const EVIDENCE = ["nombre_de_demandeurs_d_emploi", "type_de_donnees", "tranche_d_age", "categorie", "libelle_commune"];

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

type DataKind = "raw" | "adjusted" | "unknown";

/** Raw data (`Brutes`, `Données brutes`, empty), seasonally adjusted data (`CVS`...), or a value we do not know. */
export function dataKind(raw: string): DataKind {
  const key = columnKey(raw);
  if (key === "") return "raw";
  if (/(^|_)(cvs|cjo)|corrig|saisonn/.test(key)) return "adjusted";
  if (/(^|_)brut(e|es|s)?(_|$)/.test(key)) return "raw";
  return "unknown";
}

const COLUMNS = ["code_commune", "date", "type_de_donnees", "categorie", "sexe", "tranche_d_age", "nombre_de_demandeurs_d_emploi"] as const;

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const csv = await openCsv(file);
  requireRecognised(dares, file, csv.header);
  const header = new Header(csv.header);
  const [communeI, dateI, typeI, categoryI, sexI, ageI, countI] = COLUMNS.map((n) => header.index(n)) as [number, number, number, number, number, number, number];
  // Rejections name the column as the file writes it (`Code commune` in a label export).
  const name = (index: number, field: string) => header.names[index] ?? field;

  const report = new ReportBuilder(file, "dares");
  const communes = new CommuneResolver(ctx.territory);
  const duplicates = new DuplicateTracker();
  const unknowns = new MissingCounter();
  const years = new YearRange();
  // Arrondissement rows loaded, by line: their code and unknown kind, to undo them if their city's row wins.
  const arrondissementRows = new Map<number, { code: string; missing: MissingKind | undefined }>();

  await withAppender(ctx.db, "dares", async (appender) => {
    for await (const record of csv.records()) {
      const { line, cells } = record;
      if (report.rejectUnreadable(record, csv.delimiter)) continue;
      const rawCommune = cell(cells, communeI);
      const commune = communes.member(rawCommune, report, line, name(communeI, "code_commune"));
      if (!commune) continue;
      const rawDate = cell(cells, dateI);
      const date = parseQuarter(rawDate);
      if (!date) {
        report.reject(line, name(dateI, "date"), rawDate, "date de fin de trimestre attendue (AAAA-MM-JJ, ex. 2023-12-31, ou AAAA-TN, ex. 2023-T4)");
        continue;
      }
      const type = cell(cells, typeI).trim();
      const kind = dataKind(type);
      if (kind !== "raw") {
        const why =
          kind === "adjusted"
            ? "données corrigées des variations saisonnières : seules les données brutes (« Brutes ») sont chargées"
            : "type de données inconnu : seules les données brutes (« Brutes ») sont chargées";
        report.reject(line, name(typeI, "type_de_donnees"), type, why);
        continue;
      }
      const [category, sex, age] = [categoryI, sexI, ageI].map((i) => cell(cells, i).trim()) as [string, string, string];
      const emptyKey = [
        [name(categoryI, "categorie"), category],
        [name(sexI, "sexe"), sex],
        [name(ageI, "tranche_d_age"), age],
      ].find(([, v]) => v === "");
      if (emptyKey) {
        report.reject(line, emptyKey[0]!, "", `valeur obligatoire absente (« ${emptyKey[0]} »)`);
        continue;
      }
      const rawCount = cell(cells, countI);
      const count = parseCount(rawCount);
      if (!count.ok) {
        report.reject(line, name(countI, "nombre_de_demandeurs_d_emploi"), rawCount, count.reason);
        continue;
      }
      const earlier = duplicates.check([commune.source, date.year, date.quarter, category, sex, age].join("|"), line);
      if (earlier !== undefined) {
        report.reject(line, name(communeI, "code_commune"), rawCommune, duplicateReason(earlier));
        continue;
      }
      unknowns.add(count.missing);
      years.add(date.year);
      if (commune.arrondissement) arrondissementRows.set(line, { code: commune.source, missing: count.missing });
      appender.appendVarchar(commune.code);
      appender.appendInteger(date.year);
      appender.appendInteger(date.quarter);
      appender.appendVarchar(category);
      appender.appendVarchar(sex);
      appender.appendVarchar(age);
      appendIntOrNull(appender, count.value);
      appender.appendVarchar(file);
      appender.appendVarchar(commune.source);
      appender.appendInteger(line);
      appender.endRow();
      report.loaded();
    }
  });

  if (arrondissementRows.size > 0) {
    const codes = [...new Set([...arrondissementRows.values()].map((r) => r.code))];
    const superseded = await dropArrondissementsOfPublishedCities(ctx.db, file, codes);
    for (const { line, city, cityLine } of superseded) {
      const row = arrondissementRows.get(line)!;
      unknowns.remove(row.missing);
      report.retract(
        line,
        name(communeI, "code_commune"),
        row.code,
        `arrondissement municipal : la commune ${city} est publiée en entier (ligne ${cityLine}), seule sa ligne est retenue`,
      );
    }
    const summed = arrondissementRows.size - superseded.length;
    if (summed > 0)
      report.note(`${summed} ligne(s) d'arrondissement municipal sans ligne de leur commune pour la même date et la même population : additionnées dans la commune (Paris, Lyon, Marseille)`);
  }

  for (const n of communes.notes()) report.note(n);
  report.note(unknowns.note());
  return report.build(years.label, years.years);
}

/** Same city, quarter, category, sex and age band: the key of the city-or-arrondissements rule. */
const SAME_KEY = `w.fichier = a.fichier AND w.code_commune = a.code_commune AND w.annee = a.annee AND w.trimestre = a.trimestre
  AND w.categorie = a.categorie AND w.sexe = a.sexe AND w.tranche_age = a.tranche_age`;

/**
 * Deletes the rows of the file written under an arrondissement code (`codes`) whose key also has the city's own row
 * (written under the city's code), and returns them with the city's line. A row of a merged commune (old code ->
 * current commune) is not an arrondissement: never touched.
 */
async function dropArrondissementsOfPublishedCities(
  db: DuckDBConnection,
  file: string,
  codes: string[],
): Promise<{ line: number; city: string; cityLine: number }[]> {
  const arrondissement = "a.fichier = $file AND list_contains($codes, a.code_source)";
  const city = "w.code_source = w.code_commune";
  const pairs = (
    await db.runAndReadAll(
      `SELECT a.ligne AS line, a.code_commune AS city, min(w.ligne) AS city_line
       FROM dares a JOIN dares w ON ${SAME_KEY} AND ${city}
       WHERE ${arrondissement} GROUP BY a.ligne, a.code_commune ORDER BY a.ligne`,
      { file, codes: listValue(codes) },
    )
  ).getRowObjectsJS();
  if (pairs.length === 0) return [];
  await db.run(`DELETE FROM dares a USING dares w WHERE ${arrondissement} AND ${SAME_KEY} AND ${city}`, { file, codes: listValue(codes) });
  return pairs.map((p) => ({ line: Number(p.line), city: String(p.city), cityLine: Number(p.city_line) }));
}

export const dares: SourceLoader = { description, format: "csv", coverage: "communes", recognise, load };
export default dares;

export { description };
