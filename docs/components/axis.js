// One section per indicator of an axis: sheet summary, series of the territory and its EPCIs (or BMO bassins),
// target trajectory, values of the chosen year against baseline and target, data table, source line, linked
// actions. The reader's selection (year, EPCIs shown, measure: absolute, per 1 000 inhabitants, index base 100)
// comes from axis-selection.js; without one, the latest values of every EPCI, as published.
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
import {downloadBar, singleValues, valueAxis, yearAxis} from "./figure.js";
import {measureOf} from "./measure.js";
import {referencesBlock} from "./references.js";

/** Series colours: the territory in the text colour, the geographies in hues legible on light and dark (≥ 3:1). */
export const GEO_COLOURS = ["#3d7cc9", "#c8651b", "#2e9b6b", "#a35bc4", "#b0882a", "#d1477a"];

/** The default selection: latest known values, every EPCI, values as published. */
export const DEFAULT_SELECTION = {annee: null, epcis: null, mode: "absolu"};

/**
 * The geographies an indicator is shown for: territory + EPCIs, or the BMO bassins touching the territory. Each
 * has its population (for the per-inhabitant measure) and its colour, fixed by its rank in the full list so that
 * an EPCI keeps its colour whichever others are shown.
 */
export function geographiesOf(sheet, territoire, bassins) {
  if (sheet.levels.includes("bassin_emploi") && !sheet.levels.includes("territoire")) {
    return bassins.map((b, i) => ({
      niveau: "bassin_emploi",
      code: b.code_bassin,
      nom: `Bassin ${b.nom_bassin} (${b.code_bassin})`,
      note: b.part_population_pct === null ? "part de la population dans le territoire inconnue" : `${formatNumber(b.part_population_pct, 1)} % de sa population dans le territoire`,
      population: b.population_totale ?? null,
      colour: GEO_COLOURS[i % GEO_COLOURS.length]
    }));
  }
  const geos = [];
  if (sheet.levels.includes("territoire")) geos.push({niveau: "territoire", code: territoire.id, nom: territoire.nom, main: true, population: territoire.population ?? null, colour: "currentColor"});
  if (sheet.levels.includes("epci")) {
    territoire.epcis.forEach((e, i) => geos.push({niveau: "epci", code: e.siren, nom: e.nom, population: e.population ?? null, colour: GEO_COLOURS[i % GEO_COLOURS.length]}));
  }
  return geos;
}

/** The geographies the reader chose: the territory and the bassins always, the EPCIs ticked (all when `epcis` is null). */
export function shownGeographies(geos, epcis) {
  if (!epcis) return geos;
  const chosen = new Set(epcis);
  return geos.filter((g) => g.niveau !== "epci" || chosen.has(g.code));
}

/**
 * The charts of a section. An absolute count puts the territory (the sum of its EPCIs) and its EPCIs in two
 * panels with their own scales, so that small EPCIs are not drawn flat under the total; ratios, per-inhabitant
 * values and indices share one scale, where the territory and its EPCIs compare directly.
 */
export function panelsOf(sheet, geos, measure) {
  const main = geos.filter((g) => g.main);
  const epcis = geos.filter((g) => g.niveau === "epci");
  // Any other geography (a wider reference level) is not a part of the territory: a panel of its own.
  const others = geos.filter((g) => !g.main && g.niveau !== "epci");
  if (measure.mode === "absolu" && sheet.aggregation?.kind === "somme" && main.length > 0 && epcis.length > 0) {
    return [
      {id: "territoire", titre: main[0].nom, geos: main},
      {id: "epci", titre: `${epcis.length === 1 ? "L'EPCI" : `Les ${epcis.length} EPCI`} du territoire, à leur propre échelle`, geos: epcis},
      ...(others.length > 0 ? [{id: "autres", titre: "Autres niveaux, à leur propre échelle", geos: others}] : [])
    ];
  }
  // A lone geography (the territory, no EPCI ticked) has no legend: the panel's title names it.
  return [{id: "ensemble", titre: geos.length === 1 ? geos[0].nom : null, geos}];
}

