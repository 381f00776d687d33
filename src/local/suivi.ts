// data/local/suivi.csv: local follow-up indicators entered by the officers, long format:
//   indicateur,niveau,code_geo,annee,valeur,numerateur,denominateur[,commentaire...]
// A "somme" indicator (a count) gives `valeur`. A mean or ratio gives `numerateur` and `denominateur` (e.g. the sum
// of processing days and the number of files), so that the mean is recomputed at each level instead of averaged;
// its `valeur`, when filled, must equal numerateur / denominateur. An empty value is an explicit "unknown".
// A geography is entered at one level per indicator and year: a commune and its EPCI both entered would be
// counted twice, so the row of the smaller geography is rejected.
import type { Rejection } from "../sources/types.ts";
import type { Level } from "../geography/level.ts";
import { byLine, missingColumns, numberReason, parseNumber, parseYear, readLocalCsv } from "./csv.ts";
import { rowPhase } from "./phases.ts";
import { geographyProblem, type LocalContext } from "./context.ts";
import { lastDataYear } from "../io/values.ts";

export const SUIVI_COLUMNS = ["indicateur", "niveau", "code_geo", "annee", "valeur", "numerateur", "denominateur"] as const;
const SUIVI_LEVELS: Level[] = ["commune", "epci", "territoire"];

export interface SuiviRow {
  indicateur: string;
  niveau: Level;
  code_geo: string;
  annee: number;
  numerateur: number | null;
  denominateur: number | null;
  line: number;
}

export interface SuiviRead {
  rows: SuiviRow[];
  rejections: Rejection[];
  /** False when the file does not exist. */
  present: boolean;
  /** Data rows read (comment and blank lines excluded). */
  rowsRead: number;
  /** Remarks about the whole file (the encoding it was read in when not UTF-8). */
  notes: string[];
}

export async function readSuivi(path: string, ctx: LocalContext, file = path): Promise<SuiviRead> {
  const csv = await readLocalCsv(path, file);
  if (!csv) return { rows: [], rejections: [], present: false, rowsRead: 0, notes: [] };
  const notes = csv.notes;
  const missing = missingColumns(csv, SUIVI_COLUMNS);
  if (missing.length > 0) return { rows: [], rejections: [...csv.rejections, ...missing], present: true, rowsRead: csv.rows.length + csv.rejections.length, notes };
  const rejections = [...csv.rejections];
  const accepted: SuiviRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of csv.rows) {
    const reject = (column: string, reason: string) => rejections.push({ file, line, column, value: values[column] ?? "", reason });
    const id = values.indicateur ?? "";
    const info = ctx.indicators.get(id);
    if (!info || !info.suivi) {
      const local = [...ctx.indicators].filter(([, i]) => i.suivi).map(([k]) => k);
      reject("indicateur", `indicateur de suivi local inconnu : « ${id} » (attendu : ${local.join(", ")})`); continue;
    }
    const niveau = (values.niveau ?? "").toLowerCase() as Level;
    if (!SUIVI_LEVELS.includes(niveau) || !info.levels.includes(niveau)) { reject("niveau", `niveau non valide pour ${id} (attendu : ${info.levels.join(", ")})`); continue; }
    const code = values.code_geo ?? "";
    const geoProblem = geographyProblem(ctx, niveau, code);
    if (geoProblem) { reject("code_geo", geoProblem); continue; }
    const annee = parseYear(values.annee ?? "");
    if (annee === undefined) { reject("annee", "année sur 4 chiffres attendue, entre 1900 et 2100"); continue; }
    // A follow-up value is observed: it cannot belong to a year not yet begun (one year of slack for clocks).
    if (annee > lastDataYear()) { reject("annee", `année dans le futur (au plus ${lastDataYear()}) : une valeur de suivi est une valeur observée`); continue; }
    // The optional `phase` column only labels the row (the year says when it was observed): it is checked, not used.
    const phase = rowPhase(ctx.phases, values.phase, niveau, code);
    if ("problem" in phase) { reject("phase", phase.problem); continue; }
    const parsed: Record<string, number | null> = {};
    let bad = false;
    for (const col of ["valeur", "numerateur", "denominateur"] as const) {
      const v = parseNumber(values[col] ?? "");
      if (v === undefined) { reject(col, numberReason(values[col] ?? "")); bad = true; break; }
      if (v !== null && v < 0) { reject(col, "valeur négative"); bad = true; break; }
      parsed[col] = v;
    }
    if (bad) continue;
    let numerateur: number | null;
    let denominateur: number | null = null;
    if (info.kind === "somme") {
      if (parsed.valeur === null && parsed.numerateur !== null) { numerateur = parsed.numerateur ?? null; }
      else numerateur = parsed.valeur ?? null;
    } else {
      numerateur = parsed.numerateur ?? null;
      denominateur = parsed.denominateur ?? null;
      if ((numerateur === null) !== (denominateur === null)) {
        reject(numerateur === null ? "numerateur" : "denominateur", `${id} est une moyenne ou un taux : numerateur et denominateur vont ensemble (les deux, ou aucun si inconnu)`); continue;
      }
      if (parsed.valeur !== null && numerateur === null) {
        reject("valeur", `${id} est une moyenne ou un taux : saisir numerateur et denominateur (une moyenne ne s'additionne pas)`); continue;
      }
      if (denominateur === 0 && numerateur !== 0) { reject("denominateur", "dénominateur nul avec un numérateur non nul"); continue; }
      if (parsed.valeur != null && numerateur !== null && denominateur) {
        const expected = numerateur / denominateur;
        if (Math.abs(parsed.valeur - expected) > Math.max(0.01, Math.abs(expected) * 0.005)) {
          reject("valeur", `valeur incohérente avec numerateur / denominateur (${Math.round(expected * 100) / 100} attendu)`); continue;
        }
      }
    }
    const key = `${id}|${niveau}|${code}|${annee}`;
    const first = seen.get(key);
    if (first !== undefined) { reject("code_geo", `valeur en double pour ${id} ${niveau} ${code} ${annee} (déjà ligne ${first})`); continue; }
    seen.set(key, line);
    accepted.push({ indicateur: id, niveau, code_geo: code, annee, numerateur, denominateur, line });
  }

  // A row whose geography lies inside another entered geography (same indicator, year) would be counted twice.
  const lineOf = new Map(accepted.map((r) => [`${r.indicateur}|${r.annee}|${r.niveau}|${r.code_geo}`, r.line]));
  const rows = accepted.filter((r) => {
    for (const container of ctx.geographies.get(`${r.niveau}|${r.code_geo}`)?.containers ?? []) {
      const other = lineOf.get(`${r.indicateur}|${r.annee}|${container}`);
      if (other === undefined) continue;
      rejections.push({
        file, line: r.line, column: "code_geo", value: r.code_geo,
        reason: `déjà compté dans la valeur saisie pour ${container.replace("|", " ")} (ligne ${other}) : saisir soit l'ensemble, soit ses parties`,
      });
      return false;
    }
    return true;
  });
  return { rows, rejections: byLine(rejections), present: true, rowsRead: csv.rows.length + csv.rejections.length, notes };
}
