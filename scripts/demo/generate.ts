// npm run data:demo [-- --out DIR]
// Writes deterministic demonstration files, in the official formats of notes/formats.md, for the
// communes of the configured territory (DIR/territoire.json, else data/territoire.json).
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadTerritory, type Territory } from "../../src/territory/territory.ts";
import { generateBmo } from "./bmo.ts";
import { generateCartofriches } from "./cartofriches.ts";
import { generateCerema } from "./cerema.ts";
import type { GeneratedFile } from "./csv.ts";
import { generateDares } from "./dares.ts";
import { generateLyceesPro } from "./lycees-pro.ts";
import { buildManifest, manifestText, type Manifest } from "./manifest.ts";
import { generateSirene } from "./sirene.ts";
import { generateUrssaf } from "./urssaf.ts";

export async function generateAll(territory: Territory): Promise<GeneratedFile[]> {
  // URSSAF and DARES files stand for the exports data:refresh asks for the territory's communes (coverage.ts).
  const requested = (f: GeneratedFile): GeneratedFile => ({ ...f, communesRequested: territory.communes.map((c) => c.code) });
  return [
    requested(generateUrssaf(territory)),
    ...generateSirene(territory),
    generateCerema(territory),
    requested(generateDares(territory)),
    generateLyceesPro(territory),
    ...(await generateBmo()),
    generateCartofriches(territory),
  ];
}

/** Files listed as demonstration in an earlier manifest: removed if no longer generated. */
async function previousDemoFiles(outDir: string): Promise<string[]> {
  try {
    const manifest = JSON.parse(await readFile(join(outDir, "manifest.json"), "utf8")) as Partial<Manifest>;
    return (manifest.fichiers ?? []).filter((f) => f.demonstration === true && typeof f.chemin === "string").map((f) => f.chemin);
  } catch {
    return [];
  }
}

export async function writeDemo(outDir: string, territoryDir = existsSync(join(outDir, "territoire.json")) ? outDir : "data") {
  const territory = await loadTerritory(territoryDir);
  const files = await generateAll(territory);
  const manifest = buildManifest(files, territory.id);
  const written = new Set(files.map((f) => f.path));
  for (const stale of await previousDemoFiles(outDir))
    if (!written.has(stale) && !stale.includes("..")) await rm(join(outDir, stale), { force: true });
  await mkdir(join(outDir, "sources"), { recursive: true });
  for (const f of files) await writeFile(join(outDir, f.path), f.content);
  await writeFile(join(outDir, "manifest.json"), manifestText(manifest));
  return { territory, files, manifest };
}

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
  const { territory, files } = await writeDemo(out);
  console.log(`Données de démonstration pour « ${territory.nom} » (${territory.communes.length} communes) écrites dans ${resolve(out)} :`);
  for (const f of files) console.log(`  ${f.path} : ${f.rows} lignes, ${(f.content.length / 1024).toFixed(0)} Ko`);
  console.log("  manifest.json : fichiers marqués « demonstration », chiffres fictifs.");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((e: unknown) => {
    console.error(`Erreur : ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
