// Reader of data/local/actions.csv: every kind of error reported at its line and column with its exact French message,
// the valid rows loaded, the warning kept, lateness derived from the newest update.
import { readFile, writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../../src/indicators/index.ts";
import { isLate, parseStatus, readActions } from "../../src/local/actions.ts";
import { formatEuros, parseEuros } from "../../src/local/actions-values.ts";
import type { LocalContext } from "../../src/local/context.ts";
import { problemLine } from "../../src/cli/validate.ts";

import { loadTerritory } from "../../src/territory/territory.ts";
import { localPhases } from "../../src/local/phases.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "local");
const ROOT = join(import.meta.dirname, "..", "..");

const catalogueContext: LocalContext = {
  indicators: new Map(CATALOGUE.map((d) => [d.id, { levels: d.levels, kind: d.aggregation.kind, suivi: d.source.tables.includes("local_suivi") }])),
  geographies: new Map(),
};

describe("actions.csv with one row per kind of error", () => {
  const file = join(FIXTURES, "actions-erreurs.csv");

  it("reports every error as path:line:column: message, with the exact French message", async () => {
    const r = await readActions(file, catalogueContext);
    expect(r.rejections.map((j) => problemLine(j))).toEqual([
      `${file}:4:axe: axe inconnu (attendu : Attirer, Recruter, Innover, Simplifier) (valeur « Industrie »)`,
      `${file}:5:indicateurs_lies: indicateur(s) inconnu(s) du catalogue : indicateur_inconnu (séparer les identifiants par « ; ») (valeur « emploi_industriel;indicateur_inconnu »)`,
      `${file}:6:date_debut: date non valide (attendu AAAA-MM-JJ ou JJ/MM/AAAA) (valeur « 2024-02-30 »)`,
      `${file}:7:date_fin_prevue: date de fin prévue (2024-01-01) antérieure à la date de début (2024-06-01) (valeur « 01/01/2024 »)`,
      `${file}:8:avancement: pourcentage entre 0 et 100 attendu (ou vide) (valeur « 120 »)`,
      `${file}:10:id: identifiant d'action en double (déjà ligne 3) (valeur « A1 »)`,
      `${file}:11:budget_prevu: montant en euros attendu (par exemple « 12 000 », « 12000,50 » ou « 12 000 € ») (valeur « 12.000 »)`,
      `${file}:11:statut: « en retard » ne se saisit pas : il est calculé (date de fin prévue dépassée) ; saisir le statut réel (à lancer ou engagée) (valeur « en retard »)`,
    ]);
  });

  it("keeps the row whose engaged budget exceeds the planned one, with a warning", async () => {
    const r = await readActions(file, catalogueContext);
    expect(r.warnings.map((j) => problemLine(j))).toEqual([
      `${file}:9:budget_engage: budget engagé (15 000 €) supérieur au budget prévu (10 000 €) ; ligne conservée, à vérifier (valeur « 15 000 € »)`,
    ]);
    expect(r.actions.find((a) => a.id === "A7")).toMatchObject({ budget_prevu: 10000, budget_engage: 15000 });
  });

  it("loads the valid rows with their parsed values", async () => {
    const r = await readActions(file, catalogueContext);
    expect(r.rowsRead).toBe(12);
    expect(r.actions.map((a) => [a.id, a.line])).toEqual([["A1", 3], ["A7", 9], ["A9", 12], ["A10", 13], ["A11", 14]]);
    expect(r.actions[0]).toMatchObject({
      id: "A1", axe: "Attirer", titre: "Accueil des entreprises", description: "Guichet d'accueil", porteur: "CA du Saint-Quentinois",
      partenaires: ["Région Hauts-de-France", "État"], budget_prevu: 12000, budget_engage: 4000.5,
      date_debut: "2024-01-15", date_fin_prevue: "2025-12-31", statut: "engagée", avancement: 40,
      indicateurs_lies: ["emploi_industriel", "creations_etablissements"], date_mise_a_jour: "2024-06-30", commentaire: "",
    });
    // "Prevue" (earlier format) is "à lancer"; "Réalisée" keeps its accents; an empty progress is unknown, not 0.
    expect(r.actions.find((a) => a.id === "A9")).toMatchObject({ statut: "à lancer", avancement: null, date_mise_a_jour: "2024-02-01" });
    expect(r.actions.find((a) => a.id === "A11")).toMatchObject({ statut: "abandonnée", budget_prevu: null, budget_engage: null });
  });

  it("derives lateness at the newest update of the loaded rows (2024-06-30): not completed and end passed", async () => {
    const r = await readActions(file, catalogueContext);
    expect(r.referenceDate).toBe("2024-06-30");
    // A9 "à lancer", end 2024-03-01 < 2024-06-30: late. A10 réalisée and A11 abandonnée, ends passed: not late.
    expect(r.actions.filter((a) => a.en_retard).map((a) => a.id)).toEqual(["A9"]);
  });
});

describe("late rule", () => {
  it("an end on the reference date itself is not late; no end date is never late", () => {
    expect(isLate({ statut: "engagée", date_fin_prevue: "2024-05-01" }, "2024-05-01")).toBe(false);
    expect(isLate({ statut: "engagée", date_fin_prevue: "2024-04-30" }, "2024-05-01")).toBe(true);
    expect(isLate({ statut: "engagée", date_fin_prevue: null }, "2024-05-01")).toBe(false);
    expect(isLate({ statut: "réalisée", date_fin_prevue: "2020-01-01" }, "2024-05-01")).toBe(false);
    expect(isLate({ statut: "abandonnée", date_fin_prevue: "2020-01-01" }, "2024-05-01")).toBe(false);
  });
  it("statuses: the four of the format, accents optional, 'prévue' of the earlier format, nothing else", () => {
    expect(["A lancer", "ENGAGEE", "realisée", "Abandonnee", "prévue"].map(parseStatus)).toEqual(["à lancer", "engagée", "réalisée", "abandonnée", "à lancer"]);
    expect(parseStatus("suspendue")).toBeUndefined();
    expect(parseStatus("en retard")).toBeUndefined();
  });
});

describe("amounts in euros", () => {
  it("accepts '12 000', '12000,50', '12 000 €', no-break spaces and 'EUR'", () => {
    expect(["12 000", "12000,50", "12 000 €", "12\u202f000\u00a0€", "12000.5", "1 200 000 EUR", "0"].map(parseEuros)).toEqual([12000, 12000.5, 12000, 12000, 12000.5, 1200000, 0]);
  });
  it("empty is unknown (null); ambiguous or negative amounts are refused (undefined)", () => {
    expect(parseEuros("")).toBeNull();
    expect(["12.000", "-5", "€", "douze", "12,345"].map(parseEuros)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
  it("formats euros the French way", () => {
    expect(formatEuros(1092000)).toBe("1 092 000 €");
    expect(formatEuros(4000.5)).toBe("4 000,5 €");
  });
});

describe("shipped files", () => {
  it("the demonstration plan loads without error or warning: 10 actions of phase 1, 4 of phase 2 on its priorities, 3 late at 2024-03-20", async () => {
    const territory = await loadTerritory(join(ROOT, "data"));
    const r = await readActions(join(ROOT, "data", "local", "actions.csv"), { ...catalogueContext, phases: localPhases(territory) });
    expect(r.rejections).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.actions.map((a) => a.id)).toEqual(["ATT-1", "ATT-2", "ATT-3", "REC-1", "REC-2", "INN-1", "INN-2", "INN-3", "SIM-1", "SIM-2", "HP-1", "HP-2", "HP-3", "HP-4"]);
    expect(r.actions.filter((a) => a.phase === "2023-2027").map((a) => a.axe)).toEqual(["Recrutement et compétences", "Transition écologique", "Écosystèmes d'innovation", "Foncier industriel"]);
    // Without the territory's phases, the priorities are unknown axes: the phase column is what makes them valid.
    expect((await readActions(join(ROOT, "data", "local", "actions.csv"), catalogueContext)).rejections.map((x) => x.column)).toEqual(["axe", "axe", "axe", "axe"]);
    expect(r.referenceDate).toBe("2024-03-20");
    expect(r.actions.filter((a) => a.en_retard).map((a) => a.id)).toEqual(["REC-1", "INN-1", "INN-3"]);
    expect(r.actions.every((a) => a.commentaire.startsWith("Exemple de démonstration"))).toBe(true);
  });

  it("the template has a header and no row; its commented example, uncommented, is a valid action", async () => {
    const template = join(ROOT, "data", "local", "actions.modele.csv");
    const empty = await readActions(template, catalogueContext);
    expect(empty).toMatchObject({ present: true, rowsRead: 0, actions: [], rejections: [], warnings: [] });
    const text = await readFile(template, "utf8");
    const example = text.split("\n").find((l) => l.startsWith("# ATT-1,"));
    expect(example).toBeDefined();
    const dir = await mkdtemp(join(tmpdir(), "ti-modele-"));
    await writeFile(join(dir, "actions.csv"), `${text}${example!.slice(2)}\n`);
    const filled = await readActions(join(dir, "actions.csv"), catalogueContext);
    expect(filled.rejections).toEqual([]);
    expect(filled.actions[0]).toMatchObject({ id: "ATT-1", budget_prevu: 120000, budget_engage: 45000.5, date_fin_prevue: "2025-12-31", statut: "engagée" });
  });
});
