// The "Plan d'actions" page: filters, action cards, budget tables (data: data/site/actions.json).
// Every text of the territory's file (titles, descriptions, porteurs, comments) is interpolated by htl, which
// escapes it: nothing from the file is ever parsed as HTML.
import {html} from "htl";
import {formatDate, formatNumber, SECRET, UNKNOWN} from "./format.js";
import {AXIS_PATHS, OBSERVATION_LABELS, formatIndicator} from "./indicators.js";

export const LATE = "en retard";

export const STATUS_LABELS = {"à lancer": "À lancer", "engagée": "Engagée", "réalisée": "Réalisée", "abandonnée": "Abandonnée"};

const STATUS_CLASSES = {"à lancer": "a-lancer", "engagée": "engagee", "réalisée": "realisee", "abandonnée": "abandonnee"};

/** "12 000 €"; unknown amounts are "n.d.", never 0 €. */
export function formatEuros(value) {
  return value === null || value === undefined ? UNKNOWN : `${formatNumber(value)}\u00a0€`;
}

/** The actions matching the filters ("" = no filter; statut "en retard" = the derived lateness). */
export function filterActions(actions, {axe, porteur, statut}) {
  return actions.filter(
    (a) =>
      (!axe || a.axe === axe) &&
      (!porteur || a.porteur === porteur) &&
      (!statut || (statut === LATE ? a.en_retard : a.statut === statut))
  );
}

/** Key figures of the whole plan (abandoned actions out of the denominators, as in the indicators). */
export function planSummary(actions) {
  const active = actions.filter((a) => a.statut !== "abandonnée");
  const engaged = active.filter((a) => a.statut === "engagée" || a.statut === "réalisée").length;
  const withBudget = active.filter((a) => a.budget_prevu !== null && a.budget_engage !== null);
  const prevu = withBudget.reduce((s, a) => s + a.budget_prevu, 0);
  const engage = withBudget.reduce((s, a) => s + a.budget_engage, 0);
  return {
    total: actions.length,
    abandoned: actions.length - active.length,
    active: active.length,
    engaged,
    late: actions.filter((a) => a.en_retard).length,
    prevu,
    engage,
    budgetPartial: withBudget.length < active.length
  };
}

export function statusBadges(a) {
  return html`<span class="ti-badge ti-action-statut ti-action-statut-${STATUS_CLASSES[a.statut] ?? "autre"}">${STATUS_LABELS[a.statut] ?? a.statut}</span>${
    a.en_retard ? html` <span class="ti-badge ti-badge-en_retard">En retard</span>` : ""
  }`;
}

/** Progress as a native <progress> named by its visible label, or words when unknown (never a 0 bar). */
export function progressBar(a) {
  const id = `avancement-${a.id}`;
  if (a.avancement === null || a.avancement === undefined) {
    return html`<p class="ti-action-progress"><span class="ti-muted">Avancement non renseigné</span></p>`;
  }
  const text = `${formatNumber(a.avancement)}\u202f%`;
  return html`<div class="ti-action-progress">
    <label for=${id}>Avancement : <strong>${text}</strong></label>
    <progress id=${id} max="100" value=${a.avancement}>${text}</progress>
  </div>`;
}

function budgetText(a) {
  if (a.budget_prevu === null && a.budget_engage === null) return "non renseigné";
  const share = a.budget_prevu && a.budget_engage !== null ? ` (${formatNumber((a.budget_engage / a.budget_prevu) * 100)}\u202f%)` : "";
  return `${formatEuros(a.budget_engage)} engagés sur ${formatEuros(a.budget_prevu)} prévus${share}`;
}

/** "11,6 ha (provisoire) (2023)": value, unit, observation status and year; unknown spelt out, never 0. */
function indicatorValue(row, unite) {
  const text = formatIndicator(row.valeur, unite, row.statut);
  const known = text !== UNKNOWN && text !== SECRET;
  const label = OBSERVATION_LABELS[row.statut];
  return html`${text}${known && unite && !/%/.test(unite) ? ` ${unite}` : ""}${known && label ? ` (${label})` : ""} <span class="ti-muted">(${row.annee})</span>`;
}

