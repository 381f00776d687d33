// "Comparer les EPCI": the EPCIs of the territory side by side for one indicator and one year —
// absolute value, per 1 000 inhabitants (additive counts only), index base 100 in the reference year —
// and the commune detail of one EPCI. Unknown values are never 0 and never divide anything.
import * as Plot from "@observablehq/plot";
import {chartImage} from "./a11y.js";
import {html} from "htl";
import {formatNumber} from "./format.js";
import {formatIndicator, formatWithStatus, OBSERVATION_LABELS, sheetSourceLine} from "./indicators.js";
import {downloadBar, valueAxis, yearAxis} from "./figure.js";

/** Line colours of the EPCIs: 3:1 or more against both the light and the dark background. */
export const EPCI_COLORS = ["#3d7cc9", "#c8651b", "#2a9553", "#b050c0", "#8a7a00"];

/** Indicators computed per EPCI (the BMO ones exist only per bassin d'emploi; some only for the territory). */
export function comparableSheets(catalogue) {
  return catalogue.filter((s) => s.levels.includes("epci"));
}

export function excludedSheets(catalogue) {
  return catalogue.filter((s) => !s.levels.includes("epci"));
}

/** Per 1 000 inhabitants only makes sense for an additive count (not for a share, a rate or a mean). */
export function isCount(sheet) {
  return sheet.aggregation?.kind === "somme" && !/%|pour 10/.test(sheet.unit ?? "");
}

export function perThousand(value, population) {
  if (value === null || value === undefined || !population) return null;
  return (value / population) * 1000;
}

/** Index base 100: null when either value is unknown or the reference is 0 (never a division by unknown or zero). */
export function indexBase100(value, reference) {
  if (value === null || value === undefined || reference === null || reference === undefined || reference === 0) return null;
  return (value / reference) * 100;
}

/** Why an index cannot be computed, in words. */
export function indexGap(value, reference, referenceYear) {
  if (reference === null || reference === undefined) return `valeur ${referenceYear} inconnue`;
  if (reference === 0) return `valeur ${referenceYear} nulle`;
  if (value === null || value === undefined) return "valeur inconnue";
  return "";
}

/** Years with at least one EPCI row for the indicator, ascending. */
export function epciYears(rows, indicateur) {
  const ys = new Set();
  for (const r of rows) if (r.indicateur === indicateur && r.niveau === "epci") ys.add(r.annee);
  return [...ys].sort((a, b) => a - b);
}

/** Latest year where some EPCI value is known (else the latest year). */
export function latestKnownYear(rows, indicateur, years) {
  for (let i = years.length - 1; i >= 0; i--) {
    if (rows.some((r) => r.indicateur === indicateur && r.niveau === "epci" && r.annee === years[i] && r.valeur !== null)) return years[i];
  }
  return years[years.length - 1];
}

/** Competition ranking on a list sorted by value: equal values share a rank ("1, 2, 2, 4"); unknown values get none. */
export function assignRanks(sorted) {
  sorted.forEach((r, i) => {
    const prev = sorted[i - 1];
    r.rang = r.valeur === null ? null : prev && prev.valeur === r.valeur ? prev.rang : i + 1;
  });
  return sorted;
}

/** One row per EPCI (and the territory) for an indicator and a year, ranked by value (unknown last). */
export function compareEpcis(idx, sheet, territoire, annee) {
  const ref = territoire.annee_reference;
  const line = (niveau, code, nom, population) => {
    const r = idx.get(sheet.id, niveau, code, annee);
    const base = idx.get(sheet.id, niveau, code, ref);
    const valeur = r?.valeur ?? null;
    const statut = r?.statut ?? "manquant";
    const reference = base?.valeur ?? null;
    return {
      code, nom, population, valeur, statut, reference, statutReference: base?.statut ?? "manquant",
      parMille: isCount(sheet) ? perThousand(valeur, population) : null,
      indice: indexBase100(valeur, reference),
      indiceManque: indexGap(valeur, reference, ref)
    };
  };
  const epcis = territoire.epcis.map((e) => line("epci", e.siren, e.nom, e.population));
  const ranked = [...epcis].sort((a, b) => (a.valeur === null) - (b.valeur === null) || (b.valeur ?? 0) - (a.valeur ?? 0) || a.nom.localeCompare(b.nom, "fr"));
  assignRanks(ranked);
  return {epcis: ranked, territoire: line("territoire", territoire.id, "Territoire", territoire.population)};
}

