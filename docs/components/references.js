// The territory beside its départements, région and France, and its change against the comparison territories
// (« écart aux territoires comparables »), for one indicator: a compact figure, its data table and its source line.
// Data: references.json (src/site/parts/references.ts), read here once, so that a page adds a block with one call:
//   referencesBlock(sheet, {territoire, width})      under an indicator of an axis page
//   referencesSummary(territoire)                    one table of every indicator with references (synthesis)
//   referencesReportSection(code, annee)             the report's section for a year
// Each returns an element at once and fills it when the file is read (nothing is shown for an indicator without
// reference levels). A comparison, never the measure of the programme's effect: every block says so.
import * as Plot from "@observablehq/plot";
import {FileAttachment} from "observablehq:stdlib";
import {html} from "htl";
import {chartImage} from "./a11y.js";
import {downloadBar} from "./figure.js";
import {formatNumber} from "./format.js";
import {changeOf, perThousand, signedChange} from "./evolution.js";
import {formatWithStatus} from "./indicators.js";

let file;
const references = () => (file ??= FileAttachment("../data/site/references.json").json());

// The page of the comparisons, from the site's root (this module is served two folders below it): right from any
// page, a priority's page one folder down included, whose links written "./" are rebased before this fills in.
const DYNAMIQUE = new URL("../../dynamique-emploi", import.meta.url).pathname;

const LEVEL_NAMES = {territoire: "territoire", departement: "département", region: "région", france: "France"};
const COMPARISON_NOTE = "Une comparaison, pas la mesure d'un effet du programme : des territoires semblables sur ces quatre traits peuvent différer en tout le reste.";

const at = (g, y) => g.valeurs[String(y)] ?? {v: null, s: "manquant"};

/** The last year with a known value for the territory (the end of every comparison shown). */
export function lastYear(block) {
  const own = block.geos[0];
  const known = block.annees.filter((y) => y > block.annee_debut && at(own, y).v !== null);
  return known.length > 0 ? known[known.length - 1] : null;
}

function sourceLine(block, population) {
  const s = block.source;
  const demo = s.demonstration ? " — données de démonstration fictives, au format de cette source" : "";
  return html`<p class="ti-source">Source : ${s.producteur}, ${s.jeu_de_donnees}, millésime ${s.millesime ?? "inconnu"}, ${s.licence}${demo}${block.part ? "" : html`. Habitants : ${population}`}. Niveaux de référence et comparaison calculés par l'outil.</p>`;
}

