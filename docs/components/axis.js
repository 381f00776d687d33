// One section per indicator of an axis: sheet summary, series of the territory and its EPCIs (or BMO bassins),
// target trajectory, latest values against baseline and target, data table, source line, linked actions.
import * as Plot from "@observablehq/plot";
import {chartImage} from "./a11y.js";
import {html} from "htl";
import {
  DIRECTION_LABELS,
  formatChange,
  formatIndicator,
  formatWithStatus,
  sheetSourceLine,
  statusBadge
} from "./indicators.js";
import {formatNumber} from "./format.js";
import {digitsFor} from "./indicators.js";
import {downloadBar, singleValues, valueAxis, yearAxis} from "./figure.js";
import {referencesBlock} from "./references.js";

/** Series colours: the territory in the text colour, the geographies in hues legible on light and dark (≥ 3:1). */
export const GEO_COLOURS = ["#3d7cc9", "#c8651b", "#2e9b6b", "#a35bc4", "#b0882a", "#d1477a"];

/** The geographies an indicator is shown for: territory + EPCIs, or the BMO bassins touching the territory. */
export function geographiesOf(sheet, territoire, bassins) {
  if (sheet.levels.includes("bassin_emploi") && !sheet.levels.includes("territoire")) {
    return bassins.map((b) => ({
      niveau: "bassin_emploi",
      code: b.code_bassin,
      nom: `Bassin ${b.nom_bassin} (${b.code_bassin})`,
      note: b.part_population_pct === null ? "part de la population dans le territoire inconnue" : `${formatNumber(b.part_population_pct, 1)} % de sa population dans le territoire`
    }));
  }
  const geos = [];
  if (sheet.levels.includes("territoire")) geos.push({niveau: "territoire", code: territoire.id, nom: territoire.nom, main: true});
  if (sheet.levels.includes("epci")) for (const e of territoire.epcis) geos.push({niveau: "epci", code: e.siren, nom: e.nom});
  return geos;
}

function trajectoryPoints(track) {
  if (!track || track.cible_calculee === null || track.annee_reference === null || track.valeur_reference === null) return [];
  return [
    {annee: track.annee_reference, valeur: track.valeur_reference},
    {annee: track.annee_cible, valeur: track.cible_calculee}
  ];
}

function seriesChart(sheet, geos, index, track, width) {
  const points = geos.flatMap((g) => index.series(sheet.id, g.niveau, g.code).map((r) => ({...r, nom: g.nom})));
  const known = points.filter((p) => p.valeur !== null);
  const trajectory = trajectoryPoints(track);
  const names = geos.map((g) => g.nom);
  const colours = geos.map((g, i) => (g.main ? "currentColor" : GEO_COLOURS[(i - (geos[0]?.main ? 1 : 0)) % GEO_COLOURS.length]));
  const last = (g) => index.latest(sheet.id, g.niveau, g.code);
  const alt =
    `${sheet.title} (${sheet.unit}), par année. ` +
    geos.map((g) => {
      const l = last(g);
      return l ? `${g.nom} : ${formatWithStatus(l.valeur, sheet.unit, l.statut)} en ${l.annee}` : `${g.nom} : aucune valeur`;
    }).join(" ; ") +
    (trajectory.length ? `. Trajectoire cible du territoire : ${formatIndicator(trajectory[1].valeur, sheet.unit)} en ${trajectory[1].annee}.` : ".");
  if (known.length === 0) return {chart: html`<p><em>Aucune valeur connue pour cet indicateur.</em></p>`, alt};
  const single = singleValues(known, {label: (p) => p.nom, format: (p) => `${formatWithStatus(p.valeur, sheet.unit, p.statut)}${/%/.test(sheet.unit) ? "" : ` ${sheet.unit}`}`});
  if (single) return {chart: single, alt};
  const chart = chartImage(Plot.plot({
    ariaLabel: alt,
    width,
    height: 280,
    marginLeft: 64,
    marginRight: 16,
    x: yearAxis([...known, ...trajectory].map((p) => p.annee), width),
    y: {label: sheet.unit, grid: true, ...valueAxis([...known, ...trajectory].map((p) => p.valeur), digitsFor(sheet.unit), (d) => formatIndicator(d, sheet.unit))},
    color: {legend: true, domain: names, range: colours},
    marks: [
      Plot.ruleY([0]),
      trajectory.length ? Plot.line(trajectory, {x: "annee", y: "valeur", stroke: "currentColor", strokeDasharray: "5,4", strokeOpacity: 0.8}) : null,
      trajectory.length ? Plot.dot(trajectory.slice(1), {x: "annee", y: "valeur", stroke: "currentColor", symbol: "diamond", r: 5}) : null,
      // z given explicitly: with few years per series Plot would warn (drawn on the chart) about a "high cardinality" z.
      Plot.line(known, {x: "annee", y: "valeur", stroke: "nom", z: "nom", strokeWidth: (d) => (d.niveau === "territoire" ? 3 : 1.75)}),
      Plot.dot(known, {
        x: "annee",
        y: "valeur",
        fill: "nom",
        r: 2.5,
        tip: true,
        title: (p) => `${p.nom}\n${p.annee} : ${formatWithStatus(p.valeur, sheet.unit, p.statut)}`
      })
    ]
  }));
  const svg = chart.matches("svg") ? chart : chart.querySelector(":scope > svg");
  svg?.setAttribute("role", "img");
  return {chart, alt};
}

