// Vocational schools (Ministry of Education): pupils by school x MEF x rentrée, in a few
// invented schools of the territory's largest communes. Written with the field names of the real
// Opendatasoft export (notes/formats.md); the MEF grouping columns `mef_bcp_6*` are not written (their
// values are not documented here and no reader uses them).
import type { Commune, Territory } from "../../territory/territory.ts";
import { toCsv, years, type Cell, type GeneratedFile } from "../demo/csv.ts";
import { academie, populationOf, postalCode, upperAscii } from "../demo/geo.ts";
import { FORMATIONS, SECONDE_FAMILLES, type Formation } from "../demo/nomenclature.ts";
import { hashString, rngFor, type Random } from "../demo/random.ts";

// prettier-ignore
export const LYCEES_HEADER = [
  "rentree_scolaire", "academie_2020_lib_l", "code_departement", "numero_d_etablissement", "patronyme",
  "secteur_d_enseignement_lib_l", "commune_d_implantation", "commune_d_implantation_lib_l", "code_postal",
  "mef_bcp_11", "mef_bcp_11_lib_l", "nombre_d_eleves_total", "nombre_d_eleves_filles", "nombre_d_eleves_garcons",
] as const;
// Indices of the row cells that are rewritten after the row is built.
const MEF = LYCEES_HEADER.indexOf("mef_bcp_11");
const TOTAL = LYCEES_HEADER.indexOf("nombre_d_eleves_total");
const GIRLS = LYCEES_HEADER.indexOf("nombre_d_eleves_filles");
const BOYS = LYCEES_HEADER.indexOf("nombre_d_eleves_garcons");
export const LYCEES_FIRST_YEAR = 2011;
export const LYCEES_LAST_YEAR = 2023;
/** Year from which the first year of bac pro is organised by "famille de métiers". */
const FAMILLES_FROM = 2019;
const PATRONYMES = ["CONDORCET", "MARIE CURIE", "JULES VERNE", "GUSTAVE EIFFEL", "LOUISE MICHEL", "JEAN JAURES", "PIERRE DE COUBERTIN", "FRANCOISE DOLTO"];
const UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";

interface School {
  uai: string;
  commune: Commune;
  patronyme: string;
  secteur: "Public" | "Privé";
  formations: Formation[];
}

/** UAI: 3-digit département, 4 digits, and the check letter (number modulo 23). */
export function uai(departement: string, number: number): string {
  const digits = `${departement.padStart(3, "0")}${String(number).padStart(4, "0")}`;
  return digits + UAI_LETTERS[Number(digits) % 23];
}

/** Seven schools: three in the largest commune, one in each of the next four (towns of 2 000+). */
function schools(territory: Territory): School[] {
  const towns = [...territory.communes].sort((a, b) => populationOf(b) - populationOf(a) || a.code.localeCompare(b.code));
  const sites: Commune[] = [];
  towns.forEach((c, i) => {
    if (i === 0) sites.push(c, c, c);
    else if (i <= 4 && populationOf(c) >= 2000) sites.push(c);
  });
  const used = new Set<string>();
  return sites.map((commune, i) => {
    const rng = rngFor("lycees", commune.code, i);
    let code = "";
    do code = uai(commune.departement, 9000 + rng.int(0, 999));
    while (used.has(code));
    used.add(code);
    // Alternate industrial and tertiary profiles; each school teaches 4 to 6 diplomas.
    const industrial = i % 2 === 0;
    const pool = FORMATIONS.filter((f) => f.industry === industrial || rng.chance(0.25));
    const formations = shuffle(rng, pool).slice(0, rng.int(4, 6)).sort((a, b) => a.speciality.localeCompare(b.speciality));
    return { uai: code, commune, patronyme: PATRONYMES[i % PATRONYMES.length]!, secteur: i === 2 ? "Privé" : "Public", formations };
  });
}

