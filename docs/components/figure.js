// A chart as an accessible figure: the chart, a text alternative, its data table and its source line.
import * as Plot from "@observablehq/plot";
import {chartImage} from "./a11y.js";
import {html} from "htl";
import {formatValue} from "./format.js";
import {OBSERVATION_LABELS as STATUS_LABELS} from "./indicators.js";

/** "Producteur, jeu de données, millésime M, licence L" — and, on demonstration data, says so. */
export function sourceLine(source) {
  if (!source) return html`<p class="ti-source">Source : aucune donnée chargée pour cette famille.</p>`;
  const demo = source.demonstration ? " — données de démonstration fictives, au format de cette source" : "";
  return html`<p class="ti-source">Source : ${source.producteur}, ${source.jeu_de_donnees}, millésime ${source.millesime}, ${source.licence}${demo}.</p>`;
}

/** Table of a long series: one row per year, one column per series, unknown values spelt out. */
export function seriesTable(chart, digits = 0) {
  const years = [...new Set(chart.points.map((p) => p.annee))].sort((a, b) => a - b);
  const byKey = new Map(chart.points.map((p) => [`${p.annee}|${p.indicateur}`, p]));
  return html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table">
    <caption class="ti-source">${chart.titre} (${chart.unite})</caption>
    <thead><tr><th scope="col">Année</th>${chart.series.map((s) => html`<th scope="col" class="num">${s.libelle}</th>`)}</tr></thead>
    <tbody>${years.map((y) => html`<tr><th scope="row">${y}</th>${chart.series.map((s) => {
      const p = byKey.get(`${y}|${s.indicateur}`);
      const note = p && STATUS_LABELS[p.statut] && p.valeur !== null ? ` (${STATUS_LABELS[p.statut]})` : "";
      return html`<td class="num">${p ? formatValue(p.valeur, p.statut, digits) : "n.d."}${note}</td>`;
    })}</tr>`)}</tbody>
  </table></div>`;
}

function textAlternative(chart, digits) {
  const parts = chart.series.map((s) => {
    const pts = chart.points.filter((p) => p.indicateur === s.indicateur && p.valeur !== null);
    if (pts.length === 0) return `${s.libelle} : aucune valeur connue`;
    const first = pts[0];
    const last = pts[pts.length - 1];
    return `${s.libelle} : ${formatValue(first.valeur, first.statut, digits)} en ${first.annee}, ${formatValue(last.valeur, last.statut, digits)} en ${last.annee}`;
  });
  return `${chart.titre}, en ${chart.unite}. ${parts.join(" ; ")}.`;
}

/** Line chart of a family's series over the years, with its table and source line. */
export function seriesFigure(chart, {width = 640, digits = 0} = {}) {
  const known = chart.points.filter((p) => p.valeur !== null);
  const alt = textAlternative(chart, digits);
  const plot = chartImage(Plot.plot({
    ariaLabel: alt,
    width,
    height: 260,
    marginLeft: 60,
    locale: "fr-FR",
    x: {label: null, tickFormat: (d) => String(d), ticks: Math.min(8, new Set(known.map((p) => p.annee)).size)},
    y: {label: chart.unite, grid: true, zero: true, tickFormat: (d) => formatValue(d, "ok")},
    color: {legend: chart.series.length > 1, domain: chart.series.map((s) => s.libelle), range: ["#3d7cc9", "#c8651b"]},
    marks: [
      Plot.ruleY([0]),
      Plot.line(known, {x: "annee", y: "valeur", stroke: "libelle", strokeWidth: 2}),
      Plot.dot(known, {x: "annee", y: "valeur", fill: "libelle", r: 2.5, tip: true, title: (p) => `${p.libelle}, ${p.annee} : ${formatValue(p.valeur, p.statut, digits)} ${chart.unite}${STATUS_LABELS[p.statut] ? ` (${STATUS_LABELS[p.statut]})` : ""}`})
    ]
  }));
  // With a legend, Plot wraps the chart in a <figure>: the role goes on the chart's own svg.
  const svg = plot.matches("svg") ? plot : plot.querySelector(":scope > svg");
  svg?.setAttribute("role", "img");
  return html`<figure class="ti-figure">
    ${plot}
    <figcaption>${alt}</figcaption>
    ${sourceLine(chart.source)}
    <details class="ti-data"><summary>Tableau des données</summary>${seriesTable(chart, digits)}</details>
  </figure>`;
}
