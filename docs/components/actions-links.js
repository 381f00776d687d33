// Links from an indicator to the actions of the plan that aim at it (axis pages, indicator sections).
// Usage: const plan = await FileAttachment("data/site/actions.json").json();
//        indicatorSection(sheet, {..., linkedActions: (id) => actionsFor(plan, id)})
// Titles come from the territory's file: they are interpolated by htl, which escapes them (never innerHTML).
import {html} from "htl";
import {formatNumber} from "./format.js";
import {STATUS_LABELS} from "./actions.js";

/** An html list of links to ./plan-actions#action-<id>, or null when no action aims at the indicator. */
export function actionsFor(actionsJson, indicatorId) {
  const list = actionsJson?.par_indicateur?.[indicatorId];
  if (!list || list.length === 0) return null;
  return html`<ul class="ti-action-links">${list.map(
    (a) => html`<li><a href=${`./plan-actions#action-${encodeURIComponent(a.id)}`}>${a.id} — ${a.titre}</a></li>`
  )}</ul>`;
}

/**
 * The actions of one phase that aim at an indicator, each with its state: "ATT-1 Accueil global… — engagée, 60 %,
 * en retard". Null when none. `phaseId`: the phase shown (an action without a phase belongs to every phase).
 */
export function linkedActions(actionsJson, indicatorId, phaseId) {
  const list = (actionsJson?.actions ?? []).filter((a) => a.indicateurs_lies?.includes(indicatorId) && (!phaseId || !a.phase || a.phase === phaseId));
  if (list.length === 0) return null;
  return html`<ul class="ti-action-links ti-action-etats">${list.map((a) => html`<li>
    <a href=${`./plan-actions#action-${encodeURIComponent(a.id)}`} title=${a.titre}>${a.id}</a> ${a.titre} :
    <span class="ti-action-etat">${(STATUS_LABELS[a.statut] ?? a.statut).toLowerCase()}${a.avancement !== null && a.avancement !== undefined && a.statut !== "abandonnée" ? `, ${formatNumber(a.avancement)}\u202f%` : ""}${a.en_retard ? html`, <strong>en retard</strong>` : ""}</span>
  </li>`)}</ul>`;
}
