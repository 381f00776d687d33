// Sirene (geolocated variant): one CSV of establishments per département of the territory, written like INSEE's
// StockEtablissement of 2025 (its 54 columns in the producer's order, `NAFRev2`, the NAF 2025 column,
// dateDernierTraitementEtablissement, `[ND]` fields on partly non-diffusible establishments) followed by the
// geolocation columns. Creations per year follow population, with the post-2009 (micro-entrepreneur) and post-2019
// rises; older establishments are mostly closed by now.
import type { Territory } from "../../territory/territory.ts";
import { toCsv, type Cell, type GeneratedFile } from "../demo/csv.ts";
import { communeCentre, populationOf, postalCode, upperAscii } from "../demo/geo.ts";
import { APE, NAF_V1_CODES, NAP_CODES, dotted, isIndustry } from "../demo/nomenclature.ts";
import { rngFor, type Random } from "../demo/random.ts";

/** The columns of INSEE's StockEtablissement (December 2025), in its order. */
export const STOCK_COLUMNS = [
  "siren", "nic", "siret", "statutDiffusionEtablissement", "dateCreationEtablissement", "trancheEffectifsEtablissement",
  "anneeEffectifsEtablissement", "activitePrincipaleRegistreMetiersEtablissement", "dateDernierTraitementEtablissement",
  "etablissementSiege", "nombrePeriodesEtablissement", "complementAdresseEtablissement", "numeroVoieEtablissement",
  "indiceRepetitionEtablissement", "dernierNumeroVoieEtablissement", "indiceRepetitionDernierNumeroVoieEtablissement",
  "typeVoieEtablissement", "libelleVoieEtablissement", "codePostalEtablissement", "libelleCommuneEtablissement",
  "libelleCommuneEtrangerEtablissement", "distributionSpecialeEtablissement", "codeCommuneEtablissement",
  "codeCedexEtablissement", "libelleCedexEtablissement", "codePaysEtrangerEtablissement", "libellePaysEtrangerEtablissement",
  "identifiantAdresseEtablissement", "coordonneeLambertAbscisseEtablissement", "coordonneeLambertOrdonneeEtablissement",
  "complementAdresse2Etablissement", "numeroVoie2Etablissement", "indiceRepetition2Etablissement", "typeVoie2Etablissement",
  "libelleVoie2Etablissement", "codePostal2Etablissement", "libelleCommune2Etablissement", "libelleCommuneEtranger2Etablissement",
  "distributionSpeciale2Etablissement", "codeCommune2Etablissement", "codeCedex2Etablissement", "libelleCedex2Etablissement",
  "codePaysEtranger2Etablissement", "libellePaysEtranger2Etablissement", "dateDebut", "etatAdministratifEtablissement",
  "enseigne1Etablissement", "enseigne2Etablissement", "enseigne3Etablissement", "denominationUsuelleEtablissement",
  "activitePrincipaleEtablissement", "nomenclatureActivitePrincipaleEtablissement", "caractereEmployeurEtablissement",
  "activitePrincipaleNAF25Etablissement",
] as const;

export const SIRENE_HEADER = [...STOCK_COLUMNS, "longitude", "latitude", "geo_score"] as const;
type SireneColumn = (typeof SIRENE_HEADER)[number];

/**
 * The fields INSEE writes `[ND]` on a partly non-diffusible establishment (statutDiffusionEtablissement = P), as seen
 * in the December 2025 stock: the address but the commune, and the signs. Not the fields the indicators read.
 */
