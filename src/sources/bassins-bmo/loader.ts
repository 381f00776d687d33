// France Travail table commune -> BMO bassin d'emploi, loaded into table `bassins_bmo`. Every row is kept,
// including communes outside the territory: a bassin's population and extent need all its communes.
import { openCsv } from "../../io/csv.ts";
import { Header, cell, requireRecognised } from "../../io/header.ts";
import { CommuneResolver } from "../../io/communes.ts";
import { DuplicateTracker, ReportBuilder, duplicateReason } from "../../io/report.ts";
import { appendTextOrNull, withAppender } from "../../io/appender.ts";
import type { FileReport, LoadContext, Recognition, SourceLoader } from "../types.ts";
import { description } from "./source.ts";

const REQUIRED = ["code_commune_insee", "code_bassin_BMO"];
const EVIDENCE = ["code_commune_insee", "code_bassin_BMO", "lib_bassin_BMO"];

export function recognise(names: string[]): Recognition {
  const header = new Header(names);
  const missing = header.missing(REQUIRED);
  if (missing.length === 0) return { kind: "match", variant: header.has("lib_bassin_BMO") ? "avec-libelle" : "sans-libelle" };
  // A bassin column is specific enough: any other file naming BMO bassins by commune is this table.
  return EVIDENCE.some((c) => c !== "code_commune_insee" && header.has(c)) ? { kind: "missing", missing } : { kind: "no" };
}

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const csv = await openCsv(file);
  requireRecognised(bassinsBmo, file, csv.header);
  const header = new Header(csv.header);
  const [communeI, bassinI, nameI] = ["code_commune_insee", "code_bassin_BMO", "lib_bassin_BMO"].map((n) => header.index(n)) as [number, number, number];

  const report = new ReportBuilder(file, "bassins_bmo");
  const communes = new CommuneResolver(ctx.territory);
  const duplicates = new DuplicateTracker();
  const bassinOf = new Map<string, { bassin: string; line: number }>();
  let inTerritory = 0;
  let mergedParts = 0;

  await withAppender(ctx.db, "bassins_bmo", async (appender) => {
    for await (const record of csv.records()) {
      const { line, cells } = record;
      if (report.rejectUnreadable(record, csv.delimiter)) continue;
      const rawCommune = cell(cells, communeI);
      const commune = communes.resolve(rawCommune);
      if (commune.kind === "rejected") {
        report.reject(line, "code_commune_insee", rawCommune, commune.reason);
        continue;
      }
      const bassin = cell(cells, bassinI).trim();
      if (bassin === "") {
        report.reject(line, "code_bassin_BMO", "", "code de bassin absent");
        continue;
      }
      const earlier = duplicates.check(`${commune.source}|${bassin}`, line);
      if (earlier !== undefined) {
        report.reject(line, "code_commune_insee", rawCommune, duplicateReason(earlier));
        continue;
      }
      // A commune belongs to one bassin. Files in an older geography list the parts of a merged commune
      // separately: parts in the same bassin make one membership (one table row, so that joins do not
      // count the commune twice); parts in different bassins are a contradiction.
      const other = bassinOf.get(commune.code);
      if (other && other.bassin === bassin) {
        mergedParts++;
        report.loaded();
        continue;
      }
      if (other) {
        report.reject(line, "code_bassin_BMO", bassin, `commune ${commune.code} déjà rattachée au bassin ${other.bassin} (ligne ${other.line})`);
        continue;
      }
      bassinOf.set(commune.code, { bassin, line });
      if (commune.member) inTerritory++;
      appender.appendVarchar(commune.code);
      appender.appendVarchar(bassin);
      appendTextOrNull(appender, cell(cells, nameI).trim());
      appender.appendVarchar(file);
      appender.endRow();
      report.loaded();
    }
  });

  for (const n of communes.notes()) report.note(n);
  if (mergedParts > 0) report.note(`${mergedParts} ligne(s) d'anciennes communes réunies avec la ligne de leur commune actuelle (même bassin) : une seule ligne par commune dans la table`);
  report.note(`${inTerritory} commune(s) du territoire parmi les ${report.rowsLoaded - mergedParts} communes de la table (toutes les communes des bassins sont conservées)`);
  return report.build(null, null);
}

export const bassinsBmo: SourceLoader = { description, format: "csv", recognise, load };
export default bassinsBmo;

export { description };