/** The measured points of some geographies: `valeur` as shown, `publiee` as published, with its status. */
function measuredPoints(sheet, geos, index, measure) {
  return geos.flatMap((g) =>
    index.series(sheet.id, g.niveau, g.code).map((r) => ({...r, publiee: r.valeur, valeur: measure.value(g, r.valeur), nom: g.nom, code: g.code}))
  );
}

/** The target trajectory of the territory (reference value to target), in the measure of the chart. */
function trajectoryPoints(track, measure, geo) {
  if (!track || !geo || track.cible_calculee === null || track.annee_reference === null || track.valeur_reference === null) return [];
  const points = [
    {annee: track.annee_reference, valeur: measure.value(geo, track.valeur_reference)},
    {annee: track.annee_cible, valeur: measure.value(geo, track.cible_calculee)}
  ];
  return points.every((p) => p.valeur !== null) ? points : [];
}

/** "CA X : 1 234 en 2025 ; CA Y : aucune valeur": the latest shown value of each geography. */
function latestText(geos, points, measure, digits) {
  return geos.map((g) => {
    const known = points.filter((p) => p.code === g.code && p.valeur !== null);
    const l = known[known.length - 1];
    return l ? `${g.nom} : ${measure.format(l.valeur, l.statut, digits)} en ${l.annee}` : `${g.nom} : aucune valeur`;
  }).join(" ; ");
}

/** One panel: the lines of its geographies, the trajectory when the territory is in it, the chosen year marked. */
function panelChart({sheet, panel, points, trajectory, measure, digits, width, annee}) {
  const known = points.filter((p) => p.valeur !== null);
  const trace = panel.geos.some((g) => g.main) ? trajectory : [];
  const alt =
    `${sheet.title} (${measure.unit}), par année${panel.titre ? `, ${panel.titre}` : ""}. ${latestText(panel.geos, points, measure, digits)}` +
    (trace.length ? `. Trajectoire cible du territoire : ${measure.format(trace[1].valeur, "ok", digits)} en ${trace[1].annee}.` : ".");
  if (known.length === 0) return {chart: html`<p class="ti-panel-vide"><em>Aucune valeur connue${panel.titre ? ` (${panel.titre})` : ""}.</em></p>`, alt, svg: null};
  const index = measure.mode === "indice";
  const values = [...known, ...trace].map((p) => p.valeur);
  // Whole ticks written without decimals ("2", not "2,0"); the others with the decimals of the values.
  const tick = measure.mode === "absolu" ? (d) => formatIndicator(d, sheet.unit) : (d) => formatNumber(d, Number.isInteger(d) ? 0 : digits);
  const names = panel.geos.map((g) => g.nom);
  const chart = chartImage(Plot.plot({
    ariaLabel: alt,
    width,
    height: panel.id === "territoire" ? 240 : 280,
    marginLeft: 64,
    marginRight: 16,
    x: yearAxis([...known, ...trace].map((p) => p.annee).concat(annee ?? []), width),
    y: {label: measure.unit, grid: true, ...valueAxis(index ? [...values, 100] : values, digits, tick, 5, {zero: !index})},
    // A panel of one geography needs no legend: its title names it.
    color: {legend: panel.geos.length > 1, domain: names, range: panel.geos.map((g) => g.colour)},
    marks: [
      index ? Plot.ruleY([100], {stroke: "currentColor", strokeOpacity: 0.6}) : Plot.ruleY([0]),
      annee ? Plot.ruleX([annee], {stroke: "currentColor", strokeDasharray: "2 3", strokeOpacity: 0.7}) : null,
      trace.length ? Plot.line(trace, {x: "annee", y: "valeur", stroke: "currentColor", strokeDasharray: "5,4", strokeOpacity: 0.8}) : null,
      trace.length ? Plot.dot(trace.slice(1), {x: "annee", y: "valeur", stroke: "currentColor", symbol: "diamond", r: 5}) : null,
      // z given explicitly: with few years per series Plot would warn (drawn on the chart) about a "high cardinality" z.
      Plot.line(known, {x: "annee", y: "valeur", stroke: "nom", z: "nom", strokeWidth: (d) => (d.niveau === "territoire" ? 3 : 1.75)}),
      Plot.dot(known, {
        x: "annee",
        y: "valeur",
        fill: "nom",
        r: 2.5,
        tip: true,
        title: (p) => `${p.nom}\n${p.annee} : ${measure.format(p.valeur, p.statut, digits)}`
      })
    ]
  }));
  const svg = chart.matches("svg") ? chart : chart.querySelector(":scope > svg");
  svg?.setAttribute("role", "img");
  return {chart, alt, svg};
}

