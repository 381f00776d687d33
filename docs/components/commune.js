// The commune profile: finding a commune by name or INSEE code, and every indicator published at the commune
// level with its EPCI's and the territory's value beside it (same year), the latest value and the series.
import {html} from "htl";
import {formatNumber} from "./format.js";
import {AXES, formatWithStatus} from "./indicators.js";
import {downloadBar} from "./figure.js";

/** "Saint-Quentin" and "st quentin" alike: lower case, no accent, hyphens and apostrophes as spaces. */
export function normalizeName(text) {
  return String(text ?? "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’\-_.]/g, " ")
    .replace(/\bst\b/g, "saint")
    .replace(/\bste\b/g, "sainte")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The communes a query designates: the commune of an INSEE code, the commune of that exact name, or else
 * every commune whose name contains the words of the query (at most `limit`), largest first.
 */
export function findCommunes(communes, query, limit = 20) {
  const q = normalizeName(query);
  if (q.length === 0) return [];
  const byCode = communes.find((c) => c.code === String(query).trim().toUpperCase());
  if (byCode) return [byCode];
  const exact = communes.filter((c) => normalizeName(c.nom) === q);
  if (exact.length > 0) return exact;
  const words = q.split(" ");
  return communes
    .filter((c) => {
      const name = normalizeName(c.nom);
      return words.every((w) => name.includes(w));
    })
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || a.nom.localeCompare(b.nom, "fr"))
    .slice(0, limit);
}

/** The value of a commune for an indicator and a year in communes.json (columns by commune). */
function communeCell(communesFile, position, indicateur, annee) {
  const cell = communesFile.series[indicateur]?.[String(annee)];
  if (!cell || position === undefined) return null;
  const valeur = cell.v[position];
  return {annee, valeur, statut: cell.s ? cell.s[position] : valeur === null ? "manquant" : "ok"};
}

/** One row per indicator: the commune's latest known value, and its EPCI's and the territory's for that year. */
export function profileRows({commune, communesFile, catalogue, index, territoire}) {
  const position = communesFile.communes.indexOf(commune.code);
  const sheets = catalogue.filter((s) => communesFile.series[s.id]);
  return sheets.map((sheet) => {
    const years = Object.keys(communesFile.series[sheet.id]).map(Number).sort((a, b) => a - b);
    const series = years.map((y) => {
      const c = communeCell(communesFile, position, sheet.id, y);
      return {
        annee: y,
        commune: c,
        epci: index.get(sheet.id, "epci", commune.epci, y) ?? null,
        territoire: index.get(sheet.id, "territoire", territoire.id, y) ?? null
      };
    });
    const known = series.filter((p) => p.commune && p.commune.valeur !== null);
    const latest = known[known.length - 1] ?? series[series.length - 1] ?? null;
    return {sheet, series, latest};
  });
}

const show = (r, unit) => (r ? formatWithStatus(r.valeur, unit, r.statut) : "n.d.");
const cell = (r, unit) => html`<td class="num" data-value=${r?.valeur ?? ""} data-statut=${r?.statut ?? "manquant"}>${show(r, unit)}</td>`;

/** The profile: identity, then one table per axis (latest values side by side) and each indicator's series. */
export function communeProfile({commune, territoire, rows}) {
  const epci = territoire.epcis.find((e) => e.siren === commune.epci);
  const share = epci?.population ? (100 * commune.population) / epci.population : null;
  const epciNom = epci?.nom ?? commune.epci;
  return html`<article class="ti-commune" id="profil-commune" aria-labelledby="titre-commune">
    <h2 id="titre-commune">${commune.nom} <span class="ti-muted">(${commune.code})</span></h2>
    <p>Commune de l'<a href="./glossaire#epci">EPCI</a> <strong>${epciNom}</strong>, territoire ${territoire.nom}.
      Population municipale : ${formatNumber(commune.population)} habitants${share === null ? "" : `, soit ${formatNumber(share, 1)} % de celle de l'EPCI`}.</p>
    <p class="ti-muted">Pour chaque indicateur publié à la commune : la dernière valeur connue de la commune et, pour la même année, celles de son EPCI et du territoire. Les ratios de l'EPCI et du territoire sont recalculés à partir des numérateurs et dénominateurs sommés ; une valeur inconnue est écrite « n.d. », une valeur couverte par le <a href="./glossaire#secret">secret statistique</a> « secret ».</p>
    ${AXES.map((axis) => {
      const list = rows.filter((r) => r.sheet.axis === axis);
      if (list.length === 0) return null;
      const id = `commune-${axis.toLowerCase()}`;
      const table = html`<div class="ti-table-wrap" tabindex="0" role="region" aria-labelledby=${`titre-${id}`}><table class="ti-table ti-commune-dernieres" id=${`table-${id}`}>
        <caption class="ti-source">${axis} : dernières valeurs de ${commune.nom}, de ${epciNom} et du territoire</caption>
        <thead><tr><th scope="col">Indicateur</th><th scope="col">Unité</th><th scope="col" class="num">Année</th><th scope="col" class="num">${commune.nom}</th><th scope="col" class="num">${epciNom}</th><th scope="col" class="num">Territoire</th></tr></thead>
        <tbody>${list.map((r) => html`<tr data-indicateur=${r.sheet.id}>
          <th scope="row"><a href=${`#serie-${r.sheet.id}`} onclick=${() => openSeries(r.sheet.id)}>${r.sheet.title}</a></th><td>${r.sheet.unit}</td>
          <td class="num">${r.latest?.annee ?? "—"}</td>
          ${cell(r.latest?.commune, r.sheet.unit)}${cell(r.latest?.epci, r.sheet.unit)}${cell(r.latest?.territoire, r.sheet.unit)}
        </tr>`)}</tbody>
      </table></div>`;
      return html`<section class="ti-commune-axe" aria-labelledby=${`titre-${id}`}>
        <h3 id=${`titre-${id}`}>${axis}</h3>
        ${table}${downloadBar({title: `${commune.nom}, ${axis}, dernières valeurs`, table: table.querySelector("table")})}
        ${list.map((r) => seriesDetails(r, commune, epciNom))}
      </section>`;
    })}
  </article>`;
}

/** The series of an indicator is folded: following its link unfolds it. */
function openSeries(id) {
  const details = document.getElementById(`serie-${id}`);
  if (details) details.open = true;
}

function seriesDetails(r, commune, epciNom) {
  const unit = r.sheet.unit;
  const table = html`<div class="ti-table-wrap" tabindex="0"><table class="ti-table">
    <caption class="ti-source">${r.sheet.title} (${unit}) : ${commune.nom}, ${epciNom} et territoire, par année</caption>
    <thead><tr><th scope="col">Année</th><th scope="col" class="num">${commune.nom}</th><th scope="col" class="num">${epciNom}</th><th scope="col" class="num">Territoire</th></tr></thead>
    <tbody>${r.series.map((p) => html`<tr><th scope="row">${p.annee}</th>${cell(p.commune, unit)}${cell(p.epci, unit)}${cell(p.territoire, unit)}</tr>`)}</tbody>
  </table></div>`;
  return html`<details class="ti-data ti-commune-serie" id=${`serie-${r.sheet.id}`}>
    <summary>Série : ${r.sheet.title}</summary>
    <p class="ti-muted">${r.sheet.definition}</p>
    ${table}${downloadBar({title: `${commune.nom}, ${r.sheet.title}`, table: table.querySelector("table")})}
  </details>`;
}

/** The list of communes matching a query, as links to their profile. */
export function matchesList(matches, query) {
  if (matches.length === 0) return html`<p class="ti-note" role="status" id="commune-aucune">Aucune commune du territoire ne correspond à « ${query} ». Essayez une partie du nom (par exemple « quentin ») ou le code INSEE à cinq caractères.</p>`;
  return html`<div role="status" id="commune-resultats"><p>${matches.length} communes correspondent à « ${query} » :</p>
    <ul class="ti-commune-liste">${matches.map((c) => html`<li><a href=${`?code=${c.code}`}>${c.nom}</a> <span class="ti-muted">(${c.code}, ${formatNumber(c.population)} hab.)</span></li>`)}</ul></div>`;
}
