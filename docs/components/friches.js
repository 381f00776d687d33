// Brownfields (Cartofriches, data/site/friches.json): the sites on a map of the territory's communes, one symbol
// and one colour per status (the shape carries the status as much as the colour), a legend with counts, a sortable
// list, and the source line. Colours come from CSS classes (friches.css) so that they follow the theme.
import * as d3 from "d3";
import {html, svg} from "htl";
import {feature, mesh} from "topojson-client";
import {formatDate, formatNumber, UNKNOWN} from "./format.js";

/** Per status of the CNIG standard: French label, CSS suffix and symbol. */
export const STATUS_STYLES = {
  "friche sans projet": {label: "Friche sans projet", css: "sans-projet", symbol: d3.symbolCircle},
  "friche avec projet": {label: "Friche avec projet", css: "avec-projet", symbol: d3.symbolTriangle},
  "friche potentielle": {label: "Friche potentielle", css: "potentielle", symbol: d3.symbolDiamond},
  "friche reconvertie": {label: "Friche reconvertie", css: "reconvertie", symbol: d3.symbolSquare}
};

const SYMBOL_SIZE = 90;

export function statusLabel(statut) {
  return STATUS_STYLES[statut]?.label ?? statut;
}

/** The symbol of a status, alone, for the legend and the tables. */
export function statusSwatch(statut) {
  const style = STATUS_STYLES[statut];
  if (!style) return "";
  return svg`<svg width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true" class="ti-friche-swatch"><path d=${d3.symbol(style.symbol, SYMBOL_SIZE * 0.8)()} class=${`ti-friche-point ti-friche-${style.css}`}></path></svg>`;
}

/** "2,35 ha"-style figure without the unit; unknown surfaces spelt out, never 0. */
export function surfaceText(ha) {
  return ha === null || ha === undefined ? UNKNOWN : formatNumber(ha, 2);
}

export function siteName(site) {
  return site.nom ?? "(sans nom)";
}

const hasPosition = (s) => s.longitude !== null && s.latitude !== null;

/** The source line of the brownfield figures: producer, dataset, vintage, licence, demonstration. */
export function frichesSourceLine(friches) {
  const s = friches.source;
  const demo = friches.demonstration ? " — données de démonstration fictives, au format de cette source" : "";
  return html`<p class="ti-source">Source : ${s.producteur}, ${s.jeu_de_donnees}, millésime ${friches.millesime ? formatDate(friches.millesime) : "inconnu"}, ${s.licence}${demo}.</p>`;
}

/** Legend: one entry per status, with its symbol and how many sites are on the map / in the list. */
export function frichesLegend(friches) {
  return html`<div class="ti-carte-legende" id="legende-friches">
    <p class="ti-carte-legende-titre">Friches recensées par statut</p>
    <ul>
      ${friches.statuts.map((statut) => {
        const all = friches.sites.filter((s) => s.statut === statut);
        const shown = all.filter(hasPosition).length;
        return html`<li>${statusSwatch(statut)}<span>${statusLabel(statut)} <span class="ti-muted">(${all.length} site${all.length > 1 ? "s" : ""}${shown < all.length ? `, dont ${all.length - shown} sans position` : ""})</span></span></li>`;
      })}
      <li><svg width="22" height="14" aria-hidden="true"><line x1="1" y1="7" x2="21" y2="7" class="ti-carte-epci"></line></svg><span>limite d'EPCI</span></li>
    </ul>
  </div>`;
}

/**
 * The map: the communes in a neutral fill, EPCI boundaries (shared arcs between communes of different EPCIs), and
 * one symbol per site with a position, coloured and shaped by status; a tooltip names the site under the pointer.
 */
