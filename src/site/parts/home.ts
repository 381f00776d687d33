// Home page files: the territory, the data status, and one chart per data family.
import type { IndicatorRow } from "../../indicators/index.ts";
import type { SourceId } from "../../sources/types.ts";
import type { Territory } from "../../territory/territory.ts";
import type { SiteContext, SiteFile } from "../context.ts";
import type { DataStatus } from "../data-status.ts";
import { summarisePhases, type PhaseSummary } from "../../phases/site.ts";
import { populationSource } from "../../geography/cog.ts";

export interface TerritorySummary {
  id: string;
  nom: string;
  annee_reference: number;
  periode_contrat: { debut: number; fin: number };
  population: number | null;
  nombre_communes: number;
  epcis: { siren: string; nom: string; population: number | null; nombre_communes: number }[];
  communes: { code: string; nom: string; epci: string; population: number | null }[];
  source_population: string;
  /** The configuration's id (id above is the current phase's territory code, that of its territory rows). */
  id_configuration: string;
  /** Contract phases, oldest first (src/phases/site.ts). */
  phases: PhaseSummary[];
  phase_en_cours: string;
}

/** One chart of the home page: a data family, its series for the territory, and its source line. */
export interface FamilyChart {
  famille: string;
  titre: string;
  unite: string;
  series: { indicateur: string; libelle: string }[];
  points: { annee: number; indicateur: string; libelle: string; valeur: number | null; statut: string }[];
  source: { producteur: string; jeu_de_donnees: string; millesime: string; licence: string; demonstration: boolean } | null;
}

const FAMILIES: { famille: string; titre: string; unite: string; source: SourceId; series: { indicateur: string; libelle: string }[] }[] = [
  {
    famille: "Emploi",
    titre: "Emploi salarié privé au 31 décembre",
    unite: "emplois",
    source: "urssaf",
    series: [
      { indicateur: "emploi_salarie_prive", libelle: "Tous secteurs" },
      { indicateur: "emploi_industriel", libelle: "Industrie" },
    ],
  },
  {
    famille: "Création d'entreprises",
    titre: "Créations d'établissements dans l'année",
    unite: "établissements",
    source: "sirene",
    series: [
      { indicateur: "creations_etablissements", libelle: "Tous secteurs" },
      { indicateur: "creations_industrie", libelle: "Industrie" },
    ],
  },
  {
    famille: "Foncier",
    titre: "Consommation d'espaces naturels, agricoles et forestiers dans l'année",
    unite: "hectares",
    source: "cerema",
    series: [
      { indicateur: "consommation_enaf_ha", libelle: "Toutes destinations" },
      { indicateur: "consommation_enaf_activite_ha", libelle: "Activité économique" },
    ],
  },
  {
    famille: "Formation",
    titre: "Élèves des lycées professionnels du territoire, par année de rentrée",
    unite: "élèves",
    source: "lycees_pro",
    series: [{ indicateur: "effectifs_lycees_pro", libelle: "Élèves" }],
  },
];

export function summariseTerritory(t: Territory): TerritorySummary {
  // The pages that do not choose a phase show the current one: its territory rows, reference year and period.
  const current = t.currentPhase;
  return {
    id: current.code,
    nom: t.nom,
    annee_reference: current.referenceYear,
    periode_contrat: { debut: current.period.start, fin: current.period.end },
    population: t.population,
    nombre_communes: t.communes.length,
    epcis: t.epcis.map((e) => ({ siren: e.siren, nom: e.nom, population: e.population, nombre_communes: e.communes.length })),
    communes: t.communes.map((c) => ({ code: c.code, nom: c.nom, epci: c.epci, population: c.population })),
    source_population: populationSource(),
    id_configuration: t.id,
    phases: summarisePhases(t),
    phase_en_cours: current.id,
  };
}

/** The source line of a family, from the files of that source actually loaded. */
export function familySource(status: DataStatus, source: SourceId): FamilyChart["source"] {
  const files = status.sources.filter((s) => s.source === source && !s.probleme);
  if (!files[0]) return null;
  return {
    producteur: files[0].producteur,
    jeu_de_donnees: files[0].jeu_de_donnees,
    millesime: [...new Set(files.map((s) => s.millesime ?? "inconnu"))].join(", "),
    licence: files[0].licence,
    demonstration: files.some((s) => s.demonstration),
  };
}

function familyCharts(rows: IndicatorRow[], territoryId: string, status: DataStatus): FamilyChart[] {
  return FAMILIES.map((f) => {
    const labels = new Map(f.series.map((s) => [s.indicateur, s.libelle]));
    const points = rows
      .filter((r) => r.niveau === "territoire" && r.code_geo === territoryId && labels.has(r.indicateur))
      .map((r) => ({ annee: r.annee, indicateur: r.indicateur, libelle: labels.get(r.indicateur)!, valeur: r.valeur, statut: r.statut }))
      .sort((a, b) => a.annee - b.annee || a.indicateur.localeCompare(b.indicateur));
    return { famille: f.famille, titre: f.titre, unite: f.unite, series: f.series, points, source: familySource(status, f.source) };
  });
}

export function homeFiles(ctx: SiteContext): Record<string, SiteFile> {
  return {
    "territoire.json": summariseTerritory(ctx.folder.territory),
    "statut.json": ctx.status,
    "accueil.json": familyCharts(ctx.result.rows, ctx.folder.territory.currentPhase.code, ctx.status),
  };
}