function shuffle<T>(rng: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function labelOf(f: Formation, year: number): string {
  return f.renamed && year >= f.renamed.from ? f.renamed.label : f.label;
}

/** The classes of one diploma in one rentrée: [MEF code, MEF label, relative size]. */
function classes(f: Formation, year: number): [string, string, number][] {
  const mef = (prefix: string, speciality: string, rank: number) => `${prefix}${speciality}${f.cap ? 2 : 3}${rank}1`;
  if (f.cap)
    return [
      [mef("500", f.speciality, 1), `1CAP2 ${labelOf(f, year)}`, 1],
      [mef("501", f.speciality, 2), `2CAP2 ${labelOf(f, year)}`, 0.9],
    ];
  const famille = year >= FAMILLES_FROM ? SECONDE_FAMILLES[f.speciality] : undefined;
  const seconde: [string, string] = famille
    ? [mef("240", String(10000 + (hashString(famille) % 90000)), 1), `2NDPRO ${famille}`]
    : [mef("240", f.speciality, 1), `2NDPRO ${labelOf(f, year)}`];
  return [
    [...seconde, 1],
    [mef("241", f.speciality, 2), `1ERE PRO ${labelOf(f, year)}`, 0.9],
    [mef("242", f.speciality, 3), `TLEPRO ${labelOf(f, year)}`, 0.85],
  ];
}

/**
 * The Ministry writes département codes on three characters (`002`, `080`, `02A`, `971`): a published script
 * takes `code_departement[-2:]` of this dataset, and sibling DEPP files filter on `f"{dep:0>3}"`.
 */
const educationDepartement = (code: string): string => code.padStart(3, "0");

export function generateLyceesPro(territory: Territory): GeneratedFile {
  const rows: Cell[][] = [];
  for (const school of schools(territory)) {
    const dep = school.commune.departement;
    for (const year of years(LYCEES_FIRST_YEAR, LYCEES_LAST_YEAR)) {
      const perMef = new Map<string, Cell[]>();
      for (const f of school.formations) {
        const rng = rngFor("lycees", school.uai, f.speciality, year);
        const base = 20 + (hashString(`${school.uai}/${f.speciality}`) % 16);
        for (const [code, label, scale] of classes(f, year)) {
          const pupils = Math.max(3, Math.round(base * scale * (1 - 0.01 * (year - LYCEES_FIRST_YEAR)) * rng.lognormal(0.15)));
          const girls = Math.min(pupils, Math.max(0, Math.round(pupils * f.girls * rng.lognormal(0.3))));
          // Two diplomas can share a "famille" seconde: one row per MEF, pupils added up.
          const previous = perMef.get(code);
          if (previous) {
            previous[TOTAL] = Number(previous[TOTAL]) + pupils;
            previous[GIRLS] = Number(previous[GIRLS]) + girls;
            previous[BOYS] = Number(previous[TOTAL]) - Number(previous[GIRLS]);
            continue;
          }
          perMef.set(code, [
            year, academie(dep), educationDepartement(dep), school.uai, school.patronyme, school.secteur,
            school.commune.code, upperAscii(school.commune.nom), postalCode(school.commune.code),
            code, label, pupils, girls, pupils - girls,
          ]);
        }
      }
      const rng = rngFor("lycees-missing", school.uai, year);
      for (const row of [...perMef.values()].sort((a, b) => String(a[MEF]).localeCompare(String(b[MEF])))) {
        // Split by sex not available for a few classes.
        if (rng.chance(0.01)) {
          row[GIRLS] = "";
          row[BOYS] = "";
        }
        rows.push(row);
      }
    }
  }
  return {
    path: "sources/fr-en-lycee_pro-effectifs-niveau-sexe-mef.csv",
    source: "lycees_pro",
    vintage: `${LYCEES_FIRST_YEAR}-${LYCEES_LAST_YEAR}`,
    content: toCsv(LYCEES_HEADER, rows, { delimiter: ";", bom: true }),
    rows: rows.length,
  };
}
