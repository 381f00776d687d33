// The synthesis scorecard: per axis, a headline count (en bonne voie, à surveiller, en retard, sans cible), then each
// indicator's status, latest territory value, change since the configured reference year, target, the actions of the
// plan that aim at it with their state, and a small trend line (decorative: the numbers are in the table).
// Progress toward a target is a coloured badge; the direction of change without a target is plain text after an
// arrow, in the change column: the two vocabularies (status-labels.js) never share a look.
import * as Plot from "@observablehq/plot";
import {chartImage} from "./a11y.js";
import {html} from "htl";
import {formatNumber} from "./format.js";
import {AXIS_PATHS, formatChange, formatIndicator, formatWithStatus, statusBadge, trendText} from "./indicators.js";
import {geographiesOf} from "./axis.js";
import {linkedActions} from "./actions-links.js";
import {HEADLINE_CATEGORIES, headlineCategory, headlineCounts, headlineLabel, isTargetStatus, WITHOUT_TARGET_LABEL} from "./status-labels.js";

function sparkline(points) {
  const known = points.filter((p) => p.valeur !== null);
  if (known.length < 2) return html`<span class="ti-muted">—</span>`;
  const chart = chartImage(Plot.plot({
    width: 120,
    height: 32,
    margin: 3,
    axis: null,
    x: {type: "linear"},
    y: {zero: false},
    marks: [Plot.line(known, {x: "annee", y: "valeur", stroke: "currentColor", strokeWidth: 1.5}), Plot.dot(known.slice(-1), {x: "annee", y: "valeur", fill: "currentColor", r: 2})]
  }));
  chart.setAttribute("aria-hidden", "true");
  return chart;
}

/** The indicators of one axis as the synthesis shows them: one geography each (the territory, else the first bassin). */
export function scorecardRows(axis, {catalogue, index, tracking, territoire, bassins, axes = "axes-2019"}) {
  return catalogue
    .filter((s) => (s.placement?.[axes] ?? s.axis) === axis)
    .map((sheet) => {
      const geo = geographiesOf(sheet, territoire, bassins)[0];
      if (!geo) return null;
      return {sheet, geo, latest: index.latest(sheet.id, geo.niveau, geo.code), track: tracking(sheet.id, geo.niveau, geo.code)};
    })
    .filter((r) => r !== null);
}

/** The headline category of a scorecard row (an indicator without any tracking row has no target). */
const categoryOf = (r) => (r.track ? headlineCategory(r.track) : "sans_cible");

/** "2 en bonne voie · 1 à surveiller · 0 en retard · 4 sans cible": the four counts always, the fifth when not zero. */
export function headline(rows, {id, label} = {}) {
  const counts = headlineCounts(rows.map((r) => r.track ?? {statut: "non_evaluable", cible_calculee: null}));
  const shown = HEADLINE_CATEGORIES.filter((c) => c !== "non_evaluable" || counts[c] > 0);
  return html`<ul class="ti-headline" id=${id} aria-label=${label}>${shown.map((c) => html`<li class=${`ti-headline-${c}`} data-categorie=${c}>
    <strong>${formatNumber(counts[c])}</strong> ${headlineLabel(c, counts[c])}</li>`)}</ul>`;
}

/** The change column: the number since the reference year, what the reference is when it is not a plain value. */
function changeCell(t, sheet, referenceYear) {
  if (!t) return html`<span class="ti-muted">n.d.</span>`;
  if (sheet.envelope && isTargetStatus(t.statut))
    return html`${formatIndicator(t.progression_realisee_pct, "%")} de l'enveloppe consommés <span class="ti-muted">pour ${formatIndicator(t.progression_attendue_pct, "%")} de la période ${sheet.envelope.start}-${sheet.envelope.end} écoulée</span>`;
  if (t.valeur_reference === null)
    return html`<span class="ti-reference-inconnue">référence ${referenceYear} inconnue</span>${t.premiere_annee !== null && t.premiere_annee !== undefined
      ? html`<br><span class="ti-muted">première valeur : ${formatIndicator(t.premiere_valeur, sheet.unit)} en ${t.premiere_annee} (information)</span>` : ""}`;
  const change = t.derniere_valeur === null ? html`<span class="ti-muted">pas de valeur après ${referenceYear}</span>` : formatChange(t.valeur_reference, t.derniere_valeur, sheet.unit);
  const trend = isTargetStatus(t.statut) || t.statut === "non_evaluable" ? "" : html` ${trendText(t.statut, t.sens_souhaite)}`;
  const partial = t.statut_reference === "partiel" ? html`<br><span class="ti-muted ti-reference-partielle">${t.note_reference}</span>` : "";
  return html`${change}${trend}${partial}`;
}

