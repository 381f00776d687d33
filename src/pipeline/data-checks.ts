// What a loaded data folder says about itself beyond each file's rows: how much of the territory each source covers,
// and the sources that loaded nothing for the territory. `ti validate` prints both (and exits 1 on the second) and the
// « Données et sources » page shows them.
import { formatNumber, formatPercent } from "../format/number.ts";
import { loaderFor } from "../sources/registry.ts";
import type { SourceId } from "../sources/types.ts";
import type { Territory } from "../territory/territory.ts";
import { NATIONAL_DEPARTEMENTS, populationShare, type SourceCoverage } from "./coverage.ts";
import type { LoadedFile } from "./load-data-folder.ts";

export interface CoverageStatement {
  source: SourceId;
  libelle: string;
  communes_couvertes: number;
  communes_territoire: number;
  /** Share of the territory's population living in covered communes, in %; null when a population is unknown. */
  part_population_pct: number | null;
  /** Covered communes some of whose rows were rejected. */
  communes_en_partie: number;
  /** French: what the coverage rests on, and what follows for the values. */
  explication: string;
  /** Up to 10 uncovered communes, "02001 Abbécourt". */
  exemples_manquants: string[];
}

const SHOWN_MISSING = 10;

export function coverageStatements(territory: Territory, coverage: readonly SourceCoverage[]): CoverageStatement[] {
  const names = new Map(territory.communes.map((c) => [c.code, c.nom]));
  return coverage.map((c) => {
    const covered = c.communes.size;
    const partly = [...c.communes.values()].filter((n) => n > 0).length;
    const basis = c.national
      ? "fichiers nationaux"
      : c.requested === c.communesTotal
        ? "fichiers demandés au producteur pour chaque commune du territoire (« npm run data:refresh »)"
        : c.rule === "departements"
          ? "fichiers par département entier : une commune d'un département présent et sans ligne n'en a pas (zéro)"
          : "communes présentes dans les fichiers" + (c.requested > 0 ? " ou demandées au producteur" : "") + " ; une commune absente est inconnue";
    const consequence =
      c.missing.length === 0
        ? "tout le territoire est couvert"
        : `${formatNumber(c.missing.length)} commune(s) non couverte(s) : leurs valeurs sont inconnues (« manquant », jamais 0) et les totaux des EPCI et du territoire qui les contiennent sont « partiels »`;
    const partial = partly > 0 ? ` ; ${formatNumber(partly)} commune(s) dont des lignes ont été rejetées : valeurs « partielles »` : "";
    return {
      source: c.source,
      libelle: loaderFor(c.source).description.label,
      communes_couvertes: covered,
      communes_territoire: c.communesTotal,
      part_population_pct: populationShare(c),
      communes_en_partie: partly,
      explication: `${basis} ; ${consequence}${partial}.`,
      exemples_manquants: c.missing.slice(0, SHOWN_MISSING).map((code) => `${code} ${names.get(code) ?? ""}`.trim()),
    };
  });
}

/** One line for the CLI: `urssaf : 71 communes sur 71 (100 % de la population) — …`. */
export function coverageLine(s: CoverageStatement): string {
  const share = s.part_population_pct === null ? "part de la population inconnue" : `${formatPercent(s.part_population_pct)} de la population`;
  const more = s.communes_couvertes + s.exemples_manquants.length < s.communes_territoire;
  const missing = s.exemples_manquants.length > 0 ? ` Non couvertes : ${s.exemples_manquants.join(", ")}${more ? ", …" : "."}` : "";
  return `${s.source} : ${formatNumber(s.communes_couvertes)} commune(s) sur ${formatNumber(s.communes_territoire)} (${share}) — ${s.explication}${missing}`;
}

export interface EmptinessProblem {
  /** The file concerned, or null when the statement is about a whole source. */
  file: string | null;
  source: SourceId;
  message: string;
}

/**
 * Recognised files of the data folder that loaded nothing for the territory: every row of the territory rejected, or
 * no row about the territory at all. Reference files read from ../shared and sources published by bassin (BMO, whose
 * files are kept whole) are not concerned. Such a file is not silently empty: `ti validate` exits 1 on it.
 */
export function emptinessProblems(files: readonly LoadedFile[]): EmptinessProblem[] {
  const problems: EmptinessProblem[] = [];
  for (const f of files) {
    const r = f.report;
    if (!r || f.origin !== "donnees" || !loaderFor(r.source).coverage || r.rowsLoaded > 0) continue;
    // A national URSSAF file (or the rest of France beside the territory's own file) is read whole for the reference
    // levels (département, région, France, Territoires d'industrie: src/references): used, even with no row here.
    if (r.source === "urssaf" && Object.keys(r.coverage?.departements ?? {}).length >= NATIONAL_DEPARTEMENTS) continue;
    const label = loaderFor(r.source).description.label;
    if (r.rejections.length > 0) {
      problems.push({
        file: f.relativePath,
        source: r.source,
        message:
          `aucune ligne chargée : les ${formatNumber(r.rejections.length)} ligne(s) du fichier qui concernent le territoire ou sont illisibles ont toutes été rejetées ` +
          `(raisons ci-dessus ; la plus fréquente : « ${mostFrequentReason(r.rejections)} »). Les indicateurs de la source ${label} n'auront aucune valeur : ` +
          "corrigez le fichier ou remplacez-le par l'export du producteur.",
      });
    } else {
      const deps = Object.keys(r.coverage?.departements ?? {});
      problems.push({
        file: f.relativePath,
        source: r.source,
        message:
          `aucune ligne ne concerne le territoire (${formatNumber(r.rowsRead)} ligne(s) lue(s), toutes hors territoire` +
          (deps.length > 0 ? ` ; départements présents : ${deps.slice(0, 10).join(", ")}${deps.length > 10 ? ", …" : ""}` : "") +
          `). Le fichier ne couvre pas ce territoire : téléchargez celui de ses communes (« npm run data:refresh ») ou retirez-le.`,
      });
    }
  }
  return problems;
}

function mostFrequentReason(rejections: readonly { reason: string }[]): string {
  const counts = new Map<string, number>();
  for (const j of rejections) counts.set(j.reason, (counts.get(j.reason) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}
