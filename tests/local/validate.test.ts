// `ti validate` also checks the local files (cibles, actions, suivi) with the readers of src/local/, and writes
// each problem `path:line:column: message`, errors and warnings, after the source files.
import { copyFile, mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
    expect(lines).toContain("Fichiers locaux : 2 présent(s) sur 3, 7 ligne(s) rejetée(s), 1 avertissement(s).");
  });

  it("the shipped data/local files validate without any problem", async () => {
    // `ti validate` on data/, from the evaluation the unit tests share.
    const lines = (await demoRun()).validate.out.split("\n");
    expect(lines).toContain("  lignes lues 14 · chargées 14 · rejetées 0");
    expect(lines).toContain("Fichiers locaux : 3 présent(s) sur 3, 0 ligne(s) rejetée(s), 0 avertissement(s).");
  }, 300_000);
});
