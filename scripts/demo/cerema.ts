// Cerema: consumption of natural, agricultural and forest land (ENAF) by commune, in m²,
// one column per annual flow and per destination. Towns consume every year; villages often
// nothing; consumption falls after 2021 (Climate and Resilience law).
import type { Territory } from "../../src/territory/territory.ts";
import { toCsv, years, type Cell, type GeneratedFile } from "./csv.ts";
import { labelsOf, populationOf } from "./geo.ts";
import { rngFor } from "./random.ts";

export const CEREMA_FIRST_YEAR = 2011;
export const CEREMA_LAST_YEAR = 2023;

/** Destinations in the order of the file, with their usual share of the flow. */
const DESTINATIONS = [
  ["act", 0.25],
  ["hab", 0.6],
  ["mix", 0.03],
  ["rou", 0.05],
  ["fer", 0.005],
  ["inc", 0.065],
] as const;

const yy = (y: number) => String(y % 100).padStart(2, "0");

export function ceremaHeader(first = CEREMA_FIRST_YEAR, last = CEREMA_LAST_YEAR): string[] {
  const ys = years(first, last);
  const window = `${yy(first)}${yy(last + 1)}`;
  return [
    "idcom", "idcomtxt", "idreg", "idregtxt", "iddep", "iddeptxt", "epci23", "epci23txt", "scot",
    ...ys.map((y) => `naf${yy(y)}art${yy(y + 1)}`),
    ...DESTINATIONS.flatMap(([d]) => ys.map((y) => `art${yy(y)}${d}${yy(y + 1)}`)),
    `nafart${window}`, "artcom2020", "pop13", "pop19",
  ];
}

/** Yearly index of consumption: slow decline, then the post-2021 drop (newest year provisional). */
function yearIndex(year: number): number {
  if (year >= 2021) return { 2021: 0.8, 2022: 0.7 }[year] ?? 0.6;
  return 1.1 - 0.02 * (year - CEREMA_FIRST_YEAR);
}

export function generateCerema(territory: Territory): GeneratedFile {
  const labels = labelsOf(territory);
  const ys = years(CEREMA_FIRST_YEAR, CEREMA_LAST_YEAR);
  const maxPopulation = Math.max(...territory.communes.map(populationOf));
  const rows: Cell[][] = [];
  for (const c of territory.communes) {
    const l = labels.get(c.code)!;
    const rng = rngFor("cerema", c.code);
    const population = populationOf(c);
    const hectaresPerYear = 0.03 * population ** 0.35;
    const zeroChance = Math.max(0.05, 0.9 - 0.2 * Math.log10(Math.max(population, 10)));
    const flows: Cell[] = [];
    const byDestination: Cell[][] = DESTINATIONS.map(() => []);
    let total = 0;
    let missing = false;
    for (const y of ys) {
      if (rng.chance(0.005)) {
        // Not computed for this year: unknown, not zero.
        missing = true;
        flows.push("");
        byDestination.forEach((list) => list.push(""));
        continue;
      }
      const flow = rng.chance(zeroChance) ? 0 : Math.round(((hectaresPerYear * 10_000) / (1 - zeroChance)) * yearIndex(y) * rng.lognormal(0.7));
      const weights = DESTINATIONS.map(([, share]) => share * rng.lognormal(0.6));
      const weightSum = weights.reduce((a, b) => a + b, 0);
      const parts = weights.map((w) => Math.floor((flow * w) / weightSum));
      // Rounding remainder goes to the largest destination so that destinations add up to the flow.
      const largest = parts.indexOf(Math.max(...parts));
      parts[largest]! += flow - parts.reduce((a, b) => a + b, 0);
      flows.push(flow);
      parts.forEach((p, i) => byDestination[i]!.push(p));
      total += flow;
    }
    const pop19 = Math.round(population * rng.uniform(0.99, 1.02));
    const pop13 = Math.round(pop19 * rng.uniform(0.98, 1.06));
    const artificialised = (1.5 + 14 * Math.sqrt(population / maxPopulation) + rng.uniform(0, 3)).toFixed(2);
    rows.push([
      c.code, c.nom, l.regionCode, l.regionName, c.departement, l.departementName, c.epci, l.epciName, "",
      ...flows, ...byDestination.flat(), missing ? "" : total, artificialised, pop13, pop19,
    ]);
  }
  return {
    path: `sources/conso_com_${CEREMA_FIRST_YEAR}_${CEREMA_LAST_YEAR}.csv`,
    source: "cerema",
    vintage: `${CEREMA_FIRST_YEAR}-${CEREMA_LAST_YEAR}`,
    content: toCsv(ceremaHeader(), rows, { delimiter: ";" }),
    rows: rows.length,
  };
}
