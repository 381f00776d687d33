// Deterministic national-size URSSAF file (commune x APE, wide by year 2006..2023) in exactly the official
// format of notes/formats.md (years interleaved, both cells empty in a year without establishment, an unpublished
// employee count as an empty jobs cell beside its establishments count), for the ingestion benchmark. Real commune codes (every current commune of
// @etalab/decoupage-administratif whose département URSSAF covers), the demo's list of real APE codes and
// labels, invented figures. The same seed and size give the same bytes on every machine.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import Papa from "papaparse";
import { buildTerritory, type Commune } from "../../territory/territory.ts";
import { labelsOf, type CommuneLabels } from "../demo/geo.ts";
import { APE, NA17_LABELS, NA38_LABELS, NA88_LABELS, grandSecteur, type ApeEntry } from "../demo/nomenclature.ts";
import { Random } from "../demo/random.ts";

const require = createRequire(import.meta.url);

export const FIRST_YEAR = 2006;
export const LAST_YEAR = 2023;
export const DEFAULT_ROWS = 1_200_000;
export const DEFAULT_SEED = "bench-urssaf-v1";
/** Bumped whenever the generator's output changes, so that a cached file of an older version is not reused. */
export const GENERATOR_VERSION = 2;
/** > 0: larger communes have more APE rows (sub-linear, capped by the number of APE codes). */
const SIZE_EXPONENT = 0.8;
/** Share of rows with one year whose employee count is not published (empty beside the establishments). */
const EMPTY_SHARE = 0.015;

const FIXED = [
  "region", "ancienne_region", "departement", "zone_d_emploi", "epci", "commune", "intitule_commune",
  "grand_secteur_d_activite", "secteur_na17", "secteur_na38", "secteur_na88", "ape",
  "code_region", "code_ancienne_region", "code_departement", "code_zone_d_emploi", "code_epci", "code_commune", "code_ape",
] as const;

export const YEARS: readonly number[] = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);

/** The official header: fixed columns, then establishments and salaried jobs of each year, interleaved. */
export function nationalHeader(): string[] {
  return [...FIXED, ...YEARS.flatMap((y) => [`nombre_d_etablissements_${y}`, `effectifs_salaries_${y}`])];
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  population?: number;
}
interface RawEpci {
  code: string;
}

// Overseas collectivities (Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin, TAAF, Pacific) have their
// own social security: URSSAF publishes metropolitan France and the five DROM only.
const OUTSIDE_URSSAF = /^(975|977|978|98)/;

