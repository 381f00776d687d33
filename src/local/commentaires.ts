// data/local/commentaires.csv: the copil's own commentary in the annual reports, one row per report year and axis.
//   phase,annee,axe,commentaire
// `axe` names an axis of the year's phase (id, name or short name, as in actions.csv), or is empty (or
// « Synthèse ») for the commentary of the whole report, printed in its executive summary. `phase` is optional: empty,
// the phase whose period covers `annee`; given, it must be that phase. The text is shown as written (never as HTML);
// line breaks inside a quoted cell (Alt+Entrée in Excel) start a new paragraph.
import type { Rejection } from "../sources/types.ts";
import { AXES_SETS, type AxesSetId } from "../phases/axes.ts";
import { phaseOfReport } from "../phases/reports.ts";
import { byLine, fold, missingColumns, parseYear, readLocalCsv } from "./csv.ts";

export const COMMENTARY_COLUMNS = ["annee", "axe", "commentaire"] as const;
/** What `axe` says for the commentary of the whole report (compared without accents nor case). */
export const WHOLE_REPORT_AXIS = "Synthèse";

export interface CommentaryPhase {
  id: string;
  code: string;
  axes: AxesSetId;
  period: { start: number; end: number };
}

export interface Commentary {
  phase: string;
  annee: number;
  /** Axis id in the phase's axes set, or null for the whole report. */
  axe: string | null;
  /** Paragraphs, as typed. */
  paragraphes: string[];
  /** "local/commentaires.csv:4", cited under the text. */
  origine: string;
}

export interface CommentariesRead {
  commentaires: Commentary[];
  rejections: Rejection[];
  present: boolean;
  /** Data rows of the file (loaded or rejected). */
  rowsRead: number;
  notes: string[];
}

export async function readCommentaries(path: string, phases: readonly CommentaryPhase[], file = path): Promise<CommentariesRead> {
  const csv = await readLocalCsv(path, file);
  if (!csv) return { commentaires: [], rejections: [], present: false, rowsRead: 0, notes: [] };
  const rowsRead = csv.rows.length + csv.rejections.length;
  const missing = missingColumns(csv, COMMENTARY_COLUMNS);
  if (missing.length > 0) return { commentaires: [], rejections: [...csv.rejections, ...missing], present: true, rowsRead, notes: csv.notes };
  const rejections = [...csv.rejections];
  const commentaires: Commentary[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of csv.rows) {
    const reject = (column: string, reason: string) => rejections.push({ file, line, column, value: values[column] ?? "", reason });
    const year = parseYear(values.annee ?? "");
    if (year === undefined) { reject("annee", "année du rapport sur 4 chiffres attendue (par exemple 2022)"); continue; }
    const covering = phaseOfReport(phases, year);
    const phaseText = (values.phase ?? "").trim();
    if (phaseText !== "") {
      const named = phases.find((p) => fold(p.id) === fold(phaseText) || fold(p.code) === fold(phaseText));
      if (!named) { reject("phase", `phase inconnue : « ${phaseText} » (attendu : ${phases.map((p) => `${p.id} (${p.code})`).join(", ")}, ou vide)`); continue; }
      if (named !== covering) { reject("phase", `le rapport ${year} relève de la phase ${covering.id}, pas de la phase ${named.id}`); continue; }
    }
    const axisText = (values.axe ?? "").trim();
    let axe: string | null = null;
    if (axisText !== "" && fold(axisText) !== fold(WHOLE_REPORT_AXIS)) {
      const set = AXES_SETS[covering.axes];
      const found = set.axes.find((a) => [a.id, a.nom, a.court].some((n) => fold(n) === fold(axisText)));
      if (!found) { reject("axe", `axe inconnu pour la phase ${covering.id} (attendu : ${set.axes.map((a) => a.court).join(", ")}, ou « ${WHOLE_REPORT_AXIS} » ou vide pour l'ensemble du rapport)`); continue; }
      axe = found.id;
    }
    const paragraphes = (values.commentaire ?? "").split(/\r\n?|\n/).map((p) => p.trim()).filter((p) => p !== "");
    if (paragraphes.length === 0) { reject("commentaire", "commentaire vide (supprimer la ligne, ou écrire le commentaire)"); continue; }
    const key = `${covering.id}|${year}|${axe ?? ""}`;
    const first = seen.get(key);
    if (first !== undefined) { reject("axe", `commentaire en double pour le rapport ${year}, ${axe === null ? "ensemble du rapport" : `axe ${axisText}`} (déjà ligne ${first}) : réunir les deux textes dans une seule cellule`); continue; }
    seen.set(key, line);
    commentaires.push({ phase: covering.id, annee: year, axe, paragraphes, origine: `${file}:${line}` });
  }
  return { commentaires, rejections: byLine(rejections), present: true, rowsRead, notes: csv.notes };
}
