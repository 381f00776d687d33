// The command line `npm run ti -- validate|compute`: its commands run in this process on small data folders, or read
// from the one evaluation of the demonstration data the unit tests share (tests/support/demo-evaluation.ts); one test
// starts the real process, for its exit code and its output streams.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCompute } from "../../src/cli/compute.ts";
import { runValidate } from "../../src/cli/validate.ts";
import { writeDemo } from "../../src/sources/demo/generate.ts";
import { inProcess } from "../support/console.ts";
import { demoRun, type DemoRun } from "../support/demo-evaluation.ts";
import { cleanUp, dataFolder, readDemo } from "../pipeline/helpers.ts";

const root = path.resolve(import.meta.dirname, "../..");
const temps: string[] = [];
afterAll(() => {
  temps.forEach((d) => rmSync(d, { recursive: true, force: true }));
  cleanUp();
});

function tempDir(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(d);
  return d;
}

function csv(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(file, "utf8"), { header: true, skipEmptyLines: true }).data;
}

const URSSAF = "urssaf-etablissements-effectifs-commune-ape.csv";
const DARES = "dares-defm-communes.csv";
const CEREMA = "conso_com_2011_2023.csv";

let demo: DemoRun;
beforeAll(async () => {
  demo = await demoRun();
}, 300_000);

describe("ti validate", () => {
  it("accepte les données par défaut (code 0) et décrit chaque source avec ses lignes", () => {
    const r = demo.validate;
    expect(r.code).toBe(0);
    for (const source of ["urssaf", "sirene", "cerema", "dares", "lycees_pro", "bmo"]) expect(r.out).toContain(`source reconnue : ${source}`);
    expect(r.out).toMatch(/lignes lues [\d\u202f ]+ · chargées [\d\u202f ]+ · hors territoire \d+ · rejetées \d+/);
    expect(r.out).toMatch(/Bilan : \d+ fichier\(s\), \d+ utilisable\(s\), 0 inutilisable\(s\)/);
  });

  it("sort en erreur (code 1) sur un fichier sans colonne obligatoire, en nommant le fichier et la colonne (le processus lui-même)", () => {
    // The demo writes the portal's label export: the commune code column is « Code commune ».
    const data = dataFolder({ [URSSAF]: { copy: URSSAF }, [DARES]: readDemo(DARES).replace("Code commune;", "Code INSEE;") });
    const r = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "src/cli/ti.ts"), "validate", "--data", data], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/sources\/dares-defm-communes\.csv:1:code_commune: colonne obligatoire absente « code_commune »/);
    expect(r.stdout).toMatch(/Bilan : 2 fichier\(s\), 1 utilisable\(s\), 1 inutilisable\(s\)/);
  });
});

