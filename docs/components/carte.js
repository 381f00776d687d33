// "Carte": the communes of the territory coloured by an indicator, EPCI boundaries on top, a legend with
// distinct hatchings for unknown and secret values, tooltips, and the same values as a table.
// Colours come from CSS classes (carte.css), so that the palette follows the light or dark theme.
import * as d3 from "d3";
import {html, svg} from "htl";
import {feature, mesh} from "topojson-client";
import {digitsFor, formatIndicator, OBSERVATION_LABELS} from "./indicators.js";
import {formatNumber} from "./format.js";
import {downloadBar} from "./figure.js";

const PALETTE_SIZE = 5;

/** Values and statuses of every commune of the territory for an indicator and a year. */
export function communeValues(communesFile, territoire, indicateur, annee) {
  const cell = communesFile.series[indicateur]?.[String(annee)];
  const position = new Map(communesFile.communes.map((c, i) => [c, i]));
  const epciNom = new Map(territoire.epcis.map((e) => [e.siren, e.nom]));
  return territoire.communes.map((c) => {
    const i = position.get(c.code);
    const valeur = cell && i !== undefined ? cell.v[i] : null;
    const statut = cell && i !== undefined && cell.s ? cell.s[i] : valeur === null ? "manquant" : "ok";
    return {code: c.code, nom: c.nom, epci: c.epci, epciNom: epciNom.get(c.epci) ?? c.epci, population: c.population, valeur, statut};
  });
}

/**
 * Quantile classes (at most 5) of the known values: every class holds about as many communes, so that the
 * extreme ratios of a few tiny communes do not flatten the scale. When the minimum (often 0) covers a fifth
 * of the communes or more, it gets a class of its own and the other values share the remaining classes
 * (otherwise the quantiles would collapse onto it). `classOf` returns null for an unknown value.
 */
export function quantileClasses(values) {
  const known = values.filter((v) => v !== null && v !== undefined && Number.isFinite(v)).sort((a, b) => a - b);
  if (known.length === 0) return {classes: [], classOf: () => null};
  const min = known[0];
  const max = known[known.length - 1];
  const above = known.filter((v) => v > min);
  const minOwnClass = above.length > 0 && known.length - above.length >= known.length / PALETTE_SIZE;
  const candidates = minOwnClass
    ? [above[0], ...d3.range(1, PALETTE_SIZE - 1).map((i) => d3.quantileSorted(above, i / (PALETTE_SIZE - 1)))]
    : d3.range(1, PALETTE_SIZE).map((i) => d3.quantileSorted(known, i / PALETTE_SIZE));
  const thresholds = [...new Set(candidates)].filter((t) => t > min && t <= max).sort((a, b) => a - b);
  const k = thresholds.length + 1;
  const palette = k === 1 ? [2] : d3.range(k).map((i) => Math.round((i * (PALETTE_SIZE - 1)) / (k - 1)));
  const classOf = (v) => (v === null || v === undefined ? null : d3.bisectRight(thresholds, v));
  const classes = d3.range(k).map((i) => ({
    index: i,
    colour: palette[i],
    lower: i === 0 ? min : thresholds[i - 1],
    upper: i === k - 1 ? max : thresholds[i],
    last: i === k - 1,
    // The minimum alone: labelled as a single value.
    exact: i === 0 && minOwnClass && thresholds[0] === above[0],
    count: known.filter((v) => classOf(v) === i).length
  }));
  return {classes, classOf};
}

/**
 * Ratios whose thresholds mean something get classes cut at those thresholds rather than at quantiles:
 * the ZAN trajectory (share of the 2021-2030 envelope consumed) at 30 % and 100 % (envelope used up).
 */
export const THRESHOLDS = {
  trajectoire_zan_pct: {
    values: [30, 100],
    note: "Classes aux seuils de la trajectoire ZAN : moins de 30 % de l'enveloppe 2021-2030 consommée, de 30 % à 100 %, enveloppe dépassée (100 % ou plus)."
  }
};

