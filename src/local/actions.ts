// data/local/actions.csv: the action plan of the contract, one row per action (format: data/local/README.md).
// Required columns (the earlier format, still accepted as is):
//   id,axe,titre,porteur,statut,avancement,indicateurs_lies,date_mise_a_jour
// Optional columns: description,partenaires,budget_prevu,budget_engage,date_debut,date_fin_prevue,commentaire.
// Any other column is kept as is in `extra`.
// A row with an error is rejected (every error of the row is listed); a budget engaged above the planned one is a
// warning: the row is kept. "En retard" is never entered: it is derived (see isLate).
import type { Rejection } from "../sources/types.ts";
import { byLine, fold, latestUpdateDate, missingColumns, parseDate, parseNumber, readLocalCsv } from "./csv.ts";
import type { LocalContext } from "./context.ts";
import { eurosReason, formatEuros, parseEuros } from "./actions-values.ts";
import { rowPhase } from "./phases.ts";
import { AXES_SETS, type AxesSetId, type Axis } from "../phases/axes.ts";

export const ACTION_COLUMNS = ["id", "axe", "titre", "porteur", "statut", "avancement", "indicateurs_lies", "date_mise_a_jour"] as const;
export const ACTION_OPTIONAL_COLUMNS = ["description", "partenaires", "budget_prevu", "budget_engage", "date_debut", "date_fin_prevue", "commentaire", "phase"] as const;
export const ACTION_STATUSES = ["à lancer", "engagée", "réalisée", "abandonnée"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** Statuses of the earlier format, still read: "prévue" is an action not yet launched. */
const STATUS_ALIASES: Record<string, ActionStatus> = { prevue: "à lancer" };
export const ACTION_AXES: Axis[] = ["Attirer", "Recruter", "Innover", "Simplifier"];
/** An id is the anchor of the action on the page (#action-<id>) and is cited in links: no space, no markup. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const LIST_SEPARATOR = /[;|]/;

export interface Action {
  id: string;
  /** An axis of the phase's axes set, by its short name: "Attirer"... for axes-2019, "Foncier industriel"... for priorites-2023. */
  axe: Axis | string;
  /** Contract phase (optional column `phase`, src/local/phases.ts); null when the reader was given no phases. */
  phase: string | null;
  titre: string;
  description: string;
  porteur: string;
  partenaires: string[];
  /** Euros; null when not given (unknown, never zero). */
  budget_prevu: number | null;
  budget_engage: number | null;
  /** AAAA-MM-JJ, or null when not given. */
  date_debut: string | null;
  date_fin_prevue: string | null;
  statut: ActionStatus;
  /** Progress in %, null when not given. */
  avancement: number | null;
  indicateurs_lies: string[];
  date_mise_a_jour: string;
  commentaire: string;
  /** Derived: planned end passed at the reference date of the file and the action neither completed nor abandoned. */
  en_retard: boolean;
  extra: Record<string, string>;
  line: number;
}

export interface ActionsRead {
  actions: Action[];
  /** Rows refused (errors), in file order. */
  rejections: Rejection[];
  /** Problems of kept rows (budget engaged above the planned one), in file order. */
  warnings: Rejection[];
  /** False when the file does not exist. */
  present: boolean;
  /** Data rows read (comment and blank lines excluded). */
  rowsRead: number;
  /** The date lateness is judged at: the newest date_mise_a_jour of the loaded actions (null without actions). */
  referenceDate: string | null;
  /** Remarks about the whole file (the encoding it was read in when not UTF-8). */
  notes: string[];
}

export const LATE_RULE =
  "Une action est « en retard » quand sa date de fin prévue est antérieure à la date de situation du plan " +
  "(la date de mise à jour la plus récente du fichier) et qu'elle n'est ni réalisée ni abandonnée.";

