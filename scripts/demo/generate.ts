// npm run data:demo [-- --out DIR]: the command around src/sources/demo/generate.ts, which writes the demonstration
// files of the configured territory (DIR/territoire.json, else data/territoire.json).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { writeDemo } from "../../src/sources/demo/generate.ts";

function parseArgs(argv: string[]): { out: string } {
  let out = "data";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--out") {
      const value = argv[++i];
      if (!value) throw new Error("--out attend un dossier (par exemple : --out /tmp/demo)");
      out = value;
    } else if (arg.startsWith("--out=")) out = arg.slice("--out=".length);
    else throw new Error(`argument inconnu : ${arg} (usage : npm run data:demo -- [--out DOSSIER])`);
  }
  return { out };
}

async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  const { territory, files, notes } = await writeDemo(out);
  console.log(`Données de démonstration pour « ${territory.nom} » (${territory.communes.length} communes) écrites dans ${resolve(out)} :`);
  for (const f of files) console.log(`  ${f.path} : ${f.rows} lignes, ${(f.content.length / 1024).toFixed(0)} Ko`);
  console.log("  manifest.json : fichiers marqués « demonstration », chiffres fictifs.");
  for (const note of notes) console.log(`  note : ${note}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((e: unknown) => {
    console.error(`Erreur : ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