/** The communes of one EPCI with their value for an indicator and a year, sorted by value (unknown last). */
export function communeDetail(communesFile, territoire, sheet, annee, epci) {
  const cell = communesFile.series[sheet.id]?.[String(annee)];
  const position = new Map(communesFile.communes.map((c, i) => [c, i]));
  const list = territoire.communes.filter((c) => c.epci === epci).map((c) => {
    const i = position.get(c.code);
    const valeur = cell && i !== undefined ? cell.v[i] : null;
    const statut = cell && i !== undefined ? (cell.s ? cell.s[i] : valeur === null ? "manquant" : "ok") : "manquant";
    return {code: c.code, nom: c.nom, population: c.population, valeur, statut, parMille: isCount(sheet) ? perThousand(valeur, c.population) : null};
  });
  list.sort((a, b) => (a.valeur === null) - (b.valeur === null) || (b.valeur ?? 0) - (a.valeur ?? 0) || a.nom.localeCompare(b.nom, "fr"));
  assignRanks(list);
  return list;
}

const fmt1 = (v) => formatNumber(v, 1);

/** Horizontal bars, one per EPCI, the name above each bar so that long names never get cut. */
export function barsFigure({id, title, rows, value, format, unit, reference, alt, source, width}) {
  const band = 46;
  const known = rows.filter((r) => value(r) !== null);
  const max = Math.max(0, ...known.map(value), reference?.value ?? 0);
  const plot = chartImage(Plot.plot({
    ariaLabel: alt,
    width,
    height: rows.length * band + 30,
    marginLeft: 8,
    marginRight: 8,
    marginTop: 4,
    marginBottom: 26,
    locale: "fr-FR",
    x: {label: null, grid: true, ...barAxis(max, width)},
    y: {domain: rows.map((r) => r.nom), axis: null, padding: 0},
    marks: [
      Plot.barX(known, {y: "nom", x: value, fill: "var(--ti-accent)", insetTop: 22, insetBottom: 6}),
      Plot.text(rows, {y: "nom", x: 0, text: "nom", textAnchor: "start", dy: -band / 2 + 12, fill: "currentColor", stroke: "var(--theme-background)", strokeWidth: 4, paintOrder: "stroke", fontSize: 12}),
      Plot.text(rows, {y: "nom", x: (r) => value(r) ?? 0, text: (r) => format(r), textAnchor: "start", dx: 4, dy: 7, fill: "currentColor", stroke: "var(--theme-background)", strokeWidth: 4, paintOrder: "stroke", fontSize: 12}),
      reference && reference.value !== null ? Plot.ruleX([reference.value], {stroke: "currentColor", strokeDasharray: "4 3"}) : null,
      Plot.ruleX([0])
    ]
  }));
  plot.setAttribute("role", "img");
  return html`<figure class="ti-figure ti-comparer-figure" id=${id}>
    <h3>${title}</h3>
    ${plot}
    <figcaption>${alt}</figcaption>
    ${reference?.note ? html`<p class="ti-muted">${reference.note}</p>` : null}
    ${source}
    ${downloadBar({title, chart: plot})}
    <details class="ti-data"><summary>Tableau des données</summary>
      <div class="ti-table-wrap" tabindex="0"><table class="ti-table">
        <caption class="ti-source">${title}</caption>
        <thead><tr><th scope="col">EPCI</th><th scope="col" class="num">${unit}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr><th scope="row">${r.nom}</th><td class="num">${format(r)}</td></tr>`)}</tbody>
        ${reference ? html`<tfoot><tr><th scope="row">Territoire</th><td class="num">${reference.text}</td></tr></tfoot>` : null}
      </table></div>${tableDownloads()}
    </details>
  </figure>`;
}

/** Index base 100 over the years, one line per EPCI and the territory (dashed), the chosen year marked. */
export function indexFigure({idx, sheet, territoire, annee, years, width, source}) {
  const ref = territoire.annee_reference;
  const geos = [
    ...territoire.epcis.map((e) => ({niveau: "epci", code: e.siren, nom: e.nom})),
    {niveau: "territoire", code: territoire.id, nom: "Territoire"}
  ];
  const series = geos.map((g) => {
    const base = idx.get(sheet.id, g.niveau, g.code, ref)?.valeur ?? null;
    return {...g, base, points: years.map((y) => {
      const r = idx.get(sheet.id, g.niveau, g.code, y);
      return {nom: g.nom, annee: y, indice: indexBase100(r?.valeur ?? null, base), statut: r?.statut ?? "manquant"};
    })};
  });
  const missing = series.filter((s) => s.base === null || s.base === 0);
  const computable = series.filter((s) => !(s.base === null || s.base === 0));
  const title = `Indice base 100 en ${ref}`;
  if (computable.length === 0) {
    return html`<figure class="ti-figure ti-comparer-figure" id="figure-indice">
      <h3>${title}</h3>
      <p class="ti-note" role="note">Indice non calculable : la valeur de référence ${ref} est inconnue${missing.some((s) => s.base === 0) ? " ou nulle" : ""} pour ${missing.length === geos.length ? "tous les EPCI et le territoire" : "ces zones"}${sheet.years?.[0] > ref ? ` (l'indicateur commence en ${sheet.years[0]})` : ""}. Aucune division par une valeur inconnue ou nulle n'est faite.</p>
      ${source}
    </figure>`;
  }
  const points = computable.flatMap((s) => s.points.filter((p) => p.indice !== null));
  const at = (s) => s.points.find((p) => p.annee === annee);
  const alt = `${title} de « ${sheet.title} », de ${years[0]} à ${years[years.length - 1]}. En ${annee} : ${computable.map((s) => `${s.nom} ${at(s)?.indice === null || !at(s) ? "n.d." : fmt1(at(s).indice)}`).join(" ; ")}.${missing.length ? ` Indice non calculable (valeur ${ref} inconnue ou nulle) : ${missing.map((s) => s.nom).join(", ")}.` : ""}`;
  const names = computable.map((s) => s.nom);
  const plot = chartImage(Plot.plot({
    ariaLabel: alt,
    width,
    height: 300,
    marginLeft: 48,
    marginRight: 16,
    locale: "fr-FR",
    x: yearAxis(years, width),
    y: {label: `indice (${ref} = 100)`, grid: true, tickFormat: (d) => formatNumber(d)},
    color: {legend: true, domain: names, range: computable.map((s) => (s.niveau === "territoire" ? "currentColor" : EPCI_COLORS[territoire.epcis.findIndex((e) => e.siren === s.code)]))},
    marks: [
      Plot.ruleY([100], {stroke: "currentColor", strokeOpacity: 0.6}),
      Plot.ruleX([annee], {stroke: "currentColor", strokeDasharray: "2 3", strokeOpacity: 0.7}),
      Plot.line(points, {x: "annee", y: "indice", stroke: "nom", z: "nom", strokeWidth: (p) => (p.nom === "Territoire" ? 2.5 : 2), strokeDasharray: (p) => (p.nom === "Territoire" ? "5 3" : null)}),
      Plot.dot(points, {x: "annee", y: "indice", fill: "nom", r: 2.5, tip: true, title: (p) => `${p.nom}, ${p.annee} : indice ${fmt1(p.indice)}${OBSERVATION_LABELS[p.statut] ? ` (${OBSERVATION_LABELS[p.statut]})` : ""}`})
    ]
  }));
  const svg = plot.matches("svg") ? plot : plot.querySelector(":scope > svg");
  svg?.setAttribute("role", "img");
  return html`<figure class="ti-figure ti-comparer-figure" id="figure-indice">
    <h3>${title}</h3>
    ${plot}
    <figcaption>${alt}</figcaption>
    ${missing.length ? html`<p class="ti-note" role="note">Indice non calculable pour ${missing.map((s) => s.nom).join(", ")} : valeur ${ref} inconnue ou nulle (aucune division par une valeur inconnue ou nulle).</p>` : null}
    ${source}
    ${svg ? downloadBar({title: `${title} (${sheet.title})`, chart: svg}) : null}
    <details class="ti-data"><summary>Tableau des données</summary>
      <div class="ti-table-wrap" tabindex="0"><table class="ti-table">
        <caption class="ti-source">${title} (${sheet.title})</caption>
        <thead><tr><th scope="col">Année</th>${series.map((s) => html`<th scope="col" class="num">${s.nom}</th>`)}</tr></thead>
        <tbody>${years.map((y) => html`<tr><th scope="row">${y}</th>${series.map((s) => {
          const p = s.points.find((q) => q.annee === y);
          return html`<td class="num">${p.indice === null ? "n.d." : fmt1(p.indice)}</td>`;
        })}</tr>`)}</tbody>
      </table></div>${tableDownloads()}
    </details>
  </figure>`;
}

/** The ranking table: every number of the page for the chosen year, territory in the footer. */
export function rankingTable({comparison, sheet, territoire, annee}) {
  const ref = territoire.annee_reference;
  const count = isCount(sheet);
  const cellIndex = (r) => (r.indice === null ? html`<span class="ti-unknown" title=${r.indiceManque}>n.d.</span>` : fmt1(r.indice));
  const row = (r, head) => html`<tr>
    <td class="num">${head ? "" : r.rang ?? "—"}</td>
    <th scope="row">${r.nom}</th>
    <td class="num">${formatWithStatus(r.valeur, sheet.unit, r.statut)}</td>
    ${count ? html`<td class="num">${r.parMille === null ? "n.d." : fmt1(r.parMille)}</td>` : null}
    <td class="num">${cellIndex(r)}</td>
    <td class="num">${formatWithStatus(r.reference, sheet.unit, r.statutReference)}</td>
    <td class="num">${formatNumber(r.population)}</td>
  </tr>`;
  return html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table" id="table-classement">
    <caption class="ti-source">${sheet.title} (${sheet.unit}), ${annee} : EPCI classés de la valeur la plus élevée à la plus faible</caption>
    <thead><tr>
      <th scope="col" class="num">Rang</th><th scope="col">EPCI</th>
      <th scope="col" class="num">Valeur ${annee}</th>
      ${count ? html`<th scope="col" class="num">Pour 1 000 hab.</th>` : null}
      <th scope="col" class="num">Indice (${ref} = 100)</th><th scope="col" class="num">Valeur ${ref}</th><th scope="col" class="num">Population</th>
    </tr></thead>
    <tbody>${comparison.epcis.map((r) => row(r, false))}</tbody>
    <tfoot>${row(comparison.territoire, true)}</tfoot>
  </table></div>${tableDownloads()}`;
}

