// Annual report pages (docs/rapports/): tables, charts and print layout of one year's report (rapports.json).
import * as Plot from "@observablehq/plot";
import {chartImage} from "./a11y.js";
import {html} from "htl";
import {formatNumber} from "./format.js";
import {digitsFor, formatIndicator, formatWithStatus, statusBadge, LEVEL_LABELS} from "./indicators.js";
import {sourceLine, seriesTable, valueAxis, yearAxis} from "./figure.js";

export {pdfName} from "./rapports-links.js";

/** Signed change in the unit's terms (computed at build time: points, % or absolute). */
export function formatEvolution(evolution, unite) {
  if (!evolution) return "n.d.";
  const v = evolution.value;
  const sign = v > 0 ? "+" : v < 0 ? "−" : "";
  const abs = Math.abs(v);
  if (evolution.kind === "points") return `${sign}${formatNumber(abs, 1)} pt`;
  if (evolution.kind === "pct") return `${sign}${formatNumber(abs, 1)}\u202f%`;
  return `${sign}${formatIndicator(abs, unite)}`;
}

function geoLabel(r) {
  return r.niveau === "territoire" ? "" : ` — ${LEVEL_LABELS[r.niveau] ?? r.niveau} ${r.libelle_geo}`;
}

/** The table of an axis: value of the year, baseline, change, target and status as evaluated that year. */
export function indicatorTable(axis, annee) {
  return html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table ti-rapport-table" data-axe=${axis.axe}>
    <caption>Indicateurs de l'axe ${axis.axe} en ${annee} (statut évalué avec les valeurs connues jusqu'en ${annee})</caption>
    <thead><tr>
      <th scope="col">Indicateur</th>
      <th scope="col" class="num">Valeur ${annee}</th>
      <th scope="col" class="num">Référence</th>
      <th scope="col" class="num">Évolution</th>
      <th scope="col" class="num">Cible</th>
      <th scope="col">Statut ${annee}</th>
    </tr></thead>
    <tbody>${axis.indicateurs.map((r) => html`<tr data-indicateur=${r.indicateur} data-niveau=${r.niveau} data-code=${r.code_geo}>
      <th scope="row">${r.titre}${geoLabel(r)}<span class="ti-rapport-unite"> (${r.unite})</span></th>
      <td class="num ti-rapport-valeur" data-valeur=${r.valeur ?? ""} data-statut=${r.statut_valeur ?? ""}>${r.statut_valeur === null ? "n.d." : formatWithStatus(r.valeur, r.unite, r.statut_valeur)}</td>
      <td class="num">${r.valeur_reference === null ? "n.d." : `${formatIndicator(r.valeur_reference, r.unite)} (${r.annee_reference})`}</td>
      <td class="num">${r.evolution ? `${formatEvolution(r.evolution, r.unite)}${r.derniere_annee !== annee ? ` (en ${r.derniere_annee})` : ""}` : "n.d."}</td>
      <td class="num">${r.cible_calculee === null ? "—" : `${formatIndicator(r.cible_calculee, r.unite)} en ${r.annee_cible}`}</td>
      <td>${statusBadge(r.statut, r)}</td>
    </tr>`)}</tbody>
  </table></div>`;
}

function chartAlternative(chart, digits) {
  const known = chart.points.filter((p) => p.valeur !== null);
  const first = known[0];
  const last = known[known.length - 1];
  const parts = [`${chart.titre}, en ${chart.unite}`];
  if (first && last) parts.push(`${formatIndicator(first.valeur, chart.unite)} en ${first.annee}, ${formatIndicator(last.valeur, chart.unite)} en ${last.annee}`);
  if (chart.reference) parts.push(`référence ${formatNumber(chart.reference.valeur, digits)} en ${chart.reference.annee}`);
  if (chart.cible) parts.push(`cible ${formatNumber(chart.cible.valeur, digits)} en ${chart.cible.annee}`);
  return `${parts.join(" ; ")}.`;
}

/** A key chart: the series up to the report's year, the baseline as a dashed rule, the target as a ringed dot. */
export function reportChart(chart, {width = 640} = {}) {
  const digits = digitsFor(chart.unite);
  const known = chart.points.filter((p) => p.valeur !== null);
  const alt = chartAlternative(chart, digits);
  const marks = [
    Plot.ruleY([0]),
    Plot.line(known, {x: "annee", y: "valeur", stroke: "#3d7cc9", strokeWidth: 2}),
    Plot.dot(known, {x: "annee", y: "valeur", fill: "#3d7cc9", r: 3, tip: true, title: (p) => `${p.annee} : ${formatWithStatus(p.valeur, chart.unite, p.statut)}`})
  ];
  if (chart.reference) marks.push(Plot.ruleY([chart.reference.valeur], {stroke: "currentColor", strokeDasharray: "4,3", strokeOpacity: 0.6}));
  if (chart.cible) {
    marks.push(Plot.dot([chart.cible], {x: "annee", y: "valeur", r: 5, stroke: "#a4231b", strokeWidth: 2, fill: "none"}));
    marks.push(Plot.text([chart.cible], {x: "annee", y: "valeur", text: () => "cible", dy: -12, fill: "currentColor"}));
  }
  const years = [...known.map((p) => p.annee), ...(chart.cible ? [chart.cible.annee] : [])];
  const plot = chartImage(Plot.plot({
    ariaLabel: alt,
    width,
    height: 230,
    marginLeft: 60,
    locale: "fr-FR",
    x: yearAxis(years, width),
    y: {label: chart.unite, grid: true, ...valueAxis([...known.map((p) => p.valeur), chart.reference?.valeur ?? null, chart.cible?.valeur ?? null], digits, (d) => formatNumber(d, digits))},
    marks
  }));
  const svg = plot.matches("svg") ? plot : plot.querySelector(":scope > svg");
  svg?.setAttribute("role", "img");
  return html`<figure class="ti-figure ti-rapport-figure">
    ${plot}
    <figcaption>${alt}${chart.reference ? " Trait pointillé : valeur de référence." : ""}${chart.cible ? " Cercle rouge : cible du comité de pilotage." : ""}</figcaption>
    ${sourceLine(chart.source)}
    <details class="ti-data"><summary>Tableau des données</summary>${seriesTable(chart, digits)}</details>
  </figure>`;
}

const ACTION_STATUS_ORDER = ["prévue", "engagée", "réalisée", "suspendue", "abandonnée"];

/** The action plan section: summary sentences, counts by status and the list of actions (when known). */
export function actionsBlock(rapport) {
  const a = rapport.actions;
  if (!a) return html`<p class="ti-rapport-note">${rapport.actions_note}</p>`;
  const statuts = [...a.par_statut].sort((x, y) => ACTION_STATUS_ORDER.indexOf(x.statut) - ACTION_STATUS_ORDER.indexOf(y.statut));
  return html`<div>
    ${a.synthese.map((s) => html`<p>${s}</p>`)}
    <p class="ti-rapport-note">${rapport.actions_note}</p>
    ${statuts.length > 0 ? html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table" id="rapport-actions-statuts">
      <caption>Actions par statut</caption>
      <thead><tr><th scope="col">Statut</th><th scope="col" class="num">Actions</th></tr></thead>
      <tbody>${statuts.map((s) => html`<tr><th scope="row">${s.statut}</th><td class="num">${formatNumber(s.nombre)}</td></tr>`)}</tbody>
    </table></div>` : ""}
    ${a.actions.length > 0 ? html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table ti-rapport-table" id="rapport-actions">
      <caption>Actions du plan (état au ${a.date_mise_a_jour ?? "n.d."})</caption>
      <thead><tr><th scope="col">Action</th><th scope="col">Axe</th><th scope="col">Porteur</th><th scope="col">Statut</th><th scope="col" class="num">Avancement</th></tr></thead>
      <tbody>${a.actions.map((x) => html`<tr>
        <th scope="row">${x.id ? `${x.id} — ` : ""}${x.titre}</th><td>${x.axe}</td><td>${x.porteur}</td>
        <td>${x.statut}${x.en_retard ? " (en retard)" : ""}</td><td class="num">${x.avancement === null ? "n.d." : `${formatNumber(x.avancement)}\u202f%`}</td>
      </tr>`)}</tbody>
    </table></div>` : ""}
  </div>`;
}

/** Print layout of a report page: A4, page numbers and, on demonstration data, the notice on every page (page
 *  margin boxes, supported by Chromium). Injected by the report page only, so that other pages print as before. */
export function printStyle({nom, annee, demonstration}) {
  const quote = (s) => `"${String(s).replace(/["\\]/g, "\\$&")}"`;
  const top = demonstration
    ? `@top-center { content: ${quote("DONNÉES DE DÉMONSTRATION — chiffres fictifs, ce ne sont pas des statistiques officielles")}; font: 600 9pt system-ui, sans-serif; color: #4d3800; }`
    : "";
  return html`<style>
@page {
  size: A4;
  margin: 18mm 15mm 18mm 15mm;
  ${top}
  @bottom-left { content: ${quote(`${nom} — rapport annuel d'évaluation ${annee}`)}; font: 8pt system-ui, sans-serif; color: #555; }
  @bottom-right { content: "Page " counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #555; }
}
</style>`;
}
