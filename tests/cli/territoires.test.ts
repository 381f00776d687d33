// The command line to choose a territory, as a user runs it: `npm run ti -- territoires TEXTE` and
// `npm run ti -- init ti-XXXX [--data DOSSIER] [--remplacer]`. The commands run in this process (their console
// captured); one test starts the real process, for its exit code.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInit } from "../../src/cli/init.ts";
import { runTerritoires } from "../../src/cli/territoires.ts";
import { inProcess } from "../support/console.ts";

const root = path.resolve(import.meta.dirname, "../..");
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(d);
  return d;
}

function spawnTi(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "src/cli/ti.ts"), ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** `ti territoires TEXTE`, in this process. */
const territoires = (...words: string[]) => inProcess(() => runTerritoires({ data: "data", text: words.join(" ") || undefined }));
/** `ti init ID --data DIR [--remplacer]`, in this process. */
const init = (id: string, data: string, replace = false) => inProcess(() => runInit({ id, data, replace }));

describe("ti territoires", () => {
  it("« Saint-Quentin » trouve d'abord ti-3208 « Haute-Picardie », par sa commune et son EPCI, puis les autres", async () => {
    const r = await territoires("Saint-Quentin");
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[0]).toMatch(/^\d+ Territoires d'industrie pour « Saint-Quentin » :$/);
    expect(lines[1]).toBe("  ti-3208  Haute-Picardie — Hauts-de-France, phase 2023-2027, 5 EPCI, 231 communes");
    expect(lines[2]).toBe("           commune Saint-Quentin (02691) ; EPCI CA du Saint-Quentinois (200071892)");
    // ti-1111 « Versailles – Saclay – Saint Quentin » has the words in its own name.
    expect(r.out).toContain("  ti-1111  Versailles – Saclay – Saint Quentin");
    expect(r.out).toContain("Pour configurer ce territoire : npm run ti -- init ti-3208");
  });

  it("ignore accents et casse, et cherche aussi par EPCI (« grand orly » trouve l'EPT de ti-1105)", async () => {
    const r = await territoires("GRAND", "ORLY");
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[1]).toBe("  ti-1105  Grand-Orly Seine Bièvre — Île-de-France, phase 2023-2027, 1 EPT, 24 communes");
    const creuse = await territoires("creuse industrie");
    expect(creuse.out.split("\n")[1]).toBe("  ti-7506  Creuse Industrie — Nouvelle-Aquitaine, phase 2023-2027, 9 EPCI, 11 communes listées une à une, 255 communes");
  });

  it("sans résultat, le dit et sort en 1 (le processus lui-même)", () => {
    const r = spawnTi("territoires", "Xyzzy");
    expect(r.code).toBe(1);
    expect(r.out).toContain("Aucun Territoire d'industrie ne correspond à « Xyzzy »");
  });
});

describe("ti init", () => {
  it("un identifiant inconnu : erreur en français qui propose les plus proches, rien n'est écrit", async () => {
    const dir = path.join(tempDir("ti-init-"), "donnees");
    const r = await init("ti-3280", dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain("Erreur : Territoire d'industrie inconnu : « ti-3280 »");
    expect(r.err).toContain("Vouliez-vous dire : ti-3208 « Haute-Picardie » (Hauts-de-France, 2023-2027) ; ti-3210 « Pays Boulonnais »");
    expect(existsSync(dir)).toBe(false);
  });

  it("écrit {\"ti\": ...} et les données de démonstration du territoire, et dit ce qui leur manque", async () => {
    const dir = path.join(tempDir("ti-init-"), "donnees");
    const r = await init("ti-1105", dir);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, "territoire.json"), "utf8"))).toEqual({ ti: "ti-1105" });
    expect(r.out).toContain(`Territoire configuré : ti-1105 « Grand-Orly Seine Bièvre » (Île-de-France, 2023-2027) : 1 EPT, 24 communes → ${dir}/territoire.json`);
    expect(r.out).toMatch(/note : BMO : le générateur ne connaît de bassins d'emploi que dans les départements 02, 80 ; aucun pour ce territoire \(départements 91, 94\)/);
    const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
    expect(manifest.territoire).toBe("ti-1105");
    // Sirene: one file per département of the territory (Essonne and Val-de-Marne), no BMO workbook.
    const files = manifest.fichiers.map((f: { chemin: string }) => f.chemin);
    expect(files.filter((f: string) => f.includes("sirene"))).toEqual(["sources/sirene-etablissements-91.csv", "sources/sirene-etablissements-94.csv"]);
    expect(files.some((f: string) => f.includes("BMO"))).toBe(false);
    expect(r.out).toContain(`npm run ti -- compute --data ${dir}`);
  });

  it("ne repointe pas un dossier qui tient des fichiers officiels d'un autre territoire, sauf avec --remplacer", async () => {
    const dir = tempDir("ti-init-");
    writeFileSync(path.join(dir, "territoire.json"), JSON.stringify({ id: "charly", nom: "Canton de Charly-sur-Marne", epci: ["240200584"] }));
    mkdirSync(path.join(dir, "sources"));
    writeFileSync(path.join(dir, "sources/mon-fichier-officiel.csv"), "code_commune;valeur\n02001;1\n");
    mkdirSync(path.join(dir, "local"));
    const refused = await init("ti-9401", dir);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `Erreur : ${dir} est configuré pour « Canton de Charly-sur-Marne » et contient des fichiers officiels (sources/mon-fichier-officiel.csv) ; choisissez un autre dossier (--data DOSSIER) ou relancez avec --remplacer pour le configurer quand même pour ti-9401.\n`,
    );
    expect(JSON.parse(readFileSync(path.join(dir, "territoire.json"), "utf8")).id).toBe("charly");

    const replaced = await init("ti-9401", dir, true);
    expect(replaced.code, replaced.err).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, "territoire.json"), "utf8"))).toEqual({ ti: "ti-9401" });
    expect(replaced.out).toContain("attention : fichiers officiels gardés, qui concernent « Canton de Charly-sur-Marne » (hors territoire au calcul) : sources/mon-fichier-officiel.csv");
    expect(replaced.out).toContain(`attention : ${dir}/local/ (cibles, plan d'actions, suivi) décrit « Canton de Charly-sur-Marne »`);
    expect(readFileSync(path.join(dir, "sources/mon-fichier-officiel.csv"), "utf8")).toBe("code_commune;valeur\n02001;1\n");
  });
});