/**
 * The figure of a section: one or two panels (see panelsOf), or the values themselves when a single year is known;
 * then the caption, the notes of the measure, the source line and the data table in the measure shown.
 */
function seriesFigure(sheet, {geos, points, digits, track, measure, width, annee, notes, source}) {
  const known = points.filter((p) => p.valeur !== null);
  const main = geos.find((g) => g.main);
  const trajectory = main ? trajectoryPoints(track, measure, main) : [];
  const table = dataTable(sheet, geos, points, measure, digits);
  const tableBlock = html`<details class="ti-data"><summary>Tableau des données</summary>${withDownloads(table, `${sheet.title} par année${measure.mode === "absolu" ? "" : ` (${measure.unit})`}`)}</details>`;
  const caption = `${sheet.title} (${measure.unit}), par année. ${latestText(geos, points, measure, digits)}` +
    (trajectory.length ? `. Trajectoire cible du territoire : ${measure.format(trajectory[1].valeur, "ok", digits)} en ${trajectory[1].annee}.` : ".");
  const single = known.length > 0 && singleValues(known, {label: (p) => p.nom, format: (p) => `${measure.format(p.valeur, p.statut, digits)}${measure.mode === "absolu" && !/%/.test(sheet.unit) ? ` ${sheet.unit}` : ""}`});
  if (known.length === 0 || single) {
    return html`<figure class="ti-figure">
      ${single || html`<p><em>Aucune valeur connue pour cet indicateur${measure.mode === "absolu" ? "" : ` (${measure.unit})`}.</em></p>`}
      <figcaption>${caption}</figcaption>${notes}${source}${tableBlock}
    </figure>`;
  }
  const panels = panelsOf(sheet, geos, measure);
  // Two panels side by side when there is room for both, one above the other otherwise.
  const sideBySide = panels.length > 1 && width >= 880;
  const panelWidth = sideBySide ? Math.floor((width - 24) / 2) : width;
  const drawn = panels.map((panel) => ({
    panel,
    ...panelChart({sheet, panel, points: points.filter((p) => panel.geos.some((g) => g.code === p.code)), trajectory, measure, digits, width: panelWidth, annee})
  }));
  return html`<figure class="ti-figure">
    <div class=${`ti-panels${sideBySide ? " ti-panels-cote" : ""}`}>${drawn.map(({panel, chart, svg}) => html`<div class="ti-panel" data-panel=${panel.id}>
      ${panel.titre ? html`<p class="ti-panel-titre">${panel.titre}</p>` : ""}
      ${chart}
      ${svg ? downloadBar({title: panels.length > 1 ? `${sheet.title} — ${panel.titre}` : sheet.title, chart: svg}) : ""}
    </div>`)}</div>
    <figcaption>${caption}${trajectory.length ? " La ligne pointillée relie la valeur de référence à la cible." : ""}${annee ? ` Le trait vertical pointillé marque l'année ${annee}.` : ""}${panels.length > 1 ? " Le territoire, somme de ses EPCI, a son propre graphique : à la même échelle, les petits EPCI seraient écrasés. Pour comparer des EPCI de tailles différentes, choisissez la mesure « Pour 1 000 habitants » ou « Indice base 100 »." : ""}</figcaption>
    ${notes}${source}${tableBlock}
  </figure>`;
}

/** Notes of the measure under the chart: what was not applicable, which indices cannot be computed, the populations. */
function measureNotes(sheet, geos, measure, {territoire, referenceYear, baseOf}) {
  const notes = [];
  if (measure.note) notes.push(measure.note);
  if (measure.mode === "indice") {
    const missing = geos.filter((g) => !baseOf(g));
    if (missing.length) notes.push(`Indice non calculable pour ${missing.map((g) => g.nom).join(", ")} : valeur ${referenceYear} inconnue ou nulle (aucune division par une valeur inconnue ou nulle).`);
  }
  if (measure.mode === "habitants") {
    const missing = geos.filter((g) => !g.population);
    const bassins = geos.some((g) => g.niveau === "bassin_emploi");
    notes.push(`Population : ${bassins ? "population municipale totale de chaque bassin d'emploi, " : ""}${territoire.source_population ?? "populations municipales légales"}. Un seul millésime de population pour toutes les années : le ratio ne suit pas l'évolution de la population.` +
      (missing.length ? ` Population inconnue pour ${missing.map((g) => g.nom).join(", ")} : valeur non calculée.` : ""));
  }
  return notes.map((n) => html`<p class="ti-source ti-note-mesure">${n}</p>`);
}