const NOT_DIFFUSIBLE_COLUMNS: readonly SireneColumn[] = [
  "complementAdresseEtablissement", "numeroVoieEtablissement", "indiceRepetitionEtablissement", "dernierNumeroVoieEtablissement",
  "indiceRepetitionDernierNumeroVoieEtablissement", "typeVoieEtablissement", "libelleVoieEtablissement", "codePostalEtablissement",
  "distributionSpecialeEtablissement", "codeCedexEtablissement", "libelleCedexEtablissement", "identifiantAdresseEtablissement",
  "coordonneeLambertAbscisseEtablissement", "coordonneeLambertOrdonneeEtablissement", "complementAdresse2Etablissement",
  "numeroVoie2Etablissement", "indiceRepetition2Etablissement", "typeVoie2Etablissement", "libelleVoie2Etablissement",
  "codePostal2Etablissement", "distributionSpeciale2Etablissement", "codeCedex2Etablissement", "libelleCedex2Etablissement",
  "enseigne1Etablissement", "enseigne2Etablissement", "enseigne3Etablissement", "denominationUsuelleEtablissement",
];

const STREET_TYPES = ["RUE", "RUE", "RUE", "AVENUE", "PLACE", "BOULEVARD", "ROUTE", "CHEMIN"] as const;
const STREET_NAMES = ["DE LA REPUBLIQUE", "JEAN JAURES", "DU GENERAL DE GAULLE", "DE PARIS", "DE LA GARE", "VICTOR HUGO", "PASTEUR", "DES ECOLES", "DU MOULIN", "D'ISLE"] as const;

export const DEMO_FIRST_YEAR = 1990;
export const DEMO_LAST_YEAR = 2023;
/** Extraction date of the stock: later closures are not known yet; the last treatments are of the days before. */
const STOCK_DATE = "2024-01-05";
/** The stock's vintage as the loader reads it: the month of its newest dateDernierTraitementEtablissement. */
export const SIRENE_VINTAGE = STOCK_DATE.slice(0, 7);

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

const two = (n: number) => String(n).padStart(2, "0");

/**
 * dateDernierTraitementEtablissement: a moment between the last event of the establishment and the stock's
 * extraction; one in twenty was treated in the last days before it (INSEE treats the register every day).
 */
function lastTreatment(rng: Random, lastEvent: string): string {
  const end = Date.UTC(2024, 0, 4, 23, 59, 59);
  const start = Math.min(Date.parse(`${lastEvent}T00:00:00Z`), end);
  const from = rng.chance(0.05) ? Math.max(start, Date.UTC(2024, 0, 1)) : start;
  const t = new Date(from + Math.floor(rng.next() * (end - from)));
  return `${t.toISOString().slice(0, 10)}T${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}`;
}

/**
 * The nomenclature of an establishment closed before NAF rév. 2 (2008): the one in force when it closed, NAP before
 * 1993, NAF 1993 until 2002, NAF rév. 1 until 2007 (INSEE did not recode closed establishments).
 */
function olderNomenclature(closedYear: number): { nomenclature: string; codes: readonly string[] } {
  if (closedYear < 1993) return { nomenclature: "NAP", codes: NAP_CODES };
  if (closedYear < 2003) return { nomenclature: "NAF1993", codes: NAF_V1_CODES };
  return { nomenclature: "NAFRev1", codes: NAF_V1_CODES };
}

