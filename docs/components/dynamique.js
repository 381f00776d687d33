// Figures and tables of the page « Dynamique de l'emploi » (data: dynamique.json, src/site/parts/dynamique.ts).
// Every chart comes with its text alternative, its data table and its source line.
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {chartImage} from "./a11y.js";
import {formatNumber} from "./format.js";

const STATUS = {partiel: "partiel", manquant: "n.d.", exclu: "exclu"};
const COLORS = ["#1f5fa8", "#b4561b", "#5b7d1a", "#7a4fa0", "#3b3b3b", "#a8326b"];

export const fmt = (x, digits = 0) => (x === null || x === undefined || Number.isNaN(x) ? "n.d." : formatNumber(x, digits));
export const signed = (x, digits = 0) => (x === null || x === undefined ? "n.d." : `${x > 0 ? "+" : x < 0 ? "−" : ""}${formatNumber(Math.abs(x), digits)}`);

export function sourceLine(d, extra = "") {
  const demo = d.source.demonstration ? " — données de démonstration fictives, au format de cette source" : "";
  return html`<p class="ti-source">Source : ${d.source.producteur}, ${d.source.jeu_de_donnees}, millésime ${d.source.millesime ?? "n.d."}, ${d.source.licence}${demo}. ${extra}</p>`;
}

function figure(plot, alt, table, source) {
  const svg = plot.matches("svg") ? plot : plot.querySelector(":scope > svg");
  svg?.setAttribute("role", "img");
  svg?.setAttribute("aria-label", alt);
  return html`<figure class="ti-figure">${chartImage(plot)}<figcaption>${alt}</figcaption>${source}<details class="ti-data"><summary>Tableau des données</summary>${table}</details></figure>`;
}

/** The series of the territory and its references for one indicator: index base 100 for a count, value for a share. */
// Framework's `width` can be 0 before the page is laid out: a floor keeps every mark's size positive.
const MIN_WIDTH = 320;

