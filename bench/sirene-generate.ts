// Deterministic national-size Sirene stock (INSEE StockEtablissement, the 54 columns of the 2025 stock in the
// producer's order, ../shared/data/real/sirene/) for the ingestion benchmark, as CSV and as Parquet. Real commune
// codes (current communes, municipal arrondissements for Paris, Lyon and Marseille, a few codes of merged communes)
// drawn by population, the demonstration's NAF codes, invented establishments, and the stock's quirks in realistic
// shares: establishments abroad, a few without any location (rejected), partly non-diffusible rows with `[ND]`
// fields, older nomenclatures, missing creation dates. Each record is one line, as in INSEE's file. The same seed
// and size give the same bytes on every machine.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { DuckDBInstance } from "@duckdb/node-api";
import { cog } from "../src/geography/cog.ts";
import { referenceCommunes } from "../src/io/reference.ts";
import { sqlString } from "../src/db/sql-literals.ts";
import { APE } from "../src/sources/demo/nomenclature.ts";
import { STOCK_COLUMNS } from "../src/sources/sirene/demo.ts";
import { Random } from "../src/sources/demo/random.ts";

export const DEFAULT_SIRENE_ROWS = 5_000_000;
export const DEFAULT_SIRENE_SEED = "bench-sirene-v1";
/** Bumped whenever the generator's output changes, so that a cached file of an older version is not reused. */
export const SIRENE_GENERATOR_VERSION = 1;
/** The newest dateDernierTraitementEtablissement of the stock (written on the last row): its vintage. */
export const STOCK_TREATED = "2025-12-06T04:18:17";

/** INSEE's 54 columns of StockEtablissement, in the producer's order (those of the demonstration files). */
export const SIRENE_HEADER: readonly string[] = STOCK_COLUMNS;

/** Shares of the stock's quirks (of all rows). */
const ABROAD = 0.004;
const NOWHERE = 0.0005;
const PARTLY_DIFFUSIBLE = 0.03;
const OLD_COMMUNE_CODE = 0.002;
const NO_CREATION_DATE = 0.08;
const OLDER_NOMENCLATURES: readonly [string, string, number][] = [["NAFRev1", "28.1A", 0.05], ["NAF1993", "70.2C", 0.03], ["NAP", "22.02", 0.05]];
const NO_ACTIVITY = 0.01;
const STREETS = ["RUE DE LA REPUBLIQUE", "AVENUE JEAN JAURES", "RUE DU GENERAL DE GAULLE", "PLACE DE LA MAIRIE", "RUE PASTEUR", "ZONE INDUSTRIELLE"];
const STREET_TYPES = ["RUE", "AV", "PL", "BD", "CHE", "ZI"];
const SIGNS = ["BOULANGERIE DU CENTRE", "GARAGE MODERNE", "LE \"\"PETIT\"\" ATELIER", "", "", "", "", ""];

interface Place {
  code: string;
  nom: string;
  weight: number;
}

/** Where establishments are: communes weighted by population (arrondissements instead of Paris, Lyon, Marseille). */
function places(): { list: Place[]; cumulative: Float64Array; oldCodes: string[] } {
  const all = referenceCommunes();
  const withArrondissements = new Set(all.filter((c) => c.type === "arrondissement-municipal" && c.commune).map((c) => c.commune!));
  const list = all
    .filter((c) => (c.type === "commune-actuelle" && !withArrondissements.has(c.code)) || c.type === "arrondissement-municipal")
    .map((c) => ({ code: c.code, nom: c.nom, weight: Math.max(c.population ?? 0, 50) }));
  const cumulative = new Float64Array(list.length);
  let sum = 0;
  list.forEach((p, i) => (cumulative[i] = sum += p.weight));
  for (let i = 0; i < cumulative.length; i++) cumulative[i]! /= sum;
  return { list, cumulative, oldCodes: [...cog().oldToCurrent.keys()].sort() };
}

