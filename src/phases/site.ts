// What the site's pages know of the contract phases (territoire.json `phases`), and which axis pages exist:
// the axes-2019 pages are docs/attirer.md..simplifier.md; the priorites-2023 ones are generated from one template,
// docs/priorites/[axe].md, for a territory that has a phase organised by the priorities.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Territory } from "../territory/territory.ts";
import { AXES_SETS, isAxesSet, type AxesSetId, type AxisInfo } from "./axes.ts";

export interface PhaseSummary {
  id: string;
  nom: string;
  /** The phase's territory code: code_geo of its territory rows. */
  code: string;
  periode: { debut: number; fin: number };
  annee_reference: number;
  axes: AxesSetId;
  axes_nom: string;
  liste_axes: AxisInfo[];
  /** SIRENs of the phase's groups at the EPCI level. */
  epcis: string[];
  nombre_communes: number;
  population: number | null;
  ti: string | null;
  en_cours: boolean;
}

export function summarisePhases(t: Territory): PhaseSummary[] {
  return t.phases.map((p) => ({
    id: p.id, nom: p.nom, code: p.code, periode: { debut: p.period.start, fin: p.period.end }, annee_reference: p.referenceYear,
    axes: p.axes, axes_nom: AXES_SETS[p.axes].nom, liste_axes: AXES_SETS[p.axes].axes, epcis: p.epcis,
    nombre_communes: p.communes.length, population: p.population, ti: p.ti, en_cours: p.id === t.currentPhase.id,
  }));
}

/**
 * The axes sets the data folder's configuration uses, read from territoire.json without resolving the perimeter
 * (observablehq.config.ts needs it before any data loader). Same defaults as src/territory/territory.ts: a phase
 * without `axes` has the priorities from 2023 on (a phase naming a `ti` without `periode` is of the 2023-2027 list),
 * a configuration without `phases` has `axes`, else axes-2019.
 */
export function axesSetsOfDataDir(dataDir: string): AxesSetId[] {
  const file = path.join(dataDir, "territoire.json");
  if (!existsSync(file)) return ["axes-2019"];
  try {
    const raw = JSON.parse(readFileSync(file, "utf8")) as { axes?: unknown; phases?: { axes?: unknown; ti?: unknown; periode?: { debut?: unknown } }[] };
    if (!Array.isArray(raw.phases)) return [isAxesSet(raw.axes) ? raw.axes : "axes-2019"];
    const sets = raw.phases.map((p): AxesSetId => {
      if (isAxesSet(p.axes)) return p.axes;
      const start = typeof p.periode?.debut === "number" ? p.periode.debut : p.ti ? 2023 : 2019;
      return start >= 2023 ? "priorites-2023" : "axes-2019";
    });
    return [...new Set(sets)];
  } catch {
    return ["axes-2019"];
  }
}

/** Framework dynamicPaths of the priorities' pages: one per priority, when a phase uses them. */
export function* priorityPaths(dataDir: string): Generator<string> {
  if (!axesSetsOfDataDir(dataDir).includes("priorites-2023")) return;
  for (const a of AXES_SETS["priorites-2023"].axes) yield a.path;
}
