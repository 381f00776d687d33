// `npm run data:refresh -- --urssaf-national` against a local stand-in of open.urssaf.fr: the whole dataset in one
// unfiltered export (rows of communes outside the territory included), its cost said before and after the transfer,
// and kept national by the next refreshes; the default stays the territory's filtered extract.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { refresh, type RefreshOptions } from "../../src/download/refresh.ts";
import { formatDuration } from "../../src/format/number.ts";
import { announceNationalUrssaf, isNationalUrssafEntry, reportNationalUrssaf } from "../../src/sources/urssaf/national.ts";
import type { Manifest } from "../../src/io/manifest.ts";
import { startProducerServer, type ProducerServer } from "../fixtures/download/producer-server.ts";

const TERRITORY = { id: "saint-quentinois-tergnier", nom: "Saint-Quentinois – Tergnier", epci: ["200071892", "200071785", "200070985", "200037059"] };
const TARGET = "sources/urssaf-etablissements-effectifs-commune-ape.csv";

let server: ProducerServer;
let work: string;
let dataDir: string;

beforeAll(async () => {
  server = await startProducerServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), "ti-urssaf-national-"));
  dataDir = path.join(work, "data");
  await mkdir(dataDir);
  await writeFile(path.join(dataDir, "territoire.json"), JSON.stringify(TERRITORY));
  server.requests.length = 0;
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function run(extra: Partial<RefreshOptions> = {}) {
  let said = "";
  const result = await refresh({
    dataDir, cacheDir: path.join(work, "cache"), only: ["urssaf"], env: { TI_URL_URSSAF: server.base("urssaf") },
    fetch: { idleTimeoutMs: 1000, retries: 0 }, progress: { write: (s: string) => ((said += s), true), isTTY: false } as never, ...extra,
  });
  return { result, said };
}
const communes = async () => (await readFile(path.join(dataDir, TARGET), "utf8")).trim().split("\n").slice(1).map((l) => l.split(";")[17]);
const urssafRequests = () => server.requests.filter((r) => r.prefix === "urssaf");

describe("the national URSSAF export", () => {
  it("by default, asks for the territory's communes only", async () => {
    const { result, said } = await run();
    expect(result.rows.map((r) => [r.id, r.status])).toEqual([["urssaf", "mis à jour"]]);
    expect(urssafRequests().every((r) => r.where?.startsWith("code_commune in ("))).toBe(true);
    // 02408 is not one of the territory's communes: the filter leaves it out.
    expect(await communes()).toEqual(["02691", "02738", "80620"]);
    expect(said).not.toContain("export national");
  });

  it("--urssaf-national fetches the whole dataset in one unfiltered export, saying its cost before and after", async () => {
    const { result, said } = await run({ urssafNational: true });
    expect(result.exitCode).toBe(0);
    expect(urssafRequests().map((r) => r.where)).toEqual([null]);
    expect(await communes()).toEqual(["02691", "02738", "02408", "80620"]);
    const size = (await stat(path.join(dataDir, TARGET))).size;
    expect(result.rows[0]).toMatchObject({ id: "urssaf", status: "mis à jour", size });
    // Before: the estimate; after: what was received, in this order.
    const before = said.indexOf("URSSAF, export national : environ 500 Mo (1\u202f200\u202f000 lignes commune x APE), soit environ 7 min à 10 Mbit/s, 40 s à 100 Mbit/s");
    const after = said.search(/URSSAF, export national : 0,0 Mo en \d+ s/);
    expect(before).toBeGreaterThanOrEqual(0);
    expect(after).toBeGreaterThan(before);
    const manifest = JSON.parse(await readFile(path.join(dataDir, "manifest.json"), "utf8")) as Manifest;
    const entry = manifest.fichiers.find((f) => f.chemin === TARGET)!;
    expect(entry.url).not.toContain("where=");
    expect(isNationalUrssafEntry(entry)).toBe(true);
  });

  it("stays national on the next refresh without the option, and says so", async () => {
    await run({ urssafNational: true });
    server.requests.length = 0;
    const { said } = await run({ force: true });
    expect(urssafRequests().map((r) => r.where)).toEqual([null]);
    expect(said).toContain("le fichier en place est l'export national, rafraîchi comme tel");
    expect(await communes()).toEqual(["02691", "02738", "02408", "80620"]);
  });

  it("states durations and sizes in French: 500 Mo is 400 s at 10 Mbit/s and 40 s at 100 Mbit/s", () => {
    expect(formatDuration(400, { rounded: true })).toBe("7 min");
    expect(formatDuration(40, { rounded: true })).toBe("40 s");
    expect(formatDuration(3900, { rounded: true })).toBe("1 h 05 min");
    // Exact, for a limit the user set.
    expect(formatDuration(90)).toBe("90 s");
    expect(formatDuration(1.5)).toBe("1,5 s");
    expect(formatDuration(1800)).toBe("30 min");
    expect(formatDuration(3600)).toBe("1 h");
    expect(announceNationalUrssaf()).toContain("environ 500 Mo");
    // 2.5 Mo in 2 s: 1.25 Mo/s.
    expect(reportNationalUrssaf(2_500_000, 2000)).toBe("URSSAF, export national : 2,5 Mo en 2 s (1,3 Mo/s).\n");
    expect(isNationalUrssafEntry({ source: "urssaf", url: "https://open.urssaf.fr/api/explore/v2.1/catalog/datasets/x/exports/csv?delimiter=%3B&where=code_commune%20in%20(%2202691%22)" })).toBe(false);
    expect(isNationalUrssafEntry({ source: "urssaf", url: undefined })).toBe(false);
  });
});
