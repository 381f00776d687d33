// data/local/commentaires.csv: one commentary per report year and axis, the axis named as in actions.csv, refused
// rows reported `fichier:ligne:colonne: raison` with the line as the editor shows it.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCommentaries, type CommentaryPhase } from "../../src/local/commentaires.ts";

const PHASES: CommentaryPhase[] = [
  { id: "2019-2022", code: "saint-quentinois-tergnier", axes: "axes-2019", period: { start: 2019, end: 2022 } },
  { id: "2023-2027", code: "ti-3208", axes: "priorites-2023", period: { start: 2023, end: 2027 } },
];

function file(text: string): string {
  const p = path.join(mkdtempSync(path.join(os.tmpdir(), "ti-comm-")), "commentaires.csv");
  writeFileSync(p, text);
  return p;
}

describe("commentaires du comité de pilotage (data/local/commentaires.csv)", () => {
  it("lit une ligne par rapport et par axe ; la phase vient de l'année ; « Synthèse » ou vide = tout le rapport", async () => {
    const p = file([
      "# exemple de démonstration",
      "phase,annee,axe,commentaire",
      ',2022,attirer,"Premier paragraphe.\nSecond paragraphe."',
      "2019-2022,2022,Synthèse,Bilan du protocole.",
      ",2024,Foncier industriel,Deux friches à l'étude.",
      ",2025,,Commentaire d'ensemble.",
    ].join("\n"));
    const read = await readCommentaries(p, PHASES, "local/commentaires.csv");
    expect(read.rejections).toEqual([]);
    expect(read.commentaires).toEqual([
      { phase: "2019-2022", annee: 2022, axe: "Attirer", paragraphes: ["Premier paragraphe.", "Second paragraphe."], origine: "local/commentaires.csv:3" },
      { phase: "2019-2022", annee: 2022, axe: null, paragraphes: ["Bilan du protocole."], origine: "local/commentaires.csv:5" },
      { phase: "2023-2027", annee: 2024, axe: "foncier-industriel", paragraphes: ["Deux friches à l'étude."], origine: "local/commentaires.csv:6" },
      { phase: "2023-2027", annee: 2025, axe: null, paragraphes: ["Commentaire d'ensemble."], origine: "local/commentaires.csv:7" },
    ]);
  });

  it("refuse, ligne par ligne, en français : année, phase, axe, texte vide, doublon", async () => {
    const p = file([
      "annee;axe;commentaire;phase",
      "22;Attirer;x;",
      "2022;Attirer;x;2023-2027",
      "2024;Attirer;x;",
      "2022;Recruter;;",
      "2022;Recruter;a;",
      "2022;recruter;b;",
    ].join("\r\n"));
    const read = await readCommentaries(p, PHASES, "local/commentaires.csv");
    expect(read.commentaires.map((c) => c.origine)).toEqual(["local/commentaires.csv:6"]);
    expect(read.rejections.map((r) => `${r.file}:${r.line}:${r.column}: ${r.reason}`)).toEqual([
      "local/commentaires.csv:2:annee: année du rapport sur 4 chiffres attendue (par exemple 2022)",
      "local/commentaires.csv:3:phase: le rapport 2022 relève de la phase 2019-2022, pas de la phase 2023-2027",
      "local/commentaires.csv:4:axe: axe inconnu pour la phase 2023-2027 (attendu : Recrutement et compétences, Transition écologique, Écosystèmes d'innovation, Foncier industriel, ou « Synthèse » ou vide pour l'ensemble du rapport)",
      "local/commentaires.csv:5:commentaire: commentaire vide (supprimer la ligne, ou écrire le commentaire)",
      "local/commentaires.csv:7:axe: commentaire en double pour le rapport 2022, axe recruter (déjà ligne 6) : réunir les deux textes dans une seule cellule",
    ]);
  });

  it("fichier absent : aucun commentaire, rien de refusé ; colonne manquante : fichier ignoré avec la raison", async () => {
    expect(await readCommentaries("/nonexistent/commentaires.csv", PHASES)).toEqual({ commentaires: [], rejections: [], present: false, rowsRead: 0, notes: [] });
    const read = await readCommentaries(file("annee,texte\n2022,x\n"), PHASES, "local/commentaires.csv");
    expect(read.commentaires).toEqual([]);
    expect(read.rejections.map((r) => `${r.line}:${r.column}`)).toEqual(["1:axe", "1:commentaire"]);
  });

  it("l'exemple livré (démonstration) se lit sans refus", async () => {
    const read = await readCommentaries(path.resolve(import.meta.dirname, "../../data/local/commentaires.csv"), PHASES);
    expect(read.rejections).toEqual([]);
    expect(read.commentaires.length).toBeGreaterThan(5);
    expect(read.commentaires.every((c) => c.paragraphes[0]!.startsWith("[Démonstration]"))).toBe(true);
  });
});
