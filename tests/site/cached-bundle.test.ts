// The site's data is computed once and reused across the processes of a build (Framework's configuration, its data
// loader, the build script), and never answered from the cache once an input changed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { EVALUATION_COUNTER_ENV } from "../../src/evaluation/evaluate.ts";
import { EVALUATION_CACHE_ENV, inputsSignature, siteData } from "../../src/site/cached-bundle.ts";
import { smallDataFolder } from "../support/small-data.ts";

const root = path.resolve(import.meta.dirname, "../..");
const work = mkdtempSync(path.join(os.tmpdir(), "ti-cache-evaluation-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The small data folder (the demonstration territory, its local files and its URSSAF file), under `work`. */
const dataFolder = (name: string) => smallDataFolder(path.join(work, name));

const counter = path.join(work, "evaluations.txt");
const evaluations = () => (existsSync(counter) ? readFileSync(counter, "utf8").trim().split("\n").filter(Boolean).length : 0);
beforeEach(() => {
  writeFileSync(counter, "");
  process.env[EVALUATION_COUNTER_ENV] = counter;
});
afterAll(() => delete process.env[EVALUATION_COUNTER_ENV]);

async function actionsJson(zip: Uint8Array): Promise<{ actions: { id: string; titre: string }[] }> {
  return JSON.parse(await (await JSZip.loadAsync(zip)).file("actions.json")!.async("string"));
}

describe("données du site calculées une fois", () => {
  it("the data loader, run as Framework runs it (another process), reads the evaluation the build computed", async () => {
    const data = dataFolder("chargeur");
    const cacheDir = path.join(work, "cache-chargeur");
    // The entry of a data folder that no longer exists (a test's temporary folder) is removed when an entry is written.
    mkdirSync(cacheDir, { recursive: true });
    const orphan = path.join(cacheDir, "0123456789abcdef.json");
    writeFileSync(orphan, JSON.stringify({ key: "k", dataDir: path.join(work, "supprime"), years: [], notes: [], zip: "" }));
    const notes: string[] = [];
    const first = await siteData(data, { cacheDir, say: (n) => notes.push(n) });
    expect(existsSync(orphan)).toBe(false);
    expect(first.computed).toBe(true);
    expect(first.years).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(notes.some((n) => n.startsWith("Indicateurs sans aucune valeur"))).toBe(true);
    expect(evaluations()).toBe(1);

    const loader = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "docs/data/site.zip.ts")], {
      cwd: root,
      env: { ...process.env, TI_DATA_DIR: data, [EVALUATION_CACHE_ENV]: cacheDir },
    });
    expect(loader.status).toBe(0);
    expect(Buffer.compare(loader.stdout, Buffer.from(first.zip))).toBe(0);
    expect(loader.stderr.toString()).toBe(""); // notes said once, by the process that computed them
    expect(evaluations()).toBe(1);

    const again = await siteData(data, { cacheDir });
    expect(again.computed).toBe(false);
    expect(evaluations()).toBe(1);
  }, 180_000);

  it("a changed data file is never answered from the cache: the site shows the new content", async () => {
    const data = dataFolder("modifie");
    const cacheDir = path.join(work, "cache-modifie");
    const quiet = { cacheDir, say: () => {} };
    const before = await siteData(data, quiet);
    const titles = (await actionsJson(before.zip)).actions.map((a) => a.titre);
    expect(titles.length).toBeGreaterThan(0);
    // Same size, same second: only the content tells the change.
    const file = path.join(data, "local/actions.csv");
    const text = readFileSync(file, "utf8");
    const renamed = text.replace(titles[0]!, titles[0]!.replace(/^./, (c) => (c === "X" ? "Y" : "X")));
    expect(renamed.length).toBe(text.length);
    const signature = inputsSignature(data);
    writeFileSync(file, renamed);
    expect(inputsSignature(data)).not.toBe(signature);
    const after = await siteData(data, quiet);
    expect(after.computed).toBe(true);
    expect((await actionsJson(after.zip)).actions.map((a) => a.titre)[0]).not.toBe(titles[0]);
    expect(evaluations()).toBe(2);

    // A changed reference year changes the report years.
    const t = JSON.parse(readFileSync(path.join(data, "territoire.json"), "utf8"));
    writeFileSync(path.join(data, "territoire.json"), JSON.stringify({ ...t, phases: t.phases.map((p: object, i: number) => (i === 0 ? { ...p, annee_reference: 2021 } : p)) }));
    expect((await siteData(data, quiet)).years).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(evaluations()).toBe(3);
  }, 180_000);

  it("the key follows the code and the day too, not only the data", () => {
    const data = dataFolder("cle");
    expect(inputsSignature(data, {}, new Date("2026-03-01"))).toBe(inputsSignature(data, {}, new Date("2026-03-01T18:00:00Z")));
    expect(inputsSignature(data, {}, new Date("2026-03-02"))).not.toBe(inputsSignature(data, {}, new Date("2026-03-01")));
    expect(inputsSignature(data, { SOURCE_DATE_EPOCH: "1" })).not.toBe(inputsSignature(data, {}));
  });
});
