// The refresh against a local stand-in of the producers: full download, cache reuse, and each way a
// download can fail (cut transfer, server error, silent server, no network), one source at a time.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Manifest } from "../../src/io/manifest.ts";
import { loadDataFolder } from "../../src/pipeline/load-data-folder.ts";
import type { DownloadedEntry } from "../../src/download/manifest-update.ts";
import { OFFLINE_MESSAGE, refresh, type RefreshOptions, type RefreshResult } from "../../src/download/refresh.ts";
import { verdict } from "../../src/download/summary.ts";
import JSZip from "jszip";
import { CEREMA_KNOWN_RESOURCE } from "../../src/sources/cerema/download.ts";
import { CARTOFRICHES_CSV, CEREMA_2025_CSV, CEREMA_CSV, LYCEES_CSV, sireneCsv, URSSAF_CSV } from "../fixtures/download/official-files.ts";
import { CARTOFRICHES_DATASET } from "../../src/sources/cartofriches/download.ts";
import { closedPort, fixtureResources, startProducerServer, type ProducerServer } from "../fixtures/download/producer-server.ts";
import { startForwardProxy } from "../fixtures/download/proxy-server.ts";
import { BMO_DATASET_ID } from "../../src/sources/bmo/download.ts";

const TERRITORY = {
  id: "saint-quentinois-tergnier",
  nom: "Saint-Quentinois – Tergnier",
  epci: ["200071892", "200071785", "200070985", "200037059"],
};

const ALL_FILES = [
  "sources/urssaf-etablissements-effectifs-commune-ape.csv",
  "sources/sirene-etablissements-02.csv.gz",
  "sources/sirene-etablissements-80.csv.gz",
  "sources/cerema-conso-espaces-communes.csv",
  "sources/dares-defm-communes.csv",
  "sources/fr-en-lycee_pro-effectifs-niveau-sexe-mef.csv",
  "sources/Base_open_data_BMO_2024.xlsx",
  "sources/Base_open_data_BMO_2025.xlsx",
  "sources/cartofriches-friches-standard.csv",
  "contours/communes-1000m.geojson",
  "contours/epci-1000m.geojson",
];

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

let server: ProducerServer;
let work: string;
let dataDir: string;
let cacheDir: string;

beforeAll(async () => {
  server = await startProducerServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), "ti-refresh-"));
  dataDir = path.join(work, "data");
  cacheDir = path.join(work, "cache");
  await mkdir(dataDir);
  await writeFile(path.join(dataDir, "territoire.json"), JSON.stringify(TERRITORY));
  await writeFile(
    path.join(dataDir, "sources-urls.json"),
    JSON.stringify({ cerema: `${server.base("cerema")}/conso_com_2009_2023.csv`, bmo_annees: [2024, 2025] }),
  );
  server.requests.length = 0;
  for (const key of Object.keys(server.behaviours)) delete server.behaviours[key as keyof typeof server.behaviours];
  server.settings.catalogue = "cerema-2024-2025";
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

function env(): NodeJS.ProcessEnv {
  return {
    TI_URL_URSSAF: server.base("urssaf"),
    TI_URL_SIRENE: server.base("sirene"),
    TI_URL_DARES: server.base("dares"),
    TI_URL_LYCEES_PRO: server.base("lycees"),
    TI_URL_BMO: server.base("bmo"),
    TI_URL_CARTOFRICHES: server.base("cartofriches"),
    TI_URL_CONTOURS: server.base("contours"),
    TI_URL_DATAGOUV: server.base("datagouv"),
  };
}

function run(extra: Partial<RefreshOptions> = {}): Promise<RefreshResult> {
  return refresh({ dataDir, cacheDir, env: env(), fetch: { idleTimeoutMs: 1000, retries: 2, retryDelayMs: 10 }, ...extra });
}

const row = (result: RefreshResult, id: string) => result.rows.find((r) => r.id === id)!;
const readManifestFile = async () => JSON.parse(await readFile(path.join(dataDir, "manifest.json"), "utf8")) as Manifest;

async function partFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((e) => e.endsWith(".part"));
}