export function frichesMap({contours, territoire, friches, width, maxHeight = 600}) {
  const topo = contours.topology;
  const object = topo.objects.communes;
  const communes = feature(topo, object);
  const epciOf = new Map(territoire.communes.map((c) => [c.code, c.epci]));
  const epci = (g) => epciOf.get(String(g.id)) ?? g.properties?.epci;
  const epciBorders = mesh(topo, object, (a, b) => a !== b && epci(a) !== epci(b));
  const outline = mesh(topo, object, (a, b) => a === b);
  const projection = d3.geoConicConformal().parallels([44, 49]).rotate([-3, 0]).fitWidth(width - 2, communes);
  const path = d3.geoPath(projection);
  const [[, y0], [, y1]] = path.bounds(communes);
  let height = Math.ceil(y1 - y0 + 2);
  if (height > maxHeight) {
    width = Math.max(200, Math.floor((width * maxHeight) / height));
    height = maxHeight;
  }
  projection.fitExtent([[1, 1], [width - 1, height - 1]], communes);
  const placed = friches.sites.filter(hasPosition);
  // Reconverted sites first, so that the sites still to reclaim are drawn on top.
  const order = ["friche reconvertie", "friche potentielle", "friche sans projet", "friche avec projet"];
  const drawn = [...placed].sort((a, b) => order.indexOf(a.statut) - order.indexOf(b.statut));
  const missing = friches.sites.length - placed.length;
  const alt = `Carte des ${communes.features.length} communes du territoire avec les ${placed.length} friches recensées par Cartofriches qui ont une position, par statut${missing ? ` (${missing} site${missing > 1 ? "s" : ""} sans position, seulement dans la liste)` : ""}. Chaque site figure dans le tableau qui suit la carte.`;
  const tooltip = html`<div class="ti-carte-tooltip" role="status" aria-live="polite" hidden></div>`;
  const byId = new Map(placed.map((s) => [s.id, s]));
  const map = svg`<svg width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="img" aria-label=${alt} id="carte-friches-svg" class="ti-carte-svg">
    <g>${communes.features.map((f) => svg`<path d=${path(f)} class="ti-friches-commune"></path>`)}</g>
    <path d=${path(epciBorders)} class="ti-carte-epci-halo"></path>
    <path d=${path(outline)} class="ti-carte-epci-halo"></path>
    <path d=${path(epciBorders)} class="ti-carte-epci"></path>
    <path d=${path(outline)} class="ti-carte-epci"></path>
    <g>${drawn.map((s) => {
      const [x, y] = projection([s.longitude, s.latitude]);
      const style = STATUS_STYLES[s.statut];
      return svg`<path transform=${`translate(${x.toFixed(1)},${y.toFixed(1)})`} d=${d3.symbol(style?.symbol ?? d3.symbolCircle, SYMBOL_SIZE)()}
        class=${`ti-friche-point ti-friche-${style?.css ?? "autre"}`} data-id=${s.id}></path>`;
    })}</g>
  </svg>`;
  const wrapper = html`<div class="ti-carte-wrap">${map}${tooltip}</div>`;
  const hide = () => {
    tooltip.hidden = true;
  };
  map.addEventListener("pointermove", (event) => {
    const target = event.target.closest?.("path.ti-friche-point");
    const s = target && byId.get(target.dataset.id);
    if (!s) return hide();
    tooltip.replaceChildren(html`<strong>${siteName(s)}</strong> <span class="ti-muted">(${s.commune_nom})</span><br>${statusLabel(s.statut)} · ${s.surface_ha === null ? "surface inconnue" : `${surfaceText(s.surface_ha)} ha`}`);
    tooltip.hidden = false;
    const box = wrapper.getBoundingClientRect();
    tooltip.style.left = `${Math.max(0, Math.min(event.clientX - box.left + 12, box.width - tooltip.offsetWidth))}px`;
    tooltip.style.top = `${event.clientY - box.top + 16}px`;
  });
  map.addEventListener("pointerleave", hide);
  return {node: wrapper, alt};
}

const COLUMNS = [
  {key: "nom", label: "Nom", value: (s) => siteName(s)},
  {key: "commune", label: "Commune", value: (s) => s.commune_nom},
  {key: "statut", label: "Statut", value: (s) => s.statut},
  {key: "surface", label: "Surface (ha)", num: true, value: (s) => s.surface_ha},
  {key: "type", label: "Type", value: (s) => s.type},
  {key: "source", label: "Source", value: (s) => s.source}
];
const STATUS_ORDER = Object.keys(STATUS_STYLES);

