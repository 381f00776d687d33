// France Travail table commune -> BMO bassin d'emploi, loaded into table `bassins_bmo`. Every row is kept,
// including communes outside the territory: a bassin's population and extent need all its communes.
//
// How: DuckDB reads the whole file (src/io/duckdb-input.ts) and applies the rules in SQL; JavaScript resolves each
// distinct commune code once (CommuneResolver: history, arrondissements) and trims each distinct text as the project
// does (JavaScript's trim, Unicode spaces included), passed to SQL as mapping tables.
import type { DuckDBConnection } from "@duckdb/node-api";
import { parseHeaderLine } from "../../io/csv.ts";
import { Header, requireRecognised } from "../../io/header.ts";
import { CommuneResolver } from "../../io/communes.ts";
import { ReportBuilder, duplicateReason } from "../../io/report.ts";
import { fillTable } from "../../io/appender.ts";
import { readFirstLine } from "../../io/read-text.ts";
import { dropInputTables, scanCsv, type InputField } from "../../io/duckdb-input.ts";
import type { Relation } from "../../db/read-csv.ts";
import { rowsOf } from "../../db/rows.ts";
import { loadTables } from "../../db/temp-tables.ts";
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


/**
 * Each row's outcome, in the order the rules check: commune code (rejected), bassin (absent), duplicate (same
 * commune as written and bassin as an earlier row), then by current commune: its first row is the table's (`first`),
 * a later row in the same bassin is a part of a merged commune (`merged`: loaded, not a second table row), a later
 * row in another bassin contradicts the first (`conflict`).
 */
const verdictSql = (t: Record<"rows" | "communes" | "texts" | "verdict", string>) => `
  CREATE OR REPLACE TEMP TABLE ${t.verdict} AS
  WITH r AS (
    SELECT k.line, k.commune AS commune_raw, c.ok, c.code, c.source, c.member, c.reason, b.trimmed AS bassin, n.trimmed AS name
    FROM ${t.rows} k JOIN ${t.communes} c ON c.raw = k.commune JOIN ${t.texts} b ON b.raw = k.bassin JOIN ${t.texts} n ON n.raw = k.name),
  valid AS (SELECT *, min(line) OVER (PARTITION BY source, bassin) AS first_line FROM r WHERE ok AND bassin <> ''),
  unique_rows AS (SELECT *, first_value(line) OVER w AS commune_line, first_value(bassin) OVER w AS commune_bassin
    FROM valid WHERE line = first_line WINDOW w AS (PARTITION BY code ORDER BY line))
  SELECT r.*, v.first_line, u.commune_line, u.commune_bassin,
    CASE WHEN NOT r.ok THEN 'commune' WHEN r.bassin = '' THEN 'bassin' WHEN v.first_line < r.line THEN 'duplicate'
         WHEN u.commune_line = r.line THEN 'first' WHEN u.commune_bassin = r.bassin THEN 'merged' ELSE 'conflict' END AS status
  FROM r LEFT JOIN valid v ON v.line = r.line LEFT JOIN unique_rows u ON u.line = r.line`;

async function load(file: string, ctx: LoadContext): Promise<FileReport> {
  const { db } = ctx;
  const names = parseHeaderLine(await readFirstLine(file));
  requireRecognised(bassinsBmo, file, names);
  const header = new Header(names);
  const fields: InputField[] = [
    { name: "commune", index: header.index("code_commune_insee") },
    { name: "bassin", index: header.index("code_bassin_BMO") },
    { name: "name", index: header.index("lib_bassin_BMO") },
  ];

  const t = loadTables("bassins", ["rows", "communes", "texts", "verdict", "rejects", "staged"]);
  const input = { rejects: t.rejects, staged: t.staged };
  const report = new ReportBuilder(file, "bassins_bmo");
  const communes = new CommuneResolver(ctx.territory);
  try {
    // Every row is kept (a national table of some 35 000 communes, three short texts each).
    const scan = async (relation: Relation) => {
      await db.run(`CREATE OR REPLACE TEMP TABLE ${t.rows} AS SELECT line, commune, bassin, name FROM (${relation.sql})`, relation.params);
      return Number((await rowsOf(db, `SELECT count(*) AS n FROM ${t.rows}`))[0]!.n);
    };
    for (const r of (await scanCsv(db, file, names, fields, input, scan)).rejections) report.reject(r.line, r.column, r.value, r.reason);

    // The codes resolved in the order of the file (the note on old codes lists the first ten).
    const codes = await rowsOf(db, `SELECT commune, count(*) AS n FROM ${t.rows} GROUP BY 1 ORDER BY min(line)`);
    await fillTable(db, t.communes, { raw: "VARCHAR", ok: "BOOLEAN", code: "VARCHAR", source: "VARCHAR", member: "BOOLEAN", reason: "VARCHAR" }, codes.map((c) => {
      const r = communes.resolve(String(c.commune), Number(c.n));
      return r.kind === "ok" ? [String(c.commune), true, r.code, r.source, r.member, null] : [String(c.commune), false, null, null, null, r.reason];
    }));
    const texts = await rowsOf(db, `SELECT DISTINCT v FROM (SELECT unnest([bassin, name]) AS v FROM ${t.rows})`);
    await fillTable(db, t.texts, { raw: "VARCHAR", trimmed: "VARCHAR" }, texts.map((r) => [String(r.v), String(r.v).trim()]));
    await db.run(verdictSql(t));

    for (const r of await rowsOf(db, `SELECT line, commune_raw, reason, bassin, first_line, code, commune_line, commune_bassin, status FROM ${t.verdict}
        WHERE status IN ('commune', 'bassin', 'duplicate', 'conflict') ORDER BY line`)) {
      const line = Number(r.line);
      if (r.status === "commune") report.reject(line, "code_commune_insee", String(r.commune_raw), String(r.reason));
      else if (r.status === "bassin") report.reject(line, "code_bassin_BMO", "", "code de bassin absent");
      else if (r.status === "duplicate") report.reject(line, "code_commune_insee", String(r.commune_raw), duplicateReason(Number(r.first_line)));
      else report.reject(line, "code_bassin_BMO", String(r.bassin), `commune ${String(r.code)} déjà rattachée au bassin ${String(r.commune_bassin)} (ligne ${Number(r.commune_line)})`);
    }
    const [counts] = await rowsOf(db, `SELECT count(*) FILTER (WHERE status = 'first') AS first, count(*) FILTER (WHERE status = 'merged') AS merged,
        count(*) FILTER (WHERE status = 'first' AND member) AS members FROM ${t.verdict}`);
    const [first, merged, members] = [counts!.first, counts!.merged, counts!.members].map(Number) as [number, number, number];
    report.loaded(first + merged);
    await db.run(`INSERT INTO bassins_bmo SELECT code, bassin, nullif(name, ''), $file FROM ${t.verdict} WHERE status = 'first' ORDER BY line`, { file });

    for (const n of communes.notes()) report.note(n);
    if (merged > 0) report.note(`${merged} ligne(s) d'anciennes communes réunies avec la ligne de leur commune actuelle (même bassin) : une seule ligne par commune dans la table`);
    report.note(`${members} commune(s) du territoire parmi les ${first} communes de la table (toutes les communes des bassins sont conservées)`);
    return report.build(null, null);
  } finally {
    await dropInputTables(db, input);
    for (const table of Object.values(t)) await db.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

export const bassinsBmo: SourceLoader = { description, format: "csv", recognise, load };
export default bassinsBmo;

export { description };