/** Every commune of the file, in code order, with its labels (region, old region, département, EPCI). */
export function nationalCommunes(): { commune: Commune; labels: CommuneLabels }[] {
  const raw = (require("@etalab/decoupage-administratif/data/communes.json") as RawCommune[]).filter(
    (c) => c.type === "commune-actuelle" && c.departement !== undefined && !OUTSIDE_URSSAF.test(c.code),
  );
  const sirens = (require("@etalab/decoupage-administratif/data/epci.json") as RawEpci[]).map((e) => e.code);
  // A "territory" of every EPCI gives each commune its EPCI and the demo's labels; island communes without EPCI are added.
  const france = buildTerritory({ id: "france", nom: "France", epci: sirens, annee_reference: 2018, periode_contrat: { debut: 2019, fin: 2022 } });
  const epciOf = new Map(france.communes.map((c) => [c.code, c.epci]));
  const communes: Commune[] = raw
    .map((c) => ({ code: c.code, nom: c.nom, departement: c.departement!, epci: epciOf.get(c.code) ?? "", population: c.population ?? null }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const labels = labelsOf({ ...france, communes });
  return communes.map((commune) => ({ commune, labels: labels.get(commune.code)! }));
}

/** APE codes present in the URSSAF private-sector file (agriculture and codes without salaried jobs are not). */
export const URSSAF_APE: readonly ApeEntry[] = APE.filter((a) => a.jobs > 0);

/**
 * Number of APE rows of each commune so that the total is exactly `total`: proportional to population^0.8,
 * capped by the number of APE codes, rounded by systematic sampling (a commune expecting 0.3 rows gets one
 * 30 % of the time), so that a small file still spreads over the country.
 */
export function rowsPerCommune(populations: readonly number[], cap: number, total: number, rng: Random): number[] {
  const weights = populations.map((p) => Math.max(p, 10) ** SIZE_EXPONENT);
  if (total > cap * weights.length) throw new Error(`--lignes trop grand : au plus ${cap * weights.length} lignes (${weights.length} communes x ${cap} codes APE)`);
  const sum = (lambda: number) => weights.reduce((s, w) => s + Math.min(cap, lambda * w), 0);
  let lo = 0;
  let hi = 1;
  while (sum(hi) < total) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (sum(mid) < total) lo = mid;
    else hi = mid;
  }
  const expected = weights.map((w) => Math.min(cap, hi * w));
  const offset = rng.next();
  let cumulative = 0;
  const counts = expected.map((x) => {
    const before = Math.floor(cumulative + offset);
    cumulative += x;
    return Math.min(cap, Math.floor(cumulative + offset) - before);
  });
  // Floating-point rounding may leave the total one or two rows off: settle it on the largest communes.
  let diff = total - counts.reduce((s, n) => s + n, 0);
  const order = expected.map((x, i) => [x, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; diff !== 0; k = (k + 1) % order.length) {
    const i = order[k]![1];
    if (diff > 0 && counts[i]! < cap) (counts[i]!++, diff--);
    else if (diff < 0 && counts[i]! > 0) (counts[i]!--, diff++);
  }
  return counts;
}

/** `count` distinct APE codes, drawn with probability growing with their weight (Efraimidis-Spirakis). */
function pickApes(count: number, rng: Random): ApeEntry[] {
  if (count >= URSSAF_APE.length) return [...URSSAF_APE];
  const keyed = URSSAF_APE.map((a) => ({ a, key: Math.log(1 - rng.next()) / (a.jobs / Math.sqrt(a.size)) }));
  keyed.sort((x, y) => y.key - x.key);
  return keyed
    .slice(0, count)
    .map((k) => k.a)
    .sort((x, y) => (x.code < y.code ? -1 : 1));
}

/** One `;`-separated line, quoted by papaparse where a label needs it. */
const line = (cells: readonly string[]) => Papa.unparse([cells as string[]], { delimiter: ";", newline: "\n", quotes: false });

/** The label part of an APE row (grand_secteur_d_activite .. ape), computed once per code. */
const apeLabels = new Map(
  URSSAF_APE.map((a) => {
    const division = a.code.slice(0, 2);
    return [a.code, line([grandSecteur(a.code), `${a.na17} ${NA17_LABELS[a.na17] ?? ""}`, `${a.na38} ${NA38_LABELS[a.na38] ?? ""}`, `${division} ${NA88_LABELS[division] ?? ""}`, `${a.code} ${a.label}`])];
  }),
);

/** The yearly figures of one row, establishments and jobs of each year: both "" in a year without establishment. */
function figures(commune: Commune, ape: ApeEntry, rng: Random): string {
  const population = commune.population ?? 100;
  const anchor = Math.max(1, rng.poisson(0.4 + (population / 20_000) * ape.jobs));
  const jobsPerEstablishment = ape.size * rng.lognormal(0.6);
  let first = FIRST_YEAR;
  let last = LAST_YEAR;
  const r = rng.next();
  if (r < 0.08) first = rng.int(FIRST_YEAR + 1, LAST_YEAR); // opened during the period
  else if (r < 0.14) last = rng.int(FIRST_YEAR, LAST_YEAR - 1); // closed during the period
  const establishments: string[] = [];
  const jobs: string[] = [];
  let walk = 1;
  for (const y of YEARS) {
    walk *= rng.lognormal(0.05);
    if (y < first || y > last) {
      establishments.push("");
      jobs.push("");
      continue;
    }
    const n = Math.max(1, Math.round(anchor * walk));
    establishments.push(String(n));
    jobs.push(String(Math.max(0, Math.round(n * jobsPerEstablishment * walk))));
  }
  if (rng.chance(EMPTY_SHARE)) {
    const i = rng.int(0, YEARS.length - 1);
    if (establishments[i] !== "") jobs[i] = "";
  }
  return YEARS.map((_, i) => `${establishments[i]};${jobs[i]}`).join(";");
}

export interface GeneratedFile {
  file: string;
  rows: number;
  bytes: number;
  communes: number;
}

/** Writes the file (streamed: a national file is several hundred MB). */
export async function writeNationalUrssaf(file: string, rows: number, seed: string): Promise<GeneratedFile> {
  const all = nationalCommunes();
  const counts = rowsPerCommune(
    all.map((c) => c.commune.population ?? 0),
    URSSAF_APE.length,
    rows,
    new Random(`${seed}/quotas`),
  );
  const out = createWriteStream(file);
  let bytes = 0;
  let buffer = `${line(nationalHeader())}\n`;
  const flush = async () => {
    bytes += Buffer.byteLength(buffer);
    if (!out.write(buffer)) await once(out, "drain");
    buffer = "";
  };
  let written = 0;
  let communesWithRows = 0;
  for (let i = 0; i < all.length; i++) {
    const count = counts[i]!;
    if (count === 0) continue;
    communesWithRows++;
    const { commune: c, labels: l } = all[i]!;
    const rng = new Random(`${seed}/${c.code}`);
    const before = line([l.regionName, l.oldRegionName, l.departementName, "", l.epciName, c.nom, `${c.code} ${c.nom}`]);
    const middle = line([l.regionCode, l.oldRegionCode, c.departement, "", c.epci, c.code]);
    for (const ape of pickApes(count, rng)) {
      buffer += `${before};${apeLabels.get(ape.code)};${middle};${ape.code};${figures(c, ape, rng)}\n`;
      written++;
    }
    if (buffer.length > 1 << 20) await flush();
  }
  await flush();
  out.end();
  await once(out, "finish");
  return { file, rows: written, bytes, communes: communesWithRows };
}
