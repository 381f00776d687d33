// The demonstration data of a territory (run by `npm run data:demo`, scripts/demo/generate.ts, and `ti init`).
// Writes deterministic demonstration files, in the official formats of notes/formats.md, for the
// communes of the configured territory (DIR/territoire.json, else data/territoire.json), wherever it is in
// France. What the generator cannot provide for a territory is said, not faked: BMO files only when one of
// its départements has a bassin the generator knows (Aisne, Somme), and a note when no contour file
// covers its communes.
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadTerritory, type Territory } from "../../territory/territory.ts";
import { generateBmo } from "../bmo/demo.ts";
import { generateCartofriches } from "../cartofriches/demo.ts";
import { generateCerema } from "../cerema/demo.ts";
import type { GeneratedFile } from "./csv.ts";
import { generateDares } from "../dares/demo.ts";
import { generateLyceesPro } from "../lycees-pro/demo.ts";
import { buildManifest, manifestText, type Manifest } from "./manifest.ts";
import { generateSirene } from "../sirene/demo.ts";
import { generateUrssaf } from "../urssaf/demo.ts";
import { generateUrssafFrance } from "../urssaf/demo-france.ts";
import { BMO_BASSINS } from "./nomenclature.ts";
import { sharedFile } from "../../io/shared-data.ts";

const departementsOf = (territory: Territory) => [...new Set(territory.communes.map((c) => c.departement))].sort();

/** The BMO survey is published by bassin d'emploi: only bassins of the territory's départements make sense for it. */
export function hasKnownBmoBassin(territory: Territory): boolean {
  const deps = new Set(departementsOf(territory));
  return BMO_BASSINS.some((b) => deps.has(b.departement));
}

/** `restOfFrance: false` leaves out the national URSSAF file (tests whose contract is the territory's own files). */
export interface DemoOptions {
  restOfFrance?: boolean;
}

export async function generateAll(territory: Territory, { restOfFrance = true }: DemoOptions = {}): Promise<GeneratedFile[]> {
  // URSSAF and DARES files stand for the exports data:refresh asks for the territory's communes (coverage.ts).
  const requested = (f: GeneratedFile): GeneratedFile => ({ ...f, communesRequested: territory.communes.map((c) => c.code) });
  return [
    requested(generateUrssaf(territory)),
    // The rest of France: the national file the reference levels, the decomposition and the comparisons need.
    ...(restOfFrance ? [generateUrssafFrance(territory)] : []),
    ...generateSirene(territory),
    generateCerema(territory),
    requested(generateDares(territory)),
    generateLyceesPro(territory),
    ...(hasKnownBmoBassin(territory) ? await generateBmo() : []),
    generateCartofriches(territory),
  ];
}

/** What the demonstration data of this territory lacks, in French. */
export function demoNotes(territory: Territory, outDir: string): string[] {
  const notes: string[] = [];
  const deps = departementsOf(territory);
  if (!hasKnownBmoBassin(territory)) {
    const known = [...new Set(BMO_BASSINS.map((b) => b.departement))].sort().join(", ");
    notes.push(
      `BMO : le générateur ne connaît de bassins d'emploi que dans les départements ${known} ; aucun pour ce territoire (départements ${deps.join(", ")}) : pas de fichier BMO de démonstration, les indicateurs BMO resteront vides (« npm run data:refresh » télécharge l'enquête officielle ; déclarez alors les bassins du territoire dans « bassins_bmo »).`,
    );
  }
  const contourFiles = (dir: string | null) => (dir && existsSync(dir) ? readdirSync(dir).filter((n) => /^communes-.*\.geojson$/.test(n)) : []);
  if (contourFiles(join(outDir, "contours")).length === 0) {
    const shared = contourFiles(sharedFile("contours"));
    const missing = deps.filter((d) => !shared.some((n) => n.startsWith(`communes-${d}-`)));
    if (missing.length > 0)
      notes.push(
        `Contours des communes : aucun fichier pour les départements ${missing.join(", ")} (../shared/data/contours n'en a que pour ${shared.map((n) => n.slice(9, n.indexOf("-", 9))).join(", ") || "aucun"}) : la carte du site restera vide ; « npm run data:refresh » télécharge les contours officiels.`,
      );
  }
  return notes;
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

export async function writeDemo(outDir: string, territoryDir = existsSync(join(outDir, "territoire.json")) ? outDir : "data", options: DemoOptions = {}) {
  const territory = await loadTerritory(territoryDir);
  const files = await generateAll(territory, options);
  const manifest = buildManifest(files, territory.id);
  const written = new Set(files.map((f) => f.path));
  for (const stale of await previousDemoFiles(outDir))
    if (!written.has(stale) && !stale.includes("..")) await rm(join(outDir, stale), { force: true });
  await mkdir(join(outDir, "sources"), { recursive: true });
  for (const f of files) await writeFile(join(outDir, f.path), f.content);
  await writeFile(join(outDir, "manifest.json"), manifestText(manifest));
  return { territory, files, manifest, notes: demoNotes(territory, outDir) };
}
