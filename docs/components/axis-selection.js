// The reader's selection on an axis page: the year of the values shown in the tables, the EPCIs drawn, the measure
// (absolute, per 1 000 inhabitants, index base 100). Native inputs (a select, checkboxes, radio buttons) work by
// keyboard; the selection is kept in the URL (?annee=2021&epci=…&mesure=indice) and restored from it.
import * as Inputs from "@observablehq/inputs";
import {MODES} from "./measure.js";
import {initialList, initialValue, writeSelection} from "./url-state.js";

/** The years with a row for one of the sheets, for the territory or one of its EPCIs, ascending. */
export function selectionYears(sheets, index, territoire) {
  const years = new Set();
  for (const s of sheets) {
    for (const y of index.years(s.id)) {
      if (index.get(s.id, "territoire", territoire.id, y) || territoire.epcis.some((e) => index.get(s.id, "epci", e.siren, y))) years.add(y);
    }
  }
  return [...years].sort((a, b) => a - b);
}

/** The selection read from the URL, restricted to what the page offers (an unknown value falls back to the default). */
export function initialSelection(years, territoire) {
  const sirens = territoire.epcis.map((e) => e.siren);
  return {
    annee: initialValue("annee", years, null),
    epcis: initialList("epci", sirens, sirens),
    mode: initialValue("mesure", MODES.map((m) => m.id), MODES[0].id)
  };
}

/**
 * One form of three inputs whose value is {annee, epcis, mode}: `annee` null for the latest known values,
 * `epcis` the SIRENs ticked. Marked form.ti-choix for the shared stylesheet of the page's inputs.
 */
export function axisSelectionInput({years, territoire}) {
  const initial = initialSelection(years, territoire);
  const names = new Map(territoire.epcis.map((e) => [e.siren, e.nom]));
  const inputs = {
    annee: Inputs.select([null, ...[...years].reverse()], {
      label: "Année des tableaux",
      format: (y) => (y === null ? "Dernière valeur connue" : String(y)),
      value: initial.annee
    }),
    mode: Inputs.radio(MODES.map((m) => m.id), {
      label: "Mesure",
      format: (id) => MODES.find((m) => m.id === id).label,
      value: initial.mode
    })
  };
  if (territoire.epcis.length > 0) {
    inputs.epcis = Inputs.checkbox(territoire.epcis.map((e) => e.siren), {
      label: "EPCI affichés",
      format: (siren) => names.get(siren),
      value: initial.epcis
    });
  }
  const form = Inputs.form(inputs);
  form.classList.add("ti-selection-axe");
  form.setAttribute("role", "group");
  form.setAttribute("aria-label", "Sélection : année, mesure, EPCI affichés");
  for (const input of Object.values(inputs)) input.classList.add("ti-choix");
  return form;
}

/** Writes the selection to the URL; the defaults (latest year, every EPCI, absolute values) are left out. */
export function writeAxisSelection(selection, territoire) {
  const all = territoire.epcis.map((e) => e.siren);
  const epcis = selection.epcis ?? all;
  writeSelection({
    annee: selection.annee,
    mesure: selection.mode === MODES[0].id ? null : selection.mode,
    epci: epcis.length === all.length ? null : listParameter(epcis)
  });
}

/** A list in the URL, "aucun" for an empty one (an absent parameter means the default). */
function listParameter(values) {
  return values.length === 0 ? "aucun" : values.join(",");
}