export function referencesFigure(d, indicateur, {width, titre, share = false}) {
  width = Math.max(width, MIN_WIDTH);
  const pts = d.series.filter((p) => p.indicateur === indicateur);
  const key = share ? "valeur" : "indice";
  const labels = [...new Set(pts.map((p) => p.libelle_geo))];
  const known = pts.filter((p) => p[key] !== null);
  const years = [...new Set(pts.map((p) => p.annee))].sort((a, b) => a - b);
  const unit = share ? "%" : `indice base 100 en ${d.annee_reference}`;
  const last = years[years.length - 1];
  const alt = `${titre}, ${unit}. ` + labels.map((l) => {
    const p = pts.find((x) => x.libelle_geo === l && x.annee === last);
    return `${l} : ${p ? fmt(p[key], 1) : "n.d."} en ${last}`;
  }).join(" ; ") + ".";
  const plot = Plot.plot({
    width, height: 300, marginLeft: 50, locale: "fr-FR",
    x: {label: null, tickFormat: (y) => String(y), ticks: Math.min(8, years.length)},
    y: {label: unit, grid: true, tickFormat: (v) => formatNumber(v, share ? 0 : 0)},
    color: {legend: true, domain: labels, range: COLORS},
    marks: [
      share ? null : Plot.ruleY([100], {stroke: "currentColor", strokeOpacity: 0.4}),
      Plot.line(known, {x: "annee", y: key, stroke: "libelle_geo", strokeWidth: (p) => (p.niveau === "territoire" ? 3 : 1.5)}),
      Plot.dot(known, {x: "annee", y: key, fill: "libelle_geo", r: 2, tip: true, title: (p) => `${p.libelle_geo}, ${p.annee} : ${fmt(p[key], 1)}${share ? " %" : ""}`}),
    ],
  });
  const table = html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table" id=${`table-${indicateur}`}>
    <caption class="ti-source">${titre} (${unit})</caption>
    <thead><tr><th scope="col">Année</th>${labels.map((l) => html`<th scope="col" class="num">${l}</th>`)}</tr></thead>
    <tbody>${years.map((y) => html`<tr><th scope="row">${y}</th>${labels.map((l) => {
      const p = pts.find((x) => x.libelle_geo === l && x.annee === y);
      return html`<td class="num">${p ? fmt(p[key], 1) : "n.d."}${p && p.statut === "partiel" ? " (partiel)" : ""}</td>`;
    })}</tr>`)}</tbody></table></div>`;
  return figure(plot, alt, table, sourceLine(d, "Médiane des territoires comparables : médiane de leurs indices (ou parts), année par année."));
}

/** The three effects of the TOTAL rows (territory and EPCIs) for one end year, as bars. */
export function effectsFigure(d, year, {width}) {
  width = Math.max(width, MIN_WIDTH);
  // The territory first, then its EPCIs in the order of the territory.
  const rank = (r) => (r.niveau === "territoire" ? -1 : d.territoire.epcis.findIndex((e) => e.code === r.code_geo));
  const totals = d.decomposition.filter((r) => r.secteur === "TOTAL" && r.annee_fin === year).sort((a, b) => rank(a) - rank(b));
  const name = (r) => (r.niveau === "territoire" ? d.territoire.nom : d.territoire.epcis.find((e) => e.code === r.code_geo)?.nom ?? r.code_geo);
  const effects = [["effet_national", "Effet national"], ["effet_structurel", "Effet structurel"], ["effet_local", "Effet local"]];
  const bars = totals.flatMap((r) => effects.map(([k, label]) => ({geo: name(r), effet: label, valeur: r[k]}))).filter((b) => b.valeur !== null);
  const alt = `Décomposition de l'évolution de l'emploi salarié privé entre ${d.annee_reference} et ${year}, en emplois. ` +
    totals.map((r) => `${name(r)} : évolution ${signed(r.emploi_fin - r.emploi_debut)}, effet national ${signed(r.effet_national)}, structurel ${signed(r.effet_structurel)}, local ${signed(r.effet_local)}`).join(" ; ") + ".";
  // Labels cut to the left margin (about 6 px a character): the table and the text alternative give the full names.
  const margin = Math.min(width * 0.42, 6.2 * Math.max(...totals.map((r) => name(r).length)) + 12);
  const room = Math.floor((margin - 12) / 6.2);
  const short = (s) => (s.length > room ? `${s.slice(0, room - 1)}…` : s);
  const plot = Plot.plot({
    width, height: 60 + 70 * totals.length, marginLeft: margin, locale: "fr-FR",
    x: {label: "emplois", grid: true, tickFormat: (v) => formatNumber(v, 0)},
    y: {label: null, domain: totals.map(name), tickFormat: short},
    fy: {axis: null},
    color: {legend: true, domain: effects.map((e) => e[1]), range: ["#6b7280", "#1f5fa8", "#b4561b"]},
    marks: [
      Plot.barX(bars, {x: "valeur", y: "geo", fill: "effet", tip: true, title: (b) => `${b.geo} — ${b.effet} : ${signed(b.valeur)} emplois`}),
      Plot.ruleX([0]),
    ],
  });
  return figure(plot, alt, decompositionTable(d, totals, name, `table-effets`), sourceLine(d, "Décomposition calculée par l'outil (effets national, structurel et local, secteurs NA38, référence France)."));
}

export function decompositionTable(d, rows, name, id) {
  return html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table" id=${id}>
    <caption class="ti-source">Évolution de l'emploi salarié privé et ses trois effets, en emplois</caption>
    <thead><tr><th scope="col">Territoire ou EPCI</th><th scope="col">Période</th><th scope="col" class="num">Emploi début</th><th scope="col" class="num">Emploi fin</th><th scope="col" class="num">Évolution</th><th scope="col" class="num">Effet national</th><th scope="col" class="num">Effet structurel</th><th scope="col" class="num">Effet local</th><th scope="col">Statut</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr><th scope="row">${name(r)}</th><td>${r.annee_debut}-${r.annee_fin}</td><td class="num">${fmt(r.emploi_debut)}</td><td class="num">${fmt(r.emploi_fin)}</td>
      <td class="num">${r.emploi_debut === null || r.emploi_fin === null ? "n.d." : signed(r.emploi_fin - r.emploi_debut)}</td>
      <td class="num">${signed(r.effet_national, 1)}</td><td class="num">${signed(r.effet_structurel, 1)}</td><td class="num">${signed(r.effet_local, 1)}</td><td>${STATUS[r.statut] ?? "complet"}</td></tr>`)}</tbody>
  </table></div>`;
}

/** Sector rows of the territory for one end year, with the location quotients of both years. */
export function sectorsTable(d, year) {
  const rows = d.decomposition.filter((r) => r.niveau === "territoire" && r.annee_fin === year && r.secteur !== "TOTAL");
  const q = (s, y) => d.quotients.find((x) => x.secteur === s && x.annee === y)?.quotient ?? null;
  return html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table" id="table-secteurs">
    <caption class="ti-source">Par secteur (NA38) : emploi, effets entre ${d.annee_reference} et ${year}, quotient de localisation par rapport à la France</caption>
    <thead><tr><th scope="col">Secteur</th><th scope="col" class="num">Emploi ${d.annee_reference}</th><th scope="col" class="num">Emploi ${year}</th><th scope="col" class="num">Effet national</th><th scope="col" class="num">Effet structurel</th><th scope="col" class="num">Effet local</th><th scope="col" class="num">Quotient de localisation ${d.annee_reference}</th><th scope="col" class="num">Quotient ${year}</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr><th scope="row">${r.secteur} ${d.secteurs[r.secteur] ?? ""}</th><td class="num">${fmt(r.emploi_debut)}</td><td class="num">${fmt(r.emploi_fin)}</td>
      <td class="num">${r.statut === "exclu" ? "exclu" : signed(r.effet_national, 1)}</td><td class="num">${r.statut === "exclu" ? "exclu" : signed(r.effet_structurel, 1)}</td><td class="num">${r.statut === "exclu" ? "exclu" : signed(r.effet_local, 1)}</td>
      <td class="num">${fmt(q(r.secteur, d.annee_reference), 2)}</td><td class="num">${fmt(q(r.secteur, year), 2)}</td></tr>`)}</tbody>
  </table></div>`;
}

export function comparablesTable(d) {
  const c = d.comparables;
  return html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table" id="table-comparables">
    <caption class="ti-source">Les ${c.comparables.length} Territoires d'industrie les plus proches en ${c.annee_reference} (distance standardisée sur : ${c.traits_utilises.join(", ")})</caption>
    <thead><tr><th scope="col" class="num">Rang</th><th scope="col">Territoire d'industrie</th><th scope="col" class="num">Distance</th><th scope="col" class="num">Salariés privés</th><th scope="col">Pourquoi il est proche</th></tr></thead>
    <tbody>${c.comparables.map((x) => html`<tr><td class="num">${x.rang}</td><th scope="row">${x.libelle_geo} <span class="ti-muted">(${x.code_geo})</span></th><td class="num">${fmt(x.distance, 2)}</td><td class="num">${fmt(x.emploi)}</td><td>${x.raison}</td></tr>`)}</tbody>
  </table></div>`;
}