function pick(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const isoDay = (rng: Random, first: number, last: number) => `${rng.int(first, last)}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`;
const csvCell = (v: string) => (v.includes(",") || v.includes('"') ? `"${v}"` : v);

export interface GeneratedStock {
  rows: number;
  bytes: number;
}

/** Writes the CSV stock (streamed: 5 million rows are about a gigabyte). */
export async function writeSireneStock(file: string, rows: number, seed: string): Promise<GeneratedStock> {
  const { list, cumulative, oldCodes } = places();
  const naf = APE.map((a) => `${a.code.slice(0, 2)}.${a.code.slice(2)}`);
  const rng = new Random(seed);
  const out = createWriteStream(file);
  let bytes = 0;
  let buffer = `${SIRENE_HEADER.join(",")}\n`;
  const flush = async () => {
    bytes += Buffer.byteLength(buffer);
    if (!out.write(buffer)) await once(out, "drain");
    buffer = "";
  };
  const index = Object.fromEntries(SIRENE_HEADER.map((h, i) => [h, i]));
  for (let i = 0; i < rows; i++) {
    const cells: string[] = new Array<string>(SIRENE_HEADER.length).fill("");
    const set = (column: string, value: string) => (cells[index[column]!] = value);
    const siren = pad(100_000_000 + i, 9);
    const nic = pad(10 + rng.int(0, 9), 5);
    set("siren", siren);
    set("nic", nic);
    set("siret", siren + nic);
    const partly = rng.chance(PARTLY_DIFFUSIBLE);
    set("statutDiffusionEtablissement", partly ? "P" : "O");
    set("dateCreationEtablissement", rng.chance(NO_CREATION_DATE) ? "" : partly && rng.chance(0.1) ? "[ND]" : isoDay(rng, 1950, 2025));
    set("trancheEffectifsEtablissement", rng.chance(0.7) ? "NN" : pad(rng.int(0, 53), 2));
    set("dateDernierTraitementEtablissement", i === rows - 1 ? STOCK_TREATED : `${isoDay(rng, 2015, 2024)}T${pad(rng.int(0, 23), 2)}:${pad(rng.int(0, 59), 2)}:00`);
    set("etablissementSiege", rng.chance(0.3) ? "true" : "false");
    set("nombrePeriodesEtablissement", String(rng.int(1, 6)));
    const where = rng.next();
    if (where < ABROAD) {
      set("libelleCommuneEtrangerEtablissement", "BRUXELLES");
      set("codePaysEtrangerEtablissement", "99131");
      set("libellePaysEtrangerEtablissement", "BELGIQUE");
    } else if (where >= ABROAD + NOWHERE) {
      const place = list[pick(cumulative, rng.next())]!;
      const code = rng.chance(OLD_COMMUNE_CODE) ? oldCodes[rng.int(0, oldCodes.length - 1)]! : place.code;
      set("codeCommuneEtablissement", partly && rng.chance(0.02) ? "[ND]" : code);
      set("libelleCommuneEtablissement", partly ? "[ND]" : place.nom.toUpperCase().replaceAll(",", ""));
      set("codePostalEtablissement", partly ? "[ND]" : `${code.slice(0, 2)}${pad(rng.int(0, 999), 3)}`);
      set("numeroVoieEtablissement", partly ? "[ND]" : String(rng.int(1, 120)));
      set("typeVoieEtablissement", partly ? "[ND]" : STREET_TYPES[rng.int(0, STREET_TYPES.length - 1)]!);
      set("libelleVoieEtablissement", partly ? "[ND]" : STREETS[rng.int(0, STREETS.length - 1)]!);
      set("identifiantAdresseEtablissement", partly ? "[ND]" : `${code}_${pad(rng.int(0, 9999), 4)}`);
      set("coordonneeLambertAbscisseEtablissement", partly ? "[ND]" : String(rng.int(100000, 1200000)));
      set("coordonneeLambertOrdonneeEtablissement", partly ? "[ND]" : String(rng.int(6000000, 7100000)));
    }
    set("dateDebut", isoDay(rng, 2000, 2025));
    set("etatAdministratifEtablissement", rng.chance(0.45) ? "A" : "F");
    set("enseigne1Etablissement", SIGNS[rng.int(0, SIGNS.length - 1)]!);
    const activity = rng.next();
    let threshold = NO_ACTIVITY;
    if (activity >= threshold) {
      let older: [string, string, number] | undefined;
      for (const o of OLDER_NOMENCLATURES) {
        threshold += o[2];
        if (activity < threshold) {
          older = o;
          break;
        }
      }
      if (older) {
        set("activitePrincipaleEtablissement", older[1]);
        set("nomenclatureActivitePrincipaleEtablissement", older[0]);
      } else {
        const code = naf[rng.int(0, naf.length - 1)]!;
        set("activitePrincipaleEtablissement", code);
        set("nomenclatureActivitePrincipaleEtablissement", "NAFRev2");
        set("activitePrincipaleNAF25Etablissement", `${code.slice(0, 5)}Y`);
      }
    }
    set("caractereEmployeurEtablissement", rng.chance(0.2) ? "O" : "N");
    buffer += `${cells.map(csvCell).join(",")}\n`;
    if (buffer.length > 1 << 20) await flush();
  }
  await flush();
  out.end();
  await once(out, "finish");
  return { rows, bytes };
}

/** The same stock as Parquet (every column text, INSEE's column names), written by DuckDB from the CSV. */
export async function writeSireneParquet(csv: string, parquet: string): Promise<number> {
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  const columns = SIRENE_HEADER.map((h) => `${sqlString(h)}: 'VARCHAR'`).join(", ");
  await db.run(`COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns}}))
    TO ${sqlString(parquet)} (FORMAT parquet, COMPRESSION zstd)`);
  db.closeSync();
  instance.closeSync();
  return (await stat(parquet)).size;
}
