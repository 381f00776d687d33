// "Carte": the communes of the territory coloured by an indicator, EPCI boundaries on top, a legend with
// distinct hatchings for unknown and secret values, tooltips, and the same values as a table.
// Colours come from CSS classes (carte.css), so that the palette follows the light or dark theme.
import * as d3 from "d3";
import {html, svg} from "htl";
import {feature, mesh} from "topojson-client";
import {formatIndicator, OBSERVATION_LABELS} from "./indicators.js";

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

function classLabel(c, unite) {
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
export function legend({classes, data, sheet, map = true}) {
  const nd = data.filter((d) => d.valeur === null && d.statut !== "secret").length;
  const secret = data.filter((d) => d.statut === "secret").length;
  // The hatchings are defined here (the legend is shown with or without the map) and used by both.
  return html`<div class="ti-carte-legende" id="legende-carte">
    <svg width="0" height="0" aria-hidden="true" class="ti-carte-defs">${PATTERNS.cloneNode(true)}</svg>
    <p class="ti-carte-legende-titre">${sheet.title} (${sheet.unit})</p>
    ${classes.length > 1 ? html`<p class="ti-muted ti-carte-legende-echelle">Classes par quantiles (effectifs à peu près égaux)</p>` : null}
    <ul>
      ${classes.map((c) => html`<li>${swatch(`ti-carte-c${c.colour}`)}<span>${classLabel(c, sheet.unit)} <span class="ti-muted">(${c.count} commune${c.count > 1 ? "s" : ""})</span></span></li>`)}
      <li>${swatch("ti-carte-nd")}<span>n.d. : valeur non disponible <span class="ti-muted">(${nd})</span></span></li>
      <li>${swatch("ti-carte-secret")}<span>secret statistique <span class="ti-muted">(${secret})</span></span></li>
      ${map ? html`<li><svg width="22" height="14" aria-hidden="true"><line x1="1" y1="7" x2="21" y2="7" class="ti-carte-epci"></line></svg><span>limite d'EPCI</span></li>` : null}
    </ul>
  </div>`;
}

/** How the classes were made: quantiles, not proportional steps. */
export function scaleNote(classes) {
  return html`<p class="ti-muted ti-carte-note">${classes.length > 1
    ? "Classes par quantiles : chaque classe regroupe à peu près le même nombre de communes (la valeur minimale, souvent 0, a sa propre classe quand elle est fréquente), pour que les valeurs extrêmes de quelques petites communes n'écrasent pas l'échelle ; les écarts entre classes ne sont donc pas proportionnels."
    : classes.length === 1 ? "Toutes les valeurs connues sont égales : une seule classe." : "Aucune valeur connue pour cette année."} Échelle séquentielle, du plus clair au plus foncé en thème clair (du plus sombre au plus lumineux en thème sombre) : l'indicateur n'a pas de valeur médiane de référence qui justifierait une échelle divergente.</p>`;
}

/**
 * The map: communes filled by class, commune borders, EPCI boundaries from topojson-client `mesh`
 * (shared arcs between communes of different EPCIs, plus the territory's outline, each over a halo of the
 * background colour so that it stays visible on every fill), tooltip on hover.
 */
export function choropleth({contours, data, sheet, annee, classes, classOf, width, maxHeight = 600}) {
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
  const alt = `Carte des ${communes.features.length} communes du territoire coloriées selon « ${sheet.title} » en ${annee}, avec les limites des EPCI. Les valeurs de chaque commune figurent dans le tableau qui suit la carte.`;
  const tooltip = html`<div class="ti-carte-tooltip" role="status" aria-live="polite" hidden></div>`;
  const map = svg`<svg width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="img" aria-label=${alt} id="carte-svg" class="ti-carte-svg">
    <g class="ti-carte-communes">${communes.features.map((f) => {
      const d = byCode.get(String(f.id)) ?? {code: String(f.id), nom: f.properties?.nom ?? String(f.id), valeur: null, statut: "manquant", epciNom: ""};
      return svg`<path d=${path(f)} class=${`ti-carte-commune ${fillClass(d, classOf, classes)}`} data-code=${d.code}></path>`;
    })}</g>
    <path d=${path(epciBorders)} class="ti-carte-epci-halo"></path>
    <path d=${path(outline)} class="ti-carte-epci-halo"></path>
    <path d=${path(epciBorders)} class="ti-carte-epci"></path>
    <path d=${path(outline)} class="ti-carte-epci ti-carte-contour"></path>
  </svg>`;
  const show = (event) => {
    const target = event.target.closest?.("path.ti-carte-commune");
    if (!target) return hide();
    const d = byCode.get(target.dataset.code);
    if (!d) return hide();
    tooltip.replaceChildren(html`<strong>${d.nom}</strong> <span class="ti-muted">(${d.code}, ${d.epciNom})</span><br>${sheet.title}, ${annee} : ${valueText(d, sheet.unit)}`);
    tooltip.hidden = false;
    const box = wrapper.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    tooltip.style.left = `${Math.max(0, Math.min(x + 12, box.width - tooltip.offsetWidth))}px`;
    tooltip.style.top = `${y + 16}px`;
    map.querySelectorAll(".ti-carte-survol").forEach((p) => p.classList.remove("ti-carte-survol"));
    target.classList.add("ti-carte-survol");
  };
  const hide = () => {
    tooltip.hidden = true;
    map.querySelectorAll(".ti-carte-survol").forEach((p) => p.classList.remove("ti-carte-survol"));
  };
  map.addEventListener("pointermove", show);
  map.addEventListener("pointerleave", hide);
  const wrapper = html`<div class="ti-carte-wrap">${map}${tooltip}</div>`;
  return {node: wrapper, alt};
}

/** Every commune's value, by EPCI then name: the page's content without the map. */
export function valuesTable({data, sheet, annee, classes, classOf}) {
  const sorted = [...data].sort((a, b) => a.epciNom.localeCompare(b.epciNom, "fr") || a.nom.localeCompare(b.nom, "fr"));
  return html`<div class="ti-table-wrap ti-carte-table" tabindex="0" role="region" aria-label="Valeurs par commune">
    <table class="ti-table" id="table-carte">
      <caption class="ti-source">${sheet.title} (${sheet.unit}), ${annee} : les ${data.length} communes du territoire, par EPCI</caption>
      <thead><tr><th scope="col">Commune</th><th scope="col" class="num">Valeur</th><th scope="col">Classe de la carte</th><th scope="col">EPCI</th><th scope="col">Code</th></tr></thead>
      <tbody>${sorted.map((d) => {
        const c = d.statut === "secret" ? null : classOf(d.valeur);
        return html`<tr>
          <th scope="row">${d.nom}</th>
          <td class="num">${valueText(d, sheet.unit).replace(/ \((secret statistique|valeur non disponible)\)$/, "")}</td>
          <td>${c === null ? (d.statut === "secret" ? "secret" : "n.d.") : classLabel(classes[c], sheet.unit)}</td>
          <td>${d.epciNom}</td><td>${d.code}</td>
        </tr>`;
      })}</tbody>
    </table>
  </div>`;
}

/** Marks an input of this page for its stylesheet (form.ti-choix in comparer.css). */
export function choice(input) {
  input.classList.add("ti-choix");
  return input;
}
