// data/local/cibles.csv: the targets the copil sets, one row per indicator x geography.
//   indicateur,niveau,code_geo,valeur_cible,annee_cible,type[,commentaire...]
// type "valeur": the target is the value itself; "evolution_pct": a change relative to the baseline, in %
// (-10 = ten per cent below the baseline value). Extra columns (commentaire) are ignored. Optional `phase`
// (src/local/phases.ts): one target per indicator x geography x phase.
import type { Rejection } from "../sources/types.ts";
import type { Level } from "../geography/level.ts";
import { byLine, missingColumns, numberReason, parseNumber, parseYear, readLocalCsv } from "./csv.ts";
import { geographyProblem, LOCAL_LEVELS, type LocalContext } from "./context.ts";
import { rowPhase } from "./phases.ts";
import { formatLocation } from "../format/location.ts";

export type TargetType = "valeur" | "evolution_pct";

/** One row of data/local/cibles.csv. */
export interface Target {
  indicateur: string;
  niveau: Level;
  code_geo: string;
  valeur_cible: number;
  annee_cible: number;
  type: TargetType;
  /** File and line, to cite in messages. */
  origine: string;
  /** Contract phase id (src/local/phases.ts); absent when the territory's phases were not given to the reader. */
  phase?: string;
}

export const TARGET_COLUMNS = ["indicateur", "niveau", "code_geo", "valeur_cible", "annee_cible", "type"] as const;

export interface TargetsRead {
  targets: Target[];
  rejections: Rejection[];
  /** False when the file does not exist. */
  present: boolean;
  /** Data rows read (comment and blank lines excluded). */
  rowsRead: number;
  /** Remarks about the whole file (the encoding it was read in when not UTF-8). */
  notes: string[];
}

export async function readTargets(path: string, ctx: LocalContext, file = path): Promise<TargetsRead> {
  const csv = await readLocalCsv(path, file);
  if (!csv) return { targets: [], rejections: [], present: false, rowsRead: 0, notes: [] };
  const notes = csv.notes;
  const missing = missingColumns(csv, TARGET_COLUMNS);
  if (missing.length > 0) return { targets: [], rejections: [...csv.rejections, ...missing], present: true, rowsRead: csv.rows.length + csv.rejections.length, notes };
  const rejections = [...csv.rejections];
  const targets: Target[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of csv.rows) {
    const reject = (column: string, reason: string) => rejections.push({ file, line, column, value: values[column] ?? "", reason });
    const id = values.indicateur ?? "";
    const info = ctx.indicators.get(id);
    if (!info) { reject("indicateur", `indicateur inconnu du catalogue : « ${id} »`); continue; }
    const niveau = (values.niveau ?? "").toLowerCase();
    if (!LOCAL_LEVELS.includes(niveau as Level)) { reject("niveau", `niveau inconnu (attendu : ${LOCAL_LEVELS.join(", ")})`); continue; }
    if (!info.levels.includes(niveau as Level)) { reject("niveau", `l'indicateur ${id} n'est pas calculé à ce niveau (niveaux : ${info.levels.join(", ")})`); continue; }
    const code = values.code_geo ?? "";
    const geoProblem = geographyProblem(ctx, niveau, code);
    if (geoProblem) { reject("code_geo", geoProblem); continue; }
    const value = parseNumber(values.valeur_cible ?? "");
    if (value === undefined || value === null) { reject("valeur_cible", numberReason(values.valeur_cible ?? "")); continue; }
    const year = parseYear(values.annee_cible ?? "");
    if (year === undefined) { reject("annee_cible", "année sur 4 chiffres attendue, entre 1900 et 2100"); continue; }
    const type = (values.type ?? "").toLowerCase();
    if (type !== "valeur" && type !== "evolution_pct") { reject("type", "type de cible inconnu (attendu : valeur ou evolution_pct)"); continue; }
    const phase = rowPhase(ctx.phases, values.phase, niveau, code);
    if ("problem" in phase) { reject("phase", phase.problem); continue; }
    const key = `${phase.phase?.id ?? ""}|${id}|${niveau}|${code}`;
    const first = seen.get(key);
    if (first !== undefined) { reject("indicateur", `cible en double pour ${id} / ${niveau} ${code}${phase.phase && (ctx.phases?.phases.length ?? 0) > 1 ? ` / phase ${phase.phase.id}` : ""} (déjà ligne ${first})`); continue; }
    seen.set(key, line);
    targets.push({
      indicateur: id, niveau: niveau as Level, code_geo: code, valeur_cible: value, annee_cible: year, type: type as TargetType, origine: formatLocation(file, line),
      ...(phase.phase ? { phase: phase.phase.id } : {}),
    });
  }
  return { targets, rejections: byLine(rejections), present: true, rowsRead: csv.rows.length + csv.rejections.length, notes };
}
