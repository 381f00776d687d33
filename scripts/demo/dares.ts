// DARES: job seekers registered at France Travail, by commune, fourth quarter of each year.
// Counts are rounded to 5 and small counts are secret (`s`), so villages are partly hidden.
import type { Territory } from "../../src/territory/territory.ts";
import { toCsv, years, type Cell, type GeneratedFile } from "./csv.ts";
import { populationOf } from "./geo.ts";
import { rngFor } from "./random.ts";

export const DARES_HEADER = [
  "code_commune", "libelle_commune", "date", "type_de_donnees", "categorie", "sexe", "tranche_d_age", "nombre_de_demandeurs_d_emploi",
] as const;
export const DARES_FIRST_YEAR = 2011;
export const DARES_LAST_YEAR = 2023;
export const SECRET = "s";

/** Registered job seekers relative to the 2013 level: peak in 2015-2016, decline after 2019. */
// prettier-ignore
const YEAR_INDEX: Record<number, number> = {
  2011: 0.88, 2012: 0.94, 2013: 1.0, 2014: 1.04, 2015: 1.07, 2016: 1.07, 2017: 1.05,
  2018: 1.02, 2019: 0.98, 2020: 1.01, 2021: 0.96, 2022: 0.91, 2023: 0.9,
};

/** Published value: rounded to 5, secret below 5. */
export function publish(count: number): Cell {
  return count < 5 ? SECRET : Math.round(count / 5) * 5;
}

export function generateDares(territory: Territory): GeneratedFile {
  const rows: Cell[][] = [];
  for (const c of territory.communes) {
    const population = populationOf(c);
    const rng = rngFor("dares", c.code);
    // About 10-12 % of the population in towns, 6-7 % in villages.
    const urban = Math.min(1, Math.log10(Math.max(population, 10)) / Math.log10(50_000));
    const rate = (0.055 + 0.05 * urban ** 2) * rng.lognormal(0.1);
    for (const year of years(DARES_FIRST_YEAR, DARES_LAST_YEAR)) {
      const abc = population * rate * (YEAR_INDEX[year] ?? 1) * rng.lognormal(0.03);
      const shareA = rng.uniform(0.53, 0.6);
      const date = `${year}-12-31`;
      for (const [categorie, total] of [["ABC", abc], ["A", abc * shareA]] as const) {
        const men = rng.uniform(0.48, 0.54);
        const young = rng.uniform(0.13, 0.17);
        const senior = 0.24 + 0.005 * (year - DARES_FIRST_YEAR) + rng.uniform(-0.02, 0.02);
        const cells: [string, string, number][] = [
          ["Total", "Total", total],
          ["Hommes", "Total", total * men],
          ["Femmes", "Total", total * (1 - men)],
          ["Total", "Moins de 25 ans", total * young],
          ["Total", "Entre 25 et 49 ans", total * (1 - young - senior)],
          ["Total", "50 ans ou plus", total * senior],
        ];
        for (const [sexe, age, value] of cells)
          rows.push([c.code, c.nom, date, "Données brutes", categorie, sexe, age, publish(Math.round(value))]);
      }
    }
  }
  return {
    path: "sources/dares-defm-communes.csv",
    source: "dares",
    vintage: `${DARES_FIRST_YEAR}-${DARES_LAST_YEAR}`,
    content: toCsv(DARES_HEADER, rows, { delimiter: ";", bom: true }),
    rows: rows.length,
  };
}
