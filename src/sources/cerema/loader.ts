// Cerema consumption of natural, agricultural and forest land (ENAF) by commune: one row per commune with
// one column per annual flow (`nafYYartZZ`) and per destination (`artYYactZZ`...), loaded long into
// table `cerema` (annee = YY: the flow from 1 January 20YY to 1 January 20ZZ), in m².
//
// Rules applied to the cells of a row:
// - Only annual flows are read (ZZ = YY + 1); cumulative (`naf11art25`) and per-period columns, populations and
//   ratios are ignored. Column case varies by vintage; `;` or `,`; decimal point or comma.
// - An empty cell is unknown (NULL), never 0.
// - A small negative value in a destination column (`artYYincZZ` = `-1.0` in the 2025 vintage, at most
//   RESIDUAL_MAX_M2 in absolute value) is the producer's rounding residual: the destinations of the year still sum
//   to its total. It is loaded as published and counted in a note.
// - A value that is not a number, a negative total (`nafYYartZZ`), or a negative destination beyond a rounding
//   residual rejects the commune's row, with the line, the column and the value. Chosen over dropping only the
//   year: the producer publishes no such value (none in the 2025 vintage), so one means a damaged line whose other
//   cells cannot be trusted either (shifted columns); the rejection is listed in rejets.csv and fatal under
//   --strict, and the commune then shows « manquant » and its EPCI « partiel », never a wrong figure.
import { openCsv } from "../../io/csv.ts";
import { Header, cell, requireRecognised } from "../../io/header.ts";
import { CommuneResolver } from "../../io/communes.ts";
import { MissingCounter, parseSignedDecimal, type MissingKind } from "../../io/values.ts";
import { DuplicateTracker, ReportBuilder, duplicateReason } from "../../io/report.ts";
import { appendDoubleOrNull, withAppender } from "../../io/appender.ts";
import type { FileReport, LoadContext, Recognition, SourceLoader } from "../types.ts";
import { description } from "./source.ts";

// Column names are matched lower-cased: vintages write `naf11art12` or `NAF11ART12`.
const TOTAL = /^naf(\d\d)art(\d\d)$/;
const DESTINATION = /^art(\d\d)(act|hab|mix|rou|fer|inc)(\d\d)$/;
const DESTINATIONS = ["act", "hab", "mix", "rou", "fer", "inc"] as const;
type Destination = (typeof DESTINATIONS)[number];
/** Largest rounding residual accepted in a destination column, in m² (the 2025 vintage writes `-1.0`). */
export const RESIDUAL_MAX_M2 = 10;
const EVIDENCE = ["idcomtxt", "idreg", "idregtxt", "iddep", "iddeptxt", "scot"];

interface FlowColumns {
  year: number;
  total: { name: string; index: number } | undefined;
  destinations: Partial<Record<Destination, { name: string; index: number }>>;
}

const nextYear = (yy: string, zz: string) => (Number(yy) + 1) % 100 === Number(zz);

function flowColumns(header: Header): FlowColumns[] {
  const byYear = new Map<number, FlowColumns>();
  const get = (yy: string) => {
    const year = 2000 + Number(yy);
    return byYear.get(year) ?? byYear.set(year, { year, total: undefined, destinations: {} }).get(year)!;
  };
  for (const c of header.matching(TOTAL)) if (nextYear(c.match[1]!, c.match[2]!)) get(c.match[1]!).total = c;
  for (const c of header.matching(DESTINATION))
    if (nextYear(c.match[1]!, c.match[3]!)) get(c.match[1]!).destinations[c.match[2] as Destination] = c;
  // A year is a flow year of the file when its total column exists: destinations alone do not make one.
  return [...byYear.values()].filter((f) => f.total).sort((a, b) => a.year - b.year);
}