function linkedIndicators(a, plan, latest) {
  if (a.indicateurs_lies.length === 0) return "";
  return html`<div class="ti-action-indicators">
    <h4>Indicateurs liés <span class="ti-muted">(dernière valeur du territoire)</span></h4>
    <ul>${a.indicateurs_lies.map((id) => {
      const info = plan.indicateurs[id];
      const row = latest(id);
      const value = info && !info.territoire ? "publié par bassin d'emploi, voir la page de l'axe" : row ? indicatorValue(row, info?.unite) : UNKNOWN;
      const href = info ? `${AXIS_PATHS[info.axe]}#${id}` : null;
      return html`<li>${href ? html`<a href=${href}>${info.titre}</a>` : id} : ${value}</li>`;
    })}</ul>
  </div>`;
}

/** The brownfield sites (Cartofriches) the action names, linked to their row of the Friches page. */
function linkedSites(a) {
  if (!a.sites_lies || a.sites_lies.length === 0) return "";
  return html`<div class="ti-action-sites">
    <h4>Friches visées <span class="ti-muted">(sites de Cartofriches nommés par l'action)</span></h4>
    <ul>${a.sites_lies.map((s) => html`<li><a href=${`./friches#friche-${s.id}`}>${s.nom ?? "(sans nom)"}</a> (${s.commune_nom})</li>`)}</ul>
  </div>`;
}

/** One action: title, statuses, progress, description, porteur and partners, calendar, budget, indicators, sites. */
export function actionCard(a, plan, latest) {
  return html`<article class="ti-action" id=${`action-${a.id}`} aria-labelledby=${`titre-action-${a.id}`}>
    <div class="ti-action-head">
      <h3 id=${`titre-action-${a.id}`}><span class="ti-action-id">${a.id}</span> ${a.titre}</h3>
      <p class="ti-action-badges">${statusBadges(a)}</p>
    </div>
    ${progressBar(a)}
    ${a.description ? html`<p class="ti-action-description">${a.description}</p>` : ""}
    <dl class="ti-action-facts">
      <dt>Porteur</dt><dd>${a.porteur || UNKNOWN}</dd>
      <dt>Partenaires</dt><dd>${a.partenaires.length ? a.partenaires.join(", ") : "—"}</dd>
      <dt>Calendrier</dt><dd>début ${formatDate(a.date_debut)} · fin prévue ${formatDate(a.date_fin_prevue)}${a.en_retard ? html` <strong class="ti-action-late">(dépassée)</strong>` : ""}</dd>
      <dt>Budget</dt><dd>${budgetText(a)}</dd>
      <dt>Mise à jour</dt><dd>${formatDate(a.date_mise_a_jour)}</dd>
    </dl>
    ${linkedIndicators(a, plan, latest)}
    ${linkedSites(a)}
    ${a.commentaire ? html`<p class="ti-action-comment"><span class="ti-muted">Commentaire :</span> ${a.commentaire}</p>` : ""}
  </article>`;
}

/** An axis name as an id: "Recrutement et compétences" -> "recrutement-et-competences" (ids have no space). */
function axisSlug(axe) {
  return axe.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** The filtered actions, one section per axis (axes without a matching action are left out). */
export function actionsByAxis(actions, plan, latest) {
  const sections = plan.axes
    .map((axe) => ({axe, list: actions.filter((a) => a.axe === axe)}))
    .filter((s) => s.list.length > 0);
  if (sections.length === 0) return html`<p class="ti-action-empty"><em>Aucune action ne correspond aux filtres choisis.</em></p>`;
  return html`<div class="ti-action-list">${sections.map(
    (s) => html`<section class="ti-action-axis" aria-labelledby=${`axe-${axisSlug(s.axe)}`}>
      <h2 id=${`axe-${axisSlug(s.axe)}`}>Axe ${s.axe} <span class="ti-muted">(${s.list.length} action${s.list.length > 1 ? "s" : ""})</span></h2>
      ${s.list.map((a) => actionCard(a, plan, latest))}
    </section>`
  )}</div>`;
}

function shareCell(t) {
  if (t.prevu_inconnus > 0 || t.engage_inconnus > 0 || !t.budget_prevu) return UNKNOWN;
  return `${formatNumber((t.budget_engage / t.budget_prevu) * 100, 1)}\u202f%`;
}

function amountCell(sum, unknown) {
  return html`${formatEuros(sum)}${unknown > 0 ? html`<br><span class="ti-muted">partiel : ${unknown} action${unknown > 1 ? "s" : ""} sans montant</span>` : ""}`;
}

/** Planned vs engaged budgets, one row per key (axis or porteur) and a total row. */
export function budgetTable(rows, ensemble, {caption, keyLabel}) {
  const line = (t, header) => html`<tr class=${header ? "ti-total" : ""}>
    <th scope="row">${t.cle}</th>
    <td class="num">${t.actions}</td>
    <td class="num">${amountCell(t.budget_prevu, t.prevu_inconnus)}</td>
    <td class="num">${amountCell(t.budget_engage, t.engage_inconnus)}</td>
    <td class="num">${shareCell(t)}</td>
  </tr>`;
  return html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table ti-budget-table">
    <caption>${caption}</caption>
    <thead><tr><th scope="col">${keyLabel}</th><th scope="col" class="num">Actions</th><th scope="col" class="num">Budget prévu</th>
      <th scope="col" class="num">Budget engagé</th><th scope="col" class="num">Part engagée</th></tr></thead>
    <tbody>${rows.filter((t) => t.actions > 0).map((t) => line(t, false))}</tbody>
    <tfoot>${line(ensemble, true)}</tfoot>
  </table></div>`;
}

/** Rows of the file left out (errors) and rows kept with a warning, as `ti validate` lists them; null when none. */
export function fileProblems(plan) {
  if (plan.rejets.length === 0 && plan.avertissements.length === 0) return null;
  const item = (p) => html`<li>ligne ${p.ligne}${p.colonne ? html`, colonne <code>${p.colonne}</code>` : ""} : ${p.message}${p.valeur ? html` (valeur « ${p.valeur} »)` : ""}</li>`;
  return html`<section class="ti-action-problems" aria-labelledby="problemes-fichier">
    <h2 id="problemes-fichier">Lignes du fichier à corriger</h2>
    ${plan.rejets.length ? html`<p>${plan.rejets.length} problème(s) : ces lignes sont écartées du plan affiché.</p><ul>${plan.rejets.map(item)}</ul>` : ""}
    ${plan.avertissements.length ? html`<p>À vérifier (lignes conservées) :</p><ul>${plan.avertissements.map(item)}</ul>` : ""}
    <p class="ti-source">La personne qui administre le site corrige le fichier du plan d'actions et le vérifie (voir l'<a href="./donnees#administration">administration des données</a>).</p>
  </section>`;
}
