// The axes sets a contract phase is organised by, and where every indicator of the catalogue sits in each:
//   axes-2019       the four axes of the 2019-2022 protocols: Attirer, Recruter, Innover, Simplifier (the
//                   catalogue's own `axis`, so nothing to map);
//   priorites-2023  the four national priorities of the 2023-2027 phase (ANCT's review of the programme).
// Placement in priorites-2023, and why:
//   - employment, establishments and creations (Attirer) -> « écosystèmes d'innovation »: the industrial fabric and
//     its renewal are what an innovation ecosystem is made of; tiers-lieux and the support to firms too;
//   - job seekers, BMO recruitment projects, vocational pupils (Recruter) -> « recrutement et compétences »;
//   - total ENAF consumption and the ZAN trajectory -> « transition écologique »: land sobriety is the environmental
//     commitment of the Climat et résilience law, whatever the destination of the land;
//   - ENAF consumed for economic activity, its share, and every friches indicator -> « foncier industriel »: the
//     land supply for industry, taken on natural land or recycled from brownfields;
//   - the action plan's progress (Simplifier) -> « écosystèmes d'innovation », the priority whose animation the
//     contract's plan carries in the ANCT's review (project engineering, one-stop shop for firms).
/** The four axes of the 2019-2022 protocols, the catalogue's own `axis` of every indicator. */
export type Axis = "Attirer" | "Recruter" | "Innover" | "Simplifier";

export type AxesSetId = "axes-2019" | "priorites-2023";

export interface AxisInfo {
  /** Stable key (the axis of rows for axes-2019; a slug for the priorities). */
  id: string;
  /** Name shown on pages and reports. */
  nom: string;
  /** Short name for navigation and tables. */
  court: string;
  /** Path of the axis page of the site, from the root. */
  path: string;
  lede: string;
}

export interface AxesSet {
  id: AxesSetId;
  nom: string;
  axes: AxisInfo[];
}

export const AXES_SETS: Record<AxesSetId, AxesSet> = {
  "axes-2019": {
    id: "axes-2019",
    nom: "Axes des protocoles 2019-2022",
    axes: [
      { id: "Attirer", nom: "Attirer", court: "Attirer", path: "/attirer", lede: "Développer l'écosystème industriel local, endogène et exogène : emploi salarié, établissements industriels, créations d'établissements." },
      { id: "Recruter", nom: "Recruter", court: "Recruter", path: "/recruter", lede: "Adapter les compétences aux besoins des entreprises : demandeurs d'emploi, projets de recrutement, formation professionnelle." },
      { id: "Innover", nom: "Innover", court: "Innover", path: "/innover", lede: "Foncier, friches et lieux d'innovation du territoire." },
      { id: "Simplifier", nom: "Simplifier", court: "Simplifier", path: "/simplifier", lede: "Avancement du plan d'actions et accompagnement des entreprises dans leurs démarches." },
    ],
  },
  "priorites-2023": {
    id: "priorites-2023",
    nom: "Priorités nationales 2023-2027",
    axes: [
      { id: "recrutement-competences", nom: "Lever les freins au recrutement et développer les compétences", court: "Recrutement et compétences", path: "/priorites/recrutement-competences", lede: "Demandeurs d'emploi, projets de recrutement et difficultés déclarées par les employeurs, formation professionnelle." },
      { id: "transition-ecologique", nom: "Accélérer la transition écologique et énergétique", court: "Transition écologique", path: "/priorites/transition-ecologique", lede: "Sobriété foncière : consommation d'espaces naturels, agricoles et forestiers et trajectoire « zéro artificialisation nette »." },
      { id: "ecosystemes-innovation", nom: "Faire des territoires des écosystèmes d'innovation", court: "Écosystèmes d'innovation", path: "/priorites/ecosystemes-innovation", lede: "Emploi et établissements industriels, créations d'entreprises, tiers-lieux, accompagnement des entreprises et avancement du plan d'actions." },
      { id: "foncier-industriel", nom: "Mobiliser un foncier industriel adapté", court: "Foncier industriel", path: "/priorites/foncier-industriel", lede: "Foncier consommé pour l'activité économique, friches recensées, surfaces et reconversions." },
    ],
  },
};

/** Priority of each catalogue indicator in priorites-2023 (see the rules above). */
const PRIORITIES: Record<string, string> = {
  emploi_salarie_prive: "ecosystemes-innovation",
  emploi_industriel: "ecosystemes-innovation",
  part_emploi_industriel: "ecosystemes-innovation",
  etablissements_industriels: "ecosystemes-innovation",
  etablissements_prives: "ecosystemes-innovation",
  creations_etablissements: "ecosystemes-innovation",
  creations_industrie: "ecosystemes-innovation",
  taux_creation_10000_hab: "ecosystemes-innovation",
  consommation_enaf_ha: "transition-ecologique",
  trajectoire_zan_pct: "transition-ecologique",
  consommation_enaf_activite_ha: "foncier-industriel",
  part_enaf_activite_pct: "foncier-industriel",
  friches_recensees: "foncier-industriel",
  friches_surface_ha: "foncier-industriel",
  friches_avec_projet_pct: "foncier-industriel",
  friches_reconverties: "foncier-industriel",
  tiers_lieux_ouverts: "ecosystemes-innovation",
  demandeurs_emploi_abc: "recrutement-competences",
  part_demandeurs_moins_25_ans: "recrutement-competences",
  projets_recrutement: "recrutement-competences",
  part_projets_difficiles: "recrutement-competences",
  effectifs_lycees_pro: "recrutement-competences",
  actions_engagees_pct: "ecosystemes-innovation",
  budget_engage_pct: "ecosystemes-innovation",
  actions_en_retard: "ecosystemes-innovation",
  entreprises_accompagnees: "ecosystemes-innovation",
  delai_moyen_instruction_jours: "ecosystemes-innovation",
};

/** The axis (id) of an indicator in an axes set; throws for an indicator nobody placed, so a new one cannot be forgotten. */
export function axisOf(set: AxesSetId, indicator: { id: string; axis: Axis }): string {
  if (set === "axes-2019") return indicator.axis;
  const id = PRIORITIES[indicator.id];
  if (!id) throw new Error(`indicateur ${indicator.id} sans priorité dans le jeu d'axes ${set} (src/phases/axes.ts)`);
  return id;
}

/** { "axes-2019": "Attirer", "priorites-2023": "ecosystemes-innovation" }: the placement published with each sheet. */
export function placementOf(indicator: { id: string; axis: Axis }): Record<AxesSetId, string> {
  return { "axes-2019": axisOf("axes-2019", indicator), "priorites-2023": axisOf("priorites-2023", indicator) };
}

export const isAxesSet = (x: unknown): x is AxesSetId => x === "axes-2019" || x === "priorites-2023";
