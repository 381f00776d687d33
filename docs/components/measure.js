// How an axis page shows an indicator's values, as chosen by the reader: as published (absolute), per 1 000
// inhabitants (additive counts of places only), or as an index base 100 in the phase's reference year.
// An unknown value, population or base stays unknown: never 0, never a division by an unknown or by zero.
import {formatNumber} from "./format.js";
import {digitsFor, formatWithStatus, OBSERVATION_LABELS} from "./indicators.js";
import {indexBase100, isCount, perThousand} from "./comparer.js";

/** The modes, in the order of the selector; the first is the default (absent from the URL). */
export const MODES = [
  {id: "absolu", label: "Valeur absolue"},
  {id: "habitants", label: "Pour 1 000 habitants"},
  {id: "indice", label: "Indice base 100"}
];

/**
 * Per 1 000 inhabitants only for an additive count of a place (not for a share, a rate, a mean, nor for a count of
 * the contract's own actions, which is the territory's alone).
 */
export function perCapitaApplies(sheet) {
  return isCount(sheet) && sheet.levels.some((l) => l !== "territoire");
}

/**
 * The measure of a sheet in a mode: `value(geo, v)` turns a published value of a geography into the value shown,
 * `unit` names it (axis label, captions), `digits(values)` the decimals for the values shown and
 * `format(v, statut, digits)` writes one. `mode` is the mode actually applied: a sheet that cannot be shown per
 * inhabitant is shown as published, and `note` says why. `baseOf(geo)` returns the geography's published value
 * in `referenceYear` (or null), for the index.
 */
export function measureOf(sheet, mode, {referenceYear, baseOf}) {
  if (mode === "habitants" && perCapitaApplies(sheet)) {
    return {
      mode,
      unit: `${sheet.unit} pour 1 000 habitants`,
      shortLabel: "Pour 1 000 hab.",
      value: (geo, v) => perThousand(v, geo.population),
      // Small counts per 1 000 inhabitants (0,12 tiers-lieu) need two decimals, large ones none.
      digits: (values) => {
        const max = Math.max(0, ...values.filter((v) => v !== null && v !== undefined).map(Math.abs));
        return max >= 1000 ? 0 : max >= 10 ? 1 : 2;
      },
      format: measured,
      note: null
    };
  }
  if (mode === "indice") {
    return {
      mode,
      unit: `indice base 100 en ${referenceYear}`,
      shortLabel: `Indice (${referenceYear} = 100)`,
      value: (geo, v) => indexBase100(v, baseOf(geo)),
      digits: () => 1,
      format: measured,
      note: null
    };
  }
  return {
    mode: "absolu",
    unit: sheet.unit,
    shortLabel: "Valeur",
    value: (geo, v) => v ?? null,
    digits: () => digitsFor(sheet.unit),
    format: (v, statut) => formatWithStatus(v, sheet.unit, statut),
    note: mode === "habitants" ? perCapitaGap(sheet) : null
  };
}

/** Why a sheet is shown as published in the per-inhabitant mode, in words. */
function perCapitaGap(sheet) {
  if (/%/.test(sheet.unit)) return "Pour 1 000 habitants : sans objet, l'indicateur est déjà une part (en %) ; valeurs telles que publiées.";
  if (sheet.aggregation?.kind === "ratio") return `Pour 1 000 habitants : sans objet, l'indicateur est déjà un ratio (${sheet.unit}) ; valeurs telles que publiées.`;
  return "Pour 1 000 habitants : sans objet, l'indicateur porte sur le plan d'actions du territoire, pas sur ses habitants ; valeurs telles que publiées.";
}

/** "1,25 (partiel)": a computed value with the observation status of the published value it comes from. */
function measured(v, statut, digits) {
  if (v === null || v === undefined) return statut === "secret" ? "secret" : "n.d.";
  const label = OBSERVATION_LABELS[statut];
  return `${formatNumber(v, digits)}${label ? ` (${label})` : ""}`;
}
