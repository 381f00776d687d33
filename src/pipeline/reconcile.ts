// What the pipeline does when several files of data/sources/ carry the same data, so that no figure is ever counted
// twice (the rule is documented in the README, « Plusieurs fichiers d'une même source »):
//   1. identical content (same SHA-256, whatever the name or folder: `archive/urssaf (1).csv`): the first file is
//      read, the copies are set aside with a message, before any loading (see load-data-folder.ts);
//   2. files of one source whose rows share keys (the same commune x APE x year in two URSSAF files...), decided in
//      DuckDB on the loaded rows, by the `fichier` column:
//      - sources whose every publication revises the whole series (URSSAF, Cerema, DARES, lycées professionnels):
//        the newest vintage (largest period covered) wins and the older file is set aside as superseded, entirely
//        (mixing two vintages would make breaks, and rows one vintage dropped could double another's);
//      - sources whose files partition the data (Sirene: one file per département; BMO: one file per year;
//        the commune -> bassin table): overlapping keys are refused, the later file is unusable;
//      - two files of a revising source covering the same period (same vintage, different content): refused too,
//        nothing says which one is right.
//   Files of one source that do not overlap (URSSAF per département) are all kept.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { FileReport, SourceId } from "../sources/types.ts";
import { tableIdentifier } from "../db/tables.ts";

interface SourceRule {
  /** The table whose rows are compared (the source's first table). */
  table: string;
  /** Columns identifying one value: two files with a row of the same key would count it twice. */
  key: string[];
  /** Expression of a row's period: a file's vintage is the largest; null for sources that partition the data. */
  period: string | null;
  /** How a key is shown in a message. */
  describe: (key: string[]) => string;
}

const RULES: Record<SourceId, SourceRule> = {
  urssaf: { table: "urssaf", key: ["code_commune", "code_ape", "annee"], period: "annee", describe: ([c, a, y]) => `commune ${c}, APE ${a}, année ${y}` },
  cerema: { table: "cerema", key: ["code_commune", "annee"], period: "derniere_annee", describe: ([c, y]) => `commune ${c}, année ${y}` },
  dares: {
    table: "dares",
    key: ["code_commune", "annee", "trimestre", "categorie", "sexe", "tranche_age"],
    period: "annee * 10 + trimestre",
    describe: ([c, y, q, cat]) => `commune ${c}, ${y}-T${q}, catégorie ${cat}`,
  },
  lycees_pro: { table: "lycees_pro", key: ["rentree", "uai", "mef"], period: "rentree", describe: ([y, u, m]) => `rentrée ${y}, établissement ${u}, formation ${m}` },
  sirene: { table: "sirene", key: ["siret"], period: null, describe: ([s]) => `SIRET ${s}` },
  bmo: { table: "bmo", key: ["annee", "code_bassin", "code_metier"], period: null, describe: ([y, b, m]) => `année ${y}, bassin ${b}, métier ${m}` },
  bassins_bmo: { table: "bassins_bmo", key: ["code_commune"], period: null, describe: ([c]) => `commune ${c}` },
  // Each Cartofriches export is the whole inventory at its date: the newest (latest update of a site) wins.
  cartofriches: { table: "friches", key: ["site_id"], period: "year(date_actualisation) * 10000 + month(date_actualisation) * 100 + day(date_actualisation)", describe: ([s]) => `site ${s}` },
};

/** A loaded file as the reconciliation sees it: its name in the `fichier` column and its report. */
export interface LoadedSourceFile {
  relativePath: string;
  report: FileReport;
}

export interface Decision {
  relativePath: string;
  /** "remplace": set aside, a newer vintage supersedes it; "conflit": refused, it overlaps a kept file. */
  kind: "remplace" | "conflit";
  message: string;
}

// File names are bound as parameters ($a, $b, $fichier). The table, key columns and period expression are identifiers
// and SQL of RULES above, a fixed list in code: they are spliced (a parameter cannot name a table or a column).
const keyExpr = (key: string[]) => `concat_ws('\u001f', ${key.map((k) => `coalesce(CAST(${k} AS VARCHAR), '')`).join(", ")})`;

async function periods(db: DuckDBConnection, table: string, rule: SourceRule): Promise<Map<string, number>> {
  if (!rule.period) return new Map();
  const rows = (await db.runAndReadAll(`SELECT fichier, max(${rule.period}) AS p FROM ${table} GROUP BY fichier`)).getRowObjectsJS();
  return new Map(rows.map((r) => [String(r.fichier), Number(r.p)]));
}