/** The late rule, in one place: the page, the indicator actions_en_retard and the tests use it. */
export function isLate(a: Pick<Action, "statut" | "date_fin_prevue">, referenceDate: string | null): boolean {
  if (referenceDate === null || a.date_fin_prevue === null) return false;
  return (a.statut === "à lancer" || a.statut === "engagée") && a.date_fin_prevue < referenceDate;
}

/** "prévue" or "Engagee" -> the canonical status; undefined when unknown. */
export function parseStatus(text: string): ActionStatus | undefined {
  const f = fold(text);
  return ACTION_STATUSES.find((s) => fold(s) === f) ?? STATUS_ALIASES[f];
}

function splitList(text: string): string[] {
  return text.split(LIST_SEPARATOR).map((s) => s.trim()).filter((s) => s !== "");
}

const DATE_REASON = "date non valide (attendu AAAA-MM-JJ ou JJ/MM/AAAA)";

export async function readActions(path: string, ctx: LocalContext, file = path): Promise<ActionsRead> {
  const csv = await readLocalCsv(path, file);
  const empty = { actions: [], rejections: [], warnings: [], present: false, rowsRead: 0, referenceDate: null, notes: [] };
  if (!csv) return empty;
  const notes = csv.notes;
  const rowsRead = csv.rows.length + csv.rejections.length;
  const missing = missingColumns(csv, ACTION_COLUMNS);
  if (missing.length > 0) return { ...empty, rejections: [...csv.rejections, ...missing], present: true, rowsRead, notes };
  const rejections = [...csv.rejections];
  const warnings: Rejection[] = [];
  const actions: Action[] = [];
  // First line of every id, valid row or not: a later row with the same id is the duplicate.
  const firstLine = new Map<string, number>();
  const latest = latestUpdateDate();

  for (const { line, values } of csv.rows) {
    const problems: Rejection[] = [];
    const problem = (column: string, reason: string) => problems.push({ file, line, column, value: values[column] ?? "", reason });
    const text = (column: string) => values[column] ?? "";

    const id = text("id");
    if (id === "") problem("id", "identifiant d'action obligatoire");
    else if (firstLine.has(id)) problem("id", `identifiant d'action en double (déjà ligne ${firstLine.get(id)})`);
    else if (!ID_PATTERN.test(id)) problem("id", "identifiant non valide : lettres, chiffres, « - », « _ » ou « . », sans espace (il sert d'ancre de lien)");
    if (id !== "" && !firstLine.has(id)) firstLine.set(id, line);

    // The axes of the row's phase: Attirer... for a 2019-2022 phase, the four priorities (by id, name or short name)
    // after. Without a phase, the current phase's axes; an axis found only in another phase's set (Attirer in a folder
    // whose current phase has the priorities) places the row in the latest phase with that set.
    let phase = rowPhase(ctx.phases, values.phase);
    const axisIn = (set: AxesSetId) => AXES_SETS[set].axes.find((a) => [a.id, a.nom, a.court].some((n) => fold(n) === fold(text("axe"))))?.court;
    if ("problem" in phase) problem("phase", phase.problem);
    else if (phase.phase && (values.phase ?? "").trim() === "" && !axisIn(phase.phase.axes)) {
      const other = [...(ctx.phases?.phases ?? [])].reverse().find((p) => axisIn(p.axes));
      if (other) phase = { phase: other };
    }
    const axe = axisIn("phase" in phase && phase.phase ? phase.phase.axes : "axes-2019");
    if (!axe) {
      const names = (set: AxesSetId) => AXES_SETS[set].axes.map((a) => a.court).join(", ");
      const explicit = (values.phase ?? "").trim() !== "";
      const all = ctx.phases && !explicit ? ctx.phases.phases : null;
      problem("axe", all && all.length > 1
        ? `axe inconnu (attendu : ${all.map((p) => `${names(p.axes)} pour la phase ${p.id}`).join(" ; ")})`
        : `axe inconnu (attendu : ${names("phase" in phase && phase.phase ? phase.phase.axes : "axes-2019")})`);
    }
    const titre = text("titre");
    if (titre === "") problem("titre", "titre obligatoire");

    const budgetPrevu = parseEuros(text("budget_prevu"));
    if (budgetPrevu === undefined) problem("budget_prevu", eurosReason(text("budget_prevu")));
    const budgetEngage = parseEuros(text("budget_engage"));
    if (budgetEngage === undefined) problem("budget_engage", eurosReason(text("budget_engage")));

    const debut = text("date_debut") === "" ? null : parseDate(text("date_debut"));
    if (debut === undefined) problem("date_debut", DATE_REASON);
    const fin = text("date_fin_prevue") === "" ? null : parseDate(text("date_fin_prevue"));
    if (fin === undefined) problem("date_fin_prevue", DATE_REASON);
    if (debut && fin && fin < debut) problem("date_fin_prevue", `date de fin prévue (${fin}) antérieure à la date de début (${debut})`);

    const statut = parseStatus(text("statut"));
    if (!statut) {
      problem("statut", fold(text("statut")) === "en retard"
        ? "« en retard » ne se saisit pas : il est calculé (date de fin prévue dépassée) ; saisir le statut réel (à lancer ou engagée)"
        : `statut inconnu (attendu : ${ACTION_STATUSES.join(", ")})`);
    }
    const avancement = parseNumber(text("avancement").replace("%", ""));
    if (avancement === undefined || (avancement !== null && (avancement < 0 || avancement > 100))) {
      problem("avancement", "pourcentage entre 0 et 100 attendu (ou vide)");
    }
    const linked = splitList(text("indicateurs_lies"));
    const unknown = linked.filter((l) => !ctx.indicators.has(l));
    if (unknown.length > 0) problem("indicateurs_lies", `indicateur(s) inconnu(s) du catalogue : ${unknown.join(", ")} (séparer les identifiants par « ; »)`);
    let date = parseDate(text("date_mise_a_jour"));
    if (!date) problem("date_mise_a_jour", `${DATE_REASON}, obligatoire`);
    else if (date > latest) {
      // A future update date would become the plan's reference date and declare every action late.
      problem("date_mise_a_jour", `date de mise à jour dans le futur (après le ${latest}) : une mise à jour ne peut pas être postérieure à aujourd'hui`);
      date = undefined;
    }

    if (problems.length > 0 || !axe || "problem" in phase || !statut || avancement === undefined || !date || budgetPrevu === undefined || budgetEngage === undefined || debut === undefined || fin === undefined) {
      rejections.push(...problems);
      continue;
    }
    if (budgetPrevu !== null && budgetEngage !== null && budgetEngage > budgetPrevu) {
      warnings.push({
        file, line, column: "budget_engage", value: text("budget_engage"),
        reason: `budget engagé (${formatEuros(budgetEngage)}) supérieur au budget prévu (${formatEuros(budgetPrevu)}) ; ligne conservée, à vérifier`,
      });
    }
    const extra: Record<string, string> = {};
    const known: readonly string[] = [...ACTION_COLUMNS, ...ACTION_OPTIONAL_COLUMNS];
    for (const [k, v] of Object.entries(values)) if (!known.includes(k)) extra[k] = v;
    actions.push({
      id, axe, phase: phase.phase?.id ?? null, titre, description: text("description"), porteur: text("porteur"), partenaires: splitList(text("partenaires")),
      budget_prevu: budgetPrevu, budget_engage: budgetEngage, date_debut: debut, date_fin_prevue: fin, statut, avancement,
      indicateurs_lies: linked, date_mise_a_jour: date, commentaire: text("commentaire"), en_retard: false, extra, line,
    });
  }

  const referenceDate = actions.reduce<string | null>((max, a) => (max === null || a.date_mise_a_jour > max ? a.date_mise_a_jour : max), null);
  for (const a of actions) a.en_retard = isLate(a, referenceDate);
  return { actions, rejections: byLine(rejections), warnings: byLine(warnings), present: true, rowsRead, referenceDate, notes };
}
