// URSSAF, the rest of France: every commune outside the territory whose département URSSAF publishes, in the official
// format of the territory's file (demo.ts beside it), so that the demonstration data is national and feeds the
// reference levels (département, région, France, each Territoire d'industrie), the shift-share decomposition and the
// comparison territories. Kept small: one row per commune x NA38 sector (written with the sector's main APE code of
// the demo's list), more sectors in larger communes (about √population / 10, 1 to all), jobs spread like the
// territory's (0.25 private job per inhabitant overall, concentrated in the towns), the same sector trends, a drift
// by département and a random walk by row, so that territories differ. Written gzip-compressed (`.csv.gz`, read as
// is by every loader): about 4 MB instead of about 25 MB. Deterministic: same territory, same bytes.
import { gzipSync } from "node:zlib";
import Papa from "papaparse";
import type { Territory } from "../../territory/territory.ts";
import { nationalCommunes } from "./national-generator.ts";
import { years, type GeneratedFile } from "../demo/csv.ts";
import { APE, NA17_LABELS, NA38_LABELS, NA88_LABELS, grandSecteur, type ApeEntry } from "../demo/nomenclature.ts";
import { Random } from "../demo/random.ts";
import { URSSAF_FIRST_YEAR, URSSAF_LAST_YEAR, sectorTrend, urssafHeader } from "./demo.ts";

export const URSSAF_FRANCE_PATH = "sources/urssaf-france-hors-territoire.csv.gz";
const JOBS_PER_INHABITANT = 0.25;
const CONCENTRATION = 1.3;
const ANCHOR_YEAR = 2018;

/** The main APE code (largest job weight) of each NA38 sector of the demo's list, heaviest sectors first. */
function sectorApes(): ApeEntry[] {
  const best = new Map<string, ApeEntry>();
  for (const a of APE) if (a.jobs > 0 && (!best.has(a.na38) || best.get(a.na38)!.jobs < a.jobs)) best.set(a.na38, a);
  const weight = (na38: string) => APE.filter((a) => a.na38 === na38).reduce((s, a) => s + a.jobs, 0);
  return [...best.values()].sort((x, y) => weight(y.na38) - weight(x.na38) || x.na38.localeCompare(y.na38));
}

/** Every commune of France with its labels, read once per process (a test generates several territories). */
let communesCache: ReturnType<typeof nationalCommunes> | undefined;
const allCommunes = () => (communesCache ??= nationalCommunes());

const line = (cells: readonly string[]) => Papa.unparse([cells as string[]], { delimiter: ";", newline: "\n", quotes: false });

export function generateUrssafFrance(territory: Territory): GeneratedFile {
  const ys = years(URSSAF_FIRST_YEAR, URSSAF_LAST_YEAR);
  const apes = sectorApes();
  const sectorWeight = new Map(apes.map((a) => [a.na38, APE.filter((x) => x.na38 === a.na38).reduce((s, x) => s + x.jobs, 0)]));
  const all = allCommunes().filter((c) => !territory.isMember(c.commune.code));
  const pop = (p: number | null) => Math.max(p ?? 0, 10);
  const weightTotal = all.reduce((s, c) => s + pop(c.commune.population) ** CONCENTRATION, 0);
  const totalJobs = JOBS_PER_INHABITANT * all.reduce((s, c) => s + pop(c.commune.population), 0);
  const drift = new Map<string, number>();
  const apeLabels = new Map(
    apes.map((ape) => {
      const division = ape.code.slice(0, 2);
      return [ape.code, line([grandSecteur(ape.code), `${ape.na17} ${NA17_LABELS[ape.na17] ?? ""}`, `${ape.na38} ${NA38_LABELS[ape.na38] ?? ""}`, `${division} ${NA88_LABELS[division] ?? ""}`, `${ape.code} ${ape.label}`])];
    }),
  );
  const parts: string[] = [line(urssafHeader())];
  let rows = 0;
  for (const { commune: c, labels: l } of all) {
    const rng = new Random(`urssaf-france/${c.code}`);
    if (!drift.has(c.departement)) drift.set(c.departement, new Random(`urssaf-france/departement/${c.departement}`).normal(0, 0.008));
    const d = drift.get(c.departement)!;
    const count = Math.min(apes.length, Math.max(1, Math.round(Math.sqrt(pop(c.population)) / 10)));
    const chosen = apes.slice(0, count);
    const chosenWeight = chosen.reduce((s, a) => s + sectorWeight.get(a.na38)!, 0);
    const communeJobs = (totalJobs * pop(c.population) ** CONCENTRATION) / weightTotal;
    const before = line([l.regionName, l.oldRegionName, l.departementName, "", l.epciName, c.nom, `${c.code} ${c.nom}`]);
    const middle = line([l.regionCode, l.oldRegionCode, c.departement, "", c.epci, c.code]);
    for (const ape of chosen) {
      const anchorJobs = (communeJobs * sectorWeight.get(ape.na38)! * rng.lognormal(0.5)) / chosenWeight;
      const anchorEstablishments = Math.max(1, Math.round(anchorJobs / ape.size));
      const sector = grandSecteur(ape.code);
      const walks = new Map<number, number>();
      let walk = 1;
      for (let y = ANCHOR_YEAR; y >= URSSAF_FIRST_YEAR; y--) (walks.set(y, walk), (walk /= rng.lognormal(0.04) * (1 + d)));
      walk = 1;
      for (let y = ANCHOR_YEAR + 1; y <= URSSAF_LAST_YEAR; y++) (walk *= rng.lognormal(0.04) * (1 + d), walks.set(y, walk));
      const cells = ys.map((y) => {
        const jobs = Math.max(0, Math.round(anchorJobs * sectorTrend(sector, y) * walks.get(y)!));
        const establishments = Math.max(1, Math.round(anchorEstablishments * Math.sqrt(walks.get(y)!)));
        return [String(establishments), String(jobs)];
      });
      // Employee count not published in some year: its cell alone is empty (unknown, not zero), as in the territory's file.
      if (rng.chance(0.015)) cells[rng.int(0, ys.length - 1)]![1] = "";
      parts.push(`${before};${apeLabels.get(ape.code)};${middle};${ape.code};${cells.map((p) => p.join(";")).join(";")}`);
      rows++;
    }
  }
  return {
    path: URSSAF_FRANCE_PATH,
    source: "urssaf",
    vintage: `${URSSAF_FIRST_YEAR}-${URSSAF_LAST_YEAR}`,
    // mtime 0 in the gzip header (zlib writes none): the same bytes on every machine.
    content: gzipSync(Buffer.from(parts.join("\n") + "\n", "utf8"), { level: 4 }),
    rows,
  };
}
