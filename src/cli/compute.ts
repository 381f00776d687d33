// `ti compute`: evaluates the data folder (src/evaluation/evaluate.ts), writes indicateurs.csv, .parquet, rejets.csv and
// the reference outputs.
import path from "node:path";
import { formatNumber } from "../format/number.ts";
import { writeIndicatorOutputs } from "../indicators/index.ts";
import { evaluate, type Evaluation } from "../evaluation/evaluate.ts";
import { collectRejections } from "../evaluation/rejections.ts";
import { writeRejections } from "../pipeline/write-rejections.ts";
import { printable } from "../format/terminal.ts";
import { writeReferenceOutputs } from "../references/index.ts";
import { formatProblem } from "../format/location.ts";
import type { Rejection } from "../sources/types.ts";

/** « 12 rejetées », or « 12 rejetées (dont 3 redondantes) » when some only repeat a figure kept elsewhere. */
function rejectedCount(rejections: Rejection[]): string {
  const redundant = rejections.filter((r) => r.redundant).length;
  return `${formatNumber(rejections.length)} rejetées` + (redundant > 0 ? ` (dont ${formatNumber(redundant)} redondantes, chiffre publié ailleurs dans le fichier)` : "");
}

/** `evaluated`: an evaluation of `options.data` made beforehand, left open (tests share one); by default its own. */
export async function runCompute(options: { data: string; out: string; strict: boolean }, evaluated?: Evaluation): Promise<number> {
  const evaluation = evaluated ?? (await evaluate(options.data));
  try {
    const { folder, indicators: result, references } = evaluation;
    console.log(printable(`Territoire : ${folder.territory.nom} — dossier ${options.data}${folder.demonstration ? " (données de démonstration, chiffres fictifs)" : ""}`));
    for (const f of folder.files) {
      if (f.ignored) {
        console.log(printable(`  ${f.relativePath} : écarté — ${f.ignored.reason}`));
        continue;
      }
      if (f.problem) {
        console.log(printable(`  ${f.relativePath} : inutilisable — ${formatProblem(f.problem, f.problem.message)}`));
        continue;
      }
      const r = f.report!;
      console.log(printable(
        `  ${f.relativePath} : ${formatNumber(r.rowsRead)} lues, ${formatNumber(r.rowsLoaded)} chargées, ${formatNumber(r.rowsOutside)} hors territoire, ${rejectedCount(r.rejections)}`,
      ));
    }
    for (const local of result.localFiles) {
      console.log(printable(`  ${local.file} : ${formatNumber(local.rowsRead)} lues, ${formatNumber(local.rowsLoaded)} chargées, ${rejectedCount(local.rejections)}`));
    }
    for (const note of result.notes) console.log(`  note : ${note}`);
    for (const note of references.notes) console.log(`  note : ${note}`);
    await writeIndicatorOutputs(result, options.out, references.rows);
    const referenceFiles = await writeReferenceOutputs(references, options.out);
    const rejections = collectRejections(folder, result);
    await writeRejections(rejections, options.out);
    const ids = new Set(result.rows.map((r) => r.indicateur));
    console.log(`Indicateurs calculés : ${ids.size} (${formatNumber(result.rows.length)} valeurs) → ${options.out}/indicateurs.csv, indicateurs.parquet, rejets.csv`);
    console.log(
      `Niveaux de référence : ${formatNumber(references.rows.length)} valeurs (département, région, France, Territoires d'industrie) ; décomposition de l'emploi : ${formatNumber(references.decomposition.length)} lignes → ${referenceFiles.join(", ")}`,
    );

    const unusable = folder.files.filter((f) => f.problem).length;
    if (!folder.files.some((f) => f.origin === "donnees" && f.report)) {
      console.error(printable(`Erreur : aucun fichier utilisable dans ${path.join(options.data, "sources")} : lancez « npm run data:demo » ou « npm run data:refresh », ou déposez-y les fichiers officiels.`));
      return 1;
    }
    if (unusable > 0) {
      console.error(`Erreur : ${unusable} fichier(s) inutilisable(s) ; corrigez-les ou retirez-les du dossier ${options.data}/sources.`);
      return 1;
    }
    if (options.strict) {
      // --strict is about the files the user put in the folder: a shared reference table (../shared/data) is not
      // theirs to mend. Redundant rows (the producer's own layout, e.g. arrondissements of a city published whole)
      // are no flaw.
      const shared = folder.files.filter((f) => f.origin === "reference_partagee").flatMap((f) => f.report?.rejections ?? []);
      const flaws = rejections.filter((r) => !r.redundant && !shared.includes(r)).length;
      if (shared.length > 0)
        console.log(`  note : ${formatNumber(shared.length)} ligne(s) rejetée(s) dans les tables partagées (hors du dossier ${options.data}) : --strict ne les compte pas.`);
      if (flaws > 0) {
        console.error(`Erreur (--strict) : ${formatNumber(flaws)} ligne(s) rejetée(s) pour une anomalie, voir ${options.out}/rejets.csv.`);
        return 1;
      }
    }
    return 0;
  } finally {
    if (!evaluated) evaluation.close();
  }
}
