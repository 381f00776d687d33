// Cerema: consumption of natural, agricultural and forest land (ENAF) by commune, in m², in the shape of the
// producer's 2025 vintage: `,` separator, values written `7351.0`, identification then one group per annual flow
// (`naf11art12`, then its destinations `art11hab12`, `art11act12`, `art11inc12`, `art11mix12`, `art11fer12`,
// `art11rou12`), then cumulative groups over the window, since 2011 to 2021 and since 2021, then populations,
// the commune's surface and its share consumed. Towns consume every year; villages often nothing; consumption
// falls after 2021 (Climate and Resilience law). As in the producer's files, a few destination cells hold the
// rounding residual `-1.0` (in `inc`), the other destinations of the year making up for it.
// The demo keeps its window 2011-2023 (the other sources end in 2023); the producer's classification columns
// (aav2020, littoral, montagne_urba, abc...) are left empty and households/jobs columns are not written.
import type { Territory } from "../../territory/territory.ts";
import { toCsv, years, type Cell, type GeneratedFile } from "../demo/csv.ts";
import { labelsOf, populationOf } from "../demo/geo.ts";
import { rngFor } from "../demo/random.ts";

export const CEREMA_FIRST_YEAR = 2011;
export const CEREMA_LAST_YEAR = 2023;
/** First year of the ZAN period: the producer publishes the consumption before and since it. */
const ZAN_START = 2021;

/** Destinations in the order of the 2025 vintage, with their usual share of the flow. */
const DESTINATIONS = [
  ["hab", 0.6],
  ["act", 0.25],
  ["inc", 0.065],
  ["mix", 0.03],
  ["fer", 0.005],
  ["rou", 0.05],
] as const;
type Destination = (typeof DESTINATIONS)[number][0];
const SHARES = Object.fromEntries(DESTINATIONS) as Record<Destination, number>;
/** Order in which the shares are drawn (the order of the earlier demo files, so that the figures stay the same). */
const DRAW_ORDER: readonly Destination[] = ["act", "hab", "mix", "rou", "fer", "inc"];

const yy = (y: number) => String(y % 100).padStart(2, "0");
const IDENTIFICATION = [
  "idcom", "idcomtxt", "idreg", "idregtxt", "iddep", "iddeptxt", "epci25", "epci25txt", "scot",
  "aav2020", "libaav2020", "cateaav2020", "taav2017", "tdaav2017", "littoral", "montagne_urba", "abc", "libdens_aav",
];

/** `naf11art12, art11hab12, ..., art11rou12`: a flow from 1 January of `from` to 1 January of `to`, and its destinations. */
const group = (from: number, to: number) => [`naf${yy(from)}art${yy(to)}`, ...DESTINATIONS.map(([d]) => `art${yy(from)}${d}${yy(to)}`)];

/** The periods of the cumulative groups: the whole window, the ten reference years, the years since 2021. */
function periods(first: number, last: number): [number, number][] {
  return [[first, last + 1], [first, ZAN_START], [ZAN_START, last + 1]];
}

export function ceremaHeader(first = CEREMA_FIRST_YEAR, last = CEREMA_LAST_YEAR): string[] {
  const ys = years(first, last);
  return [
    ...IDENTIFICATION,
    ...ys.flatMap((y) => group(y, y + 1)),
    ...periods(first, last).flatMap(([a, b]) => group(a, b)),
    `pop${yy(first)}`, "pop16", "pop22", `pop${yy(first)}16`, "pop1622", `pop${yy(first)}22`,
    `surfcom${last + 1}`, `artcom${yy(first)}${yy(last + 1)}`,
  ];
}

/** A value in m² as the 2025 vintage writes it: `7351.0`; unknown stays empty. */
const m2 = (v: number | null): Cell => (v === null ? "" : v.toFixed(1));

/** Yearly index of consumption: slow decline, then the post-2021 drop (newest year provisional). */
function yearIndex(year: number): number {
  if (year >= 2021) return { 2021: 0.8, 2022: 0.7 }[year] ?? 0.6;
  return 1.1 - 0.02 * (year - CEREMA_FIRST_YEAR);
}