const INDICATOR_LABELS = {
  emploi_salarie_prive: "Emploi salarié privé",
  emploi_industriel: "Emploi salarié industriel",
  part_emploi_industriel: "Part de l'industrie dans l'emploi salarié privé",
  etablissements_prives: "Établissements employeurs privés",
  etablissements_industriels: "Établissements employeurs industriels",
};

export function gapsTable(d) {
  const u = (g) => (g.unite_evolution === "%" ? " %" : " pt");
  return html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table" id="table-ecarts">
    <caption class="ti-source">Écart aux territoires comparables : évolution du territoire comparée à celle des ${d.comparables.comparables.length} territoires comparables (médiane et écart interquartile) — une comparaison, pas la mesure d'un effet du programme</caption>
    <thead><tr><th scope="col">Indicateur</th><th scope="col">Période</th><th scope="col" class="num">Territoire</th><th scope="col" class="num">Médiane des comparables</th><th scope="col" class="num">Écart interquartile (Q1 – Q3)</th><th scope="col" class="num">Écart aux territoires comparables</th></tr></thead>
    <tbody>${d.ecarts.map((g) => html`<tr><th scope="row">${INDICATOR_LABELS[g.indicateur] ?? g.indicateur}</th><td>${g.annee_debut}-${g.annee_fin}</td>
      <td class="num">${signed(g.evolution_territoire, 1)}${g.evolution_territoire === null ? "" : u(g)}${g.partiel ? " (partiel)" : ""}</td>
      <td class="num">${signed(g.mediane_comparables, 1)}${g.mediane_comparables === null ? "" : u(g)}</td>
      <td class="num">${signed(g.q1_comparables, 1)} – ${signed(g.q3_comparables, 1)}${g.q3_comparables === null ? "" : u(g)}</td>
      <td class="num"><strong>${signed(g.ecart_aux_comparables, 1)}${g.ecart_aux_comparables === null ? "" : g.unite_evolution === "%" ? " pt de %" : " pt"}</strong></td></tr>`)}</tbody>
  </table></div>`;
}