describe("ti: a territoire.json with several problems (the process itself)", () => {
  it("writes one problem per line at its line:column, and a control character from the file as a visible escape", () => {
    const data = tempDir("ti-territoire-");
    writeFileSync(path.join(data, "territoire.json"), '{\n  "id": "Haute Picardie",\n  "periode\\u001b[2J": 2019\n}\n');
    const r = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "src/cli/ti.ts"), "validate", "--data", data], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(1);
    const file = path.join(data, "territoire.json");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^Erreur : ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2:3: id : `));
    expect(lines.some((l) => l.startsWith(`  ${file}:3:3: periode\\x1b[2J : clé inconnue`))).toBe(true);
    expect(r.stderr).not.toContain("\u001b");
  });
});

describe("ti validate: no silent emptiness, coverage stated", () => {
  it("exits 1 on a recognised file that has no row of the territory, and states each source's coverage", async () => {
    const data = dataFolder({
      [CEREMA]: { copy: CEREMA },
      "dares-rouen.csv": "code_commune;date;type_de_donnees;categorie;sexe;tranche_d_age;nombre_de_demandeurs_d_emploi\n76540;2024-T4;Brutes;ABC;Total;Total;12345\n",
    });
    const r = await inProcess(() => runValidate({ data, all: false }));
    expect(r.code).toBe(1);
    expect(r.out).toContain("Erreur : sources/dares-rouen.csv : aucune ligne ne concerne le territoire (1 ligne(s) lue(s), toutes hors territoire ; départements présents : 76)");
    expect(r.out).toMatch(/Couverture du territoire, par source :\n {2}cerema : 231 commune\(s\) sur 231 \(100,0\u202f% de la population\)/);
  });
});

describe("ti compute", () => {
  it("écrit indicateurs.csv avec exactement les colonnes attendues, le Parquet et rejets.csv", () => {
    const { code, err, dir: out } = demo.compute;
    expect(code, err).toBe(0);
    const header = readFileSync(path.join(out, "indicateurs.csv"), "utf8").split("\n")[0];
    expect(header).toBe("indicateur,axe,niveau,code_geo,libelle_geo,annee,valeur,numerateur,denominateur,unite,statut");
    expect(readFileSync(path.join(out, "indicateurs.parquet")).subarray(0, 4).toString()).toBe("PAR1");
    expect(readFileSync(path.join(out, "rejets.csv"), "utf8").split("\n")[0]).toBe("fichier,ligne,colonne,valeur,motif");
    const rows = csv(path.join(out, "indicateurs.csv"));
    // The demonstration data hold a national URSSAF file: the reference levels of issue 14 are there too.
    expect(new Set(rows.map((x) => x.niveau))).toEqual(new Set(["commune", "epci", "territoire", "bassin_emploi", "departement", "region", "france", "territoire_industrie"]));
    // valeur: dot decimal or empty when unknown, never a comma
    for (const x of rows) expect(x.valeur).toMatch(/^(-?\d+(\.\d+)?)?$/);
    expect(rows.some((x) => x.valeur === "" && x.statut === "secret")).toBe(true);
  });

  it("chaque ligne lue est chargée, hors territoire ou dans rejets.csv : les comptes du résumé s'additionnent", () => {
    const rejets = csv(path.join(demo.compute.dir, "rejets.csv"));
    const lines = demo.compute.out.split("\n").filter((l) => / lues, /.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(15);
    let rejected = 0;
    for (const l of lines) {
      const n = (label: string) => Number((l.match(new RegExp(`([\\d\\u202f ]+) ${label}`))?.[1] ?? "0").replace(/[\u202f ]/g, ""));
      const outside = l.includes("hors territoire") ? n("hors territoire") : 0;
      expect(n("lues"), l).toBe(n("chargées") + outside + n("rejetées"));
      rejected += n("rejetées");
    }
    expect(rejets.length).toBe(rejected);
  });

  it("--strict rend fatale la moindre ligne rejetée ; sans --strict, la ligne est dans rejets.csv", async () => {
    const lines = readDemo(DARES).split("\n");
    lines[1] = lines[1]!.replace(/;[^;]*$/, ";-15"); // a negative count on data line 1 (file line 2)
    const data = dataFolder({ [DARES]: lines.join("\n") });
    const out = tempDir("ti-out-");
    const strict = await inProcess(() => runCompute({ data, out, strict: true }));
    expect(strict.code).toBe(1);
    expect(strict.err).toMatch(/--strict/);
    const lenient = await inProcess(() => runCompute({ data, out, strict: false }));
    expect(lenient.code).toBe(0);
    const rejet = csv(path.join(out, "rejets.csv")).find((x) => x.fichier === "sources/dares-defm-communes.csv");
    expect(rejet).toMatchObject({ ligne: "2", colonne: "Nombre de demandeurs d'emploi", valeur: "-15" });
  });
});

describe("un autre territoire", () => {
  it("se calcule sans changer le code : configuration + données au format officiel", async () => {
    const data = tempDir("ti-data-");
    writeFileSync(path.join(data, "territoire.json"), JSON.stringify({ id: "pays-de-laon", nom: "Pays de Laon", epci: ["200043495"] }));
    // What `npm run data:demo -- --out` writes (its process: tests/demo/cli.test.ts), without the rest-of-France file:
    // it only feeds the reference levels, the costliest part of the computation, checked on data/ above and in
    // tests/references/compute-demo.test.ts; the territory's own files are what this test is about.
    await writeDemo(data, data, { restOfFrance: false });
    const out = tempDir("ti-out-");
    const r = await inProcess(() => runCompute({ data, out, strict: false }));
    expect(r.code, r.err).toBe(0);
    const rows = csv(path.join(out, "indicateurs.csv"));
    expect(rows.filter((x) => x.niveau === "territoire").every((x) => x.code_geo === "pays-de-laon")).toBe(true);
    expect(new Set(rows.filter((x) => x.niveau === "epci").map((x) => x.code_geo))).toEqual(new Set(["200043495"]));
    expect(rows.find((x) => x.indicateur === "emploi_salarie_prive" && x.niveau === "territoire")?.valeur).not.toBe("");
  }, 180_000);
});