/** Classes cut at fixed thresholds: below the first, between each pair, from the last one up. */
export function thresholdClasses(values, thresholds) {
  const known = values.filter((v) => v !== null && v !== undefined && Number.isFinite(v));
  const k = thresholds.length + 1;
  const classOf = (v) => (v === null || v === undefined || !Number.isFinite(v) ? null : d3.bisectRight(thresholds, v));
  const palette = d3.range(k).map((i) => Math.round((i * (PALETTE_SIZE - 1)) / (k - 1)));
  const classes = d3.range(k).map((i) => ({
    index: i,
    colour: palette[i],
    lower: i === 0 ? null : thresholds[i - 1],
    upper: i === k - 1 ? null : thresholds[i],
    last: i === k - 1,
    threshold: true,
    count: known.filter((v) => classOf(v) === i).length
  }));
  return {classes, classOf};
}

/** A count or a surface adds up over communes (aggregation "somme"): drawn as circles, not as coloured areas. */
export function isAdditive(sheet) {
  return sheet.aggregation?.kind === "somme";
}

/**
 * How an indicator is drawn: additive quantities as circles proportional to the value (colouring areas by a
 * count mostly shows the communes' size, and puts most communes in a class "0"); ratios with meaningful
 * thresholds in classes at those thresholds; other ratios in quantile classes.
 */
export function mapScheme(sheet, data) {
  const values = data.map((d) => (d.statut === "secret" ? null : d.valeur));
  if (isAdditive(sheet)) {
    const max = Math.max(0, ...values.filter((v) => v !== null && Number.isFinite(v)));
    return {kind: "cercles", max, classes: [], classOf: () => null};
  }
  const t = THRESHOLDS[sheet.id];
  if (t) return {kind: "seuils", note: t.note, ...thresholdClasses(values, t.values)};
  return {kind: "quantiles", ...quantileClasses(values)};
}

function classLabel(c, unite) {
  if (c.threshold) {
    // A round threshold is written without decimals: "30 %", not "30,0 %".
    const f = (v) => (Number.isInteger(v) ? `${formatNumber(v)}${/%/.test(unite) ? "\u202f%" : ""}` : formatIndicator(v, unite));
    if (c.lower === null) return `moins de ${f(c.upper)}`;
    if (c.upper === null) return `${f(c.lower)} ou plus`;
    return `de ${f(c.lower)} à moins de ${f(c.upper)}`;
  }
  const f = (v) => formatIndicator(v, unite);
  if (c.exact || c.lower === c.upper) return `${f(c.lower)}`;
  return c.last ? `de ${f(c.lower)} à ${f(c.upper)}` : `de ${f(c.lower)} à moins de ${f(c.upper)}`;
}

/** "n.d.", "secret" or the value with its status in words. */
export function valueText(d, unite) {
  if (d.statut === "secret") return "secret (secret statistique)";
  if (d.valeur === null) return "n.d. (valeur non disponible)";
  const label = OBSERVATION_LABELS[d.statut];
  return `${formatIndicator(d.valeur, unite)}${label ? ` (${label})` : ""}`;
}

/** Fill class of a commune: a palette step, or the hatching of unknown / secret values. */
function fillClass(d, classOf, classes) {
  if (d.statut === "secret") return "ti-carte-secret";
  const c = classOf(d.valeur);
  return c === null ? "ti-carte-nd" : `ti-carte-c${classes[c].colour}`;
}

const PATTERNS = svg`<defs>
  <pattern id="ti-hachure-nd" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
    <rect width="6" height="6" class="ti-carte-nd-fond"></rect><line x1="0" y1="0" x2="0" y2="6" class="ti-carte-nd-trait"></line>
  </pattern>
  <pattern id="ti-hachure-secret" patternUnits="userSpaceOnUse" width="6" height="6">
    <rect width="6" height="6" class="ti-carte-secret-fond"></rect><circle cx="3" cy="3" r="1.4" class="ti-carte-secret-point"></circle>
  </pattern>
</defs>`;

function swatch(cls) {
  return svg`<svg width="22" height="14" aria-hidden="true" class="ti-carte-swatch"><rect x="0.5" y="0.5" width="21" height="13" class=${cls}></rect></svg>`;
}