export function generateCerema(territory: Territory): GeneratedFile {
  const labels = labelsOf(territory);
  const ys = years(CEREMA_FIRST_YEAR, CEREMA_LAST_YEAR);
  const rows: Cell[][] = [];
  for (const c of territory.communes) {
    const l = labels.get(c.code)!;
    const rng = rngFor("cerema", c.code);
    const residuals = rngFor("cerema-residu", c.code);
    const population = populationOf(c);
    const hectaresPerYear = 0.03 * population ** 0.35;
    const zeroChance = Math.max(0.05, 0.9 - 0.2 * Math.log10(Math.max(population, 10)));
    // Per year: the total and its destinations in file order, null when not computed (unknown, not zero).
    const flows = new Map<number, { total: number; parts: number[] } | null>();
    for (const y of ys) {
      if (rng.chance(0.005)) {
        flows.set(y, null);
        continue;
      }
      const flow = rng.chance(zeroChance) ? 0 : Math.round(((hectaresPerYear * 10_000) / (1 - zeroChance)) * yearIndex(y) * rng.lognormal(0.7));
      const weights = DRAW_ORDER.map((d) => SHARES[d] * rng.lognormal(0.6));
      const weightSum = weights.reduce((a, b) => a + b, 0);
      const drawn = weights.map((w) => Math.floor((flow * w) / weightSum));
      // Rounding remainder goes to the largest destination so that destinations add up to the flow.
      const largest = drawn.indexOf(Math.max(...drawn));
      drawn[largest]! += flow - drawn.reduce((a, b) => a + b, 0);
      // The producer's rounding residual: `inc` at -1, the largest destination making up for it.
      if (flow > 0 && residuals.chance(0.01)) {
        drawn[largest]! += drawn[DRAW_ORDER.indexOf("inc")]! + 1;
        drawn[DRAW_ORDER.indexOf("inc")] = -1;
      }
      flows.set(y, { total: flow, parts: DESTINATIONS.map(([d]) => drawn[DRAW_ORDER.indexOf(d)]!) });
    }
    const sumOver = (from: number, to: number): (number | null)[] => {
      const span = ys.filter((y) => y >= from && y < to).map((y) => flows.get(y));
      if (span.some((f) => f === null)) return DESTINATIONS.map(() => null).concat([null]);
      const total = span.reduce((s, f) => s + f!.total, 0);
      return [total, ...DESTINATIONS.map((_, i) => span.reduce((s, f) => s + f!.parts[i]!, 0))];
    };
    const pop22 = Math.round(population * rng.uniform(0.99, 1.02));
    const pop16 = Math.round(pop22 * rng.uniform(0.98, 1.04));
    const pop11 = Math.round(pop16 * rng.uniform(0.98, 1.04));
    const surface = Math.round(rng.uniform(4, 25) * 1_000_000 * Math.max(1, Math.sqrt(population / 5000)));
    const whole = sumOver(CEREMA_FIRST_YEAR, CEREMA_LAST_YEAR + 1);
    rows.push([
      c.code, c.nom, l.regionCode, l.regionName, c.departement, l.departementName, c.epci, l.epciName, "",
      "", "", "", "", "", "", "", "", "",
      ...ys.flatMap((y) => {
        const f = flows.get(y);
        return f ? [m2(f.total), ...f.parts.map(m2)] : DESTINATIONS.map(() => "").concat([""]);
      }),
      ...periods(CEREMA_FIRST_YEAR, CEREMA_LAST_YEAR).flatMap(([a, b]) => sumOver(a, b).map(m2)),
      pop11, pop16, pop22, pop16 - pop11, pop22 - pop16, pop22 - pop11,
      m2(surface), whole[0] === null ? "" : ((whole[0]! / surface) * 100).toFixed(2),
    ]);
  }
  return {
    path: `sources/conso_com_${CEREMA_FIRST_YEAR}_${CEREMA_LAST_YEAR}.csv`,
    source: "cerema",
    vintage: `${CEREMA_FIRST_YEAR}-${CEREMA_LAST_YEAR}`,
    content: toCsv(ceremaHeader(), rows, { delimiter: "," }),
    rows: rows.length,
  };
}
