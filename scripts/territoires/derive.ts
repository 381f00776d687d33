// `npm run data:territoires [-- --depuis DOSSIER] [--sortie FICHIER] [--verifier]`
// Derives the product's list of Territoires d'industrie (src/geography/territoires-industrie.json) from the
// ANCT files of a folder: by default ../shared/data/territoires-industrie (the cartography export of the
// 2023-2027 list), or a folder holding the ANCT dataset's files (liste-ti-*, liste-ti-grpt*, liste-ti-com*),
// for instance <data>/territoires-industrie/ after `npm run data:refresh`. The phases found replace the same
// phases of the table; the others are kept. Only this compact table is written, never the source files.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { sharedFile } from "../../src/io/shared-data.ts";
import { reportLines } from "../../src/geography/ti-derive.ts";
import { readFolderLists } from "../../src/geography/ti-list.ts";
import { mergeLists, parseList, PRODUCT_TABLE, serialiseList, type TerritoryList } from "../../src/geography/ti-table.ts";

export const TABLE_DESCRIPTION =
  "Liste officielle des Territoires d'industrie (ANCT), dérivée par « npm run data:territoires » (scripts/territoires/derive.ts) : ne pas modifier à la main. Membres : EPCI et établissements publics territoriaux par SIREN, communes listées une à une par code INSEE ; « communes » = nombre de communes du Code officiel géographique en vigueur.";

const USAGE = `Usage : npm run data:territoires [-- options]

Dérive la table des Territoires d'industrie du produit (${path.relative(process.cwd(), PRODUCT_TABLE)})
des fichiers de l'ANCT d'un dossier, et dit chaque membre non résolu et chaque désaccord entre fichiers.

Options :
  --depuis DOSSIER   dossier des fichiers de l'ANCT (par défaut ../shared/data/territoires-industrie)
  --sortie FICHIER   table à écrire (par défaut celle du produit)
  --verifier         n'écrit rien ; code de sortie 1 si la table diffère de ce que donnent les fichiers
`;

export async function deriveTable(from: string, existing: TerritoryList | null) {
  const folder = await readFolderLists(from, "npm run data:territoires");
  const list = existing ? mergeLists(existing, folder.list) : folder.list;
  return { ...folder, text: serialiseList(list, TABLE_DESCRIPTION) };
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { depuis: { type: "string" }, sortie: { type: "string" }, verifier: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const from = values.depuis ?? sharedFile("territoires-industrie");
  if (!from) {
    console.error("Erreur : ../shared/data/territoires-industrie introuvable ; indiquez le dossier des fichiers de l'ANCT avec --depuis DOSSIER.");
    return 1;
  }
  const out = values.sortie ?? PRODUCT_TABLE;
  let previous: string | null = null;
  try {
    previous = await readFile(out, "utf8");
  } catch {
    // a new table
  }
  const { text, reports, ignored } = await deriveTable(from, previous ? parseList(previous, out) : null);
  if (reports.length === 0) {
    console.error(`Erreur : aucune liste de Territoires d'industrie dans ${from}.${ignored.length ? `\n${ignored.map((l) => `  ${l}`).join("\n")}` : ""}`);
    return 1;
  }
  for (const r of reports) console.log(reportLines(r).join("\n"));
  for (const l of ignored) console.log(`Fichier ignoré : ${l}`);
  const unresolved = reports.reduce((n, r) => n + r.nonResolus.length, 0);
  if (values.verifier) {
    if (text === previous) {
      console.log(`${out} est à jour.`);
      return 0;
    }
    console.error(`${out} n'est pas à jour : relancez « npm run data:territoires ».`);
    return 1;
  }
  await writeFile(out, text);
  console.log(`Table écrite : ${out}${unresolved > 0 ? ` (attention : ${unresolved} membre(s) non résolu(s), voir ci-dessus)` : ""}`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`Erreur : ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