/** The legend: one entry per class, then unknown and secret with their hatchings and counts. */
export function legend({classes, data, sheet, map = true, scheme = {kind: "quantiles"}, radius}) {
  const nd = data.filter((d) => d.valeur === null && d.statut !== "secret").length;
  const secret = data.filter((d) => d.statut === "secret").length;
  if (scheme.kind === "cercles") return circlesLegend({data, sheet, map, scheme, radius, nd, secret});
  // The hatchings are defined here (the legend is shown with or without the map) and used by both.
  return html`<div class="ti-carte-legende" id="legende-carte">
    <svg width="0" height="0" aria-hidden="true" class="ti-carte-defs">${PATTERNS.cloneNode(true)}</svg>
    <p class="ti-carte-legende-titre">${sheet.title} (${sheet.unit})</p>
    ${scheme.kind === "seuils" ? html`<p class="ti-muted ti-carte-legende-echelle">Classes aux seuils de l'indicateur</p>` : classes.length > 1 ? html`<p class="ti-muted ti-carte-legende-echelle">Classes par quantiles (effectifs à peu près égaux)</p>` : null}
    <ul>
      ${classes.map((c) => html`<li>${swatch(`ti-carte-c${c.colour}`)}<span>${classLabel(c, sheet.unit)} <span class="ti-muted">(${c.count} commune${c.count > 1 ? "s" : ""})</span></span></li>`)}
      <li>${swatch("ti-carte-nd")}<span>n.d. : valeur non disponible <span class="ti-muted">(${nd})</span></span></li>
      <li>${swatch("ti-carte-secret")}<span>secret statistique <span class="ti-muted">(${secret})</span></span></li>
      ${map ? html`<li><svg width="22" height="14" aria-hidden="true"><line x1="1" y1="7" x2="21" y2="7" class="ti-carte-epci"></line></svg><span>limite d'EPCI</span></li>` : null}
    </ul>
  </div>`;
}

/** The legend of proportional circles: three reference circles, then unknown and secret values. */
function circlesLegend({data, sheet, map, scheme, radius, nd, secret}) {
  const r = radius ?? circleRadius(scheme.max, 800);
  const refs = scheme.max > 0 ? [...new Set([scheme.max, scheme.max / 4, scheme.max / 20].map((v) => niceValue(v, sheet.unit)))].filter((v) => v > 0) : [];
  const big = refs.length ? r(refs[0]) : 0;
  const zero = data.filter((d) => d.valeur === 0 && d.statut !== "secret").length;
  return html`<div class="ti-carte-legende" id="legende-carte">
    <svg width="0" height="0" aria-hidden="true" class="ti-carte-defs">${PATTERNS.cloneNode(true)}</svg>
    <p class="ti-carte-legende-titre">${sheet.title} (${sheet.unit})</p>
    <p class="ti-muted ti-carte-legende-echelle">Cercles de surface proportionnelle à la valeur</p>
    ${refs.length ? circlesKey(refs, r, big, sheet.unit) : null}
    <ul>
      <li>${swatch("ti-carte-fond")}<span>valeur nulle : pas de cercle <span class="ti-muted">(${zero})</span></span></li>
      <li>${swatch("ti-carte-nd")}<span>n.d. : valeur non disponible <span class="ti-muted">(${nd})</span></span></li>
      <li>${swatch("ti-carte-secret")}<span>secret statistique <span class="ti-muted">(${secret})</span></span></li>
      ${map ? html`<li><svg width="22" height="14" aria-hidden="true"><line x1="1" y1="7" x2="21" y2="7" class="ti-carte-epci"></line></svg><span>limite d'EPCI</span></li>` : null}
    </ul>
  </div>`;
}

/** Reference circles side by side, each with its value under it. */
function circlesKey(refs, r, big, unit) {
  const gap = 14;
  const slot = (v) => Math.max(2 * r(v), 44);
  let x = 0;
  const items = refs.map((v) => {
    const w = slot(v);
    const item = {v, cx: x + w / 2};
    x += w + gap;
    return item;
  });
  const height = 2 * big + 22;
  return svg`<svg width=${x} height=${height} aria-hidden="true" class="ti-carte-cercles-legende">${items.map(({v, cx}) => svg`
    <circle cx=${cx} cy=${2 * big + 2 - r(v)} r=${r(v)} class="ti-carte-cercle"></circle>
    <text x=${cx} y=${2 * big + 18} text-anchor="middle" class="ti-carte-legende-valeur">${formatIndicator(v, unit)}</text>`)}</svg>`;
}

/** A round value for a legend circle: 1, 2 or 5 times a power of ten (one decimal at most for hectares). */
function niceValue(v, unit) {
  if (v <= 0) return 0;
  const p = 10 ** Math.floor(Math.log10(v));
  const m = v / p;
  const n = (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
  return digitsFor(unit) === 0 ? Math.max(1, Math.round(n)) : Math.round(n * 10) / 10;
}

/** Radius of a circle: area proportional to the value, the largest commune 3 % of the map's width. */
export function circleRadius(max, width) {
  return d3.scaleSqrt().domain([0, max || 1]).range([0, Math.max(10, Math.min(28, width * 0.03))]);
}

/** How the classes were made: quantiles, not proportional steps. */
export function scaleNote(classes, scheme = {kind: "quantiles"}) {
  if (scheme.kind === "cercles") {
    return html`<p class="ti-muted ti-carte-note">Indicateur additif (un effectif ou une surface) : chaque commune porte un cercle dont la surface est proportionnelle à sa valeur, plutôt qu'une couleur, qui montrerait surtout la taille des communes. Les communes de valeur nulle n'ont pas de cercle ; les valeurs inconnues et secrètes sont hachurées. La colonne « pour 1 000 habitants » du tableau permet de comparer des communes de tailles différentes.</p>`;
  }
  if (scheme.kind === "seuils") return html`<p class="ti-muted ti-carte-note">${scheme.note}</p>`;
  return html`<p class="ti-muted ti-carte-note">${classes.length > 1
    ? "Classes par quantiles : chaque classe regroupe à peu près le même nombre de communes (la valeur minimale, souvent 0, a sa propre classe quand elle est fréquente), pour que les valeurs extrêmes de quelques petites communes n'écrasent pas l'échelle ; les écarts entre classes ne sont donc pas proportionnels."
    : classes.length === 1 ? "Toutes les valeurs connues sont égales : une seule classe." : "Aucune valeur connue pour cette année."} Échelle séquentielle, du plus clair au plus foncé en thème clair (du plus sombre au plus lumineux en thème sombre) : l'indicateur n'a pas de valeur médiane de référence qui justifierait une échelle divergente.</p>`;
}

/** The largest communes by population, labelled on the map (at most `count`). */
export function labelledCommunes(data, count) {
  return [...data].filter((d) => d.population).sort((a, b) => b.population - a.population).slice(0, count);
}

/**
 * The map: communes filled by class (or, for additive indicators, a neutral fill under circles proportional
 * to the value), commune borders, EPCI boundaries from topojson-client `mesh` (shared arcs between communes of
 * different EPCIs, plus the territory's outline, each over a halo of the background colour so that it stays
 * visible on every fill), the names of the largest communes, a tooltip on hover and `select(code)` for the
 * keyboard (the search field and the table's buttons).
 */
export function choropleth({contours, data, sheet, annee, classes, classOf, width, maxHeight = 760, scheme = {kind: "quantiles"}, labels = 10}) {
  const topo = contours.topology;
  const object = topo.objects.communes;
  const communes = feature(topo, object);
  const byCode = new Map(data.map((d) => [d.code, d]));
  const epciOf = (g) => byCode.get(String(g.id))?.epci ?? g.properties?.epci;
  const epciBorders = mesh(topo, object, (a, b) => a !== b && epciOf(a) !== epciOf(b));
  const outline = mesh(topo, object, (a, b) => a === b);
  // Lambert-93-like conic conformal projection, fitted to the territory.
  const projection = d3.geoConicConformal().parallels([44, 49]).rotate([-3, 0]).fitWidth(width - 2, communes);
  const path = d3.geoPath(projection);
  const [[, y0], [, y1]] = path.bounds(communes);
  // A tall territory is narrowed rather than made taller than the screen.
  let height = Math.ceil(y1 - y0 + 2);
  if (height > maxHeight) {
    width = Math.max(200, Math.floor((width * maxHeight) / height));
    height = maxHeight;
  }
  projection.fitExtent([[1, 1], [width - 1, height - 1]], communes);
  const featureOf = new Map(communes.features.map((f) => [String(f.id), f]));
  const centroid = (code) => (featureOf.has(code) ? path.centroid(featureOf.get(code)) : null);
  const circles = scheme.kind === "cercles";
  const radius = circleRadius(scheme.max, width);
  const named = labelledCommunes(data.filter((d) => featureOf.has(d.code)), width < 500 ? Math.min(5, labels) : labels);
  const alt = circles
    ? `Carte des ${communes.features.length} communes du territoire avec un cercle proportionnel à « ${sheet.title} » en ${annee}, les limites des EPCI et le nom des ${named.length} communes les plus peuplées. Les valeurs de chaque commune figurent dans le tableau qui suit la carte.`
    : `Carte des ${communes.features.length} communes du territoire coloriées selon « ${sheet.title} » en ${annee}, avec les limites des EPCI et le nom des ${named.length} communes les plus peuplées. Les valeurs de chaque commune figurent dans le tableau qui suit la carte.`;
  const tooltip = html`<div class="ti-carte-tooltip" role="status" aria-live="polite" hidden></div>`;
  const fill = (d) => (circles ? (d.statut === "secret" ? "ti-carte-secret" : d.valeur === null ? "ti-carte-nd" : "ti-carte-fond") : fillClass(d, classOf, classes));
  const withCircle = circles
    ? data.filter((d) => d.statut !== "secret" && d.valeur !== null && d.valeur > 0 && featureOf.has(d.code)).sort((a, b) => b.valeur - a.valeur)
    : [];
  const map = svg`<svg width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="img" aria-label=${alt} id="carte-svg" class="ti-carte-svg">
    <g class="ti-carte-communes">${communes.features.map((f) => {
      const d = byCode.get(String(f.id)) ?? {code: String(f.id), nom: f.properties?.nom ?? String(f.id), valeur: null, statut: "manquant", epciNom: ""};
      return svg`<path d=${path(f)} class=${`ti-carte-commune ${fill(d)}`} data-code=${d.code}></path>`;
    })}</g>
    <path d=${path(epciBorders)} class="ti-carte-epci-halo"></path>
    <path d=${path(outline)} class="ti-carte-epci-halo"></path>
    <path d=${path(epciBorders)} class="ti-carte-epci"></path>
    <path d=${path(outline)} class="ti-carte-epci ti-carte-contour"></path>
    ${circles ? svg`<g class="ti-carte-cercles">${withCircle.map((d) => {
      const [x, y] = centroid(d.code);
      return svg`<circle cx=${x} cy=${y} r=${radius(d.valeur)} class="ti-carte-cercle" data-code=${d.code}></circle>`;
    })}</g>` : null}
    <g class="ti-carte-etiquettes" aria-hidden="true">${named.map((d) => {
      const [x, y] = centroid(d.code);
      const dy = circles && d.valeur > 0 && d.statut !== "secret" ? -radius(d.valeur) - 3 : -4;
      return svg`<text x=${x} y=${y + dy} class="ti-carte-etiquette" data-code=${d.code}>${d.nom}</text>`;
    })}</g>
  </svg>`;
  const highlight = (code, cls) => {
    map.querySelectorAll(`.${cls}`).forEach((p) => p.classList.remove(cls));
    if (code) map.querySelector(`path.ti-carte-commune[data-code="${code}"]`)?.classList.add(cls);
  };
  const describe = (d) => html`<strong>${d.nom}</strong> <span class="ti-muted">(${d.code}, ${d.epciNom})</span><br>${sheet.title}, ${annee} : ${valueText(d, sheet.unit)}`;
  const place = (x, y) => {
    const box = wrapper.getBoundingClientRect();
    tooltip.style.left = `${Math.max(0, Math.min(x + 12, box.width - tooltip.offsetWidth))}px`;
    tooltip.style.top = `${y + 16}px`;
  };
  const show = (event) => {
    const target = event.target.closest?.("[data-code]");
    if (!target) return hide();
    const d = byCode.get(target.dataset.code);
    if (!d) return hide();
    tooltip.replaceChildren(describe(d));
    tooltip.hidden = false;
    const box = wrapper.getBoundingClientRect();
    place(event.clientX - box.left, event.clientY - box.top);
    highlight(d.code, "ti-carte-survol");
  };
  const hide = () => {
    tooltip.hidden = true;
    highlight(null, "ti-carte-survol");
  };
  map.addEventListener("pointermove", show);
  map.addEventListener("pointerleave", hide);
  const wrapper = html`<div class="ti-carte-wrap">${map}${tooltip}</div>`;
  /** Marks a commune and writes its value next to it (announced to screen readers); null clears. */
  const select = (code) => {
    const d = code ? byCode.get(code) : null;
    highlight(d?.code ?? null, "ti-carte-selection");
    if (!d) return hide();
    tooltip.replaceChildren(describe(d));
    tooltip.hidden = false;
    const c = centroid(d.code);
    if (c) {
      const scale = map.getBoundingClientRect().width / width || 1;
      place(c[0] * scale, c[1] * scale);
    }
  };
  return {node: wrapper, alt, select, radius};
}

/** A search field over the map: choosing a commune (by name or code) marks it and reads its value. */
export function communeFinder(data, select) {
  const sorted = [...data].sort((a, b) => a.nom.localeCompare(b.nom, "fr"));
  const form = html`<form class="ti-carte-recherche" role="search" onsubmit=${(e) => e.preventDefault()}>
    <label for="carte-commune">Trouver une commune sur la carte</label>
    <input id="carte-commune" type="search" list="carte-communes" autocomplete="off" placeholder="Nom ou code INSEE">
    <datalist id="carte-communes">${sorted.map((d) => html`<option value=${d.nom}>${d.code} — ${d.epciNom}</option>`)}</datalist>
  </form>`;
  const input = form.querySelector("input");
  const find = () => {
    const q = input.value.trim().toLowerCase();
    const d = data.find((x) => x.code.toLowerCase() === q) ?? data.find((x) => x.nom.toLowerCase() === q);
    select(d?.code ?? null);
  };
  input.addEventListener("input", find);
  input.addEventListener("change", find);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      input.value = "";
      select(null);
    }
  });
  return form;
}

const COLLATOR = new Intl.Collator("fr", {numeric: true});

/**
 * Every commune's value as a table that sorts (buttons in the column headers) and filters (name or code, EPCI),
 * all rows on the page rather than in an inner scroll. The commune's name selects it on the map.
 */
export function valuesTable({data, sheet, annee, classes, classOf, scheme = {kind: "quantiles"}, select}) {
  const circles = scheme.kind === "cercles";
  const third = circles ? "Pour 1 000 habitants" : "Classe de la carte";
  const perThousand = (d) => (d.statut === "secret" || d.valeur === null || !d.population ? null : (1000 * d.valeur) / d.population);
  const columns = [
    {label: "Commune", key: (d) => d.nom, text: true},
    {label: "Valeur", key: (d) => (d.statut === "secret" ? null : d.valeur), num: true},
    {label: third, key: (d) => (circles ? perThousand(d) : d.statut === "secret" ? null : d.valeur), num: circles},
    {label: "EPCI", key: (d) => d.epciNom, text: true},
    {label: "Code", key: (d) => d.code, text: true}
  ];
  const state = {column: 3, ascending: true, text: "", epci: ""};
  const tbody = html`<tbody></tbody>`;
  const count = html`<p class="ti-muted" role="status" aria-live="polite" id="table-carte-compte"></p>`;
  const headers = columns.map((c, i) => {
    const button = html`<button type="button" class="ti-tri">${c.label}</button>`;
    button.addEventListener("click", () => {
      state.ascending = state.column === i ? !state.ascending : !c.num;
      state.column = i;
      render();
    });
    return html`<th scope="col" class=${c.num ? "num" : ""}>${button}</th>`;
  });
  const row = (d) => {
    const c = d.statut === "secret" ? null : classOf(d.valeur);
    const name = html`<button type="button" class="ti-lien-bouton" aria-label=${`${d.nom} : voir sur la carte`}>${d.nom}</button>`;
    name.addEventListener("click", () => {
      select?.(d.code);
      document.getElementById("carte-svg")?.scrollIntoView({block: "center"});
    });
    const pm = perThousand(d);
    return html`<tr data-code=${d.code}>
      <th scope="row">${select ? name : d.nom}</th>
      <td class="num" data-value=${d.valeur ?? ""} data-statut=${d.statut}>${valueText(d, sheet.unit).replace(/ \((secret statistique|valeur non disponible)\)$/, "")}</td>
      ${circles
        ? html`<td class="num" data-value=${pm ?? ""} data-statut=${d.statut === "secret" ? "secret" : pm === null ? "manquant" : "ok"}>${d.statut === "secret" ? "secret" : pm === null ? "n.d." : formatNumber(pm, 1)}</td>`
        : html`<td>${c === null ? (d.statut === "secret" ? "secret" : "n.d.") : classLabel(classes[c], sheet.unit)}</td>`}
      <td>${d.epciNom}</td><td>${d.code}</td>
    </tr>`;
  };
  const norm = (t) => t.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const render = () => {
    const q = norm(state.text.trim());
    const c = columns[state.column];
    const shown = data
      .filter((d) => (!state.epci || d.epci === state.epci) && (!q || norm(d.nom).includes(q) || d.code.includes(q)))
      .sort((a, b) => {
        const x = c.key(a);
        const y = c.key(b);
        // Unknown values last whatever the direction.
        if (x === null || y === null) return (x === null) - (y === null);
        const r = c.text ? COLLATOR.compare(x, y) : x - y;
        return (state.ascending ? r : -r) || COLLATOR.compare(a.nom, b.nom);
      });
    tbody.replaceChildren(...shown.map(row));
    headers.forEach((h, i) => (i === state.column ? h.setAttribute("aria-sort", state.ascending ? "ascending" : "descending") : h.removeAttribute("aria-sort")));
    count.textContent = shown.length === data.length ? `${data.length} communes.` : `${shown.length} communes sur ${data.length}.`;
  };
  const epcis = [...new Map(data.map((d) => [d.epci, d.epciNom])).entries()].sort((a, b) => a[1].localeCompare(b[1], "fr"));
  const filter = html`<input type="search" id="filtre-communes" placeholder="Nom ou code" autocomplete="off">`;
  filter.addEventListener("input", () => ((state.text = filter.value), render()));
  const epciSelect = html`<select id="filtre-epci"><option value="">Tous les EPCI</option>${epcis.map(([code, nom]) => html`<option value=${code}>${nom}</option>`)}</select>`;
  epciSelect.addEventListener("change", () => ((state.epci = epciSelect.value), render()));
  render();
  const wrap = html`<div class="ti-table-wrap ti-carte-table">
    <table class="ti-table" id="table-carte">
      <caption class="ti-source">${sheet.title} (${sheet.unit}), ${annee} : les ${data.length} communes du territoire. Les boutons des en-têtes trient le tableau ; le nom d'une commune la montre sur la carte.</caption>
      <thead><tr>${headers}</tr></thead>
      ${tbody}
    </table>
  </div>`;
  return html`<div class="ti-carte-valeurs">
    <div class="ti-carte-filtres">
      <label for="filtre-communes">Filtrer les communes</label> ${filter}
      <label for="filtre-epci">EPCI</label> ${epciSelect}
    </div>
    ${count}
    ${wrap}
    ${downloadBar({title: `${sheet.title}, ${annee}, par commune`, table: wrap.querySelector("table")})}
  </div>`;
}

/** Marks an input of this page for its stylesheet (form.ti-choix in comparer.css). */
export function choice(input) {
  input.classList.add("ti-choix");
  return input;
}
