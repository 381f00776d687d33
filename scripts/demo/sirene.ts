// Sirene (geolocated variant): one CSV of establishments per département of the territory.
// Creations per year follow population, with the post-2009 (micro-entrepreneur) and
// post-2019 rises; older establishments are mostly closed by now.
import type { Territory } from "../../src/territory/territory.ts";
import { toCsv, type Cell, type GeneratedFile } from "./csv.ts";
import { communeCentre, populationOf } from "./geo.ts";
import { APE, NAF_V1_CODES, dotted, isIndustry } from "./nomenclature.ts";
import { rngFor, type Random } from "./random.ts";

export const SIRENE_HEADER = [
  "siren", "nic", "siret", "dateCreationEtablissement", "trancheEffectifsEtablissement", "etablissementSiege",
  "codeCommuneEtablissement", "etatAdministratifEtablissement", "activitePrincipaleEtablissement",
  "nomenclatureActivitePrincipaleEtablissement", "caractereEmployeurEtablissement", "dateDebut",
  "longitude", "latitude", "geo_score",
] as const;

export const SIRENE_FIRST_YEAR = 1990;
export const SIRENE_LAST_YEAR = 2023;
/** Extraction date of the stock: later closures are not known yet. */
const STOCK_DATE = "2024-01-01";

/** Creations per 10 000 inhabitants in a year. */
export function creationRate(year: number): number {
  // prettier-ignore
  const recent: Record<number, number> = { 2015: 50, 2016: 52, 2017: 55, 2018: 60, 2019: 65, 2020: 66, 2021: 75, 2022: 78, 2023: 80 };
  if (recent[year] !== undefined) return recent[year];
  if (year >= 2009) return 42;
  if (year >= 2000) return 28;
  return 15;
}

const EMPLOYER_TRANCHES = ["01", "02", "03", "11", "12", "21", "22", "31"] as const;
const TRANCHE_WEIGHTS = [30, 22, 18, 12, 8, 5, 3, 2];

/** Luhn check used by SIREN and SIRET: the last digit completes the sum to a multiple of 10. */
function withLuhnDigit(prefix: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = prefix + d;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let n = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) {
        n *= 2;
        if (n > 9) n -= 9;
      }
      sum += n;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error("unreachable");
}

function isoDate(year: number, dayOfYear: number): string {
  return new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
}

function randomDate(rng: Random, year: number): string {
  const days = year % 4 === 0 ? 366 : 365;
  return isoDate(year, rng.int(0, days - 1));
}

function digits(rng: Random, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

export function generateSirene(territory: Territory): GeneratedFile[] {
  const byDepartement = new Map<string, Cell[][]>();
  const sirens = new Set<string>();
  for (const c of territory.communes) {
    const centre = communeCentre(c);
    for (let year = SIRENE_FIRST_YEAR; year <= SIRENE_LAST_YEAR; year++) {
      const rng = rngFor("sirene", c.code, year);
      const count = rng.poisson((populationOf(c) * creationRate(year)) / 10_000);
      for (let i = 0; i < count; i++) {
        const ape = rng.weighted(APE, (a) => a.creations);
        let siren = "";
        do siren = withLuhnDigit(String(rng.int(3, 9)) + digits(rng, 7));
        while (sirens.has(siren));
        sirens.add(siren);
        const siege = rng.chance(0.85);
        // The NIC's last digit makes the whole SIRET pass the Luhn check.
        const siret = withLuhnDigit(siren + (siege ? "0001" : `00${rng.int(2, 9)}${rng.int(0, 9)}`));
        const nic = siret.slice(9);
        const created = randomDate(rng, year);
        // Closure after an exponential lifetime (mean about 14 years, shorter for non-employers).
        const employer = rng.chance(isIndustry(ape.code) ? 0.5 : 0.2);
        const lifetime = -Math.log(1 - rng.next()) * (employer ? 18 : 11);
        const closedYear = year + Math.floor(lifetime);
        let closingDate = closedYear <= SIRENE_LAST_YEAR ? randomDate(rng, closedYear) : "";
        if (closingDate !== "" && closingDate <= created) closingDate = "";
        if (closingDate >= STOCK_DATE) closingDate = "";
        const closed = closingDate !== "";
        // A handful of establishments closed before NAF rév. 2 (2008) keep a NAF rév. 1 code.
        const oldNomenclature = closed && closedYear < 2008 && rng.chance(0.012);
        const activity = oldNomenclature ? rng.pick(NAF_V1_CODES) : dotted(ape.code);
        const tranche = employer ? EMPLOYER_TRANCHES[rng.weighted([0, 1, 2, 3, 4, 5, 6, 7], (k) => TRANCHE_WEIGHTS[k]!)]! : rng.chance(0.7) ? "NN" : "";
        const laterChange = !closed && rng.chance(0.2) ? randomDate(rng, rng.int(year, SIRENE_LAST_YEAR)) : "";
        const dateDebut = closed ? closingDate : laterChange > created ? laterChange : created;
        let lon: Cell = "";
        let lat: Cell = "";
        let score: Cell = "";
        if (centre && !rng.chance(0.02)) {
          lon = (centre[0] + rng.uniform(-0.015, 0.015)).toFixed(6);
          lat = (centre[1] + rng.uniform(-0.01, 0.01)).toFixed(6);
          score = rng.uniform(0.35, 0.99).toFixed(2);
        }
        // Creation date unknown for a few very old records.
        const creationCell = year < 1995 && rng.chance(0.01) ? "" : created;
        const row: Cell[] = [
          siren, nic, siret, creationCell, tranche, siege ? "true" : "false", c.code, closed ? "F" : "A",
          activity, oldNomenclature ? "NAFv1" : "NAFv2", employer && !closed ? "O" : "N", dateDebut, lon, lat, score,
        ];
        const list = byDepartement.get(c.departement) ?? [];
        list.push(row);
        byDepartement.set(c.departement, list);
      }
    }
  }
  return [...byDepartement.keys()].sort().map((dep) => {
    const rows = byDepartement.get(dep)!.sort((a, b) => String(a[2]).localeCompare(String(b[2])));
    return {
      path: `sources/sirene-etablissements-${dep}.csv`,
      source: "sirene" as const,
      vintage: STOCK_DATE,
      content: toCsv(SIRENE_HEADER, rows, { delimiter: "," }),
      rows: rows.length,
    };
  });
}
