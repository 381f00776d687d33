// France Travail "Besoins en main-d'œuvre" (BMO): recruitment projects by bassin d'emploi x métier, one
// xlsx a year, loaded into table `bmo`. Every bassin of the file is kept: bassins do not follow EPCI
// boundaries, and the territory's bassins (3203, 3204, 3205) extend beyond it.
import { openXlsxSheet, type XlsxSheet } from "../../io/xlsx.ts";
import { Header, cell, requireRecognised } from "../../io/header.ts";
import { MissingCounter, parseCount, type MissingKind } from "../../io/values.ts";
import { DuplicateTracker, ReportBuilder, YearRange, duplicateReason } from "../../io/report.ts";
import { appendIntOrNull, appendTextOrNull, withAppender } from "../../io/appender.ts";
import { LoadError, type FileReport, type LoadContext, type Recognition, type SourceLoader } from "../types.ts";
import { description } from "./source.ts";

// The bassin columns are named after the survey year (`BE24`, `NOMBE24`): found by pattern.
const BASSIN = /^be(\d\d)$/;
const BASSIN_NAME = /^nombe(\d\d)$/;
const REQUIRED = ["annee", "Code métier BMO", "met", "xmet", "smet"];
const EVIDENCE = ["met", "xmet", "smet", "Code métier BMO", "Nom métier BMO", "Famille_met", "Lbl_fam_met"];
const NAMED_SHEET = /^BMO_\d{4}_open_data$/i;
const VALUES = ["met", "xmet", "smet"] as const;

function bassinColumns(header: Header) {
  const code = header.matching(BASSIN)[0];
  const name = header.matching(BASSIN_NAME)[0];
  return { code, name };
}

export function recognise(names: string[]): Recognition {
  const header = new Header(names);
  const { code, name } = bassinColumns(header);
  const missing = header.missing(REQUIRED);
  if (!code) missing.push("BEAA");
  if (!name) missing.push("NOMBEAA");
  if (missing.length === 0) return { kind: "match", variant: code!.name.toUpperCase() };
  return EVIDENCE.filter((c) => header.has(c)).length >= 3 ? { kind: "missing", missing } : { kind: "no" };
}

/** The sheet `BMO_<YYYY>_open_data`, or else the first sheet whose header is a BMO header. */
export async function openBmoSheet(file: string): Promise<XlsxSheet> {
  let sheet: XlsxSheet | null;
  try {
    sheet = await openXlsxSheet(file, (name, header) => NAMED_SHEET.test(name) || recognise(header).kind === "match");
  } catch (e) {
    throw new LoadError({ file, line: 1, column: "", message: `classeur xlsx illisible (${(e as Error).message})` });
  }
  if (!sheet) throw new LoadError({ file, line: 1, column: "", message: "aucune feuille BMO trouvée (feuille « BMO_AAAA_open_data » ou en-tête annee, Code métier BMO, BEAA, NOMBEAA, met, xmet, smet attendus)" });
  return sheet;
}

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const sheet = await openBmoSheet(file);
  requireRecognised(bmo, file, sheet.header);
  const header = new Header(sheet.header);
  const bassin = bassinColumns(header);
  const [yearI, jobI, jobNameI, familyI, familyLabelI, depI] = ["annee", "Code métier BMO", "Nom métier BMO", "Famille_met", "Lbl_fam_met", "Dept"].map((n) =>
    header.index(n),
  ) as [number, number, number, number, number, number];
  const valueIndexes = VALUES.map((n) => header.index(n));
  const bassinI = bassin.code!.index;
  const bassinNameI = bassin.name!.index;

  const report = new ReportBuilder(file, "bmo");
  const duplicates = new DuplicateTracker();
  const unknowns = new MissingCounter();
  const years = new YearRange();

  await withAppender(ctx.db, "bmo", async (appender) => {
    rows: for await (const { line, cells } of sheet.records) {
      const rawYear = cell(cells, yearI).trim();
      if (!/^\d{4}$/.test(rawYear)) {
        report.reject(line, "annee", rawYear, "année invalide (AAAA attendu)");
        continue;
      }
      const code = cell(cells, bassinI).trim();
      const name = cell(cells, bassinNameI).trim();
      const job = cell(cells, jobI).trim();
      const empty = [
        [bassin.code!.name, code],
        [bassin.name!.name, name],
        ["Code métier BMO", job],
      ].find(([, v]) => v === "");
      if (empty) {
        report.reject(line, empty[0]!, "", `valeur obligatoire absente (« ${empty[0]} »)`);
        continue;
      }
      const values: (number | null)[] = [];
      const unknownKinds: MissingKind[] = [];
      for (const [k, index] of valueIndexes.entries()) {
        const raw = cell(cells, index);
        const v = parseCount(raw);
        if (!v.ok) {
          report.reject(line, VALUES[k]!, raw, v.reason);
          continue rows;
        }
        if (v.missing) unknownKinds.push(v.missing);
        values.push(v.value);
      }
      // Dept is part of the key: a bassin spanning two départements has one row per département.
      const rawDep = cell(cells, depI).trim();
      const dep = /^\d$/.test(rawDep) ? `0${rawDep}` : rawDep;
      const earlier = duplicates.check([rawYear, code, dep, job].join("|"), line);
      if (earlier !== undefined) {
        report.reject(line, "Code métier BMO", job, duplicateReason(earlier));
        continue;
      }
      for (const kind of unknownKinds) unknowns.add(kind);
      years.add(Number(rawYear));
      appender.appendInteger(Number(rawYear));
      appender.appendVarchar(code);
      appender.appendVarchar(name);
      appendTextOrNull(appender, dep);
      appender.appendVarchar(job);
      appendTextOrNull(appender, cell(cells, jobNameI).trim());
      // The family label is what charts show; the one-letter code is only a short key for it.
      appendTextOrNull(appender, cell(cells, familyLabelI).trim() || cell(cells, familyI).trim());
      for (const v of values) appendIntOrNull(appender, v);
      appender.appendVarchar(file);
      appender.endRow();
      report.loaded();
    }
  });

  report.note(`feuille lue : « ${sheet.name} »`);
  report.note(unknowns.note());
  const fromColumn = 2000 + Number(bassin.code!.match[1]);
  return report.build(years.label ?? String(fromColumn), years.years ?? [fromColumn, fromColumn]);
}

export const bmo: SourceLoader = { description, format: "xlsx", recognise, load };
export default bmo;

export { description };
