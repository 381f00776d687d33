// `ti validate`: checks every file of a data folder and says, per file, what was recognised and loaded.
// Source files first (data/sources/), then the territory's own files (data/local/: cibles, actions, suivi,
// commentaires), read with the evaluation `ti compute` and the site use (src/evaluation/evaluate.ts), each problem
// written `path:line:column: message`.
import path from "node:path";
import { formatNumber } from "../format/number.ts";
import type { LoadedFile } from "../pipeline/load-data-folder.ts";
import { coverageLine } from "../pipeline/data-checks.ts";
import { evaluate, type Evaluation } from "../evaluation/evaluate.ts";
import type { LocalInputs } from "../local/inputs.ts";
import type { Rejection } from "../sources/types.ts";
import { printable } from "../format/terminal.ts";
import { formatProblem } from "../format/location.ts";

/** Lines built from data (file names, values, column names): each made printable, then joined by the program's breaks. */
const printableLines = (lines: readonly string[]) => lines.map(printable).join("\n");

const SHOWN_PER_FILE = 20;

function describeFile(f: LoadedFile, showAll: boolean): string[] {
  const lines = [f.relativePath + (f.demonstration ? " (démonstration)" : "")];
  if (f.ignored) {
    lines.push(`  écarté${f.ignored.source ? ` (source ${f.ignored.source})` : ""} : ${f.ignored.reason}`);
    return lines;
  }
  if (f.problem) {
    lines.push(`  inutilisable : ${formatProblem(f.problem, f.problem.message)}`);
    return lines;
  }
  const r = f.report!;
  lines.push(`  source reconnue : ${r.source} · millésime : ${r.vintage ?? "inconnu"}`);
  lines.push(
    `  lignes lues ${formatNumber(r.rowsRead)} · chargées ${formatNumber(r.rowsLoaded)} · hors territoire ${formatNumber(r.rowsOutside)} · rejetées ${formatNumber(r.rejections.length)}`,
  );
  for (const note of r.notes) lines.push(`  note : ${note}`);
  const shown = showAll ? r.rejections : r.rejections.slice(0, SHOWN_PER_FILE);
  for (const j of shown) lines.push(`  ${problemLine(j)}`);
  if (shown.length < r.rejections.length)
    lines.push(`  … et ${formatNumber(r.rejections.length - shown.length)} autres rejets (option --tout pour tout afficher, ou rejets.csv de « ti compute »)`);
  return lines;
}

/** `path:line:column: message (valeur « … »)`, the form every problem is written in. */
export function problemLine(j: Rejection, prefix = ""): string {
  return formatProblem(j, `${prefix}${j.reason}${j.value !== "" ? ` (valeur « ${j.value} »)` : ""}`);
}

interface LocalReport {
  file: string;
  present: boolean;
  rowsRead: number;
  rowsLoaded: number;
  rejections: Rejection[];
  warnings: Rejection[];
  notes: string[];
}

/** The local files as the evaluation read them, each named by its path from where the command runs (data/local/x.csv). */
export function localReports(dataDir: string, local: LocalInputs): LocalReport[] {
  const named = (rejections: readonly Rejection[]) => rejections.map((j) => ({ ...j, file: path.join(dataDir, j.file) }));
  const { cibles, actions, suivi, commentaires } = local;
  return [
    { file: path.join(dataDir, cibles.file), present: cibles.present, rowsRead: cibles.rowsRead, rowsLoaded: cibles.targets.length, rejections: named(cibles.rejections), warnings: [], notes: cibles.notes },
    { file: path.join(dataDir, actions.file), present: actions.present, rowsRead: actions.rowsRead, rowsLoaded: actions.actions.length, rejections: named(actions.rejections), warnings: named(actions.warnings), notes: actions.notes },
    { file: path.join(dataDir, suivi.file), present: suivi.present, rowsRead: suivi.rowsRead, rowsLoaded: suivi.rows.length, rejections: named(suivi.rejections), warnings: [], notes: suivi.notes },
    {
      file: path.join(dataDir, commentaires.file), present: commentaires.present, rowsRead: commentaires.rowsRead, rowsLoaded: commentaires.commentaires.length,
      rejections: named(commentaires.rejections), warnings: [], notes: commentaires.notes,
    },
  ];
}