export function recognise(names: string[]): Recognition {
  const header = new Header(names);
  const flows = flowColumns(header);
  const missing = header.missing(["idcom"]);
  if (flows.length === 0) missing.push("nafAAartBB");
  if (missing.length === 0) return { kind: "match", variant: `${flows[0]!.year}-${flows[flows.length - 1]!.year}` };
  const evidence = EVIDENCE.filter((c) => header.has(c)).length + (header.matching(TOTAL).length + header.matching(DESTINATION).length > 0 ? 2 : 0);
  return evidence >= 2 ? { kind: "missing", missing } : { kind: "no" };
}

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const csv = await openCsv(file);
  const variant = requireRecognised(cerema, file, csv.header);
  const header = new Header(csv.header);
  const flows = flowColumns(header);
  const newest = flows[flows.length - 1]!.year;
  const communeIndex = header.index("idcom");

  const report = new ReportBuilder(file, "cerema");
  const communes = new CommuneResolver(ctx.territory);
  const duplicates = new DuplicateTracker();
  const unknowns = new MissingCounter();
  const residuals: string[] = [];

  await withAppender(ctx.db, "cerema", async (appender) => {
    rows: for await (const record of csv.records()) {
      const { line, cells } = record;
      if (report.rejectUnreadable(record, csv.delimiter)) continue;
      const rawCommune = cell(cells, communeIndex);
      const commune = communes.member(rawCommune, report, line, header.names[communeIndex]!);
      if (!commune) continue;
      const values: { year: number; total: number | null; destinations: (number | null)[] }[] = [];
      const unknownKinds: MissingKind[] = [];
      const residualsOfRow: string[] = [];
      const read = (column: { name: string; index: number } | undefined, destination: boolean): number | null | "rejected" => {
        if (!column) return null; // destination absent from this vintage: unknown
        const raw = cell(cells, column.index);
        const v = parseSignedDecimal(raw);
        if (!v.ok) {
          report.reject(line, column.name, raw, v.reason);
          return "rejected";
        }
        if (v.missing) unknownKinds.push(v.missing);
        if (v.value === null || v.value >= 0) return v.value;
        if (!destination) {
          report.reject(line, column.name, raw, "valeur négative : un flux total de consommation ne peut pas être négatif");
          return "rejected";
        }
        if (v.value < -RESIDUAL_MAX_M2) {
          report.reject(line, column.name, raw, `valeur négative au-delà d'un résidu d'arrondi du producteur (-${RESIDUAL_MAX_M2} m² au plus)`);
          return "rejected";
        }
        residualsOfRow.push(`ligne ${line}, ${column.name} = ${raw.trim()}`);
        return v.value;
      };
      for (const flow of flows) {
        const total = read(flow.total, false);
        if (total === "rejected") continue rows;
        const destinations: (number | null)[] = [];
        for (const d of DESTINATIONS) {
          const v = read(flow.destinations[d], true);
          if (v === "rejected") continue rows;
          destinations.push(v);
        }
        values.push({ year: flow.year, total, destinations });
      }
      const earlier = duplicates.check(commune.source, line);
      if (earlier !== undefined) {
        report.reject(line, header.names[communeIndex]!, rawCommune, duplicateReason(earlier));
        continue;
      }
      for (const kind of unknownKinds) unknowns.add(kind);
      residuals.push(...residualsOfRow);
      for (const v of values) {
        appender.appendVarchar(commune.code);
        appender.appendInteger(v.year);
        appender.appendInteger(newest);
        appendDoubleOrNull(appender, v.total);
        for (const d of v.destinations) appendDoubleOrNull(appender, d);
        appender.appendVarchar(file);
        appender.endRow();
      }
      report.loaded();
    }
  });

  for (const n of communes.notes()) report.note(n);
  report.note(unknowns.note());
  if (residuals.length > 0)
    report.note(
      `${residuals.length} résidu(s) d'arrondi négatif(s) du producteur dans les colonnes de destination, chargé(s) tels que publiés ` +
        `(les destinations de l'année somment au flux total) : ${residuals.slice(0, 5).join(" ; ")}${residuals.length > 5 ? " ; …" : ""}`,
    );
  report.note(`flux ${newest} provisoire (dernière année du millésime ${variant})`);
  return report.build(variant, [flows[0]!.year, newest]);
}

export const cerema: SourceLoader = { description, format: "csv", coverage: "communes", recognise, load };
export default cerema;

export { description };