/** The row of one geography for the chosen year (or its latest known value when no year is chosen). */
function rowAt(sheet, g, index, annee) {
  return annee ? index.get(sheet.id, g.niveau, g.code, annee) : index.latest(sheet.id, g.niveau, g.code);
}

function latestTable(sheet, geos, index, tracking, {annee, measure, digits}) {
  const extra = measure.mode !== "absolu";
  // Values of the year (or latest), and beside them, in a measure other than the absolute, the measured value.
  const shown = geos.map((g) => {
    const r = rowAt(sheet, g, index, annee);
    return {g, r, t: tracking(sheet.id, g.niveau, g.code), m: r ? measure.value(g, r.valeur) : null};
  });
  return html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table ti-latest">
    <caption class="ti-source">${annee ? `Valeurs ${annee}` : "Dernières valeurs"}, référence, cible et statut</caption>
    <thead><tr>
      <th scope="col">Territoire</th><th scope="col" class="num">${annee ? `Valeur ${annee}` : "Dernière valeur"}</th>
      ${extra ? html`<th scope="col" class="num">${measure.shortLabel}</th>` : ""}
      <th scope="col" class="num">Référence</th>
      <th scope="col" class="num">Évolution</th><th scope="col" class="num">Cible</th><th scope="col">${annee ? "Statut (dernière valeur)" : "Statut"}</th>
    </tr></thead>
    <tbody>${shown.map(({g, r, t, m}) => html`<tr>
        <th scope="row">${g.nom}${g.note ? html`<br><span class="ti-source">${g.note}</span>` : ""}</th>
        <td class="num" data-value=${r?.valeur ?? ""} data-statut=${r?.statut ?? "manquant"}>${r ? html`${formatWithStatus(r.valeur, sheet.unit, r.statut)} <span class="ti-muted">(${r.annee})</span>` : "n.d."}</td>
        ${extra ? html`<td class="num" data-value=${m ?? ""}>${measure.format(m, r?.statut ?? "manquant", digits)}</td>` : ""}
        <td class="num">${t?.annee_reference ? html`${formatIndicator(t.valeur_reference, sheet.unit)} <span class="ti-muted">(${t.annee_reference})</span>` : "n.d."}</td>
        <td class="num">${t ? formatChange(t.valeur_reference, annee ? r?.valeur : t.derniere_valeur, sheet.unit) : "n.d."}</td>
        <td class="num">${t?.cible_calculee !== null && t?.cible_calculee !== undefined ? html`${formatIndicator(t.cible_calculee, sheet.unit)} <span class="ti-muted">(${t.annee_cible})</span>` : "—"}</td>
        <td>${t ? statusBadge(t.statut, t) : ""}</td>
      </tr>`)}</tbody>
  </table></div>`;
}

/** One row per year, one column per geography shown, in the measure shown. */
function dataTable(sheet, geos, points, measure, digits) {
  const years = [...new Set(points.map((p) => p.annee))].sort((a, b) => a - b);
  const at = new Map(points.map((p) => [`${p.code}|${p.annee}`, p]));
  return html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table">
    <caption class="ti-source">${sheet.title} (${measure.unit}), par année</caption>
    <thead><tr><th scope="col">Année</th>${geos.map((g) => html`<th scope="col" class="num">${g.nom}</th>`)}</tr></thead>
    <tbody>${years.map((y) => html`<tr><th scope="row">${y}</th>${geos.map((g) => {
      const p = at.get(`${g.code}|${y}`);
      return html`<td class="num" data-value=${p?.valeur ?? ""} data-statut=${p?.statut ?? "manquant"}>${p ? measure.format(p.valeur, p.statut, digits) : "n.d."}</td>`;
    })}</tr>`)}</tbody>
  </table></div>`;
}

