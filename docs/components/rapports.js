// Annual report pages (docs/rapports/): tables, charts and print layout of one year's report (rapports.json).
import * as Plot from "@observablehq/plot";
import {chartImage} from "./a11y.js";
import {html} from "htl";
import {merge} from "topojson-client";
import {formatLongDate, formatNumber} from "./format.js";
import {digitsFor, formatIndicator, formatWithStatus, statusBadge, LEVEL_LABELS, OBSERVATION_LABELS, TRACKING_LABELS} from "./indicators.js";
import {sourceLine, seriesTable, valueAxis, yearAxis} from "./figure.js";

export {pdfName} from "./rapports-links.js";

/** Signed change in the unit's terms (computed at build time: points, % or absolute). */
export function formatEvolution(evolution, unite) {
  if (!evolution) return "n.d.";
  // Rounded before its sign is chosen: −0,04 pt is written "0,0 pt", never "−0,0 pt".
  const digits = evolution.kind === "absolu" ? digitsFor(unite) : 1;
  const v = Number(evolution.value.toFixed(digits));
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
    <caption>Indicateurs de l'axe ${axis.axe} en ${annee}. L'évolution et le statut reposent sur la dernière valeur complète connue en ${annee} ; une valeur partielle (des composantes secrètes ou inconnues) est montrée, mais n'est pas comparée à la référence.</caption>
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
      <td class="num">${r.evolution ? html`${formatEvolution(r.evolution, r.unite)} <span class="ti-rapport-periode">de ${r.annee_reference} à ${r.derniere_annee}</span>` : "n.d."}</td>
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
      <caption>Actions du plan (état au ${formatLongDate(a.date_mise_a_jour)})</caption>
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
export function printStyle({nom, annee, demonstration, nature = "rapport annuel"}) {
  const quote = (s) => `"${String(s).replace(/["\\]/g, "\\$&")}"`;
  const top = demonstration
    ? `@top-center { content: ${quote("DONNÉES DE DÉMONSTRATION — chiffres fictifs, ce ne sont pas des statistiques officielles")}; font: 600 9pt system-ui, sans-serif; color: #4d3800; }`
    : "";
  return html`<style>
@page {
  size: A4;
  margin: 18mm 15mm 18mm 15mm;
  ${top}
  @bottom-left { content: ${quote(`${nom} — ${nature} d'évaluation ${annee}`)}; font: 8pt system-ui, sans-serif; color: #555; }
  @bottom-right { content: "Page " counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #555; }
}
</style>`;
}

/** The copil's commentary, as typed in data/local/commentaires.csv (text only, never HTML). */
export function commentaryBlock(commentaire, {titre = "Commentaire du comité de pilotage"} = {}) {
  if (!commentaire) return "";
  return html`<aside class="ti-rapport-commentaire" aria-label=${titre}>
    <p class="ti-rapport-commentaire-titre">${titre}</p>
    ${commentaire.paragraphes.map((p) => html`<p>${p}</p>`)}
  </aside>`;
}

const TARGET_COLUMNS = ["en_bonne_voie", "a_surveiller", "en_retard"];
const TREND_COLUMNS = ["amelioration", "stable", "degradation"];

/** Headline counts per axis: indicators with a target by target status, the others by direction of change. */
export function countsTable(rapport) {
  const cell = (n) => html`<td class="num">${n > 0 ? formatNumber(n) : html`<span class="ti-muted" aria-label="aucun">·</span>`}</td>`;
  const row = (label, c, scope = "row") => html`<tr>
    <th scope=${scope}>${label}</th><td class="num">${formatNumber(c.indicateurs)}</td>
    ${TARGET_COLUMNS.map((k) => cell(c[k]))}${cell(c.cible_non_evaluable)}
    ${TREND_COLUMNS.map((k) => cell(c[k]))}${cell(c.contexte)}${cell(c.non_evaluable)}
  </tr>`;
  const words = (c) => [
    ...TARGET_COLUMNS.map((k) => [c[k], `${TRACKING_LABELS[k].toLowerCase()} (cible)`]), [c.cible_non_evaluable, "cible pas encore évaluable"],
    ...TREND_COLUMNS.map((k) => [c[k], TRACKING_LABELS[k].toLowerCase()]), [c.contexte, "contexte"], [c.non_evaluable, TRACKING_LABELS.non_evaluable.toLowerCase()]
  ].filter(([n]) => n > 0).map(([n, w]) => `${formatNumber(n)} ${n > 1 ? w.replace(/\bcible\b/, "cibles").replace(/able\b/g, "ables") : w}`).join(" · ");
  // On a phone the table scrolls sideways: the same counts are first given as one line per axis.
  const compact = html`<ul class="ti-rapport-comptes-court" aria-hidden="true">${rapport.axes.map((a) => html`<li><strong>${a.court ?? a.axe}</strong> : ${words(a.comptes)}</li>`)}</ul>`;
  return html`<div>${compact}<div class="ti-table-wrap ti-rapport-comptes" tabindex="0"><table class="ti-table" id="rapport-comptes">
    <caption>Où en est le contrat en ${rapport.annee} : nombre d'indicateurs par axe. Un indicateur doté d'une cible (votée par le comité de pilotage, ou trajectoire de l'enveloppe foncière fixée par la loi Climat et résilience) est compté selon sa cible, les autres selon le sens de leur évolution depuis ${rapport.phase.annee_reference} (« Contexte » : indicateur sans sens souhaité, qui a varié de plus de 2 %).</caption>
    <thead>
      <tr><th scope="col" rowspan="2">Axe</th><th scope="col" rowspan="2" class="num">Indicateurs</th>
        <th scope="colgroup" colspan="4" class="ti-rapport-groupe">Avec une cible</th>
        <th scope="colgroup" colspan="5" class="ti-rapport-groupe">Sans cible : évolution depuis la référence</th></tr>
      <tr>${TARGET_COLUMNS.map((k) => html`<th scope="col" class="num">${TRACKING_LABELS[k]}</th>`)}<th scope="col" class="num">Pas encore évaluable</th>
        ${TREND_COLUMNS.map((k) => html`<th scope="col" class="num">${TRACKING_LABELS[k]}</th>`)}<th scope="col" class="num">Contexte</th><th scope="col" class="num">${TRACKING_LABELS.non_evaluable}</th></tr>
    </thead>
    <tbody>${rapport.axes.map((a) => row(html`<a href=${`#axe-${(a.id ?? a.axe).toLowerCase()}`}>${a.court ?? a.axe}</a>`, a.comptes))}</tbody>
    <tfoot>${row("Ensemble", rapport.comptes)}</tfoot>
  </table></div></div>`;
}

/** An EPCI x indicator cell: latest usable value (its year when older than the report's) and change. */
function epciCell(v, ind, annee) {
  if (v.valeur === null) return html`<td class="num">n.d.</td>`;
  const status = v.statut && OBSERVATION_LABELS[v.statut] ? `, ${OBSERVATION_LABELS[v.statut]}` : "";
  const when = v.annee !== annee ? ` (${v.annee}${status})` : status ? ` (${status.slice(2)})` : "";
  return html`<td class="num" data-valeur=${v.valeur}>${formatIndicator(v.valeur, ind.unite)}${when}<br><span class="ti-rapport-periode">${v.evolution ? formatEvolution(v.evolution, ind.unite) : "évolution n.d."}</span></td>`;
}

/** The EPCI comparison table: the territory and each EPCI on a few key indicators. */
export function epciTable(comp, annee) {
  return html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table ti-rapport-table" id="rapport-epci">
    <caption>Les EPCI du territoire en ${annee} : dernière valeur complète connue (année entre parenthèses quand elle est antérieure) et, dessous, évolution depuis ${comp.annee_reference} (n.d. quand ${comp.annee_reference} n'a pas de valeur complète).</caption>
    <thead><tr><th scope="col">Territoire ou EPCI</th>${comp.indicateurs.map((i) => html`<th scope="col" class="num">${i.titre} <span class="ti-rapport-unite">(${i.unite})</span></th>`)}</tr></thead>
    <tbody>${comp.lignes.map((l) => html`<tr data-code=${l.code} class=${l.niveau === "territoire" ? "ti-rapport-ensemble" : ""}>
      <th scope="row">${l.nom}</th>${l.valeurs.map((v, i) => epciCell(v, comp.indicateurs[i], annee))}
    </tr>`)}</tbody>
  </table></div>
  ${comp.indicateurs.filter((i, k, all) => all.findIndex((j) => j.source.producteur === i.source.producteur && j.source.jeu_de_donnees === i.source.jeu_de_donnees) === k).map((i) => sourceLine(i.source))}`;
}

/** Change of the first indicator, per EPCI, as horizontal bars (the territory as a reference rule). */
export function epciChart(comp, {width = 640} = {}) {
  width = Math.max(width, 320); // the page's width is 0 while the page is laid out (a hidden tab, a print)
  const ind = comp.indicateurs[0];
  const kind = comp.lignes.find((l) => l.valeurs[0].evolution)?.valeurs[0].evolution.kind;
  const unit = kind === "points" ? "points" : kind === "pct" ? "%" : ind.unite;
  const data = comp.lignes.filter((l) => l.niveau === "epci" && l.valeurs[0].evolution).map((l) => ({nom: l.nom, v: l.valeurs[0].evolution.value}));
  const whole = comp.lignes.find((l) => l.niveau === "territoire")?.valeurs[0].evolution?.value ?? null;
  const title = `${ind.titre} : évolution depuis ${comp.annee_reference}, par EPCI`;
  const alt = `${title}, en ${unit}. ${data.map((d) => `${d.nom} ${d.v > 0 ? "+" : d.v < 0 ? "−" : ""}${formatNumber(Math.abs(d.v), 1)}`).join(" ; ")}${whole !== null ? ` ; ensemble du territoire ${whole > 0 ? "+" : whole < 0 ? "−" : ""}${formatNumber(Math.abs(whole), 1)}` : ""}.`;
  if (data.length === 0) return html`<p class="ti-rapport-note">Aucun EPCI n'a d'évolution mesurable pour ${ind.titre}.</p>`;
  const colour = mapColour(ind);
  const values = [0, ...data.map((d) => d.v), ...(whole !== null ? [whole] : [])];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo || 1) * 0.18; // room for the value written beyond each bar's end
  // Room for the longest EPCI name at 12 px; when it would take half the chart, names go above the bars.
  const nameWidth = 16 + 6.8 * Math.max(...data.map((d) => d.nom.length));
  const narrow = nameWidth > width * 0.5;
  const label = (d) => `${d.v > 0 ? "+" : d.v < 0 ? "−" : ""}${formatNumber(Math.abs(d.v), 1)}`;
  const plot = chartImage(Plot.plot({
    ariaLabel: alt, width, height: 50 + data.length * (narrow ? 52 : 36), marginLeft: narrow ? 10 : nameWidth, marginRight: 20, locale: "fr-FR", style: {fontSize: "12px"},
    x: {label: `Évolution (${unit})`, grid: true, domain: [lo - (lo < 0 ? pad : 0), hi + pad], tickFormat: (d) => formatNumber(d, 0)},
    // On a phone the names are written above their bar rather than cut on the left.
    y: {label: null, domain: data.map((d) => d.nom), ...(narrow ? {axis: null, padding: 0.45} : {})},
    marks: [
      Plot.barX(data, {x: "v", y: "nom", fill: (d) => colour(d.v)}),
      ...(narrow ? [Plot.text(data, {x: lo - (lo < 0 ? pad : 0), y: "nom", text: "nom", textAnchor: "start", dy: -17, fill: "currentColor"})] : []),
      // Labels beyond the bar's end: on the left of negative bars, on the right of the others.
      Plot.text(data.filter((d) => d.v < 0), {x: "v", y: "nom", text: label, textAnchor: "end", dx: -4, fill: "currentColor"}),
      Plot.text(data.filter((d) => d.v >= 0), {x: "v", y: "nom", text: label, textAnchor: "start", dx: 4, fill: "currentColor"}),
      ...(whole !== null ? [Plot.ruleX([whole], {stroke: "currentColor", strokeDasharray: "4,3"})] : []),
      Plot.ruleX([0])
    ]
  }));
  plot.setAttribute?.("role", "img");
  return html`<figure class="ti-figure ti-rapport-figure" id="rapport-epci-graphique">
    <h3 class="ti-rapport-figure-titre">${title}</h3>
    ${plot}
    <figcaption>${alt} Mêmes couleurs que la carte : bleu, évolution dans le sens souhaité ; orange, en sens contraire ; gris, stable (2 % au plus)${whole !== null ? " ; trait pointillé : ensemble du territoire" : ""}. Valeurs détaillées dans le tableau ci-dessus.</figcaption>
    ${sourceLine(ind.source)}
  </figure>`;
}

/** Classes of the map: change since the reference, around "stable" (±2 %, the status rule), favourable side first. */
const MAP_STEPS = [-5, -2, 2, 5];

/** The map's classes in words beside their colour (never colour alone). */
function mapLegend(range, unit, reference) {
  const n = (v) => `${v > 0 ? "+" : v < 0 ? "−" : ""}${formatNumber(Math.abs(v), 0)}${unit}`;
  const labels = [`moins de ${n(MAP_STEPS[0])}`, ...MAP_STEPS.slice(1).map((b, i) => `de ${n(MAP_STEPS[i])} à ${n(b)}`), `plus de ${n(MAP_STEPS.at(-1))}`];
  return html`<ul class="ti-rapport-legende" aria-label=${`Évolution depuis ${reference}`}>${labels.map((l, i) => html`<li><span class="ti-rapport-pastille" style=${`background:${range[i]}`}></span>${l}</li>`)}<li><span class="ti-rapport-pastille" style="background:#fff"></span>non mesurable</li></ul>`;
}

const PALETTE = ["#b3541e", "#e3a97f", "#e8e8e8", "#8fb5d3", "#2f6b9a"];

/** Colours of the classes of MAP_STEPS, from the least to the most favourable change for the indicator. */
function mapRange(ind) {
  return ind.sens_souhaite === "baisse" ? [...PALETTE].reverse() : PALETTE;
}

/** The colour of a change, as the map draws it (the bar chart uses the same classes). */
function mapColour(ind) {
  const range = mapRange(ind);
  return (v) => range[MAP_STEPS.filter((b) => v >= b).length];
}

/** A map of the EPCIs (merged commune contours), filled by the change of the first indicator, labelled by name. */
export function epciMap(comp, contours, {width = 640} = {}) {
  width = Math.max(width, 280);
  const ind = comp.indicateurs[0];
  if (!contours?.disponible) return html`<p class="ti-rapport-note">Carte indisponible : les contours des communes ne sont pas chargés (voir la page Données).</p>`;
  const topo = contours.topology;
  const geoms = topo.objects.communes.geometries;
  const byCode = new Map(comp.lignes.filter((l) => l.niveau === "epci").map((l) => [l.code, l]));
  const features = [...byCode.values()].map((l) => {
    const parts = geoms.filter((g) => g.properties?.epci === l.code);
    return parts.length === 0 ? null : {type: "Feature", id: l.code, properties: {nom: l.nom, v: l.valeurs[0].evolution?.value ?? null}, geometry: merge(topo, parts)};
  }).filter(Boolean);
  if (features.length === 0) return html`<p class="ti-rapport-note">Carte indisponible : aucun contour pour les EPCI de cette phase.</p>`;
  const collection = {type: "FeatureCollection", features};
  const range = mapRange(ind);
  const height = Math.round(width * 0.8);
  const title = `${ind.titre} : évolution depuis ${comp.annee_reference} par EPCI`;
  const alt = `Carte des ${features.length} EPCI du territoire, coloriés selon l'évolution de « ${ind.titre} » depuis ${comp.annee_reference} ; les valeurs figurent dans le tableau de comparaison.`;
  const plot = chartImage(Plot.plot({
    ariaLabel: alt, width, height, projection: {type: "conic-conformal", parallels: [44, 49], rotate: [-3, 0], domain: collection},
    color: {type: "threshold", domain: MAP_STEPS, range, unknown: "#fff"},
    marks: [
      Plot.geo(collection, {fill: (f) => f.properties.v, stroke: "#333", strokeWidth: 1}),
      Plot.text(collection.features, Plot.centroid({text: (f) => f.properties.nom.replace(/^(CA|CC|CU) (du |de la |de l'|des |de )?/, ""), fill: "#000", stroke: "#fff", strokeWidth: 3, paintOrder: "stroke", fontSize: 11, lineWidth: 9}))
    ]
  }));
  return html`<figure class="ti-figure ti-rapport-figure" id="rapport-carte">
    <h3 class="ti-rapport-figure-titre">${title}</h3>
    ${plot}
    ${mapLegend(range, ind.unite === "%" ? "pt" : "\u202f%", comp.annee_reference)}
    <figcaption>${alt} Bleu : sens souhaité ; orange : sens contraire ; gris : stable (2 % au plus). Blanc : pas d'évolution mesurable.</figcaption>
    <p class="ti-source">Contours : ${contours.source.producteur}, ${contours.source.jeu_de_donnees}${contours.source.millesime ? `, ${contours.source.millesime}` : ""}, ${contours.source.licence}. Valeurs : voir le tableau de comparaison.</p>
  </figure>`;
}
