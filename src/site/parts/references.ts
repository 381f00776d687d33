// Data of the reference blocks (docs/components/references.js) shown under an indicator on the axis pages, on the
// synthesis and in the reports: references.json
//   disponible          the loaded URSSAF files are national (France and the comparables exist)
//   notes               what the reference computation says (coverage, comparables left out)
//   annee_selection     the year the comparison territories were chosen on, and their list (comparables)
//   source_population   the population behind the per-capita values
//   territoires         by territory code (one per contract phase): name, reference year, and one block per
//                       indicator that has reference levels (src/references/beside.ts), with its source line and,
//                       for each year of a report, its sentences (src/report/references.ts)
import { cog, populationSource } from "../../geography/cog.ts";
import { FRANCE_CODE, referenceGeography } from "../../geography/reference-levels.ts";
import { besideBlocks, type BesideBlock } from "../../references/beside.ts";
import { referenceSentences } from "../../report/references.ts";
import type { SiteContext, SiteFile } from "../context.ts";
import { usesDemonstration } from "./indicators.ts";

export interface ReferenceBlockFile extends BesideBlock {
  source: { producteur: string; jeu_de_donnees: string; millesime: string | null; licence: string; demonstration: boolean };
  /** Report year -> the sentences of the report's section. */
  phrases: Record<string, string[]>;
}

export interface ReferencesFile {
  disponible: boolean;
  notes: string[];
  annee_selection: number | null;
  comparables: { rang: number; code_geo: string; libelle_geo: string }[];
  source_population: string;
  territoires: Record<string, { nom: string; annee_reference: number; blocs: Record<string, ReferenceBlockFile> }>;
}

/** Population of a reference level: sum over its current communes; uninhabited ones without a population are left out and said. */
function populationOf(): (niveau: "departement" | "region" | "france", code: string) => { population: number | null; partielle: boolean } {
  const ref = cog();
  const geo = referenceGeography();
  const memo = new Map<string, { population: number | null; partielle: boolean }>();
  const sum = (communes: string[]) => {
    let population: number | null = null;
    let partielle = false;
    for (const c of communes) {
      const p = ref.communes.get(c)?.population;
      if (p === undefined || p === null) partielle = true;
      else population = (population ?? 0) + p;
    }
    return { population, partielle };
  };
  return (niveau, code) => {
    const key = `${niveau}|${code}`;
    let r = memo.get(key);
    if (!r) {
      const deps = niveau === "departement" ? [code] : niveau === "region" ? (geo.departementsOfRegion.get(code) ?? []) : code === FRANCE_CODE ? [...geo.communesOfDepartement.keys()] : [];
      memo.set(key, (r = sum(deps.flatMap((d) => geo.communesOfDepartement.get(d) ?? []))));
    }
    return r;
  };
}

export async function referenceFiles(ctx: SiteContext): Promise<Record<string, SiteFile>> {
  const t = ctx.folder.territory;
  const refs = ctx.references;
  const geo = referenceGeography();
  const population = populationOf();
  const territories: ReferencesFile["territoires"] = {};
  const comparables = refs.comparables?.comparables ?? [];
  const sheets = new Map(ctx.result.sheets.map((s) => [s.id, s]));
  const ownRows = ctx.result.rows.filter((r) => r.niveau === "territoire");
  for (const phase of t.phases) {
    if (territories[phase.code]) continue;
    const departements = [...new Set(phase.communes.map((c) => geo.communes.get(c)?.departement).filter((d): d is string => !!d))].sort();
    const regions = [...new Set(phase.communes.map((c) => geo.communes.get(c)?.region).filter((r): r is string => !!r))].sort();
    const blocks = besideBlocks({
      territory: { code: phase.code, nom: phase.nom, referenceYear: phase.referenceYear, departements, regions, population: phase.population },
      rows: [...ownRows.filter((r) => r.code_geo === phase.code), ...refs.rows],
      comparables: comparables.map((c) => c.code_geo),
      sheets: ctx.result.sheets.map((s) => ({ id: s.id, title: s.title, unit: s.unit })),
      population,
    });
    const blocs: Record<string, ReferenceBlockFile> = {};
    for (const b of blocks) {
      const s = sheets.get(b.indicateur)!;
      blocs[b.indicateur] = {
        ...b,
        source: { producteur: s.source.producer, jeu_de_donnees: s.source.dataset, millesime: s.source.vintage, licence: s.source.licence, demonstration: usesDemonstration(s, ctx.folder.files) },
        phrases: Object.fromEntries(b.annees.filter((y) => y > b.annee_debut).map((y) => [String(y), referenceSentences(b, y)])),
      };
    }
    territories[phase.code] = { nom: phase.nom, annee_reference: phase.referenceYear, blocs };
  }
  const file: ReferencesFile = {
    disponible: refs.coverage.national,
    notes: refs.notes,
    annee_selection: refs.comparables?.annee_reference ?? null,
    comparables: comparables.map((c) => ({ rang: c.rang, code_geo: c.code_geo, libelle_geo: c.libelle_geo })),
    source_population: populationSource(),
    territoires: territories,
  };
  return { "references.json": file };
}
