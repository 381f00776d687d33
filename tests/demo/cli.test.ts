// `npm run data:demo -- --out DIR` writes into DIR, follows DIR/territoire.json, and removes the
// demonstration files of an earlier run that no longer apply (never a file the user supplied).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { readCsv } from "./helpers.ts";

const require = createRequire(import.meta.url);
// CC du Canton de Charly-sur-Marne (Aisne, 21 communes): another real EPCI, outside the default territory.
const OTHER_EPCI = "240200584";
const members = new Set(
  (require("@etalab/decoupage-administratif/data/epci.json") as { code: string; membres: { code: string }[] }[])
    .find((e) => e.code === OTHER_EPCI)!
    .membres.map((m) => m.code),
);

let dir: string;
let output: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "demo-cli-"));
  writeFileSync(join(dir, "territoire.json"), JSON.stringify({ id: "charly", nom: "Canton de Charly-sur-Marne", epci: [OTHER_EPCI] }));
  // Leftovers: a demo file of an earlier run (listed in the old manifest) and a user's own file.
  mkdirSync(join(dir, "sources"));
  writeFileSync(join(dir, "sources/sirene-etablissements-80.csv"), "old demo\n");
  writeFileSync(join(dir, "sources/mon-fichier-officiel.csv"), "user data\n");
  writeFileSync(
    join(dir, "manifest.json"),
    JSON.stringify({ demonstration: true, fichiers: [{ chemin: "sources/sirene-etablissements-80.csv", demonstration: true }] }),
  );
  output = execFileSync(process.execPath, ["--import", "tsx", "scripts/demo/generate.ts", "--out", dir], { encoding: "utf8" });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("the CLI reports in French what it wrote", () => {
  expect(output).toMatch(/Données de démonstration pour « Canton de Charly-sur-Marne » \(21 communes\)/);
});

test("--out with another territory.json: only that EPCI's communes, one Sirene file for its département", () => {
  expect(members.size).toBe(21);
  const urssaf = readCsv(dir, "sources/urssaf-etablissements-effectifs-commune-ape.csv", ";");
  expect(urssaf.length).toBeGreaterThan(0);
  expect(urssaf.every((r) => members.has(r.code_commune!) && r.code_epci === OTHER_EPCI)).toBe(true);
  // Besides the territory's communes, the few rows of Paris and two arrondissements that every demo DARES file ends with.
  const dares = readCsv(dir, "sources/dares-defm-communes.csv", ";");
  expect(new Set(dares.map((r) => r["Code commune"]))).toEqual(new Set([...members, "75056", "75101", "75102"]));
  expect(readCsv(dir, "sources/conso_com_2011_2023.csv", ",").map((r) => r.idcom).sort()).toEqual([...members].sort());
  expect(readCsv(dir, "sources/sirene-etablissements-02.csv", ",").every((r) => members.has(r.codeCommuneEtablissement!))).toBe(true);
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  expect(manifest.territoire).toBe("charly");
  expect(manifest.fichiers.some((f: { chemin: string }) => f.chemin.includes("sirene-etablissements-80"))).toBe(false);
});

test("an old demonstration file is removed, a user's file is kept", () => {
  expect(existsSync(join(dir, "sources/sirene-etablissements-80.csv"))).toBe(false);
  expect(readFileSync(join(dir, "sources/mon-fichier-officiel.csv"), "utf8")).toBe("user data\n");
});

test("an unknown argument is refused with a French message", () => {
  expect(() => execFileSync(process.execPath, ["--import", "tsx", "scripts/demo/generate.ts", "--sortie", dir], { encoding: "utf8", stdio: "pipe" })).toThrow(
    /argument inconnu : --sortie/,
  );
});
