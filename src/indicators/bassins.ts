// BMO bassins d'emploi that touch the territory, and the share of each bassin's population inside it.
// Bassins do not follow EPCI boundaries: BMO values are published per bassin, and this share is what lets a reader
// judge how much of a bassin is the territory. It is never used to split or sum BMO values.
import { createRequire } from "node:module";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { BassinShare } from "./types.ts";

const require = createRequire(import.meta.url);

let populationCache: Map<string, number | null> | undefined;

/** Population of every current commune of France (@etalab/decoupage-administratif), for communes outside the territory. */
function nationalPopulation(): Map<string, number | null> {
  if (!populationCache) {
    const raw = require("@etalab/decoupage-administratif/data/communes.json") as { code: string; type: string; population?: number }[];
    populationCache = new Map(raw.filter((c) => c.type === "commune-actuelle").map((c) => [c.code, c.population ?? null]));
  }
  return populationCache;
}

interface MappingRow { code_commune: string; code_bassin: string; nom_bassin: string | null }
interface MemberRow { code: string; departement: string; population: number | null }
interface BmoBassinRow { code_bassin: string; nom_bassin: string; departement: string | null }

/**
 * A bassin touches the territory when one of its communes (table bassins_bmo) is a member. Member communes absent
 * from bassins_bmo (or an empty bassins_bmo) leave the mapping unknown: the BMO bassins of their départements that the
 * mapping table does not describe are then listed too, with an unknown share, rather than silently dropped — unless
 * the territory declares its bassins (data/territoire.json, `bassins_bmo`): then only the declared ones are added.
 */
export async function computeBassinShares(db: DuckDBConnection, declared: readonly string[] = []): Promise<BassinShare[]> {
  const read = async <T>(sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJS() as unknown as T[];
  const mapping = await read<MappingRow>("SELECT DISTINCT code_commune, code_bassin, nom_bassin FROM bassins_bmo");
  const members = await read<MemberRow>("SELECT code, departement, population FROM communes");
  const bmoBassins = await read<BmoBassinRow>(
    "SELECT code_bassin, max(nom_bassin) AS nom_bassin, max(lpad(departement, 2, '0')) AS departement FROM bmo GROUP BY code_bassin",
  );
  const memberByCode = new Map(members.map((m) => [m.code, m]));
  const communesOfBassin = new Map<string, string[]>();
  const nameOfBassin = new Map<string, string>();
  const mappedCommunes = new Set<string>();
  for (const r of mapping) {
    const list = communesOfBassin.get(r.code_bassin) ?? [];
    list.push(r.code_commune);
    communesOfBassin.set(r.code_bassin, list);
    if (r.nom_bassin) nameOfBassin.set(r.code_bassin, r.nom_bassin);
    mappedCommunes.add(r.code_commune);
  }
  for (const b of bmoBassins) if (!nameOfBassin.has(b.code_bassin)) nameOfBassin.set(b.code_bassin, b.nom_bassin);

  const unmapped = members.filter((m) => !mappedCommunes.has(m.code));
  const unmappedNote = unmapped.length > 0
    ? ` ${unmapped.length} commune(s) du territoire absente(s) de la table des bassins : d'autres bassins peuvent toucher le territoire.`
    : "";
  const national = nationalPopulation();
  const shares: BassinShare[] = [];

  for (const [code, communes] of communesOfBassin) {
    const inside = communes.filter((c) => memberByCode.has(c));
    if (inside.length === 0) continue;
    const popOf = (c: string) => (memberByCode.has(c) ? (memberByCode.get(c)?.population ?? null) : (national.get(c) ?? null));
    const pops = communes.map(popOf);
    const unknown = pops.filter((p) => p === null).length;
    const sum = (list: (number | null)[]) => (list.includes(null) ? null : (list as number[]).reduce((a, b) => a + b, 0));
    const popInside = sum(inside.map(popOf));
    const popTotal = sum(pops);
    const share = popInside !== null && popTotal !== null && popTotal > 0 ? Math.round((popInside / popTotal) * 1000) / 10 : null;
    shares.push({
      code_bassin: code,
      nom_bassin: nameOfBassin.get(code) ?? code,
      communes_dans_territoire: inside.length,
      communes_total: communes.length,
      population_dans_territoire: popInside,
      population_totale: popTotal,
      part_population_pct: share,
      note: (unknown > 0 ? `Population inconnue pour ${unknown} commune(s) du bassin : part inconnue.` : "Part calculée sur la population municipale (@etalab/decoupage-administratif).") + unmappedNote,
    });
  }

  // Bassins the mapping table does not describe: those the configuration declares, or else those of the
  // départements of the unmapped member communes.
  const departements = new Set(unmapped.map((m) => m.departement));
  const isCandidate = (b: BmoBassinRow) =>
    declared.length > 0 ? declared.includes(b.code_bassin) : b.departement !== null && departements.has(b.departement);
  for (const b of bmoBassins) {
    if (communesOfBassin.has(b.code_bassin) || !isCandidate(b)) continue;
    shares.push({
      code_bassin: b.code_bassin,
      nom_bassin: b.nom_bassin,
      communes_dans_territoire: 0,
      communes_total: null,
      population_dans_territoire: null,
      population_totale: null,
      part_population_pct: null,
      note:
        declared.length > 0
          ? `Bassin déclaré dans data/territoire.json (bassins_bmo) mais absent de la table communes → bassins : part de population inconnue.`
          : `Bassin absent de la table communes → bassins (bassins_bmo) : rattachement au territoire non vérifié ` +
            `(département ${b.departement}), part de population inconnue.`,
    });
  }
  return shares.sort((a, b) => a.code_bassin.localeCompare(b.code_bassin));
}
