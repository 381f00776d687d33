// Progress of the action plan for the report. The plan (data/local/actions.csv) keeps no history: it is a snapshot
// dated by its latest update. It comes from the action-plan part's actions.json when that part exists, otherwise
// from the indicator actions_engagees_pct of src/indicators.
import type { IndicatorRow } from "../indicators/types.ts";
import { formatLongDate, formatNumber } from "../format/number.ts";
import { plural } from "./format.ts";
import type { ActionItem, ActionsProgress } from "./types.ts";

const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Actions from actions.json, whatever its outer shape (a list, or an object with a list under `actions`); null when
 *  it holds no recognisable action (the format is evolving: better no section than a wrong one). */
export function actionsFromJson(json: unknown): { items: ActionItem[]; date: string | null; rule: string | null } | null {
  const list = Array.isArray(json) ? json : json && typeof json === "object" && Array.isArray((json as { actions?: unknown }).actions) ? (json as { actions: unknown[] }).actions : null;
  if (!list) return null;
  const items: ActionItem[] = [];
  for (const a of list) {
    if (!a || typeof a !== "object") continue;
    const o = a as Record<string, unknown>;
    const titre = str(o.titre);
    const statut = str(o.statut);
    if (titre === "" || statut === "") continue;
    items.push({
      id: str(o.id), axe: str(o.axe), phase: str(o.phase) || null, titre, porteur: str(o.porteur), statut,
      date_debut: str(o.date_debut) || null, date_fin_prevue: str(o.date_fin_prevue) || null,
      avancement: num(o.avancement), date_mise_a_jour: str(o.date_mise_a_jour) || null,
      en_retard: typeof o.en_retard === "boolean" ? o.en_retard : null,
    });
  }
  if (items.length === 0) return null;
  const meta = !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  return { items, date: str(meta.date_situation) || null, rule: str(meta.regle_retard) || null };
}

const ENGAGED = new Set(["engagée", "réalisée"]);

export function progressFromActions(items: ActionItem[], situationDate: string | null = null, lateRule: string | null = null): ActionsProgress {
  const dates = items.map((a) => a.date_mise_a_jour).filter((d): d is string => !!d).sort();
  const lateKnown = items.some((a) => a.en_retard !== null);
  const late = items.filter((a) => a.en_retard === true && a.statut !== "abandonnée").length;
  const counted = items.filter((a) => a.statut !== "abandonnée");
  const engaged = counted.filter((a) => ENGAGED.has(a.statut)).length;
  const statuses = new Map<string, number>();
  for (const a of items) statuses.set(a.statut, (statuses.get(a.statut) ?? 0) + 1);
  const axes = new Map<string, ActionItem[]>();
  for (const a of items) axes.set(a.axe, [...(axes.get(a.axe) ?? []), a]);
  const par_axe = [...axes].map(([axe, list]) => {
    const known = list.map((a) => a.avancement).filter((v): v is number => v !== null);
    return { axe, nombre: list.length, avancement_moyen: known.length > 0 ? Math.round((known.reduce((s, v) => s + v, 0) / known.length) * 10) / 10 : null };
  });
  const engagees_pct = counted.length > 0 ? Math.round((engaged / counted.length) * 1000) / 10 : null;
  const date = situationDate ?? dates.at(-1) ?? null;
  return {
    origine: "actions.json",
    date_mise_a_jour: date,
    engagees_pct,
    en_retard: lateKnown ? late : null,
    regle_retard: lateKnown ? lateRule : null,
    par_statut: [...statuses].map(([statut, nombre]) => ({ statut, nombre })),
    par_axe,
    actions: items,
    synthese: [
      `Plan d'actions${date ? ` au ${formatLongDate(date)}` : ""} : ${plural(items.length, "action")}, dont ${formatNumber(engaged)} engagée${engaged > 1 ? "s" : ""} ou réalisée${engaged > 1 ? "s" : ""}` +
        (engagees_pct !== null ? ` (${formatNumber(engagees_pct, 1)} % des actions non abandonnées).` : "."),
      ...(lateKnown ? [late === 0 ? "Aucune action n'est en retard." : `${plural(late, "action")} ${late > 1 ? "sont" : "est"} en retard.`, ...(lateRule ? [lateRule] : [])] : []),
    ],
  };
}

/** Fallback without actions.json: the latest value of actions_engagees_pct at the territory level. */
export function progressFromIndicator(rows: readonly IndicatorRow[]): ActionsProgress | null {
  const latest = rows
    .filter((r) => r.indicateur === "actions_engagees_pct" && r.niveau === "territoire" && r.valeur !== null)
    .sort((a, b) => a.annee - b.annee)
    .at(-1);
  if (!latest) return null;
  const n = latest.denominateur;
  return {
    origine: "indicateur",
    date_mise_a_jour: String(latest.annee),
    engagees_pct: latest.valeur,
    en_retard: null,
    regle_retard: null,
    par_statut: [],
    par_axe: [],
    actions: [],
    synthese: [
      `Plan d'actions (mise à jour ${latest.annee}) : ${formatNumber(latest.valeur, 1)} % des actions non abandonnées sont engagées ou réalisées` +
        (n !== null && latest.numerateur !== null ? ` (${formatNumber(latest.numerateur)} sur ${formatNumber(n)}).` : "."),
    ],
  };
}
