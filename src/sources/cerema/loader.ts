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
//
// How: DuckDB reads the whole file (src/io/duckdb-input.ts) in one pass that only counts the rows of communes outside
// the territory (src/sources/commune-scan.ts); the kept rows' cells are checked in SQL (sql.ts), each distinct text
// read once by the project's decimal rule (src/io/values.ts), in the order the rule checks them.
import type { DuckDBConnection } from "@duckdb/node-api";
import { parseHeaderLine } from "../../io/csv.ts";
import { Header, requireRecognised } from "../../io/header.ts";
import { CommuneResolver } from "../../io/communes.ts";
import { MissingCounter, parseSignedDecimal, type MissingKind } from "../../io/values.ts";
import { ReportBuilder } from "../../io/report.ts";
import { fillTable } from "../../io/appender.ts";
import { readFirstLine } from "../../io/read-text.ts";
import type { Relation } from "../../db/read-csv.ts";
import { dropInputTables, scanCsv, type InputField } from "../../io/duckdb-input.ts";
import { writeCommuneCodes } from "../commune-codes.ts";
import { reportVerdict, resolveScannedCommunes, scanCommuneRows } from "../commune-scan.ts";
import { countOf, rowsOf } from "../../db/rows.ts";
import { loadTables } from "../../db/temp-tables.ts";
import type { FileReport, LoadContext, Recognition, SourceLoader } from "../types.ts";
import { cellsSql, insertSql, verdictSql, type CeremaTables, type FlowCell } from "./sql.ts";
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


/** The flow cells the loader reads, in the order the rule checks them: by year, the total then each destination. */
function flowCells(flows: readonly FlowColumns[]): (FlowCell & { index: number })[] {
  return flows.flatMap((f) =>
    [{ column: f.total!, destination: null }, ...DESTINATIONS.flatMap((d) => (f.destinations[d] ? [{ column: f.destinations[d], destination: d }] : []))].map(
      ({ column, destination }) => ({ field: `c${column.index}`, column: column.name, index: column.index, year: f.year, destination }),
    ),
  );
}

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const { db, territory } = ctx;
  const names = parseHeaderLine(await readFirstLine(file));
  const variant = requireRecognised(cerema, file, names);
  const header = new Header(names);
  const flows = flowColumns(header);
  const newest = flows[flows.length - 1]!.year;
  const communeColumn = header.names[header.index("idcom")]!;
  const cells = flowCells(flows);
  const fields: InputField[] = [{ name: "commune", index: header.index("idcom") }, ...cells.map((c) => ({ name: c.field, index: c.index }))];

  const t = loadTables("cerema", ["codes", "scan", "communes", "values", "verdict", "cells", "rejects", "staged"]);
  const input = { rejects: t.rejects, staged: t.staged };
  const report = new ReportBuilder(file, "cerema");
  const communes = new CommuneResolver(territory);
  try {
    await writeCommuneCodes(db, t.codes, territory);
    const scan = (relation: Relation) => scanCommuneRows(db, relation, t, fields.map((f) => f.name));
    for (const r of (await scanCsv(db, file, names, fields, input, scan)).rejections) report.reject(r.line, r.column, r.value, r.reason);
    await resolveScannedCommunes(db, t, communes, report);
    await db.run(cellsSql(t, cells));
    const texts = await rowsOf(db, `SELECT DISTINCT raw FROM ${t.cells}`);
    await fillTable(db, t.values, { raw: "VARCHAR", ok: "BOOLEAN", value: "DOUBLE", missing: "VARCHAR", reason: "VARCHAR" }, texts.map((r) => {
      const v = parseSignedDecimal(String(r.raw));
      return v.ok ? [String(r.raw), true, v.value, v.missing ?? null, null] : [String(r.raw), false, null, null, v.reason];
    }));
    await db.run(verdictSql(t, communeColumn, RESIDUAL_MAX_M2));

    await reportVerdict(db, t.verdict, report, communeColumn);
    await db.run(insertSql(t, DESTINATIONS, newest), { file });

    // Notes on the loaded rows' cells: unknown values, rounding residuals (in the order of the file).
    const loadedCells = `${t.verdict} r JOIN ${t.cells} c ON c.line = r.line JOIN ${t.values} v ON v.raw = c.raw WHERE r.status = 'loaded'`;
    const unknowns = new MissingCounter();
    for (const r of await rowsOf(db, `SELECT v.missing, count(*) AS n FROM ${loadedCells} GROUP BY 1`)) unknowns.add((r.missing ?? undefined) as MissingKind | undefined, countOf(r.n));
    const residuals = await rowsOf(db, `SELECT r.line, c.col, c.raw FROM ${loadedCells} AND c.dest IS NOT NULL AND v.value < 0 ORDER BY r.line, c.pos`);
    for (const n of communes.notes()) report.note(n);
    report.note(unknowns.note());
    if (residuals.length > 0) {
      const listed = residuals.slice(0, 5).map((r) => `ligne ${countOf(r.line)}, ${String(r.col)} = ${String(r.raw).trim()}`);
      report.note(
        `${residuals.length} résidu(s) d'arrondi négatif(s) du producteur dans les colonnes de destination, chargé(s) tels que publiés ` +
          `(les destinations de l'année somment au flux total) : ${listed.join(" ; ")}${residuals.length > 5 ? " ; …" : ""}`,
      );
    }
    report.note(`flux ${newest} provisoire (dernière année du millésime ${variant})`);
    return report.build(variant, [flows[0]!.year, newest]);
  } finally {
    await dropInputTables(db, input);
    for (const table of Object.values(t)) await db.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

export const cerema: SourceLoader = { description, format: "csv", coverage: "communes", recognise, load };
export default cerema;

export { description };