function describeLocal(r: LocalReport, showAll: boolean): string[] {
  if (!r.present) return [`${r.file}`, "  absent (fichier facultatif) : modèle et format dans data/local/README.md"];
  const lines = [r.file];
  const rejectedRows = new Set(r.rejections.map((j) => j.line)).size;
  lines.push(
    `  lignes lues ${formatNumber(r.rowsRead)} · chargées ${formatNumber(r.rowsLoaded)} · rejetées ${formatNumber(rejectedRows)}` +
      (r.warnings.length > 0 ? ` · avertissements ${formatNumber(r.warnings.length)}` : ""),
  );
  for (const note of r.notes) lines.push(`  note : ${note}`);
  const problems = [...r.rejections.map((j) => ({ j, text: problemLine(j) })), ...r.warnings.map((j) => ({ j, text: problemLine(j, "avertissement : ") }))]
    .sort((a, b) => a.j.line - b.j.line)
    .map((p) => p.text);
  const shown = showAll ? problems : problems.slice(0, SHOWN_PER_FILE);
  for (const p of shown) lines.push(`  ${p}`);
  if (shown.length < problems.length) lines.push(`  … et ${formatNumber(problems.length - shown.length)} autres problèmes (option --tout pour tout afficher)`);
  return lines;
}

/** `evaluated`: an evaluation of `options.data` made beforehand, left open (tests share one); by default its own. */
export async function runValidate(options: { data: string; all: boolean }, evaluated?: Evaluation): Promise<number> {
  const evaluation = evaluated ?? (await evaluate(options.data));
  try {
    const { folder } = evaluation;
    const t = folder.territory;
    console.log(printable(`Territoire : ${t.nom} (${t.epcis.length} EPCI, ${t.communes.length} communes)`));
    console.log(printable(`Dossier de données : ${options.data}${folder.demonstration ? " — données de démonstration, chiffres fictifs" : ""}`));
    console.log("");
    for (const f of folder.files) console.log(printableLines(describeFile(f, options.all)) + "\n");
    const coverage = evaluation.checks.coverage;
    if (coverage.length > 0) {
      console.log("Couverture du territoire, par source :");
      for (const c of coverage) console.log(printable(`  ${coverageLine(c)}`));
      console.log("");
    }
    const empty = evaluation.checks.empty;
    for (const p of empty) console.log(printable(`Erreur : ${p.file ?? p.source} : ${p.message}`) + "\n");
    const local = localReports(options.data, evaluation.local);
    console.log(printable(`Fichiers locaux (${path.join(options.data, "local")}) :`));
    for (const r of local) console.log(printableLines(describeLocal(r, options.all)) + "\n");
    const localRejected = local.reduce((n, r) => n + new Set(r.rejections.map((j) => j.line)).size, 0);
    const localWarnings = local.reduce((n, r) => n + r.warnings.length, 0);
    // The shared reference table (../shared/data) is not a file of the folder: it does not make an empty folder usable.
    const own = folder.files.filter((f) => f.origin === "donnees");
    const unusable = own.filter((f) => f.problem).length;
    const ignored = own.filter((f) => f.ignored).length;
    const usable = own.filter((f) => f.report).length;
    const rejected = own.reduce((n, f) => n + (f.report?.rejections.length ?? 0), 0);
    if (usable === 0)
      console.log(printable(`Aucun fichier utilisable dans ${path.join(options.data, "sources")} : lancez « npm run data:demo » (données de démonstration) ou « npm run data:refresh » (données officielles), ou déposez-y les fichiers officiels.`));
    else
      console.log(
        `Bilan : ${own.length} fichier(s), ${usable} utilisable(s), ${unusable} inutilisable(s)` +
          (ignored > 0 ? `, ${ignored} écarté(s) (copie ou millésime remplacé)` : "") +
          `, ${formatNumber(rejected)} ligne(s) rejetée(s)` +
          (empty.length > 0 ? `, ${empty.length} fichier(s) sans aucune ligne chargée pour le territoire.` : "."),
      );
    console.log(`Fichiers locaux : ${local.filter((r) => r.present).length} présent(s) sur ${local.length}, ${formatNumber(localRejected)} ligne(s) rejetée(s), ${formatNumber(localWarnings)} avertissement(s).`);
    return unusable > 0 || usable === 0 || empty.length > 0 ? 1 : 0;
  } finally {
    if (!evaluated) evaluation.close();
  }
}
