// Contract phases on the pages: the phase selector (kept in the URL as ?phase=, the current phase by default),
// the territory as one phase sees it (its territory rows, EPCIs, reference year and period), its tracking rows.
import * as Inputs from "@observablehq/inputs";
import {html} from "htl";
import {formatNumber} from "./format.js";
import {indexTracking} from "./indicators.js";
import {initialValue, writeSelection} from "./url-state.js";

/** The phases of the territory, restricted to an axes set when given (the axis pages of that set). */
export function phasesOf(territoire, axes) {
  const all = territoire.phases ?? [];
  return axes ? all.filter((p) => p.axes === axes) : all;
}

export const phaseLabel = (p) => `${p.periode.debut}-${p.periode.fin} · ${p.nom}`;

/** The phase named in the URL, else the current phase if it is among `phases`, else the latest of them. */
export function initialPhase(territoire, phases) {
  return initialValue("phase", phases.map((p) => p.id), defaultPhase(territoire, phases));
}

/** Radio buttons (arrow keys move between phases), one per phase; null when there is nothing to choose. */
export function phaseInput(territoire, phases) {
  if (phases.length < 2) return null;
  return Inputs.radio(phases.map((p) => p.id), {
    label: "Phase du contrat",
    value: initialPhase(territoire, phases),
    format: (id) => phaseLabel(phases.find((p) => p.id === id))
  });
}

/** The default phase of a page: the current phase if it is among `phases`, else the latest of them. */
export function defaultPhase(territoire, phases) {
  const ids = phases.map((p) => p.id);
  return ids.includes(territoire.phase_en_cours) ? territoire.phase_en_cours : ids.at(-1);
}

/** Keeps the chosen phase in the URL (absent when it is the default, so the plain address shows the current phase). */
export function writePhase(territoire, phases, id) {
  writeSelection({phase: id === defaultPhase(territoire, phases) ? null : id});
}

/** The territory as one phase sees it: the shape every component reads (id = the phase's territory code). */
export function phaseTerritoire(territoire, phase) {
  if (!phase) return territoire;
  const epcis = new Set(phase.epcis);
  return {
    ...territoire,
    id: phase.code,
    nom: phase.nom,
    annee_reference: phase.annee_reference,
    periode_contrat: phase.periode,
    epcis: territoire.epcis.filter((e) => epcis.has(e.siren)),
    nombre_communes: phase.nombre_communes,
    population: phase.population,
    phase
  };
}

/** The tracking of one phase (its reference year and targets), indexed like indexTracking. */
export function phaseTracking(rows, phase) {
  return indexTracking(phase ? rows.filter((r) => !r.phase || r.phase === phase.id) : rows);
}

/** What a series across phases rests on: the phase's own perimeter, for every year shown. */
export function perimeterNote(phase, territoire) {
  if (!phase) return "";
  const others = (territoire.phases ?? []).filter((p) => p.id !== phase.id);
  return html`<p class="ti-source" id="perimetre-phase">Phase ${phase.periode.debut}-${phase.periode.fin} « ${phase.nom} » (${phase.code}) :
    ${formatNumber(phase.epcis.length)} EPCI, ${formatNumber(phase.nombre_communes)} communes ; année de référence ${phase.annee_reference}.
    Les séries du territoire sont calculées sur ce périmètre pour toutes les années, y compris avant la phase${others.length > 0
      ? html` ; ${others.map((p) => `la phase ${p.periode.debut}-${p.periode.fin} a le sien (« ${p.nom} », ${formatNumber(p.nombre_communes)} communes)`).join(", ")}`
      : ""}.</p>`;
}

/** Whether a sheet has any value for the phase's geographies (territory, its EPCIs, or the BMO bassins). */
export function hasValues(sheet, index, territoire, bassins) {
  const geos = [
    ...(sheet.levels.includes("territoire") ? [["territoire", territoire.id]] : []),
    ...(sheet.levels.includes("epci") ? territoire.epcis.map((e) => ["epci", e.siren]) : []),
    ...(sheet.levels.includes("bassin_emploi") ? bassins.map((b) => ["bassin_emploi", b.code_bassin]) : [])
  ];
  return geos.some(([niveau, code]) => index.series(sheet.id, niveau, code).some((r) => r.valeur !== null));
}

/** Said instead of an empty chart: the source the territory's files lack. */
export function missingSourceSection(sheet, bassins, ficheHref) {
  const bmo = sheet.levels.includes("bassin_emploi") && !sheet.levels.includes("territoire") && bassins.length === 0;
  return html`<section class="ti-indicator ti-indicator-absent" id=${sheet.id} aria-labelledby=${`titre-${sheet.id}`}>
    <h2 id=${`titre-${sheet.id}`}>${sheet.title}</h2>
    <p class="ti-source-absente" role="note"><strong>Source absente.</strong> ${bmo
      ? "Aucun bassin d'emploi de l'enquête Besoins en main-d'œuvre (France Travail) n'est rattaché au territoire : ses fichiers ne permettent pas de calculer cet indicateur. Déclarez les bassins du territoire dans « bassins_bmo » de data/territoire.json, ou déposez la table communes → bassins de France Travail."
      : `Les fichiers du territoire n'ont aucune valeur pour cet indicateur (source : ${sheet.source.producer}, ${sheet.source.dataset}) : fichier absent du dossier de données ou sans ligne pour le territoire.`}
      Voir la page <a href="../donnees">Données et sources</a> et la <a href=${ficheHref}>fiche de l'indicateur</a>.</p>
  </section>`;
}

/** Links written relative to the root ("./fiches#...") in shared components, for a page one folder down. */
export function rebaseLinks(node, prefix = "../") {
  for (const a of node.querySelectorAll?.('a[href^="./"]') ?? []) a.setAttribute("href", prefix + a.getAttribute("href").slice(2));
  return node;
}
