// The URSSAF indicators at the reference levels (département, région, France, Territoire d'industrie), with the rules
// of the territory's indicators (src/indicators/catalogue/attirer.ts): sums of known values, the industrial share
// recomputed from summed numerator and denominator, an unknown cell left out and the value marked « partiel », a value
// with no known cell unknown (« manquant »), never 0. Only groups the files cover wholly are here (coverage.ts).
import { CATALOGUE } from "../indicators/catalogue/index.ts";
import type { ObservationStatus } from "../indicators/types.ts";
import { REFERENCE_LEVELS, type ReferenceLevel } from "../geography/reference-levels.ts";
import { isIndustrySector, total, unknownSectorJobs, type Group, type Sectors } from "./aggregates.ts";
import type { ReferenceRow } from "./types.ts";

interface Computed {
  valeur: number | null;
  numerateur: number | null;
  denominateur: number | null;
  partiel: boolean;
}

type Formula = (sectors: Sectors) => Computed;

const sum = (measure: "etablissements" | "effectifs", industry: boolean): Formula => (sectors) => {
  const t = total(sectors, measure, industry ? isIndustrySector : undefined);
  return { valeur: t.value, numerateur: t.value, denominateur: null, partiel: t.unknown > 0 || (industry && unknownSectorJobs(sectors) > 0) };
};

/** The URSSAF indicators computed at the reference levels, by id of the catalogue. */
export const REFERENCE_FORMULAS: Readonly<Record<string, Formula>> = {
  emploi_salarie_prive: sum("effectifs", false),
  emploi_industriel: sum("effectifs", true),
  etablissements_prives: sum("etablissements", false),
  etablissements_industriels: sum("etablissements", true),
  part_emploi_industriel: (sectors) => {
    // Numerator and denominator over the same known cells: an unknown cell drops out of both.
    const den = total(sectors, "effectifs");
    const num = total(sectors, "effectifs", isIndustrySector);
    const valeur = den.value !== null && den.value !== 0 ? ((num.value ?? 0) / den.value) * 100 : null;
    return { valeur, numerateur: den.value === null ? null : (num.value ?? 0), denominateur: den.value, partiel: den.unknown > 0 || unknownSectorJobs(sectors) > 0 };
  },
};

const round = (x: number | null) => (x === null ? null : Math.round(x * 1e9) / 1e9);

/** Rows of indicateurs.csv at the reference levels, level by level, code and year in order. */
export function referenceRows(groups: Iterable<Group>): ReferenceRow[] {
  const rows: ReferenceRow[] = [];
  const list = [...groups].filter((g): g is Group & { niveau: ReferenceLevel } => (REFERENCE_LEVELS as string[]).includes(g.niveau));
  list.sort((a, b) => REFERENCE_LEVELS.indexOf(a.niveau) - REFERENCE_LEVELS.indexOf(b.niveau) || a.code.localeCompare(b.code));
  for (const [id, formula] of Object.entries(REFERENCE_FORMULAS)) {
    const decl = CATALOGUE.find((d) => d.id === id);
    if (!decl) continue;
    for (const g of list)
      for (const year of [...g.years.keys()].sort((a, b) => a - b)) {
        const c = formula(g.years.get(year)!);
        const statut: ObservationStatus = c.valeur === null ? "manquant" : c.partiel ? "partiel" : "ok";
        rows.push({
          indicateur: id, axe: decl.axis, niveau: g.niveau, code_geo: g.code, libelle_geo: g.libelle, annee: year,
          valeur: round(c.valeur), numerateur: round(c.numerateur), denominateur: round(c.denominateur), unite: decl.unit, statut,
        });
      }
  }
  return rows;
}