/** The communes of an EPCI, ranked, unknown values spelt out. */
export function communeTable({list, sheet, annee, epciNom}) {
  const count = isCount(sheet);
  const unknown = list.filter((c) => c.valeur === null).length;
  return html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table" id="table-communes">
    <caption class="ti-source">${sheet.title} (${sheet.unit}), ${annee} : les ${list.length} communes de ${epciNom}${unknown ? `, dont ${unknown} sans valeur connue` : ""}</caption>
    <thead><tr><th scope="col" class="num">Rang</th><th scope="col">Commune</th><th scope="col" class="num">Valeur ${annee}</th>${count ? html`<th scope="col" class="num">Pour 1 000 hab.</th>` : null}<th scope="col" class="num">Population</th><th scope="col">Code</th></tr></thead>
    <tbody>${list.map((c) => html`<tr>
      <td class="num">${c.rang ?? "—"}</td><th scope="row">${c.nom}</th>
      <td class="num">${formatWithStatus(c.valeur, sheet.unit, c.statut)}</td>
      ${count ? html`<td class="num">${c.parMille === null ? "n.d." : fmt1(c.parMille)}</td>` : null}
      <td class="num">${formatNumber(c.population)}</td><td>${c.code}</td>
    </tr>`)}</tbody>
  </table></div>${tableDownloads()}`;
}

/**
 * A placeholder replaced, once inserted, by the CSV / XLSX buttons of the table just before it (the table's
 * caption is its title): keeps the templates above readable.
 */
function tableDownloads() {
  const slot = html`<span class="ti-downloads-slot"></span>`;
  queueMicrotask(() => {
    const table = slot.previousElementSibling?.querySelector("table");
    if (table) slot.replaceWith(downloadBar({title: table.caption?.textContent ?? "tableau", table}));
  });
  return slot;
}

/** The value axis of the bars: from 0 to a rounded maximum with room for the labels, exact ticks only. */
function barAxis(max, width) {
  const axis = valueAxis([max * 1.22 || 1], max < 10 ? 1 : 0, (d) => formatNumber(d, max < 10 ? 1 : 0), Math.max(2, Math.floor(width / 110)));
  return axis;
}

export {formatIndicator, formatWithStatus, sheetSourceLine};

/** Marks an input of this page for its stylesheet (form.ti-choix in comparer.css). */
export function choice(input) {
  input.classList.add("ti-choix");
  return input;
}
