// The synthesis scorecard: per axis, each indicator's latest territory value, change since the baseline,
// target and status, with a small trend line (decorative: the numbers are in the table). The status comes
// right after the name so that it stays in view on a phone.
import * as Plot from "@observablehq/plot";
import {chartImage} from "./a11y.js";
import {html} from "htl";
import {AXIS_PATHS, formatChange, formatIndicator, formatWithStatus, statusBadge} from "./indicators.js";
import {geographiesOf} from "./axis.js";

function sparkline(points) {
  const known = points.filter((p) => p.valeur !== null);
  if (known.length < 2) return html`<span class="ti-muted">—</span>`;
  const chart = chartImage(Plot.plot({
    width: 120,
    height: 32,
    margin: 3,
    axis: null,
    x: {type: "linear"},
    y: {zero: false},
    marks: [Plot.line(known, {x: "annee", y: "valeur", stroke: "currentColor", strokeWidth: 1.5}), Plot.dot(known.slice(-1), {x: "annee", y: "valeur", fill: "currentColor", r: 2})]
  }));
  chart.setAttribute("aria-hidden", "true");
  return chart;
}

/** One table per axis. Indicators published only by bassin d'emploi show their first bassin, named. */
/** `axes`: the axes set of the phase shown (placement of each sheet, src/phases/axes.ts); `titre`, `path`: its axis page. */
export function axisScorecard(axis, {catalogue, index, tracking, territoire, bassins, axes = "axes-2019", titre = axis, path = AXIS_PATHS[axis]}) {
  const sheets = catalogue.filter((s) => (s.placement?.[axes] ?? s.axis) === axis);
  return html`<section class="ti-scorecard" aria-labelledby=${`synthese-${axis}`}>
    <h3 id=${`synthese-${axis}`}><a href=${path}>${titre}</a></h3>
    <div class="ti-table-wrap" tabindex="0"><table class="ti-table">
      <thead><tr>
        <th scope="col">Indicateur</th><th scope="col">Statut</th><th scope="col" class="num">Dernière valeur</th>
        <th scope="col" class="num">Évolution depuis la référence</th><th scope="col" class="num">Cible</th><th scope="col" class="ti-trend"><span class="ti-sr">Tendance</span></th>
      </tr></thead>
      <tbody>${sheets.map((s) => {
        const geo = geographiesOf(s, territoire, bassins)[0];
        if (!geo) return "";
        const latest = index.latest(s.id, geo.niveau, geo.code);
        const t = tracking(s.id, geo.niveau, geo.code);
        return html`<tr data-indicateur=${s.id}>
          <th scope="row"><a href=${`${path}#${s.id}`}>${s.title}</a>${geo.main ? "" : html`<br><span class="ti-muted">${geo.nom}</span>`}</th>
          <td>${t ? statusBadge(t.statut) : ""}</td>
          <td class="num ti-valeur">${latest ? html`${formatWithStatus(latest.valeur, s.unit, latest.statut)} <span class="ti-muted">(${latest.annee})</span>` : "n.d."}</td>
          <td class="num">${t ? html`${formatChange(t.valeur_reference, t.derniere_valeur, s.unit)} <span class="ti-muted">${t.annee_reference ? `depuis ${t.annee_reference}` : ""}</span>` : "n.d."}</td>
          <td class="num">${t?.cible_calculee != null ? html`${formatIndicator(t.cible_calculee, s.unit)} <span class="ti-muted">(${t.annee_cible})</span>` : "—"}</td>
          <td class="ti-trend">${sparkline(index.series(s.id, geo.niveau, geo.code))}</td>
        </tr>`;
      })}</tbody>
    </table></div>
  </section>`;
}