export function generateSirene(territory: Territory): GeneratedFile[] {
  const byDepartement = new Map<string, Cell[][]>();
  const sirens = new Set<string>();
  for (const c of territory.communes) {
    const centre = communeCentre(c);
    const communeLabel = upperAscii(c.nom);
    const postal = postalCode(c.code);
    for (let year = DEMO_FIRST_YEAR; year <= DEMO_LAST_YEAR; year++) {
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
        let closingDate = closedYear <= DEMO_LAST_YEAR ? randomDate(rng, closedYear) : "";
        if (closingDate !== "" && closingDate <= created) closingDate = "";
        if (closingDate >= STOCK_DATE) closingDate = "";
        const closed = closingDate !== "";
        // A handful of establishments closed before NAF rév. 2 (2008) keep the code of the nomenclature of their time.
        const older = closed && closedYear < 2008 && rng.chance(0.012) ? olderNomenclature(closedYear) : null;
        let activity = older ? rng.pick(older.codes) : dotted(ape.code);
        const tranche = employer ? EMPLOYER_TRANCHES[rng.weighted([0, 1, 2, 3, 4, 5, 6, 7], (k) => TRANCHE_WEIGHTS[k]!)]! : rng.chance(0.7) ? "NN" : "";
        const laterChange = !closed && rng.chance(0.2) ? randomDate(rng, rng.int(year, DEMO_LAST_YEAR)) : "";
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

        // What the 2025 stock adds, drawn from a generator of its own so that the draws above (and the figures they
        // give) stay those of earlier demonstration data.
        const stock = rngFor("sirene-stock", siret);
        let nomenclature = older ? older.nomenclature : "NAFRev2";
        // A few old records have no activity at all, nor nomenclature (as in the real stock).
        if (older && stock.chance(0.15)) activity = nomenclature = "";
        const partlyDiffusible = stock.chance(0.03);
        const employerTranche = tranche !== "" && tranche !== "NN";
        const values: Partial<Record<SireneColumn, Cell>> = {
          siren, nic, siret,
          statutDiffusionEtablissement: partlyDiffusible ? "P" : "O",
          dateCreationEtablissement: creationCell,
          trancheEffectifsEtablissement: tranche,
          // The year of the headcount: two years before the stock for active establishments (2023 in the December 2025 stock).
          anneeEffectifsEtablissement: employerTranche ? String(closed ? Math.max(year, closedYear - 1) : DEMO_LAST_YEAR - 2) : "",
          dateDernierTraitementEtablissement: lastTreatment(stock, dateDebut),
          etablissementSiege: siege ? "true" : "false",
          nombrePeriodesEtablissement: 1 + (closed ? 1 : 0) + (laterChange > created ? 1 : 0),
          numeroVoieEtablissement: stock.int(1, 120),
          typeVoieEtablissement: stock.pick(STREET_TYPES),
          libelleVoieEtablissement: stock.pick(STREET_NAMES),
          codePostalEtablissement: postal,
          libelleCommuneEtablissement: communeLabel,
          codeCommuneEtablissement: c.code,
          dateDebut,
          etatAdministratifEtablissement: closed ? "F" : "A",
          activitePrincipaleEtablissement: activity,
          nomenclatureActivitePrincipaleEtablissement: nomenclature,
          caractereEmployeurEtablissement: employer && !closed ? "O" : "N",
          // INSEE gives the NAF 2025 code of active establishments. Invented here: the NAF rév. 2 class followed by Y
          // (the letter of NAF 2025 classes that have a single sub-class), not the official correspondence.
          activitePrincipaleNAF25Etablissement: !closed && nomenclature === "NAFRev2" ? `${activity.slice(0, 5)}Y` : "",
          // Hidden addresses are not geolocated.
          longitude: partlyDiffusible ? "" : lon,
          latitude: partlyDiffusible ? "" : lat,
          geo_score: partlyDiffusible ? "" : score,
        };
        if (partlyDiffusible) for (const column of NOT_DIFFUSIBLE_COLUMNS) values[column] = "[ND]";
        const row: Cell[] = SIRENE_HEADER.map((column) => values[column] ?? "");
        const list = byDepartement.get(c.departement) ?? [];
        list.push(row);
        byDepartement.set(c.departement, list);
      }
    }
  }
  const siretColumn = SIRENE_HEADER.indexOf("siret");
  return [...byDepartement.keys()].sort().map((dep) => {
    const rows = byDepartement.get(dep)!.sort((a, b) => String(a[siretColumn]).localeCompare(String(b[siretColumn])));
    return {
      path: `sources/sirene-etablissements-${dep}.csv`,
      source: "sirene" as const,
      vintage: SIRENE_VINTAGE,
      content: toCsv(SIRENE_HEADER, rows, { delimiter: "," }),
      rows: rows.length,
    };
  });
}