function targetCell(t, sheet) {
  if (!t || (t.cible_calculee ?? null) === null) {
    if (t?.type_cible) return html`<span class="ti-muted">${t.valeur_cible > 0 ? "+" : ""}${formatNumber(t.valeur_cible, 1)} % (${t.annee_cible}), non calculable</span>`;
    return html`<span class="ti-muted">—</span>`;
  }
  if (sheet.envelope && !t.type_cible) return html`enveloppe ${sheet.envelope.start}-${sheet.envelope.end} <span class="ti-muted">(100 % en ${t.annee_cible})</span>`;
  const relative = t.type_cible === "evolution_pct" ? html`<br><span class="ti-muted">${t.valeur_cible > 0 ? "+" : "−"}${formatNumber(Math.abs(t.valeur_cible), 1)} % par rapport à ${t.annee_reference}</span>` : "";
  return html`${formatIndicator(t.cible_calculee, sheet.unit)} <span class="ti-muted">(${t.annee_cible})</span>${relative}`;
}

/** Progress toward the target: its badge; « Sans cible » in plain words; a target that cannot be judged, said so. */
function statusCell(t) {
  const category = t ? headlineCategory(t) : "sans_cible";
  if (isTargetStatus(category)) return statusBadge(category);
  if (category === "non_evaluable") return html`<span class="ti-sans-cible">cible non évaluable</span>`;
  return html`<span class="ti-sans-cible">${WITHOUT_TARGET_LABEL}</span>`;
}

function actionsCell(actionsJson, sheet, phaseId) {
  const list = linkedActions(actionsJson, sheet.id, phaseId);
  if (list === null) return html`<span class="ti-muted">aucune action liée</span>`;
  return list;
}

/** One table per axis. Indicators published only by bassin d'emploi show their first bassin, named. */
/** `axes`: the axes set of the phase shown (placement of each sheet, src/phases/axes.ts); `titre`, `path`: its axis page. */
export function axisScorecard(axis, options) {
  const {territoire, actions = null, phaseId = null, titre = axis, path = AXIS_PATHS[axis]} = options;
  const rows = scorecardRows(axis, options);
  const year = territoire.annee_reference;
  return html`<section class="ti-scorecard" aria-labelledby=${`synthese-${axis}`}>
    <h3 id=${`synthese-${axis}`}><a href=${path}>${titre}</a></h3>
    ${headline(rows, {id: `decompte-${axis}`, label: `Décompte des indicateurs de l'axe ${titre}`})}
    <div class="ti-table-wrap" tabindex="0"><table class="ti-table">
      <caption class="ti-sr">${titre} : statut, dernière valeur, évolution depuis ${year}, cible et actions liées de chaque indicateur</caption>
      <thead><tr>
        <th scope="col">Indicateur</th><th scope="col">Progrès vers la cible</th><th scope="col" class="num">Dernière valeur</th>
        <th scope="col">Évolution depuis ${year}</th><th scope="col">Cible</th><th scope="col">Actions liées</th><th scope="col" class="ti-trend"><span class="ti-sr">Tendance</span></th>
      </tr></thead>
      <tbody>${rows.map(({sheet: s, geo, latest, track: t}) => html`<tr data-indicateur=${s.id} data-categorie=${categoryOf({track: t})}>
          <th scope="row"><a href=${`${path}#${s.id}`}>${s.title}</a>${geo.main ? "" : html`<br><span class="ti-muted">${geo.nom}</span>`}</th>
          <td class="ti-statut">${statusCell(t)}</td>
          <td class="num ti-valeur">${latest ? html`${formatWithStatus(latest.valeur, s.unit, latest.statut)} <span class="ti-muted">(${latest.annee})</span>` : "n.d."}</td>
          <td class="ti-evolution">${changeCell(t, s, year)}</td>
          <td class="ti-cible">${targetCell(t, s)}</td>
          <td class="ti-actions-liees">${actionsCell(actions, s, phaseId)}</td>
          <td class="ti-trend">${sparkline(options.index.series(s.id, geo.niveau, geo.code))}</td>
        </tr>`)}</tbody>
    </table></div>
  </section>`;
}

/** The headline of a whole phase: the axes' rows together. */
export function phaseHeadline(axes, options) {
  const rows = axes.flatMap((a) => scorecardRows(a.id, options));
  return headline(rows, {id: "decompte-phase", label: "Décompte des indicateurs de la phase"});
}
