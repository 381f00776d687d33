// `ti validate`: checks every file of a data folder and says, per file, what was recognised and loaded.
import { formatNumber } from "../format/number.ts";
import { loadDataFolder, type LoadedFile } from "../pipeline/load-data-folder.ts";

const SHOWN_PER_FILE = 20;

function describeFile(f: LoadedFile, showAll: boolean): string[] {
  const lines = [f.relativePath + (f.demonstration ? " (démonstration)" : "")];
  if (f.problem) {
    lines.push(`  inutilisable : ${f.problem.file}:${f.problem.line}:${f.problem.column}: ${f.problem.message}`);
    return lines;
  }
  const r = f.report!;
  lines.push(`  source reconnue : ${r.source} · millésime : ${r.vintage ?? "inconnu"}`);
  lines.push(
    `  lignes lues ${formatNumber(r.rowsRead)} · chargées ${formatNumber(r.rowsLoaded)} · hors territoire ${formatNumber(r.rowsOutside)} · rejetées ${formatNumber(r.rejections.length)}`,
  );
  for (const note of r.notes) lines.push(`  note : ${note}`);
  const shown = showAll ? r.rejections : r.rejections.slice(0, SHOWN_PER_FILE);
  for (const j of shown) lines.push(`  ${j.file}:${j.line}:${j.column}: ${j.reason}${j.value !== "" ? ` (valeur « ${j.value} »)` : ""}`);
  if (shown.length < r.rejections.length)
    lines.push(`  … et ${formatNumber(r.rejections.length - shown.length)} autres rejets (option --tout pour tout afficher, ou rejets.csv de « ti compute »)`);
  return lines;
}

export async function runValidate(options: { data: string; all: boolean }): Promise<number> {
  const folder = await loadDataFolder(options.data);
  try {
    const t = folder.territory;
    console.log(`Territoire : ${t.nom} (${t.epcis.length} EPCI, ${t.communes.length} communes)`);
    console.log(`Dossier de données : ${options.data}${folder.demonstration ? " — données de démonstration, chiffres fictifs" : ""}`);
    console.log("");
    for (const f of folder.files) console.log(describeFile(f, options.all).join("\n") + "\n");
    const unusable = folder.files.filter((f) => f.problem).length;
    const rejected = folder.files.reduce((n, f) => n + (f.report?.rejections.length ?? 0), 0);
    if (folder.files.length === 0) {
      console.log(`Aucun fichier dans ${options.data}/sources : lancez « npm run data:demo » ou ajoutez des fichiers officiels.`);
      return 1;
    }
    console.log(
      `Bilan : ${folder.files.length} fichier(s), ${folder.files.length - unusable} utilisable(s), ${unusable} inutilisable(s), ${formatNumber(rejected)} ligne(s) rejetée(s).`,
    );
    return unusable > 0 ? 1 : 0;
  } finally {
    folder.close();
  }
}
