// `ti validate` also checks the local files (cibles, actions, suivi, commentaires) with the readers of src/local/, and
// writes each problem `path:line:column: message`, errors and warnings, after the source files. A refused row of a
// local file does not change the exit code, which the source files decide.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runValidate } from "../../src/cli/validate.ts";
import { demoRun } from "../support/demo-evaluation.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const FIXTURES = join(import.meta.dirname, "..", "fixtures", "local");

async function dataFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "ti-validate-"));
  await mkdir(join(dir, "local"));
  await copyFile(join(ROOT, "data", "territoire.json"), join(dir, "territoire.json"));
  await copyFile(join(FIXTURES, "actions-erreurs.csv"), join(dir, "local", "actions.csv"));
  await copyFile(join(ROOT, "data", "local", "cibles.csv"), join(dir, "local", "cibles.csv"));
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

afterEach(() => vi.restoreAllMocks());

describe("ti validate: local files", () => {
  it("lists each rejected row of actions.csv and the warning, at their line and column, in file order", async () => {
    const dir = await dataFolder();
    const { lines } = await output({ data: dir, all: false });
    const f = join(dir, "local", "actions.csv");
    const start = lines.indexOf(f);
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start, start + 11)).toEqual([
      f,
      "  lignes lues 12 · chargées 5 · rejetées 7 · avertissements 1",
      `  ${f}:4:axe: axe inconnu (attendu : Attirer, Recruter, Innover, Simplifier pour la phase 2019-2022 ; Recrutement et compétences, Transition écologique, Écosystèmes d'innovation, Foncier industriel pour la phase 2023-2027) (valeur « Industrie »)`,
      `  ${f}:5:indicateurs_lies: indicateur(s) inconnu(s) du catalogue : indicateur_inconnu (séparer les identifiants par « ; ») (valeur « emploi_industriel;indicateur_inconnu »)`,
      `  ${f}:6:date_debut: date non valide (attendu AAAA-MM-JJ ou JJ/MM/AAAA) (valeur « 2024-02-30 »)`,
      `  ${f}:7:date_fin_prevue: date de fin prévue (2024-01-01) antérieure à la date de début (2024-06-01) (valeur « 01/01/2024 »)`,
      `  ${f}:8:avancement: pourcentage entre 0 et 100 attendu (ou vide) (valeur « 120 »)`,
      `  ${f}:9:budget_engage: avertissement : budget engagé (15 000 €) supérieur au budget prévu (10 000 €) ; ligne conservée, à vérifier (valeur « 15 000 € »)`,
      `  ${f}:10:id: identifiant d'action en double (déjà ligne 3) (valeur « A1 »)`,
      `  ${f}:11:budget_prevu: montant en euros attendu (par exemple « 12 000 », « 12000,50 » ou « 12 000 € ») (valeur « 12.000 »)`,
      `  ${f}:11:statut: « en retard » ne se saisit pas : il est calculé (date de fin prévue dépassée) ; saisir le statut réel (à lancer ou engagée) (valeur « en retard »)`,
    ]);
  });

  it("reports the other local files, present or absent, and sums them up after the sources' summary", async () => {
    const dir = await dataFolder();
    const { lines } = await output({ data: dir, all: false });
    expect(lines).toContain(`Fichiers locaux (${join(dir, "local")}) :`);
    const cibles = lines.indexOf(join(dir, "local", "cibles.csv"));
    expect(lines[cibles + 1]).toBe("  lignes lues 9 · chargées 9 · rejetées 0");
    const suivi = lines.indexOf(join(dir, "local", "suivi.csv"));
    expect(lines[suivi + 1]).toBe("  absent (fichier facultatif) : modèle et format dans data/local/README.md");
    expect(lines).toContain("Fichiers locaux : 2 présent(s) sur 4, 7 ligne(s) rejetée(s), 1 avertissement(s).");
  });

  it("the shipped data/local files validate without any problem", async () => {
    // `ti validate` on data/, from the evaluation the unit tests share.
    const lines = (await demoRun()).validate.out.split("\n");
    expect(lines).toContain("  lignes lues 14 · chargées 14 · rejetées 0");
    expect(lines).toContain("Fichiers locaux : 4 présent(s) sur 4, 0 ligne(s) rejetée(s), 0 avertissement(s).");
  });
});

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

/** A data folder with one usable source file (demonstration DEFM) and the hostile commentary. */
async function commentaryFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "ti-validate-comm-"));
  await mkdir(join(dir, "local"));
  await mkdir(join(dir, "sources"));
  await copyFile(join(ROOT, "data", "territoire.json"), join(dir, "territoire.json"));
  await copyFile(join(ROOT, "data", "sources", "dares-defm-communes.csv"), join(dir, "sources", "dares-defm-communes.csv"));
  await writeFile(join(dir, "local", "commentaires.csv"), iconv.encode(HOSTILE, "windows-1252"));
  return dir;
}

describe("ti validate: data/local/commentaires.csv", () => {
  it("reads a Windows-1252 commentary, lists each refused row at its line and column, and counts it in the local summary", async () => {
    const dir = await commentaryFolder();
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
    const dir = await commentaryFolder();
    await rm(join(dir, "local", "commentaires.csv"));
    const { code, lines } = await output({ data: dir, all: false });
    const f = join(dir, "local", "commentaires.csv");
    expect(lines[lines.indexOf(f) + 1]).toBe("  absent (fichier facultatif) : modèle et format dans data/local/README.md");
    expect(lines).toContain("Fichiers locaux : 0 présent(s) sur 4, 0 ligne(s) rejetée(s), 0 avertissement(s).");
    expect(code).toBe(0);
  });
});
