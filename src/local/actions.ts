// data/local/actions.csv: the action plan, one row per action. Required columns:
//   id,axe,titre,porteur,statut,avancement,indicateurs_lies,date_mise_a_jour
// Any other column (partenaires, budget, debut, fin...) is kept as is in `extra`: the format will grow.
import type { Rejection } from "../sources/types.ts";
import type { Axis } from "../indicators/types.ts";
import { byLine, fold, missingColumns, parseDate, parseNumber, readLocalCsv } from "./csv.ts";
import type { LocalContext } from "./context.ts";

export const ACTION_COLUMNS = ["id", "axe", "titre", "porteur", "statut", "avancement", "indicateurs_lies", "date_mise_a_jour"] as const;
export const ACTION_STATUSES = ["prévue", "engagée", "réalisée", "suspendue", "abandonnée"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
const AXES: Axis[] = ["Attirer", "Recruter", "Innover", "Simplifier"];

export interface Action {
  id: string;
  axe: Axis;
  titre: string;
  porteur: string;
  statut: ActionStatus;
  /** Progress in %, null when not given. */
  avancement: number | null;
  indicateurs_lies: string[];
  date_mise_a_jour: string;
  extra: Record<string, string>;
  line: number;
}

export interface ActionsRead {
  actions: Action[];
  rejections: Rejection[];
  /** False when the file does not exist. */
  present: boolean;
  /** Data rows read (comment and blank lines excluded). */
  rowsRead: number;
}

export async function readActions(file: string, ctx: LocalContext): Promise<ActionsRead> {
  const csv = await readLocalCsv(file);
  if (!csv) return { actions: [], rejections: [], present: false, rowsRead: 0 };
  const missing = missingColumns(csv, ACTION_COLUMNS);
  if (missing.length > 0) return { actions: [], rejections: [...csv.rejections, ...missing], present: true, rowsRead: csv.rows.length + csv.rejections.length };
  const rejections = [...csv.rejections];
  const actions: Action[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of csv.rows) {
    const reject = (column: string, reason: string) => rejections.push({ file, line, column, value: values[column] ?? "", reason });
    const id = values.id ?? "";
    if (id === "") { reject("id", "identifiant d'action obligatoire"); continue; }
    const first = seen.get(id);
    if (first !== undefined) { reject("id", `identifiant d'action en double (déjà ligne ${first})`); continue; }
    const axe = AXES.find((a) => fold(a) === fold(values.axe ?? ""));
    if (!axe) { reject("axe", `axe inconnu (attendu : ${AXES.join(", ")})`); continue; }
    const titre = values.titre ?? "";
    if (titre === "") { reject("titre", "titre obligatoire"); continue; }
    const statut = ACTION_STATUSES.find((s) => fold(s) === fold(values.statut ?? ""));
    if (!statut) { reject("statut", `statut inconnu (attendu : ${ACTION_STATUSES.join(", ")})`); continue; }
    const avancement = parseNumber((values.avancement ?? "").replace("%", ""));
    if (avancement === undefined || (avancement !== null && (avancement < 0 || avancement > 100))) {
      reject("avancement", "pourcentage entre 0 et 100 attendu (ou vide)"); continue;
    }
    const linked = (values.indicateurs_lies ?? "").split(/[;|]/).map((s) => s.trim()).filter((s) => s !== "");
    const unknown = linked.filter((l) => !ctx.indicators.has(l));
    if (unknown.length > 0) { reject("indicateurs_lies", `indicateur(s) inconnu(s) du catalogue : ${unknown.join(", ")} (séparer les identifiants par « ; »)`); continue; }
    const date = parseDate(values.date_mise_a_jour ?? "");
    if (!date) { reject("date_mise_a_jour", "date attendue au format AAAA-MM-JJ (ou JJ/MM/AAAA)"); continue; }
    seen.set(id, line);
    const extra: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) if (!(ACTION_COLUMNS as readonly string[]).includes(k)) extra[k] = v;
    actions.push({ id, axe, titre, porteur: values.porteur ?? "", statut, avancement, indicateurs_lies: linked, date_mise_a_jour: date, extra, line });
  }
  return { actions, rejections: byLine(rejections), present: true, rowsRead: csv.rows.length + csv.rejections.length };
}
