// `ti validate` checks data/local/commentaires.csv (the copil's commentary of the annual reports) with the reader the
// reports use, and writes its refused rows like those of the other local files: `path:line:column: message (valeur
// « … »)`. A refused commentary is a local problem: it does not change the exit code, which the source files decide.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runValidate } from "../../src/cli/validate.ts";

const ROOT = join(import.meta.dirname, "..", "..");

/**
 * The commentary as Excel saves a "CSV" on a French Windows: semicolons, Windows-1252. Line 3 has a two-digit year,
 * line 4 an axis of the 2019-2022 phase in a 2024 report, line 5 an axis that exists in no phase; lines 2 and 6 are
 * right, line 6 naming its axis with an accented capital that only a Windows-1252 reading recognises.
 */
const HOSTILE = [
  "phase;annee;axe;commentaire",
  ";2022;Attirer;Les créations d'établissements ont progressé.",
  ";22;Recruter;Année écrite sur deux chiffres.",
  ";2024;Attirer;« Attirer » n'est pas une priorité de la phase 2023-2027.",
  ";2024;Énergie;Axe inexistant.",
  ";2024;Écosystèmes d'innovation;Deux projets collaboratifs engagés.",
  "",
].join("\r\n");

const dirs: string[] = [];

/** A data folder with one usable source file (demonstration DEFM) and the hostile commentary. */
async function dataFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "ti-validate-comm-"));
  dirs.push(dir);
  await mkdir(join(dir, "local"));
  await mkdir(join(dir, "sources"));
  await copyFile(join(ROOT, "data", "territoire.json"), join(dir, "territoire.json"));
  await copyFile(join(ROOT, "data", "sources", "dares-defm-communes.csv"), join(dir, "sources", "dares-defm-communes.csv"));
  await writeFile(join(dir, "local", "commentaires.csv"), iconv.encode(HOSTILE, "windows-1252"));
  return dir;
}

async function output(options: { data: string; all: boolean }): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(...args.map(String).join(" ").split("\n")));
  try {
    return { code: await runValidate(options), lines };
  } finally {
    spy.mockRestore();
  }
}

afterEach(async () => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("ti validate: data/local/commentaires.csv", () => {
  it("reads a Windows-1252 commentary, lists each refused row at its line and column, and counts it in the local summary", async () => {
    const dir = await dataFolder();
    const { code, lines } = await output({ data: dir, all: false });
    const f = join(dir, "local", "commentaires.csv");
    const start = lines.indexOf(f);
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start, start + 6)).toEqual([
      f,
      "  lignes lues 5 · chargées 2 · rejetées 3",
      "  note : encodage : lu en Windows-1252 (le fichier n'est pas de l'UTF-8, dès la ligne 2 ; c'est l'encodage des « CSV » d'Excel sous Windows)",
      `  ${f}:3:annee: année du rapport sur 4 chiffres attendue (par exemple 2022) (valeur « 22 »)`,
      `  ${f}:4:axe: axe inconnu pour la phase 2023-2027 (attendu : Recrutement et compétences, Transition écologique, Écosystèmes d'innovation, Foncier industriel, ou « Synthèse » ou vide pour l'ensemble du rapport) (valeur « Attirer »)`,
      `  ${f}:5:axe: axe inconnu pour la phase 2023-2027 (attendu : Recrutement et compétences, Transition écologique, Écosystèmes d'innovation, Foncier industriel, ou « Synthèse » ou vide pour l'ensemble du rapport) (valeur « Énergie »)`,
    ]);
    expect(lines[start + 6]).toBe("");
    expect(lines).toContain("Fichiers locaux : 1 présent(s) sur 4, 3 ligne(s) rejetée(s), 0 avertissement(s).");
    // The source file is usable and loads rows for the territory: the refused commentary leaves the exit code at 0.
    expect(lines.some((l) => l.startsWith("Bilan : 1 fichier(s), 1 utilisable(s), 0 inutilisable(s)"))).toBe(true);
    expect(code).toBe(0);
  });

  it("an absent commentary is reported as an optional file", async () => {
    const dir = await dataFolder();
    await rm(join(dir, "local", "commentaires.csv"));
    const { code, lines } = await output({ data: dir, all: false });
    const f = join(dir, "local", "commentaires.csv");
    expect(lines[lines.indexOf(f) + 1]).toBe("  absent (fichier facultatif) : modèle et format dans data/local/README.md");
    expect(lines).toContain("Fichiers locaux : 0 présent(s) sur 4, 0 ligne(s) rejetée(s), 0 avertissement(s).");
    expect(code).toBe(0);
  });
});
