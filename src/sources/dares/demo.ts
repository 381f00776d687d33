// DARES: job seekers registered at France Travail, by commune, fourth quarter of each year, written as the producer's
// portal exports it by default: column labels as header (the one Opendatasoft source of the demo with labels), dates
// `2023-T4`, type `Brutes`, the producer's age bands. Counts are rounded to 5 and small counts are secret (`s`), so
// villages are partly hidden.
// Paris, Lyon and Marseille are published both as the city and as their municipal arrondissements, arrondissements
// first: a member city gets both, and a few rows of Paris (outside the territory unless it is a member) close the
// file, as in the producer's export.
import type { Territory } from "../../territory/territory.ts";
import { referenceCommunes } from "../../io/reference.ts";
import { toCsv, years, type Cell, type GeneratedFile } from "../demo/csv.ts";
import { departementName, labelsOf, populationOf, regionOfDepartement } from "../demo/geo.ts";
import { rngFor } from "../demo/random.ts";

export const DARES_HEADER = [
  "Date", "Code région", "Région", "Code département", "Département", "Code commune", "Commune",
  "Type de données", "Catégorie", "Sexe", "Tranche d'âge", "Nombre de demandeurs d'emploi",
] as const;
export const DARES_FIRST_YEAR = 2011;
// 2025: the demonstration reaches the 2025 mid-term report of the 2023-2027 phase (default configuration).
export const DARES_LAST_YEAR = 2025;
export const SECRET = "s";
export const RAW_DATA = "Brutes";
/** Paris and two of its arrondissements: the rows of a city outside the territory written at the end of the file. */
export const PARIS = "75056";
const PARIS_ARRONDISSEMENTS = ["75101", "75102"];
const PARIS_YEARS = [DARES_LAST_YEAR - 1, DARES_LAST_YEAR];

/** Registered job seekers relative to the 2013 level: peak in 2015-2016, decline after 2019. */
// prettier-ignore
const YEAR_INDEX: Record<number, number> = {
  2011: 0.88, 2012: 0.94, 2013: 1.0, 2014: 1.04, 2015: 1.07, 2016: 1.07, 2017: 1.05,
  2018: 1.02, 2019: 0.98, 2020: 1.01, 2021: 0.96, 2022: 0.91, 2023: 0.9, 2024: 0.92, 2025: 0.95,
};

/** Published value: rounded to 5, secret below 5. */
export function publish(count: number): Cell {
  return count < 5 ? SECRET : Math.round(count / 5) * 5;
}

interface Place {
  code: string;
  nom: string;
  departement: string;
  population: number;
}

/** Municipal arrondissements of a commune (none but for Paris, Lyon, Marseille), with their populations. */
function arrondissementsOf(code: string): Place[] {
  return referenceCommunes()
    .filter((c) => c.type === "arrondissement-municipal" && c.commune === code)
    .map((c) => ({ code: c.code, nom: c.nom, departement: c.departement ?? code.slice(0, 2), population: c.population ?? 0 }));
}

function placeRow(p: Place, year: number, categorie: string, sexe: string, age: string, value: number): Cell[] {
  const region = regionOfDepartement(p.departement);
  return [`${year}-T4`, region.code, region.name, p.departement, departementName(p.departement), p.code, p.nom, RAW_DATA, categorie, sexe, age, publish(Math.round(value))];
}

export function generateDares(territory: Territory): GeneratedFile {
  const labels = labelsOf(territory);
  const rows: Cell[][] = [];
  for (const c of territory.communes) {
    const l = labels.get(c.code)!;
    const population = populationOf(c);
    const rng = rngFor("dares", c.code);
    const arrondissements = arrondissementsOf(c.code);
    const arrondissementPopulation = arrondissements.reduce((s, a) => s + a.population, 0);
    // About 10-12 % of the population in towns, 6-7 % in villages.
    const urban = Math.min(1, Math.log10(Math.max(population, 10)) / Math.log10(50_000));
    const rate = (0.055 + 0.05 * urban ** 2) * rng.lognormal(0.1);
    for (const year of years(DARES_FIRST_YEAR, DARES_LAST_YEAR)) {
      const abc = population * rate * (YEAR_INDEX[year] ?? 1) * rng.lognormal(0.03);
      const shareA = rng.uniform(0.53, 0.6);
      const cityRows: Cell[][] = [];
      for (const [categorie, total] of [["ABC", abc], ["A", abc * shareA]] as const) {
        const men = rng.uniform(0.48, 0.54);
        const young = rng.uniform(0.13, 0.17);
        const senior = 0.24 + 0.005 * (year - DARES_FIRST_YEAR) + rng.uniform(-0.02, 0.02);
        const cells: [string, string, number][] = [
          ["Total", "Total", total],
          ["Hommes", "Total", total * men],
          ["Femmes", "Total", total * (1 - men)],
          ["Total", "Moins de 25 ans", total * young],
          ["Total", "De 25 à 49 ans", total * (1 - young - senior)],
          ["Total", "50 ans et plus", total * senior],
        ];
        for (const [sexe, age, value] of cells) {
          // The producer publishes the city and, before it, each arrondissement's share (the loader keeps the city).
          for (const a of arrondissements) rows.push(placeRow(a, year, categorie, sexe, age, (value * a.population) / arrondissementPopulation));
          cityRows.push([`${year}-T4`, l.regionCode, l.regionName, c.departement, l.departementName, c.code, c.nom, RAW_DATA, categorie, sexe, age, publish(Math.round(value))]);
        }
      }
      rows.push(...cityRows);
    }
  }
  if (!territory.isMember(PARIS)) rows.push(...parisRows());
  return {
    path: "sources/dares-defm-communes.csv",
    source: "dares",
    vintage: `${DARES_FIRST_YEAR}-${DARES_LAST_YEAR}`,
    content: toCsv(DARES_HEADER, rows, { delimiter: ";", bom: true }),
    rows: rows.length,
  };
}

/** Paris outside the territory: two arrondissements then the city, ABC, all sexes and ages, last two years. */
function parisRows(): Cell[][] {
  const paris = referenceCommunes().find((c) => c.code === PARIS)!;
  const city: Place = { code: PARIS, nom: paris.nom, departement: "75", population: paris.population ?? 2_100_000 };
  const arrondissements = arrondissementsOf(PARIS).filter((a) => PARIS_ARRONDISSEMENTS.includes(a.code));
  const rows: Cell[][] = [];
  for (const year of PARIS_YEARS) {
    const rate = 0.09 * (YEAR_INDEX[year] ?? 1);
    for (const a of arrondissements) rows.push(placeRow(a, year, "ABC", "Total", "Total", a.population * rate));
    rows.push(placeRow(city, year, "ABC", "Total", "Total", city.population * rate));
  }
  return rows;
}