function latestTable(sheet, geos, index, tracking) {
  return html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table ti-latest">
    <caption class="ti-source">Dernières valeurs, référence, cible et statut</caption>
    <thead><tr>
      <th scope="col">Territoire</th><th scope="col" class="num">Dernière valeur</th><th scope="col" class="num">Référence</th>
      <th scope="col" class="num">Évolution</th><th scope="col" class="num">Cible</th><th scope="col">Statut</th>
    </tr></thead>
    <tbody>${geos.map((g) => {
      const l = index.latest(sheet.id, g.niveau, g.code);
      const t = tracking(sheet.id, g.niveau, g.code);
      return html`<tr>
        <th scope="row">${g.nom}${g.note ? html`<br><span class="ti-source">${g.note}</span>` : ""}</th>
        <td class="num" data-value=${l?.valeur ?? ""} data-statut=${l?.statut ?? "manquant"}>${l ? html`${formatWithStatus(l.valeur, sheet.unit, l.statut)} <span class="ti-muted">(${l.annee})</span>` : "n.d."}</td>
        <td class="num">${t?.annee_reference ? html`${formatIndicator(t.valeur_reference, sheet.unit)} <span class="ti-muted">(${t.annee_reference})</span>` : "n.d."}</td>
        <td class="num">${t ? formatChange(t.valeur_reference, t.derniere_valeur, sheet.unit) : "n.d."}</td>
        <td class="num">${t?.cible_calculee !== null && t?.cible_calculee !== undefined ? html`${formatIndicator(t.cible_calculee, sheet.unit)} <span class="ti-muted">(${t.annee_cible})</span>` : "—"}</td>
        <td>${t ? statusBadge(t.statut) : ""}</td>
      </tr>`;
    })}</tbody>
  </table></div>`;
}

function dataTable(sheet, geos, index) {
  const years = index.years(sheet.id);
  return html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table">
    <caption class="ti-source">${sheet.title} (${sheet.unit}), par année</caption>
    <thead><tr><th scope="col">Année</th>${geos.map((g) => html`<th scope="col" class="num">${g.nom}</th>`)}</tr></thead>
    <tbody>${years.map((y) => html`<tr><th scope="row">${y}</th>${geos.map((g) => {
      const r = index.get(sheet.id, g.niveau, g.code, y);
      return html`<td class="num" data-value=${r?.valeur ?? ""} data-statut=${r?.statut ?? "manquant"}>${r ? formatWithStatus(r.valeur, sheet.unit, r.statut) : "n.d."}</td>`;
    })}</tr>`)}</tbody>
  </table></div>`;
}

function chartSvg(node) {
  return node.matches?.("svg") ? node : node.querySelector?.(":scope > svg") ?? null;
}

/** A table wrapper followed by its CSV and XLSX buttons. */
function withDownloads(wrap, title) {
  return html`${wrap}${downloadBar({title, table: wrap.querySelector("table")})}`;
}

/** The section of one indicator. `linkedActions(id)` returns the actions that aim at it (or null). */
export function indicatorSection(sheet, {index, tracking, territoire, bassins, width, linkedActions}) {
  const geos = geographiesOf(sheet, territoire, bassins);
  const mainTrack = geos[0] ? tracking(sheet.id, geos[0].niveau, geos[0].code) : undefined;
  const {chart, alt} = seriesChart(sheet, geos, index, geos[0]?.main ? mainTrack : undefined, width);
  const actions = linkedActions?.(sheet.id);
  return html`<section class="ti-indicator" id=${sheet.id} aria-labelledby=${`titre-${sheet.id}`}>
    <h2 id=${`titre-${sheet.id}`}>${sheet.title}</h2>
    <p>${sheet.definition}</p>
    <p class="ti-muted">Unité : ${sheet.unit} · indicateur de ${sheet.type} · ${DIRECTION_LABELS[sheet.direction]} ·
      <a href=${`./fiches#${sheet.id}`}>fiche complète</a></p>
    <figure class="ti-figure">
      ${chart}
      <figcaption>${alt}${mainTrack?.cible_calculee != null ? " La ligne pointillée relie la valeur de référence à la cible." : ""}</figcaption>
      ${sheetSourceLine(sheet)}
      ${chartSvg(chart) ? downloadBar({title: sheet.title, chart: chartSvg(chart)}) : ""}
      <details class="ti-data"><summary>Tableau des données</summary>${withDownloads(dataTable(sheet, geos, index), `${sheet.title} par année`)}</details>
    </figure>
    ${referencesBlock(sheet, {territoire, width})}
    ${withDownloads(latestTable(sheet, geos, index, tracking), `${sheet.title}, dernières valeurs`)}
    ${actions ? html`<div class="ti-linked-actions"><h3>Actions du plan qui visent cet indicateur</h3>${actions}</div>` : ""}
  </section>`;
}

/** Legend of the observation statuses used in tables (values are never shown as 0 when unknown). */
export function statusLegend() {
  return html`<p class="ti-source">Sigles (EPCI, ENAF, ZAN, BMO, NAF…) : voir le <a href="./glossaire">glossaire</a>.
    Légende : « n.d. » valeur non disponible ; « secret » valeur couverte par le <a href="./glossaire#secret">secret statistique</a> ;
    « partiel » agrégat calculé sur les seules composantes connues ; « provisoire » dernière année d'un millésime, susceptible d'être révisée.
    Les ratios sont recalculés à chaque niveau à partir des numérateurs et dénominateurs sommés, jamais moyennés.</p>`;
}