describe("npm run data:refresh", () => {
  it("downloads every source into an empty data folder, filtered to the territory, and records each file in the manifest", async () => {
    const result = await run({ communesPerRequest: 100 });

    expect(result.rows.map((r) => [r.id, r.status])).toEqual([
      ["urssaf", "mis à jour"],
      ["sirene-02", "mis à jour"],
      ["sirene-80", "mis à jour"],
      ["cerema", "mis à jour"],
      ["dares", "mis à jour"],
      ["lycees_pro", "mis à jour"],
      ["bmo-2024", "mis à jour"],
      ["bmo-2025", "mis à jour"],
      ["cartofriches", "mis à jour"],
      ["contours-communes", "mis à jour"],
      ["contours-epci", "mis à jour"],
      ["territoires-industrie", "mis à jour"],
    ]);
    expect(result.exitCode).toBe(0);
    for (const f of ALL_FILES) expect(existsSync(path.join(dataDir, f)), f).toBe(true);

    // URSSAF: 188 communes in two requests of at most 100 codes; Laon (02408, outside) filtered out by
    // the server; the two parts joined with a single header line.
    const urssafRequests = server.requests.filter((r) => r.prefix === "urssaf");
    expect(urssafRequests.map((r) => r.where!.match(/"\d{5}"/g)!.length)).toEqual([100, 88]);
    expect(urssafRequests[0]!.where).toMatch(/^code_commune in \("02\d{3}", /);
    const urssaf = (await readFile(path.join(dataDir, ALL_FILES[0]!), "utf8")).split("\n");
    expect(urssaf.filter((l) => l.startsWith("region;"))).toHaveLength(1);
    expect(urssaf.filter((l) => l !== "").map((l) => l.split(";")[17])).toEqual(["code_commune", "02691", "02738", "80620"]);

    // Éducation nationale: filtered by département code, in both spellings.
    expect(server.requests.find((r) => r.prefix === "lycees")!.where).toBe('code_departement in ("02", "002", "80", "080")');
    const lycees = await readFile(path.join(dataDir, "sources/fr-en-lycee_pro-effectifs-niveau-sexe-mef.csv"), "utf8");
    expect(lycees.startsWith("\uFEFFrentree_scolaire;")).toBe(true);
    expect(lycees).not.toContain("LILLE;0590001A");

    // Sirene arrives gzipped and stays so (the loaders read .gz); contours are written decompressed.
    expect(gunzipSync(await readFile(path.join(dataDir, "sources/sirene-etablissements-80.csv.gz"))).toString()).toBe(sireneCsv("80"));
    expect(JSON.parse(await readFile(path.join(dataDir, "contours/epci-1000m.geojson"), "utf8")).features[0].properties.code).toBe("200071892");

    // Manifest: one official entry per file, with the checksum and size of the file on disk.
    const manifest = await readManifestFile();
    expect(manifest.demonstration).toBe(false);
    expect(manifest.fichiers.map((f) => f.chemin).sort()).toEqual([...ALL_FILES].sort());
    for (const entry of manifest.fichiers as DownloadedEntry[]) {
      const bytes = await readFile(path.join(dataDir, entry.chemin));
      expect(entry.demonstration).toBe(false);
      expect(entry.sha256).toBe(sha256(bytes));
      expect(entry.taille).toBe(bytes.length);
      expect(entry.url.startsWith("http://127.0.0.1:")).toBe(true);
      expect(Number.isNaN(Date.parse(entry.date))).toBe(false);
    }
    const cerema = manifest.fichiers.find((f) => f.source === "cerema") as DownloadedEntry;
    expect(cerema).toMatchObject({ chemin: "sources/cerema-conso-espaces-communes.csv", lignes: 2, sha256: sha256(CEREMA_CSV) });
    expect(manifest.fichiers.find((f) => f.chemin === "sources/Base_open_data_BMO_2024.xlsx")!.millesime).toBe("2024");
    // Cartofriches: the national file, unfiltered, from the mirror of the last address known (no catalogue asked).
    expect(manifest.fichiers.find((f) => f.source === "cartofriches")).toMatchObject({
      chemin: "sources/cartofriches-friches-standard.csv",
      millesime: "2026-04-15",
      url: `${server.base("cartofriches")}/resources/sites-references-dans-cartofriches/20260429-124852/friches-standard-2026-04-15.csv`,
      sha256: sha256(CARTOFRICHES_CSV),
    });
    expect(server.requests.some((r) => r.prefix === "datagouv" && r.path.includes(CARTOFRICHES_DATASET))).toBe(false);
    expect((manifest.fichiers.find((f) => f.source === "urssaf") as DownloadedEntry).urls).toHaveLength(2);
    expect(await partFiles(work)).toEqual([]);
  });

  it("replaces the demonstration files of a source only once its official file is complete, and keeps the others", async () => {
    await mkdir(path.join(dataDir, "sources"), { recursive: true });
    const demo = (chemin: string, source: string) => ({ chemin, source, millesime: "2011-2023", lignes: 1, demonstration: true });
    for (const f of ["sources/demo-urssaf.csv", "sources/demo-sirene-80.csv", "sources/demo-dares.csv", "sources/demo-bassins.csv"])
      await writeFile(path.join(dataDir, f), "demo\n");
    await writeFile(
      path.join(dataDir, "manifest.json"),
      JSON.stringify({
        demonstration: true,
        avertissement: "Données fictives",
        genere_par: "npm run data:demo",
        fichiers: [
          demo("sources/demo-urssaf.csv", "urssaf"),
          demo("sources/demo-sirene-80.csv", "sirene"),
          demo("sources/demo-dares.csv", "dares"),
          demo("sources/demo-bassins.csv", "bassins_bmo"),
        ],
      }),
    );
    server.behaviours.dares = "error500";

    const result = await run();

    expect(row(result, "dares").status).toBe("échec");
    expect(result.removedDemo.sort()).toEqual(["sources/demo-sirene-80.csv", "sources/demo-urssaf.csv"]);
    expect(existsSync(path.join(dataDir, "sources/demo-urssaf.csv"))).toBe(false);
    expect(existsSync(path.join(dataDir, "sources/demo-sirene-80.csv"))).toBe(false);
    // DARES failed: its demonstration file stays (nothing official replaced it); bassins are not downloaded.
    expect(existsSync(path.join(dataDir, "sources/demo-dares.csv"))).toBe(true);
    expect(existsSync(path.join(dataDir, "sources/demo-bassins.csv"))).toBe(true);
    const manifest = await readManifestFile();
    expect(manifest.fichiers.filter((f) => f.demonstration).map((f) => f.chemin)).toEqual(["sources/demo-bassins.csv", "sources/demo-dares.csv"]);
    expect(manifest.demonstration).toBe(true);
    expect(manifest.avertissement).toBe("Données fictives");
  });

  it("uses the cache on a second run: a conditional request answered 304, or no request at all within --max-age", async () => {
    await run();
    const mtime = (await stat(path.join(dataDir, "sources/dares-defm-communes.csv"))).mtimeMs;
    const manifestBefore = await readFile(path.join(dataDir, "manifest.json"), "utf8");

    server.requests.length = 0;
    const revalidated = await run({ maxAgeMs: 0 });
    expect(revalidated.rows.every((r) => r.status === "inchangé (cache)")).toBe(true);
    expect(revalidated.exitCode).toBe(0);
    // Eleven files, and the list of Territoires d'industrie: the catalogue's answer and three files.
    expect(server.requests).toHaveLength(15);
    // Every file is revalidated; the stand-in catalogue gives no validators, so its answer is simply fetched again.
    const files = server.requests.filter((r) => !r.path.includes("/api/1/datasets/"));
    expect(files).toHaveLength(14);
    expect(files.every((r) => r.ifNoneMatch !== null && r.ifModifiedSince !== null)).toBe(true);
    expect((await stat(path.join(dataDir, "sources/dares-defm-communes.csv"))).mtimeMs).toBe(mtime);
    expect(await readFile(path.join(dataDir, "manifest.json"), "utf8")).toBe(manifestBefore);

    server.requests.length = 0;
    const recent = await run();
    expect(recent.rows.every((r) => r.status === "inchangé (cache)")).toBe(true);
    expect(server.requests).toHaveLength(0);

    // --force bypasses the cache: plain requests, no validators.
    const forced = await run({ force: true, only: ["sirene"] });
    expect(forced.rows.map((r) => r.id)).toEqual(["sirene-02", "sirene-80"]);
    expect(server.requests.map((r) => r.ifNoneMatch)).toEqual([null, null]);
    expect(forced.rows.every((r) => r.status === "inchangé")).toBe(true);
  });

  it("a transfer cut mid-way leaves no final or part file, keeps the previous file, says so in French, and the others refresh", async () => {
    await mkdir(path.join(dataDir, "sources"), { recursive: true });
    const previous = path.join(dataDir, "sources/urssaf-etablissements-effectifs-commune-ape.csv");
    await writeFile(previous, "version précédente\n");
    server.behaviours.urssaf = "cut";

    const result = await run();

    const urssaf = row(result, "urssaf");
    expect(urssaf.status).toBe("échec");
    // The server sends half of the filtered file (Laon removed) after announcing its full length.
    const full = Buffer.byteLength(URSSAF_CSV.split("\n").filter((l) => !l.includes(";02408;")).join("\n"));
    const groups = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
    expect(urssaf.detail).toBe(`transfert interrompu : ${groups(Math.floor(full / 2))} octets reçus sur ${groups(full)} attendus`);
    // 1 attempt + 2 retries, all cut.
    expect(server.requests.filter((r) => r.prefix === "urssaf")).toHaveLength(3);
    expect(await readFile(previous, "utf8")).toBe("version précédente\n");
    expect(await partFiles(work)).toEqual([]);
    expect(result.rows.filter((r) => r.id !== "urssaf").every((r) => r.status === "mis à jour")).toBe(true);
    expect(result.exitCode).toBe(2);
    expect(verdict(result)).toContain("1 source en échec, 11 à jour");
    const manifest = await readManifestFile();
    expect(manifest.fichiers.some((f) => f.source === "urssaf")).toBe(false);
  });

  it("a server answering 500 is retried, then reported as failed with exit code 2 while the others refresh", async () => {
    server.behaviours.dares = "error500";

    const result = await run();

    expect(server.requests.filter((r) => r.prefix === "dares")).toHaveLength(3);
    expect(row(result, "dares")).toMatchObject({ status: "échec" });
    expect(row(result, "dares").detail).toContain("erreur du serveur du producteur (HTTP 500");
    expect(existsSync(path.join(dataDir, "sources/dares-defm-communes.csv"))).toBe(false);
    expect(result.rows.filter((r) => r.status === "mis à jour")).toHaveLength(11);
    expect(result.exitCode).toBe(2);
  });

  it("a server that never answers, or goes silent mid-transfer, is given up after the idle timeout", async () => {
    server.behaviours.lycees = "hang";
    server.behaviours.contours = "stall";
    // 3 downloads x 2 attempts x 0.5 s: bounded, not hanging (the test's own time limit says so).
    const result = await run({ fetch: { idleTimeoutMs: 500, retries: 1, retryDelayMs: 10 } });
    for (const id of ["lycees_pro", "contours-communes", "contours-epci"]) {
      expect(row(result, id).status).toBe("échec");
      expect(row(result, id).detail).toBe("délai dépassé : aucune donnée reçue pendant 0,5 s");
    }
    expect(existsSync(path.join(dataDir, "contours/communes-1000m.geojson"))).toBe(false);
    expect(await partFiles(work)).toEqual([]);
    expect(row(result, "urssaf").status).toBe("mis à jour");
    expect(result.exitCode).toBe(2);
  });

  it("without network, says so in French, exits 1 and leaves the existing data untouched", async () => {
    await run();
    const before = new Map<string, string>();
    for (const f of [...ALL_FILES, "manifest.json"]) before.set(f, sha256(await readFile(path.join(dataDir, f))));

    const port = await closedPort();
    const offlineEnv: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(env())) offlineEnv[key] = value!.replace(/:\d+\//, `:${port}/`);
    await writeFile(path.join(dataDir, "sources-urls.json"), JSON.stringify({ cerema: `http://127.0.0.1:${port}/conso.csv`, bmo_annees: [2024, 2025] }));

    const result = await run({ env: offlineEnv, force: true });

    expect(result.offline).toBe(true);
    expect(result.exitCode).toBe(1);
    expect(result.rows.every((r) => r.status === "échec" && r.detail === `connexion refusée par 127.0.0.1:${port}`)).toBe(true);
    expect(verdict(result)).toBe(OFFLINE_MESSAGE);
    for (const [f, hash] of before) expect(sha256(await readFile(path.join(dataDir, f))), f).toBe(hash);
  });
});

describe("where each file is found, vintage by vintage", () => {
  const settingsFile = (content: object) => writeFile(path.join(dataDir, "sources-urls.json"), JSON.stringify(content));

  it("Cerema: takes the newest vintage listed by the data.gouv.fr catalogue and records its window as the vintage", async () => {
    await settingsFile({ bmo_annees: [2025] });

    const result = await run({ only: ["cerema"] });

    expect(row(result, "cerema")).toMatchObject({ status: "mis à jour" });
    expect(row(result, "cerema").detail).toBeUndefined();
    expect(server.requests.map((r) => r.path)).toEqual(["/datagouv/api/1/datasets/", "/datagouv/static/2025/conso-com.csv"]);
    expect(await readFile(path.join(dataDir, "sources/cerema-conso-espaces-communes.csv"), "utf8")).toBe(CEREMA_2025_CSV);
    const entry = (await readManifestFile()).fichiers.find((f) => f.source === "cerema") as DownloadedEntry;
    expect(entry).toMatchObject({ millesime: "2025", url: `${server.base("datagouv")}/static/2025/conso-com.csv`, lignes: 2 });
  });

  it("Cerema: when the catalogue lists no vintage, falls back on the known 2025 file through its stable redirect, and says so", async () => {
    await settingsFile({ bmo_annees: [2025] });
    server.settings.catalogue = "unrelated";

    const result = await run({ only: ["cerema"] });

    expect(row(result, "cerema").status).toBe("mis à jour");
    expect(row(result, "cerema").detail).toBe(
      "catalogue data.gouv.fr : aucun jeu « Consommation d'espaces naturels, agricoles et forestiers du 1er janvier … » avec un fichier communal dans le catalogue data.gouv.fr ; millésime connu 2025 utilisé",
    );
    expect(server.requests.map((r) => r.path)).toEqual([
      "/datagouv/api/1/datasets/",
      `/datagouv/api/1/datasets/r/${CEREMA_KNOWN_RESOURCE}`,
      "/datagouv/static/2025/conso-com.csv",
    ]);
    expect(await readFile(path.join(dataDir, "sources/cerema-conso-espaces-communes.csv"), "utf8")).toBe(CEREMA_2025_CSV);
  });

  it("Cerema: a catalogue that only surfaces an older vintage never takes the refresh back in time", async () => {
    await settingsFile({ bmo_annees: [2025] });
    server.settings.catalogue = "cerema-2024";

    const result = await run({ only: ["cerema"] });

    expect(row(result, "cerema")).toMatchObject({ status: "mis à jour", detail: "le catalogue data.gouv.fr ne propose que le millésime 2024 : millésime connu 2025 utilisé" });
    expect(server.requests.map((r) => r.path)).toEqual([
      "/datagouv/api/1/datasets/",
      `/datagouv/api/1/datasets/r/${CEREMA_KNOWN_RESOURCE}`,
      "/datagouv/static/2025/conso-com.csv",
    ]);
  });

  it("Cerema: a newer vintage listed by the catalogue whose file fails gives way to the known one", async () => {
    await settingsFile({ bmo_annees: [2025] });
    server.settings.catalogue = "cerema-2026-broken";

    const result = await run({ only: ["cerema"], fetch: { idleTimeoutMs: 1000, retries: 0 } });

    expect(row(result, "cerema")).toMatchObject({
      status: "mis à jour",
      detail: `adresse de repli utilisée (500 avant) : ${server.base("datagouv")}/api/1/datasets/r/${CEREMA_KNOWN_RESOURCE}`,
    });
    expect((await readManifestFile()).fichiers.find((f) => f.source === "cerema")!.millesime).toBe("2025");
  });

  it("the catalogue's answers go through the cache: a second run within --max-age asks nothing", async () => {
    await settingsFile({ bmo_annees: [2025] });
    await run({ only: ["cerema"] });
    server.requests.length = 0;

    const again = await run({ only: ["cerema"] });

    expect(row(again, "cerema").status).toBe("inchangé (cache)");
    expect(server.requests).toEqual([]);
  });

  it("BMO: the address France Travail's data.gouv.fr dataset gives for a year comes first", async () => {
    // No BMO mirror: the producer's own addresses, and the catalogue asked first.
    const { TI_URL_BMO: _mirror, ...withoutMirror } = env();
    await settingsFile({ bmo_annees: [2021] });

    const result = await run({ env: withoutMirror, only: ["bmo"] });

    expect(result.rows.map((r) => [r.id, r.status, r.detail])).toEqual([["bmo-2021", "mis à jour", "extrait de l'archive : BMO_2021/Base_open_data_BMO_2021.xlsx"]]);
    expect(server.requests.map((r) => r.path)).toEqual([`/datagouv/api/1/datasets/${BMO_DATASET_ID}/`, "/datagouv/static/bmo/Donnees_consolidees_2021.zip"]);
    expect((await readManifestFile()).fichiers[0]).toMatchObject({ millesime: "2021", url: `${server.base("datagouv")}/static/bmo/Donnees_consolidees_2021.zip` });
  });

  it("Cartofriches: the export of the day listed by the data.gouv.fr dataset comes first, dated by its name", async () => {
    // No mirror: data.gouv.fr's own file server, so the dataset is asked first.
    const { TI_URL_CARTOFRICHES: _mirror, ...withoutMirror } = env();

    const result = await run({ env: withoutMirror, only: ["cartofriches"] });

    expect(row(result, "cartofriches")).toMatchObject({ status: "mis à jour" });
    expect(row(result, "cartofriches").detail).toBeUndefined();
    // The CSV of the standard, the newest of the two listed; never the geopackage.
    expect(server.requests.map((r) => r.path)).toEqual([`/datagouv/api/1/datasets/${CARTOFRICHES_DATASET}/`, "/datagouv/static/cartofriches/friches-standard-2026-06-15.csv"]);
    expect(await readFile(path.join(dataDir, "sources/cartofriches-friches-standard.csv"), "utf8")).toBe(CARTOFRICHES_CSV);
    expect((await readManifestFile()).fichiers[0]).toMatchObject({
      source: "cartofriches",
      millesime: "2026-06-15",
      url: `${server.base("datagouv")}/static/cartofriches/friches-standard-2026-06-15.csv`,
    });
  });

  it("Cerema: a data.gouv.fr that answers 500 to both is a failure naming both problems; the previous file stays", async () => {
    await settingsFile({ bmo_annees: [2025] });
    server.behaviours.datagouv = "error500";

    const result = await run({ only: ["cerema"], fetch: { idleTimeoutMs: 1000, retries: 0 } });

    expect(row(result, "cerema").status).toBe("échec");
    expect(row(result, "cerema").detail).toBe(
      `catalogue data.gouv.fr : erreur du serveur du producteur (HTTP 500 Internal Server Error) : ${server.base("datagouv")}/api/1/datasets/?q=consommation%20d'espaces%20naturels%20agricoles%20et%20forestiers&page_size=50 ; millésime connu 2025 utilisé ; erreur du serveur du producteur (HTTP 500 Internal Server Error) : ${server.base("datagouv")}/api/1/datasets/r/${CEREMA_KNOWN_RESOURCE}`,
    );
    expect(result.exitCode).toBe(1);
  });

  it("BMO: an earlier survey comes out of its zip archive; a year found nowhere fails; this year's survey may not be out yet", async () => {
    await settingsFile({ cerema: `${server.base("cerema")}/conso_com_2009_2023.csv`, bmo_annees: [2022, 2023, 2026] });

    const result = await run({ only: ["bmo"], now: () => new Date("2026-11-24T12:00:00Z") });

    const bmo = `${server.base("bmo")}/files/live/sites/peorg/files/documents/Statistiques-et-analyses/Open-data/BMO`;
    expect(result.rows.map((r) => [r.id, r.status, r.detail])).toEqual([
      ["bmo-2022", "mis à jour", `adresse de repli utilisée (404 avant) : ${bmo}/Donnees_consolidees_2022.zip ; extrait de l'archive : BMO_2022/Base_open_data_BMO_2022.xlsx`],
      ["bmo-2023", "échec", `introuvable aux 2 adresses connues : ${bmo}/Base_open_data_BMO_2023.xlsx (HTTP 404) ; ${bmo}/Donnees_consolidees_2023.zip (HTTP 404)`],
      ["bmo-2026", "non publiée", "pas encore publié : aucune des 2 adresses connues ne répond (HTTP 404)"],
    ]);
    // The workbook inside the archive, byte for byte, not the description workbook beside it.
    const extracted = await readFile(path.join(dataDir, "sources/Base_open_data_BMO_2022.xlsx"));
    const archive = await JSZip.loadAsync(Buffer.from(await (await fetch(`${bmo}/Donnees_consolidees_2022.zip`)).arrayBuffer()));
    expect(sha256(extracted)).toBe(sha256(await archive.file("BMO_2022/Base_open_data_BMO_2022.xlsx")!.async("nodebuffer")));
    const entry = (await readManifestFile()).fichiers.find((f) => f.chemin === "sources/Base_open_data_BMO_2022.xlsx") as DownloadedEntry;
    expect(entry).toMatchObject({ millesime: "2022", membre_archive: "BMO_2022/Base_open_data_BMO_2022.xlsx", sha256: sha256(extracted), taille: extracted.length });
    expect(existsSync(path.join(dataDir, "sources/Base_open_data_BMO_2026.xlsx"))).toBe(false);
    // One failure among the two attempted: exit 2; the unpublished year is neither a success nor a failure.
    expect(result.exitCode).toBe(2);
    expect(verdict(result)).toContain("1 source en échec, 1 à jour");
  });

  it("vocational schools: a refused or empty filter falls back on the national export, never on an empty file", async () => {
    // The second run writes the same national file again: unchanged.
    for (const [behaviour, status] of [["reject-filter", "mis à jour"], ["empty-filter", "inchangé"]] as const) {
      server.behaviours.lycees = behaviour;
      server.requests.length = 0;
      const result = await run({ only: ["lycees_pro"], force: true });
      expect(row(result, "lycees_pro").status, behaviour).toBe(status);
      expect(row(result, "lycees_pro").detail, behaviour).toMatch(/^adresse de repli utilisée \((400|vide) avant\) : http:\/\/127\.0\.0\.1:\d+\/lycees\/api\/explore\/v2\.1\/catalog\/datasets\/fr-en-lycee_pro-effectifs-niveau-sexe-mef\/exports\/csv\?delimiter=%3B$/);
      expect(server.requests.map((r) => r.where)).toEqual(['code_departement in ("02", "002", "80", "080")', null]);
      expect(await readFile(path.join(dataDir, "sources/fr-en-lycee_pro-effectifs-niveau-sexe-mef.csv"), "utf8")).toBe(LYCEES_CSV);
    }
  });

  it("an empty filtered answer with no fallback is a failure that keeps the previous file", async () => {
    await mkdir(path.join(dataDir, "sources"), { recursive: true });
    await writeFile(path.join(dataDir, "sources/dares-defm-communes.csv"), "version précédente\n");
    server.behaviours.dares = "empty-filter";

    const result = await run({ only: ["dares"] });

    expect(row(result, "dares")).toMatchObject({ status: "échec", detail: "le producteur a répondu sans aucune ligne pour le territoire (filtre sans résultat)" });
    expect(await readFile(path.join(dataDir, "sources/dares-defm-communes.csv"), "utf8")).toBe("version précédente\n");
  });

  it("every downloaded file, in the form the producers serve it, is recognised and loaded by its loader", async () => {
    await settingsFile({ bmo_annees: [2022, 2024] });
    const result = await run();
    expect(result.exitCode).toBe(0);

    const folder = await loadDataFolder(dataDir);
    try {
      const bySource = (path: string) => folder.files.find((f) => f.relativePath === path)!;
      expect(folder.files.filter((f) => f.problem).map((f) => f.problem)).toEqual([]);
      const loaded = (path: string) => {
        const r = bySource(path).report!;
        return [r.source, r.vintage, r.rowsRead, r.rowsLoaded, r.rowsOutside, r.rejections.length];
      };
      expect(loaded("sources/urssaf-etablissements-effectifs-commune-ape.csv")).toEqual(["urssaf", "2021-2023", 3, 3, 0, 0]);
      expect(loaded("sources/sirene-etablissements-02.csv.gz")).toEqual(["sirene", "2021-06", 2, 2, 0, 0]);
      expect(loaded("sources/cerema-conso-espaces-communes.csv")).toEqual(["cerema", "2023-2024", 2, 2, 0, 0]);
      expect(loaded("sources/fr-en-lycee_pro-effectifs-niveau-sexe-mef.csv")).toEqual(["lycees_pro", "2023", 2, 2, 0, 0]);
      expect(loaded("sources/Base_open_data_BMO_2022.xlsx")).toEqual(["bmo", "2022", 1, 1, 0, 0]);
      expect(loaded("sources/dares-defm-communes.csv")).toEqual(["dares", "2023", 3, 3, 0, 0]);
      // Cartofriches: the national export unfiltered; Laon outside; vintage = newest update date (10/04/2026).
      expect(loaded("sources/cartofriches-friches-standard.csv")).toEqual(["cartofriches", "2026-04-10", 3, 2, 1, 0]);
      const sites = await folder.db.runAndReadAll("select site_id, code_commune, statut from friches order by site_id");
      expect(sites.getRowObjects().map((r) => [r.site_id, r.code_commune, r.statut])).toEqual([
        ["02691_0001", "02691", "friche sans projet"],
        ["80620_0001", "80620", "friche avec projet"],
      ]);
      // The 2025 Cerema vintage: annual flows only (the cumulative naf11art25 is not a year), in m².
      const flows = await folder.db.runAndReadAll("select code_commune, annee, naf_m2 from cerema order by code_commune, annee");
      expect(flows.getRowObjects().map((r) => [r.code_commune, r.annee, r.naf_m2])).toEqual([
        ["02691", 2023, 9000],
        ["02691", 2024, 7000.5],
        ["80620", 2023, 3000],
        ["80620", 2024, 2000],
      ]);
    } finally {
      folder.close();
    }
  });

  it("Sirene: the compressed file supersedes a decompressed one left by an earlier refresh", async () => {
    await mkdir(path.join(dataDir, "sources"), { recursive: true });
    await writeFile(path.join(dataDir, "sources/sirene-etablissements-02.csv"), sireneCsv("02"));
    await writeFile(
      path.join(dataDir, "manifest.json"),
      JSON.stringify({ demonstration: false, fichiers: [{ chemin: "sources/sirene-etablissements-02.csv", source: "sirene", millesime: null, lignes: 2, demonstration: false }] }),
    );

    await run({ only: ["sirene-02"] });

    expect(existsSync(path.join(dataDir, "sources/sirene-etablissements-02.csv"))).toBe(false);
    expect((await readManifestFile()).fichiers.map((f) => f.chemin)).toEqual(["sources/sirene-etablissements-02.csv.gz"]);
  });
});

describe("behind a proxy", () => {
  it("goes through HTTPS_PROXY / HTTP_PROXY, names the proxy when it cannot be reached, and honours NO_PROXY", async () => {
    const proxy = await startForwardProxy();
    try {
      const viaProxy = await run({ env: { ...env(), HTTP_PROXY: proxy.url }, only: ["dares", "cerema"] });
      expect(viaProxy.rows.map((r) => r.status)).toEqual(["mis à jour", "mis à jour"]);
      const producer = new URL(server.base("dares")).host;
      expect(proxy.seen.length).toBeGreaterThan(0);
      expect(proxy.seen.every((line) => line === `CONNECT ${producer}` || line.startsWith(`GET http://${producer}/`))).toBe(true);

      // The same request with NO_PROXY listing the producer: straight to it.
      proxy.seen.length = 0;
      const direct = await run({ env: { ...env(), HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" }, only: ["dares"], force: true });
      expect(direct.rows[0]!.status).toBe("inchangé");
      expect(proxy.seen).toEqual([]);
    } finally {
      await proxy.close();
    }

    // A proxy that is not there: the message says which host could not be reached through which proxy.
    const port = await closedPort();
    const unreachable = await run({ env: { ...env(), https_proxy: `http://127.0.0.1:${port}`, HTTP_PROXY: `http://127.0.0.1:${port}` }, only: ["dares"], force: true, fetch: { idleTimeoutMs: 1000, retries: 0 } });
    expect(unreachable.rows[0]!.detail).toBe(`connexion refusée par ${new URL(server.base("dares")).host} (par le proxy 127.0.0.1:${port})`);
    expect(unreachable.offline).toBe(true);
  });
});

it("fixtures: the gzip bodies served are the official files themselves", async () => {
  const resources = await fixtureResources();
  expect(gunzipSync(resources.get("/sirene/geo-sirene/last/dep/geo_siret_02.csv.gz")!.body).toString()).toBe(sireneCsv("02"));
});

describe("the data:refresh command", () => {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const cli = (args: string[], extraEnv: NodeJS.ProcessEnv) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(tsx, ["scripts/refresh.ts", "--data", dataDir, "--cache", cacheDir, "--essais", "0", "--delai", "2", ...args], {
        // A proxy configured on the machine must not intercept requests to the local stand-in.
        env: { ...process.env, NO_PROXY: "127.0.0.1", no_proxy: "127.0.0.1", ...extraEnv },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d));
      child.stderr.on("data", (d: Buffer) => (stderr += d));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });

  it("--liste shows Cartofriches: the data.gouv.fr dataset asked first, then the last export known; a mirror alone", async () => {
    const { TI_URL_CARTOFRICHES: _mirror, ...withoutMirror } = env();
    const listed = await cli(["--liste"], withoutMirror);
    expect(listed.code).toBe(0);
    const block = listed.stdout.slice(listed.stdout.indexOf("cartofriches  →"), listed.stdout.indexOf("contours-communes  →"));
    expect(block).toBe(
      [
        "cartofriches  →  data/sources/cartofriches-friches-standard.csv",
        "    Cerema – friches recensées par Cartofriches",
        "    export du jour cherché d'abord dans le catalogue data.gouv.fr :",
        `      ${server.base("datagouv")}/api/1/datasets/sites-references-dans-cartofriches/`,
        "    adresse (millésime 2026-04-15) :",
        "      https://static.data.gouv.fr/resources/sites-references-dans-cartofriches/20260429-124852/friches-standard-2026-04-15.csv",
        "",
      ].join("\n"),
    );
    expect(server.requests).toEqual([]); // nothing is downloaded
    const mirrored = await cli(["--liste"], env());
    expect(mirrored.stdout).toContain(`cartofriches  →  data/sources/cartofriches-friches-standard.csv\n    Cerema – friches recensées par Cartofriches\n    adresse (millésime 2026-04-15) :\n      ${server.base("cartofriches")}/resources/`);
  });

  it("prints the French summary and exits 2 when some sources fail, 1 with the offline message when none can be reached", async () => {
    server.behaviours.dares = "error500";
    const partial = await cli(["--source", "dares,sirene"], env());
    expect(partial.code).toBe(2);
    expect(partial.stdout).toMatch(/^source\s+statut\s+taille\s+sha256$/m);
    expect(partial.stdout).toMatch(/^sirene-02\s+mis à jour\s+\S+ o\s+[0-9a-f]{12}$/m);
    expect(partial.stdout).toMatch(/^dares\s+échec$/m);
    expect(partial.stdout).toContain("1 source en échec, 2 à jour");
    expect(partial.stdout).toContain(`  dares : erreur du serveur du producteur (HTTP 500 Internal Server Error) : ${server.base("dares")}/api/explore/`);

    const port = await closedPort();
    const offline: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(env())) offline[key] = value!.replace(/:\d+\//, `:${port}/`);
    const none = await cli(["--source", "urssaf,sirene", "--force"], offline);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain(OFFLINE_MESSAGE);
  });
});
