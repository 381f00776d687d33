// `ti compute --strict` fails on a flaw of the files, not on the producer's own layout: the DARES export publishes
// Lyon whole and by arrondissements; the arrondissement rows of a key the city row gives are reported as rejected
// (redundant) and the run still succeeds. A seasonally adjusted row, a real anomaly for this loader, makes it fail.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCompute } from "../../src/cli/compute.ts";

const HEADER = "Date;Code région;Région;Code département;Département;Code commune;Commune;Type de données;Catégorie;Sexe;Tranche d'âge;Nombre de demandeurs d'emploi";
const row = (code: string, name: string, kind: string, count: string) => `2023-T4;84;Auvergne-Rhône-Alpes;69;Rhône;${code};${name};${kind};ABC;Total;Total;${count}`;

function dataFolder(rows: string[]): string {
  const data = mkdtempSync(path.join(os.tmpdir(), "ti-strict-"));
  writeFileSync(
    path.join(data, "territoire.json"),
    JSON.stringify({ id: "lyon", nom: "Métropole de Lyon", epci: ["200046977"], annee_reference: 2018, periode_contrat: { debut: 2019, fin: 2022 } }),
  );
  mkdirSync(path.join(data, "sources"));
  writeFileSync(path.join(data, "sources", "dares-defm-communes.csv"), [HEADER, ...rows].join("\r\n") + "\r\n");
  return data;
}

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

describe("ti compute --strict", () => {
  it("succeeds when the only rejected rows are arrondissements of a city published whole, and says they are redundant", async () => {
    const data = dataFolder([row("69381", "Lyon 1er Arrondissement", "Brutes", "1500"), row("69382", "Lyon 2e Arrondissement", "Brutes", "1200"), row("69123", "Lyon", "Brutes", "40000")]);
    const dir = path.join(data, "sortie");
    expect(await runCompute({ data, out: dir, strict: true })).toBe(0);
    expect(out.join("\n")).toContain("3 lues, 1 chargées, 0 hors territoire, 2 rejetées (dont 2 redondantes, chiffre publié ailleurs dans le fichier)");
    // Nothing is hidden: both rows are in rejets.csv with the city's line.
    const rejets = readFileSync(path.join(dir, "rejets.csv"), "utf8");
    expect(rejets.match(/la commune 69123 est publiée en entier \(ligne 4\)/g)).toHaveLength(2);
  }, 120_000);

  it("fails on a flaw of the file, counting only the flaws", async () => {
    const data = dataFolder([row("69381", "Lyon 1er Arrondissement", "Brutes", "1500"), row("69123", "Lyon", "Brutes", "40000"), row("69123", "Lyon", "CVS-CJO", "39000")]);
    expect(await runCompute({ data, out: path.join(data, "sortie"), strict: true })).toBe(1);
    expect(err.join("\n")).toContain("Erreur (--strict) : 1 ligne(s) rejetée(s) pour une anomalie");
  }, 120_000);
});
