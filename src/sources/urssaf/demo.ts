// URSSAF: private-sector establishments and salaried jobs by commune x APE, wide by year.
// Jobs are spread over communes more than proportionally to population (employment
// concentrates in the towns), then over APE codes by national-looking weights.
// Written as the producer writes it (seen in the real export of the Rouen zone d'emploi): year columns interleaved
// (`nombre_d_etablissements_2011;effectifs_salaries_2011;...`), one row per commune x APE spanning the whole period,
// BOTH cells empty in a year without establishment, and an unpublished employee count as an empty jobs cell beside
// the establishments count.
import type { Territory } from "../../territory/territory.ts";
import { toCsv, years, type Cell, type GeneratedFile } from "../demo/csv.ts";
import { labelsOf, populationOf } from "../demo/geo.ts";
import { APE, NA17_LABELS, NA38_LABELS, NA88_LABELS, grandSecteur, type GrandSecteur } from "../demo/nomenclature.ts";
import { rngFor } from "../demo/random.ts";

export const URSSAF_FIRST_YEAR = 2011;
// 2025: the demonstration reaches the 2025 mid-term report of the 2023-2027 phase (default configuration).
export const URSSAF_LAST_YEAR = 2025;
/** Private salaried jobs per inhabitant over the whole territory, in 2018. */
const JOBS_PER_INHABITANT = 0.25;
/** > 1: larger communes get more jobs per inhabitant. */
const CONCENTRATION = 1.3;
const ANCHOR_YEAR = 2018;

export const URSSAF_HEADER_FIXED = [
  "region", "ancienne_region", "departement", "zone_d_emploi", "epci", "commune", "intitule_commune",
  "grand_secteur_d_activite", "secteur_na17", "secteur_na38", "secteur_na88", "ape",
  "code_region", "code_ancienne_region", "code_departement", "code_zone_d_emploi", "code_epci", "code_commune", "code_ape",
] as const;

export function urssafHeader(first = URSSAF_FIRST_YEAR, last = URSSAF_LAST_YEAR): string[] {
  const ys = years(first, last);
  return [...URSSAF_HEADER_FIXED, ...ys.flatMap((y) => [`nombre_d_etablissements_${y}`, `effectifs_salaries_${y}`])];
}

/** Sector index of jobs, 2018 = 1: slow industrial decline, services growth, 2020 dip. */
export function sectorTrend(sector: GrandSecteur, year: number): number {
  const slope = { Industrie: -0.012, Construction: -0.004, Commerce: 0.002, Services: 0.005 }[sector];
  const covid = { Industrie: 0.97, Construction: 0.98, Commerce: 0.97, Services: 0.95 }[sector];
  let index = 1 + slope * (year - ANCHOR_YEAR);
  if (year === 2020) index *= covid;
  if (year === 2021) index *= (1 + covid) / 2;
  return index;
}

export function generateUrssaf(territory: Territory): GeneratedFile {
  const labels = labelsOf(territory);
  const ys = years(URSSAF_FIRST_YEAR, URSSAF_LAST_YEAR);
  const apes = APE.filter((a) => a.jobs > 0);
  const shareTotal = apes.reduce((s, a) => s + a.jobs, 0);
  const totalPopulation = territory.communes.reduce((s, c) => s + populationOf(c), 0);
  const weightTotal = territory.communes.reduce((s, c) => s + populationOf(c) ** CONCENTRATION, 0);
  const totalJobs = JOBS_PER_INHABITANT * totalPopulation;

  const rows: Cell[][] = [];
  for (const c of territory.communes) {
    const l = labels.get(c.code)!;
    const communeJobs = (totalJobs * populationOf(c) ** CONCENTRATION) / weightTotal;
    for (const ape of apes) {
      const rng = rngFor("urssaf", c.code, ape.code);
      const expectedEstablishments = (communeJobs * ape.jobs) / shareTotal / ape.size;
      let anchor = rng.poisson(expectedEstablishments);
      // An establishment present only a few years, outside the anchor year.
      let window: [number, number] = [URSSAF_FIRST_YEAR, URSSAF_LAST_YEAR];
      if (anchor === 0) {
        if (!rng.chance(Math.min(0.4, expectedEstablishments * 0.6))) continue;
        anchor = 1;
        const start = rng.int(URSSAF_FIRST_YEAR, URSSAF_LAST_YEAR);
        window = [start, Math.min(URSSAF_LAST_YEAR, start + rng.int(0, 5))];
      } else if (rng.chance(0.06)) {
        window = [rng.int(URSSAF_FIRST_YEAR + 1, URSSAF_LAST_YEAR), URSSAF_LAST_YEAR]; // opened during the period
      } else if (rng.chance(0.06)) {
        window = [URSSAF_FIRST_YEAR, rng.int(URSSAF_FIRST_YEAR, URSSAF_LAST_YEAR - 1)]; // closed during the period
      }
      const sector = grandSecteur(ape.code);
      const anchorJobs = anchor * ape.size * rng.lognormal(0.45);
      const establishmentDrift = rng.normal(0, 0.01);
      let walk = 1;
      const walks = new Map<number, number>();
      // Random walk anchored on 2018, backwards then forwards, so 2018 keeps the scale.
      for (let y = ANCHOR_YEAR; y >= URSSAF_FIRST_YEAR; y--) {
        walks.set(y, walk);
        walk *= rng.lognormal(0.05);
      }
      walk = 1;
      for (let y = ANCHOR_YEAR + 1; y <= URSSAF_LAST_YEAR; y++) {
        walk *= rng.lognormal(0.05);
        walks.set(y, walk);
      }
      const establishments: Cell[] = [];
      const jobs: Cell[] = [];
      for (const y of ys) {
        if (y < window[0] || y > window[1]) {
          establishments.push(""); // no establishment this year: both cells empty, as the producer writes it
          jobs.push("");
          continue;
        }
        const n = anchor <= 2 ? anchor : Math.max(1, Math.round(anchor * (1 + establishmentDrift * (y - ANCHOR_YEAR)) * rng.lognormal(0.04)));
        establishments.push(n);
        jobs.push(Math.max(0, Math.round(anchorJobs * sectorTrend(sector, y) * walks.get(y)!)));
      }
      // Employee count not published in some year with establishments: its cell alone is empty (unknown, not zero).
      if (rng.chance(0.015)) {
        const i = rng.int(0, ys.length - 1);
        if (establishments[i] !== "") jobs[i] = "";
      }
      rows.push([
        l.regionName, l.oldRegionName, l.departementName, "", l.epciName, c.nom, `${c.code} ${c.nom}`,
        sector, `${ape.na17} ${NA17_LABELS[ape.na17]}`, `${ape.na38} ${NA38_LABELS[ape.na38]}`,
        `${ape.code.slice(0, 2)} ${NA88_LABELS[ape.code.slice(0, 2)]}`, `${ape.code} ${ape.label}`,
        l.regionCode, l.oldRegionCode, c.departement, "", c.epci, c.code, ape.code,
        ...ys.flatMap((_, i) => [establishments[i]!, jobs[i]!]),
      ]);
    }
  }
  return {
    path: "sources/urssaf-etablissements-effectifs-commune-ape.csv",
    source: "urssaf",
    vintage: `${URSSAF_FIRST_YEAR}-${URSSAF_LAST_YEAR}`,
    content: toCsv(urssafHeader(), rows, { delimiter: ";" }),
    rows: rows.length,
  };
}