function compare(column, direction) {
  const sign = direction === "descending" ? -1 : 1;
  return (a, b) => {
    const [x, y] = [column.value(a), column.value(b)];
    // Unknown values always last, whatever the direction.
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    if (column.key === "statut") return sign * (STATUS_ORDER.indexOf(x) - STATUS_ORDER.indexOf(y));
    if (column.num) return sign * (x - y);
    return sign * String(x).localeCompare(String(y), "fr");
  };
}

/**
 * The sites as a table sortable by each column (a button in each header, `aria-sort` on the sorted one; a second
 * press reverses the order). `rowIds` gives each row the anchor `friche-<site_id>` that the action plan links to;
 * `actionLinks` adds the actions of the plan that name the site.
 */
export function frichesTable(friches, {id = "table-friches", caption, rowIds = false, actionLinks = false} = {}) {
  const columns = actionLinks ? [...COLUMNS, {key: "actions", label: "Actions du plan", value: (s) => (s.actions.length ? s.actions.map((a) => a.id).join(" ") : null)}] : COLUMNS;
  let sortKey = "commune";
  let direction = "ascending";
  const tbody = html`<tbody></tbody>`;
  const cell = (s, column) => {
    if (column.key === "nom") return html`<th scope="row">${siteName(s)}</th>`;
    if (column.key === "statut") return html`<td class="ti-friche-statut">${statusSwatch(s.statut)} ${statusLabel(s.statut)}</td>`;
    if (column.key === "surface") return html`<td class="num">${surfaceText(s.surface_ha)}</td>`;
    if (column.key === "type") return html`<td>${s.type ?? "inconnu"}</td>`;
    if (column.key === "source") return html`<td>${s.source ?? UNKNOWN}</td>`;
    if (column.key === "actions")
      return html`<td>${s.actions.length ? s.actions.map((a, i) => html`${i ? ", " : ""}<a href=${`./plan-actions#action-${a.id}`}>${a.id} ${a.titre}</a>`) : "—"}</td>`;
    return html`<td>${column.value(s)}</td>`;
  };
  const render = () => {
    const column = columns.find((c) => c.key === sortKey);
    const sorted = [...friches.sites].sort((a, b) => compare(column, direction)(a, b) || compare(columns[1], "ascending")(a, b) || compare(columns[0], "ascending")(a, b));
    tbody.replaceChildren(...sorted.map((s) => html`<tr id=${rowIds ? `friche-${s.id}` : null} data-id=${s.id}>${columns.map((c) => cell(s, c))}</tr>`));
    for (const th of head.querySelectorAll("th")) {
      if (th.dataset.key === sortKey) th.setAttribute("aria-sort", direction);
      else th.removeAttribute("aria-sort");
    }
  };
  const head = html`<tr>${columns.map((c) => {
    const button = html`<button type="button" class="ti-tri">${c.label}<span class="ti-tri-sens" aria-hidden="true"></span></button>`;
    button.addEventListener("click", () => {
      direction = sortKey === c.key && direction === "ascending" ? "descending" : "ascending";
      sortKey = c.key;
      render();
    });
    return html`<th scope="col" data-key=${c.key} class=${c.num ? "num" : ""}>${button}</th>`;
  })}</tr>`;
  render();
  return html`<p class="ti-muted ti-tri-aide">Pour trier la liste, activez l'en-tête d'une colonne (une seconde fois : ordre inverse).</p>
  <div class="ti-table-wrap ti-friches-table" tabindex="0" role="region" aria-label=${caption}>
    <table class="ti-table" id=${id}>
      <caption class="ti-source">${caption}.</caption>
      <thead>${head}</thead>
      ${tbody}
    </table>
  </div>`;
}

/** "3 sites sans position ne figurent pas sur la carte" — or nothing. */
export function withoutPositionNote(friches) {
  const missing = friches.sites.filter((s) => !hasPosition(s));
  if (missing.length === 0) return null;
  return html`<p class="ti-note" role="note" id="friches-sans-position">${missing.length} site${missing.length > 1 ? "s" : ""} sans position connue (absent${missing.length > 1 ? "s" : ""} de la carte, présent${missing.length > 1 ? "s" : ""} dans le tableau) : ${missing.map((s) => `${siteName(s)} (${s.commune_nom})`).join(", ")}.</p>`;
}