/** Keys the two files share: how many, and one of them to show. */
async function overlap(db: DuckDBConnection, table: string, rule: SourceRule, a: string, b: string): Promise<{ n: number; example: string[] } | null> {
  const k = keyExpr(rule.key);
  const sql = `WITH ka AS (SELECT DISTINCT ${k} AS k FROM ${table} WHERE fichier = $a),
                    kb AS (SELECT DISTINCT ${k} AS k FROM ${table} WHERE fichier = $b)
               SELECT count(*) AS n, min(ka.k) AS example FROM ka JOIN kb ON ka.k = kb.k`;
  const [row] = (await db.runAndReadAll(sql, { a, b })).getRowObjectsJS();
  const n = Number(row?.n ?? 0);
  return n > 0 ? { n, example: String(row!.example).split("\u001f") } : null;
}

/** Keys of `older` absent from `newer`: what setting `older` aside loses, said in its message. */
async function lostKeys(db: DuckDBConnection, table: string, rule: SourceRule, older: string, newer: string): Promise<{ n: number; example: string[] }> {
  const k = keyExpr(rule.key);
  const sql = `SELECT count(*) AS n, min(k) AS example FROM (
                 SELECT DISTINCT ${k} AS k FROM ${table} WHERE fichier = $older
                 EXCEPT SELECT DISTINCT ${k} AS k FROM ${table} WHERE fichier = $newer)`;
  const [row] = (await db.runAndReadAll(sql, { older, newer })).getRowObjectsJS();
  return { n: Number(row?.n ?? 0), example: String(row?.example ?? "").split("\u001f") };
}

const vintageOf = (f: LoadedSourceFile) => f.report.vintage ?? "inconnu";
const depth = (p: string) => p.split("/").length;

/**
 * Decides, per source, which loaded files are kept, superseded or refused, and deletes the rows of the files set
 * aside from their table. Files are taken newest first (then shallowest path, then by name): a file is kept when it
 * overlaps no kept file.
 */
export async function reconcile(db: DuckDBConnection, files: LoadedSourceFile[], tables: Record<SourceId, string[]>): Promise<Decision[]> {
  const decisions: Decision[] = [];
  const bySource = new Map<SourceId, LoadedSourceFile[]>();
  for (const f of files) bySource.set(f.report.source, [...(bySource.get(f.report.source) ?? []), f]);
  for (const [source, group] of bySource) {
    if (group.length < 2) continue;
    const rule = RULES[source];
    const period = await periods(db, rule.table, rule);
    const newness = (f: LoadedSourceFile) => period.get(f.relativePath) ?? -Infinity;
    const ordered = [...group].sort(
      (a, b) => newness(b) - newness(a) || depth(a.relativePath) - depth(b.relativePath) || a.relativePath.localeCompare(b.relativePath),
    );
    const kept: LoadedSourceFile[] = [];
    for (const f of ordered) {
      let decision: Decision | undefined;
      for (const k of kept) {
        const shared = await overlap(db, rule.table, rule, k.relativePath, f.relativePath);
        if (!shared) continue;
        const example = rule.describe(shared.example);
        if (rule.period && newness(k) > newness(f)) {
          const lost = await lostKeys(db, rule.table, rule, f.relativePath, k.relativePath);
          decision = {
            relativePath: f.relativePath,
            kind: "remplace",
            message:
              `millésime ${vintageOf(f)} remplacé par le millésime plus récent ${vintageOf(k)} de ${k.relativePath} ` +
              `(${shared.n} valeur(s) en commun, par exemple ${example}) : fichier non chargé, pour ne compter aucune valeur deux fois` +
              (lost.n > 0 ? ` ; attention, ${lost.n} de ses valeurs manquent au millésime retenu (par exemple ${rule.describe(lost.example)})` : ""),
          };
        } else {
          decision = {
            relativePath: f.relativePath,
            kind: "conflit",
            message:
              `mêmes données que ${k.relativePath} (${shared.n} valeur(s) en commun, par exemple ${example}` +
              (rule.period ? `, même période couverte : ${vintageOf(f)}` : "") +
              `) : les additionner compterait deux fois ces valeurs. Gardez un seul des deux fichiers dans data/sources/`,
          };
        }
        break;
      }
      if (decision) {
        decisions.push(decision);
        // `tables` comes from the caller: its names are checked against the schema before they are spliced.
        for (const t of tables[source]) await db.run(`DELETE FROM ${tableIdentifier(t)} WHERE fichier = $fichier`, { fichier: f.relativePath });
      } else kept.push(f);
    }
  }
  return decisions;
}