/** The table: each geography's values, change, index base 100 and value per 1,000 inhabitants; then the comparables. */
export function referencesTable(block, year, {comparablesCount}) {
  const y0 = block.annee_debut;
  const u = block.unite_evolution;
  const c = block.comparables.find((s) => s.annee_fin === year);
  const count = !block.part;
  // One element per cell: htl parses a fragment of several <td> outside a table wrongly.
  const td = (text, extra = "") => html`<td class="num">${text}${extra}</td>`;
  const empty = () => html`<td></td>`;
  const cells = (g) => {
    const a = at(g, y0);
    const b = at(g, year);
    const change = changeOf(a.v, b.v, block.part);
    const rate = perThousand(b.v, g.population);
    return [
      td(formatWithStatus(a.v, block.unite, a.s)),
      td(formatWithStatus(b.v, block.unite, b.s)),
      td(signedChange(change, u)),
      ...(count ? [td(change === null ? "n.d." : formatNumber(100 + change, 1)), td(rate === null ? "n.d." : formatNumber(rate, 1), g.population_partielle && rate !== null ? " (partiel)" : "")] : [])
    ];
  };
  const span = count ? 5 : 3;
  return html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table ti-references-table">
    <caption class="ti-source">${block.titre} : le territoire et ses références, ${y0}-${year}</caption>
    <thead><tr><th scope="col">Territoire</th><th scope="col" class="num">${y0}</th><th scope="col" class="num">${year}</th>
      <th scope="col" class="num">Évolution ${y0}-${year}</th>
      ${count ? [html`<th scope="col" class="num">Indice ${year} (base 100 en ${y0})</th>`, html`<th scope="col" class="num">Pour 1 000 habitants en ${year}</th>`] : ""}</tr></thead>
    <tbody>${block.geos.map((g, i) => html`<tr class=${i === 0 ? "ti-references-own" : ""}><th scope="row">${g.libelle_geo}${g.niveau === "france" ? "" : html` <span class="ti-muted">(${LEVEL_NAMES[g.niveau]})</span>`}</th>${cells(g)}</tr>`)}</tbody>
    ${c ? html`<tbody class="ti-references-comparables">
      <tr><th scope="row">Médiane des ${c.n} territoires comparables</th>${[empty(), empty(), td(signedChange(c.mediane, u)), ...(count ? [td(c.mediane === null ? "n.d." : formatNumber(100 + c.mediane, 1)), empty()] : [])]}</tr>
      <tr><th scope="row">Moitié centrale des comparables (1<sup>er</sup> – 3<sup>e</sup> quartile)</th>${[empty(), empty(), td(`${signedChange(c.q1, u)} à ${signedChange(c.q3, u)}`), ...(count ? [empty(), empty()] : [])]}</tr>
      <tr><th scope="row">Écart aux territoires comparables</th><td colspan=${span} class="num"><strong>${c.ecart === null ? "n.d." : signedChange(c.ecart, "points")}${u === "%" && c.ecart !== null ? " de pourcentage" : ""}</strong>${c.rang === null ? "" : ` — rang ${c.rang} sur ${c.n + 1} (1 = plus forte hausse)`}${c.partiel ? " — indicatif (effectifs inconnus laissés de côté)" : ""}</td></tr>
    </tbody>` : comparablesCount > 0 ? "" : html`<tbody><tr><td colspan=${span + 1} class="ti-muted">Pas de territoires comparables : il faut le fichier national de l'URSSAF.</td></tr></tbody>`}
  </table></div>`;
}

/** Dots: the change of each geography; the comparables as their range (thin), middle half (band) and median (tick). */
export function referencesChart(block, year, {width}) {
  // Framework's width is 0 before the page is laid out: a chart is never drawn narrower than a phone.
  width = Math.max(width || 0, 300);
  const y0 = block.annee_debut;
  const u = block.unite_evolution;
  const c = block.comparables.find((s) => s.annee_fin === year);
  const points = block.geos.map((g, i) => ({nom: g.libelle_geo, own: i === 0, evolution: changeOf(at(g, y0).v, at(g, year).v, block.part)}));
  const known = points.filter((p) => p.evolution !== null);
  const comparablesLabel = c ? `Territoires comparables (${c.n})` : null;
  const names = [...points.map((p) => p.nom), ...(comparablesLabel ? [comparablesLabel] : [])];
  const alt = `${block.titre}, évolution ${y0}-${year} (${u === "%" ? "en %" : "en points"}) : ` +
    points.map((p) => `${p.nom} ${signedChange(p.evolution, u)}`).join(" ; ") +
    (c && c.mediane !== null ? ` ; territoires comparables : médiane ${signedChange(c.mediane, u)}, moitié centrale de ${signedChange(c.q1, u)} à ${signedChange(c.q3, u)}, extrêmes ${signedChange(c.min, u)} et ${signedChange(c.max, u)}.` : ".");
  if (known.length === 0) return {chart: null, alt};
  const margin = Math.min(width * 0.45, 6.4 * Math.max(...names.map((n) => n.length)) + 12);
  const room = Math.floor((margin - 12) / 6.4);
  const short = (s) => (s.length > room ? `${s.slice(0, room - 1)}…` : s);
  const range = c && c.min !== null ? [{nom: comparablesLabel, ...c}] : [];
  const chart = chartImage(Plot.plot({
    ariaLabel: alt,
    width,
    height: 30 + 26 * names.length,
    marginLeft: margin,
    marginRight: 24,
    x: {label: u === "%" ? `évolution ${y0}-${year} (%)` : `évolution ${y0}-${year} (points)`, grid: true, ticks: Math.max(3, Math.floor((width - margin - 24) / 50)), tickFormat: (v) => formatNumber(v, 1)},
    y: {label: null, domain: names, tickFormat: short},
    marks: [
      Plot.ruleX([0], {strokeOpacity: 0.6}),
      Plot.ruleY(range, {y: "nom", x1: "min", x2: "max", stroke: "#3d7cc9", strokeWidth: 1.5}),
      Plot.barX(range, {y: "nom", x1: "q1", x2: "q3", fill: "#3d7cc9", fillOpacity: 0.35, insetTop: 6, insetBottom: 6}),
      Plot.tickX(range, {y: "nom", x: "mediane", stroke: "#3d7cc9", strokeWidth: 3, insetTop: 3, insetBottom: 3}),
      Plot.dot(known, {x: "evolution", y: "nom", r: (p) => (p.own ? 6 : 4), fill: (p) => (p.own ? "currentColor" : "#c8651b"), tip: true, title: (p) => `${p.nom} : ${signedChange(p.evolution, u)}`})
    ]
  }));
  const svg = chart.matches("svg") ? chart : chart.querySelector(":scope > svg");
  svg?.setAttribute("role", "img");
  return {chart, alt};
}

/** The block of one indicator for a year: title, figure, table, reading note, source line. */
export function referencesFigure(data, block, year, {width, title = "Comparé au département, à la région, à la France et aux territoires comparables"}) {
  const {chart, alt} = referencesChart(block, year, {width});
  const table = referencesTable(block, year, {comparablesCount: data.comparables.length});
  const svg = chart ? (chart.matches("svg") ? chart : chart.querySelector(":scope > svg")) : null;
  const name = `${block.titre}, le territoire et ses références`;
  return html`<div class="ti-references" data-indicateur=${block.indicateur}>
    <h3>${title}</h3>
    <figure class="ti-figure">
      ${chart ?? ""}
      <figcaption>${alt}${chart && block.comparables.length > 0 ? " Pour les territoires comparables : le trait relie les extrêmes, la bande couvre la moitié centrale, la barre épaisse marque la médiane." : ""}</figcaption>
      ${svg ? downloadBar({title: name, chart: svg}) : ""}
      ${table}${downloadBar({title: name, table: table.querySelector("table")})}
      ${sourceLine(block, data.source_population)}
    </figure>
    <p class="ti-source">${block.part ? "Part : évolution en points." : "Indice base 100 : valeur de l'année rapportée à celle de l'année de référence. Pour 1 000 habitants : population municipale légale d'une seule année, la même pour toutes les années."}
      ${data.comparables.length > 0 ? html` Territoires comparables : les ${data.comparables.length} Territoires d'industrie les plus proches en ${data.annee_selection} (<a href=${`${DYNAMIQUE}#territoires-comparables`}>pourquoi eux</a>). ${COMPARISON_NOTE}` : ""}</p>
  </div>`;
}

/** Fills `node` from references.json when it is read; `render(data, territory)` returns the content or null. */
function filled(node, code, render) {
  references()
    .then((data) => {
      const territory = data.territoires[code];
      const content = territory ? render(data, territory) : null;
      if (content) node.replaceChildren(content);
      else node.remove();
    })
    .catch((error) => {
      // Said on the page and in the console (the browser tests fail on it).
      console.error(error);
      node.replaceChildren(html`<p class="ti-muted">Comparaisons indisponibles : ${error.message}</p>`);
    });
  return node;
}

/** Under an indicator of an axis page: nothing when the indicator has no reference levels. */
export function referencesBlock(sheet, {territoire, width = 640}) {
  return filled(html`<div class="ti-references-slot" aria-live="polite"></div>`, territoire.id, (data, t) => {
    const block = t.blocs[sheet.id];
    const year = block ? lastYear(block) : null;
    return year === null ? null : referencesFigure(data, block, year, {width});
  });
}

const withDownloads = (wrap, title) => html`${wrap}${downloadBar({title, table: wrap.querySelector("table")})}`;

/** One row per indicator: the territory's change beside its départements', région's, France's and the comparables'. */
function summaryTable(t, blocks, yearOf, id) {
  const deps = blocks[0].geos.filter((g) => g.niveau === "departement" || g.niveau === "region");
  const row = (b) => {
    const y = yearOf(b);
    const c = b.comparables.find((s) => s.annee_fin === y);
    const ch = (g) => (g ? signedChange(changeOf(at(g, b.annee_debut).v, at(g, y).v, b.part), b.unite_evolution) : "n.d.");
    return html`<tr><th scope="row" data-indicateur=${b.indicateur}>${b.titre}</th><td>${b.annee_debut}-${y}</td>
      <td class="num"><strong>${ch(b.geos[0])}</strong></td>${deps.map((d) => html`<td class="num">${ch(b.geos.find((g) => g.code_geo === d.code_geo && g.niveau === d.niveau))}</td>`)}
      <td class="num">${ch(b.geos.find((g) => g.niveau === "france"))}</td><td class="num">${c ? signedChange(c.mediane, b.unite_evolution) : "n.d."}</td>
      <td class="num">${c && c.ecart !== null ? `${signedChange(c.ecart, "points")}${c.partiel ? " (indicatif)" : ""}` : "n.d."}</td><td class="num">${c?.rang ? `${c.rang}/${c.n + 1}` : "n.d."}</td></tr>`;
  };
  return html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table" id=${id}>
    <caption class="ti-source">Évolution depuis l'année de référence : en % pour un effectif, en points pour une part ; écart aux territoires comparables en points</caption>
    <thead><tr><th scope="col">Indicateur</th><th scope="col">Période</th><th scope="col" class="num">${t.nom}</th>${deps.map((d) => html`<th scope="col" class="num">${d.libelle_geo}</th>`)}<th scope="col" class="num">France</th>
      <th scope="col" class="num">Médiane des comparables</th><th scope="col" class="num">Écart aux territoires comparables</th><th scope="col" class="num">Rang</th></tr></thead>
    <tbody>${blocks.map(row)}</tbody>
  </table></div>`;
}

/** Synthesis: every indicator with references, up to its last year. */
export function referencesSummary(territoire) {
  return filled(html`<section class="ti-references-slot" aria-labelledby="references-titre"></section>`, territoire.id, (data, t) => {
    const blocks = Object.values(t.blocs).filter((b) => lastYear(b) !== null);
    if (blocks.length === 0) return null;
    return html`<h2 id="references-titre">Comparé aux références</h2>
      <p>L'évolution du territoire depuis son année de référence, à côté de ses départements, de sa région, de la France et des ${data.comparables.length} Territoires d'industrie qui lui ressemblent le plus (« écart aux territoires comparables » : évolution du territoire moins la médiane des leurs ; rang 1 = plus forte hausse). ${COMPARISON_NOTE}</p>
      ${withDownloads(summaryTable(t, blocks, lastYear, "table-references"), "Comparé aux références")}
      ${sourceLine(blocks[0], data.source_population)}
      <p class="ti-source">Détail, indice base 100 et valeurs pour 1 000 habitants : sous chaque indicateur des pages d'axe, et page <a href=${DYNAMIQUE}>Dynamique de l'emploi</a>.</p>`;
  });
}

/** The report's section for a year: one table, then each indicator's sentences (values per 1,000 inhabitants, comparables). */
export function referencesReportSection(code, annee) {
  return filled(html`<section class="ti-rapport-section ti-references-slot" id="references" aria-labelledby="references-rapport-titre"></section>`, code, (data, t) => {
    const blocks = Object.values(t.blocs).filter((b) => b.annees.includes(annee) && annee > b.annee_debut);
    if (blocks.length === 0) return null;
    return html`<h2 id="references-rapport-titre">Le territoire et ses références</h2>
      <p>Les indicateurs disponibles aux niveaux du département, de la région et de la France, entre l'année de référence et ${annee}, et l'écart aux territoires comparables (les ${data.comparables.length} Territoires d'industrie les plus proches en ${data.annee_selection}). ${COMPARISON_NOTE}</p>
      ${withDownloads(summaryTable(t, blocks, () => annee, "rapport-references"), `Le territoire et ses références, ${annee}`)}
      ${blocks.map((b) => html`<h3>${b.titre}</h3><ul class="ti-rapport-synthese">${(b.phrases[String(annee)] ?? []).map((s) => html`<li>${s}</li>`)}</ul>`)}
      ${sourceLine(blocks[0], data.source_population)}`;
  });
}
