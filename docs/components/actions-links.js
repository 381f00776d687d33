// Links from an indicator to the actions of the plan that aim at it (axis pages, indicator sections).
// Usage: const plan = await FileAttachment("data/site/actions.json").json();
//        indicatorSection(sheet, {..., linkedActions: (id) => actionsFor(plan, id)})
// Titles come from the territory's file: they are interpolated by htl, which escapes them (never innerHTML).
import {html} from "htl";

/** An html list of links to ./plan-actions#action-<id>, or null when no action aims at the indicator. */
export function actionsFor(actionsJson, indicatorId) {
  const list = actionsJson?.par_indicateur?.[indicatorId];
  if (!list || list.length === 0) return null;
  return html`<ul class="ti-action-links">${list.map(
    (a) => html`<li><a href=${`./plan-actions#action-${encodeURIComponent(a.id)}`}>${a.id} — ${a.titre}</a></li>`
  )}</ul>`;
}
