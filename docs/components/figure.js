// A chart as an accessible figure: the chart, a text alternative, its data table and its source line; the
// shared pieces of every chart and table of the site: year and value axes that read well (integer years, no
// repeated tick label), a single value shown as a value, and the download buttons (CSV, XLSX, SVG, PNG).
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import {chartImage} from "./a11y.js";
import {html} from "htl";
import {formatValue} from "./format.js";
import {fileName, frenchCsv, pngBlob, saveBlob, standaloneSvg, tableModel, xlsxBytes} from "./export.js";
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
      return html`<td class="num" data-value=${p?.valeur ?? ""} data-statut=${p?.statut ?? "manquant"}>${p ? formatValue(p.valeur, p.statut, digits) : "n.d."}${note}</td>`;
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
  const table = seriesTable(chart, digits);
  const single = singleValues(known, {label: (p) => p.libelle, format: (p) => `${formatValue(p.valeur, p.statut, digits)} ${chart.unite}`});
  if (single) {
    return html`<figure class="ti-figure">${single}<figcaption>${alt}</figcaption>${sourceLine(chart.source)}
      <details class="ti-data"><summary>Tableau des données</summary>${table}${downloadBar({title: chart.titre, table: table.querySelector("table")})}</details></figure>`;
  }
  const plot = chartImage(Plot.plot({
    ariaLabel: alt,
    width,
    height: 260,
    marginLeft: 60,
    locale: "fr-FR",
    x: yearAxis(known.map((p) => p.annee), width),
    y: {label: chart.unite, grid: true, ...valueAxis(known.map((p) => p.valeur), digits, (d) => formatValue(d, "ok", digits))},
    color: {legend: chart.series.length > 1, domain: chart.series.map((s) => s.libelle), range: ["#3d7cc9", "#c8651b"]},
    marks: [
      Plot.ruleY([0]),
      Plot.line(known, {x: "annee", y: "valeur", stroke: "libelle", z: "libelle", strokeWidth: 2}),
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
    ${downloadBar({title: chart.titre, chart: svg})}
    <details class="ti-data"><summary>Tableau des données</summary>${table}${downloadBar({title: chart.titre, table: table.querySelector("table")})}</details>
  </figure>`;
}

/**
 * The x axis of a yearly series: the years themselves as ticks (never "2021.5"), thinned to one in k when
 * the chart is too narrow for all of them, and the domain padded by half a year so that the end dots are whole.
 */
export function yearAxis(years, width = 640) {
  const ys = [...new Set(years.filter((y) => Number.isFinite(y)).map(Math.round))].sort((a, b) => a - b);
  if (ys.length === 0) return {label: null};
  const first = ys[0];
  const last = ys[ys.length - 1];
  const room = Math.max(2, Math.floor(width / 60));
  const step = Math.max(1, Math.ceil((last - first + 1) / room));
  const ticks = d3.range(last, first - 1, -step).reverse();
  return {label: null, domain: [first - 0.3, last + 0.3], ticks, tickFormat: (d) => String(d)};
}

/**
 * The y axis of values shown with `digits` decimals: the domain from 0 (or the minimum when negative) to a
 * rounded maximum, and only ticks that the format writes exactly, so that labels never repeat ("1, 1, 1, 0, 0,
 * 0" on a small count) and a count is never ticked 0.5. `zero: false` fits the domain to the values instead
 * (an index base 100, whose reading is around 100, not against 0).
 */
export function valueAxis(values, digits = 0, tickFormat = (d) => String(d), count = 5, {zero = true} = {}) {
  const known = values.filter((v) => v !== null && v !== undefined && Number.isFinite(v));
  const step = 10 ** -digits;
  let lo = zero ? Math.min(0, ...known) : Math.min(...known);
  let hi = zero ? Math.max(0, ...known) : Math.max(...known);
  if (known.length === 0) [lo, hi] = [0, 0];
  if (hi - lo < step) hi = lo + step * (known.some((v) => v !== 0) ? 2 : 1);
  [lo, hi] = d3.nice(lo, hi, count);
  const exact = (t) => Math.abs(Math.round(t / step) * step - t) < step * 1e-6;
  let ticks = d3.ticks(lo, hi, count).filter(exact);
  if (ticks.length < 2) {
    const n = Math.round((hi - lo) / step);
    const k = Math.max(1, Math.ceil(n / count));
    ticks = d3.range(0, n + 1, k).map((i) => Math.round((lo + i * step) / step) * step);
    hi = Math.max(hi, ticks[ticks.length - 1]);
  }
  ticks = ticks.map((t) => (Object.is(t, -0) ? 0 : t));
  return {domain: [lo, hi], ticks, tickFormat};
}

/**
 * A series with a single known year is not drawn as a chart (a lone dot on an empty frame): its values are
 * shown as numbers with their year. Returns null when there are several years.
 */
export function singleValues(known, {label, format}) {
  const years = new Set(known.map((p) => p.annee));
  if (years.size !== 1) return null;
  const [annee] = years;
  // The year said once, above the values (not repeated on every line).
  return html`<div class="ti-single" role="group" aria-label=${`Valeurs de ${annee}, seule année connue`}>
    <p class="ti-muted">Une seule année connue : ${annee}.</p>
    <ul>${known.map((p) => html`<li><span class="ti-single-label">${label(p)}</span> <strong class="ti-single-value">${format(p)}</strong></li>`)}</ul>
  </div>`;
}

/**
 * The download buttons of a table (CSV for French Excel, XLSX) or of a chart (SVG, PNG). Every table and chart
 * of the site uses this one component; the files are built from what is shown when the button is pressed.
 */
export function downloadBar({title, table, chart}) {
  const name = fileName(title);
  const button = (format, what, action) => {
    const b = html`<button type="button" class="ti-download" data-format=${format.toLowerCase()} aria-label=${`Télécharger ${what} « ${title} » en ${format}`}>${format}</button>`;
    b.addEventListener("click", async () => {
      b.disabled = true;
      try {
        await action();
      } finally {
        b.disabled = false;
      }
    });
    return b;
  };
  const buttons = [];
  // A table given its buttons here is left alone by telechargements.js (which adds them to the others).
  if (table) table.dataset.telechargement = "composant";
  if (table) {
    buttons.push(button("CSV", "le tableau", () => saveBlob(new Blob([frenchCsv(tableModel(table))], {type: "text/csv;charset=utf-8"}), `${name}.csv`)));
    buttons.push(button("XLSX", "le tableau", async () => saveBlob(new Blob([await xlsxBytes(tableModel(table), title)], {type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}), `${name}.xlsx`)));
  }
  if (chart) {
    buttons.push(button("SVG", "le graphique", () => saveBlob(new Blob([standaloneSvg(chart).text], {type: "image/svg+xml"}), `${name}.svg`)));
    buttons.push(button("PNG", "le graphique", async () => saveBlob(await pngBlob(chart), `${name}.png`)));
  }
  return html`<p class="ti-downloads"><span class="ti-muted">${table ? "Télécharger le tableau" : "Télécharger le graphique"} :</span> ${buttons}${table ? html` <span class="ti-muted">(CSV pour Excel : séparateur point-virgule, virgule décimale)</span>` : ""}</p>`;
}