/** A table wrapper followed by its CSV and XLSX buttons. */
function withDownloads(wrap, title) {
  return html`${wrap}${downloadBar({title, table: wrap.querySelector("table")})}`;
}

/**
 * The section of one indicator. `linkedActions(id)` returns the actions that aim at it (or null); `selection`
 * is the reader's {annee, epcis, mode} (DEFAULT_SELECTION when absent).
 */
export function indicatorSection(sheet, {index, tracking, territoire, bassins, width, linkedActions, selection = DEFAULT_SELECTION}) {
  const {annee, epcis, mode} = {...DEFAULT_SELECTION, ...selection};
  const all = geographiesOf(sheet, territoire, bassins);
  const geos = shownGeographies(all, epcis);
  const referenceYear = territoire.annee_reference;
  const baseOf = (g) => index.get(sheet.id, g.niveau, g.code, referenceYear)?.valeur ?? null;
  const measure = measureOf(sheet, mode, {referenceYear, baseOf});
  const mainTrack = all[0]?.main ? tracking(sheet.id, all[0].niveau, all[0].code) : undefined;
  // The measured series, and one number of decimals for the chart, its caption and both tables.
  const points = measuredPoints(sheet, geos, index, measure);
  const digits = measure.digits(points.map((p) => p.valeur));
  const actions = linkedActions?.(sheet.id);
  return html`<section class="ti-indicator" id=${sheet.id} aria-labelledby=${`titre-${sheet.id}`}>
    <h2 id=${`titre-${sheet.id}`}>${sheet.title}</h2>
    <p>${sheet.definition}</p>
    <p class="ti-muted">Unité : ${sheet.unit} · indicateur de ${sheet.type} · ${directionText(sheet)} ·
      <a href=${`./fiches#${sheet.id}`}>fiche complète</a></p>
    ${seriesFigure(sheet, {
      geos, points, digits, track: mainTrack, measure, width, annee,
      notes: measureNotes(sheet, geos, measure, {territoire, referenceYear, baseOf}),
      source: sheetSourceLine(sheet)
    })}
    ${referencesBlock(sheet, {territoire, width})}
    ${withDownloads(latestTable(sheet, geos, index, tracking, {annee, measure, digits}), `${sheet.title}, ${annee ? `valeurs ${annee}` : "dernières valeurs"}`)}
    ${actions ? html`<div class="ti-linked-actions"><h3>Actions du plan qui visent cet indicateur</h3>${actions}</div>` : ""}
  </section>`;
}

/** The desired direction, without saying "indicateur de contexte" twice for a context indicator. */
function directionText(sheet) {
  return sheet.direction === "neutre" && sheet.type === "contexte" ? "sans sens souhaité" : DIRECTION_LABELS[sheet.direction];
}

/** Legend of the observation statuses used in tables (values are never shown as 0 when unknown). */
export function statusLegend() {
  return html`<p class="ti-source">Sigles (EPCI, ENAF, ZAN, BMO, NAF…) : voir le <a href="./glossaire">glossaire</a>.
    Légende : « n.d. » valeur non disponible ; « secret » valeur couverte par le <a href="./glossaire#secret">secret statistique</a> ;
    « partiel » agrégat calculé sur les seules composantes connues ; « provisoire » dernière année d'un millésime, susceptible d'être révisée.
    Les ratios sont recalculés à chaque niveau à partir des numérateurs et dénominateurs sommés, jamais moyennés.</p>`;
}
