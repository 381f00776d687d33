// The refresh against hostile or broken servers (issue 16, items 2, 5, 9 and 12): every answer below comes with
// status 200, yet none may replace a file in place, delete demonstration data, run without bound or print a
// terminal escape sequence. The stand-in producers run on 127.0.0.1 (tests/fixtures/download/producer-server.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import JSZip from "jszip";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LOCK_NAME, refresh, type RefreshOptions, type RefreshResult } from "../../src/download/refresh.ts";
import { summaryTable, verdict } from "../../src/download/summary.ts";
import { looksLikeHtml } from "../../src/download/verify.ts";
import { bmoXlsx } from "../fixtures/download/official-files.ts";
import { startProducerServer, type ProducerServer } from "../fixtures/download/producer-server.ts";

const root = path.resolve(import.meta.dirname, "../..");
const TERRITORY = { id: "t", nom: "Saint-Quentinois – Tergnier", epci: ["200071892", "200071785", "200070985", "200037059"] };
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

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
  work = await mkdtemp(path.join(tmpdir(), "ti-hostile-"));
  dataDir = path.join(work, "data");
  cacheDir = path.join(work, "cache");
  await mkdir(dataDir);
  await writeFile(path.join(dataDir, "territoire.json"), JSON.stringify(TERRITORY));
  await writeFile(path.join(dataDir, "sources-urls.json"), JSON.stringify({ bmo_annees: [2024] }));
  server.requests.length = 0;
  for (const key of Object.keys(server.behaviours)) delete server.behaviours[key as keyof typeof server.behaviours];
  delete server.settings.replacement;
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    TI_URL_URSSAF: server.base("urssaf"),
    TI_URL_SIRENE: server.base("sirene"),
    TI_URL_CEREMA: `${server.base("cerema")}/conso_com_2009_2023.csv`,
    TI_URL_DARES: server.base("dares"),
    TI_URL_LYCEES_PRO: server.base("lycees"),
    TI_URL_BMO: server.base("bmo"),
    TI_URL_CONTOURS: server.base("contours"),
    TI_URL_DATAGOUV: server.base("datagouv"),
    ...extra,
  };
}

function run(extra: Partial<RefreshOptions> & { extraEnv?: NodeJS.ProcessEnv } = {}): Promise<RefreshResult> {
  const { extraEnv, ...options } = extra;
  return refresh({ dataDir, cacheDir, env: env(extraEnv), fetch: { idleTimeoutMs: 2000, retries: 1, retryDelayMs: 10 }, ...options });
}

const row = (result: RefreshResult, id: string) => result.rows.find((r) => r.id === id)!;

/** sha256 of every file under the data folder (manifest included). */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files.set(path.relative(dir, file), sha256(await readFile(file)));
    }
  return files;
}

async function partFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).filter((e) => e.endsWith(".part"));
}

describe("a download replaces nothing until it is proved readable as its source (item 2)", () => {
  it("an HTML page answered 200 for Sirene and BMO: the demonstration files stay, the sources fail, nothing says « à jour »", async () => {
    // The real demonstration folder of the project: Sirene 02 and 80, BMO 2015-2023.
    cpSync(path.join(root, "data"), dataDir, { recursive: true });
    await writeFile(path.join(dataDir, "sources-urls.json"), JSON.stringify({ bmo_annees: [2024] }));
    const before = await snapshot(dataDir);
    expect([...before.keys()].filter((f) => f.includes("BMO_")).length).toBeGreaterThanOrEqual(9);
    server.behaviours.sirene = "html";
    server.behaviours.bmo = "html";

    const result = await run({ only: ["sirene", "bmo"] });

    expect(result.rows.map((r) => [r.id, r.status])).toEqual([
      ["sirene-02", "échec"],
      ["sirene-80", "échec"],
      ["bmo-2024", "échec"],
    ]);
    expect(row(result, "sirene-02").detail).toBe(
      "fichier reçu refusé, rien n'a été remplacé : le serveur a envoyé une page web (HTML) au lieu du fichier attendu : page d'erreur, de maintenance ou de connexion ?",
    );
    // BMO: both known addresses (the workbook, then the archive) sent a page.
    expect(row(result, "bmo-2024").detail).toMatch(/^introuvable aux 2 adresses connues : \S+\/Base_open_data_BMO_2024\.xlsx \(page HTML au lieu du fichier\) ; \S+\/Donnees_consolidees_2024\.zip \(page HTML au lieu du fichier\)$/);
    expect(result.exitCode).toBe(1);
    expect(result.removedDemo).toEqual([]);
    expect(verdict(result)).toBe("Toutes les sources sont en échec : les données existantes de data/ sont inchangées.");
    // Every file, demonstration data and manifest included, is byte for byte what it was.
    expect(await snapshot(dataDir)).toEqual(before);
    expect(await partFiles(work)).toEqual([]);
  });

  it("a truncated gzip announced as complete keeps the previous Sirene file; the cache forgets it, so the next run asks again", async () => {
    expect((await run({ only: ["sirene-02"] })).rows[0]!.status).toBe("mis à jour");
    const file = path.join(dataDir, "sources/sirene-etablissements-02.csv.gz");
    const good = await readFile(file);
    const manifest = await readFile(path.join(dataDir, "manifest.json"), "utf8");

    server.behaviours.sirene = "truncated-gzip";
    const cut = await run({ only: ["sirene-02"], force: true });
    expect(cut.rows[0]).toMatchObject({ status: "échec" });
    expect(cut.rows[0]!.detail).toMatch(/^fichier reçu refusé, rien n'a été remplacé : fichier gzip tronqué ou illisible \(/);
    expect(cut.exitCode).toBe(1);
    expect(await readFile(file)).toEqual(good);
    expect(await readFile(path.join(dataDir, "manifest.json"), "utf8")).toBe(manifest);

    // Within --max-age, a cached copy is normally reused without a request; the refused one was dropped.
    server.behaviours.sirene = "ok";
    server.requests.length = 0;
    const again = await run({ only: ["sirene-02"] });
    expect(server.requests.map((r) => r.prefix)).toEqual(["sirene"]);
    expect(again.rows[0]!.status).toBe("inchangé");
  });

  it("a file of another source at the URSSAF address is refused, naming both sources", async () => {
    server.behaviours.urssaf = "other-source";
    const result = await run({ only: ["urssaf"] });
    expect(row(result, "urssaf").status).toBe("échec");
    expect(row(result, "urssaf").detail).toMatch(/^fichier reçu refusé, rien n'a été remplacé : le fichier reçu est un fichier « dares » \(.+\), pas « urssaf » \(.+\)$/);
    expect(existsSync(path.join(dataDir, "sources/urssaf-etablissements-effectifs-commune-ape.csv"))).toBe(false);
  });

  it("an unreadable member of a BMO archive is refused before it takes its final name", async () => {
    const zip = new JSZip();
    zip.file("BMO_2024/Base_open_data_BMO_2024.xlsx", "ceci n'est pas un classeur");
    server.behaviours.bmo = "replace";
    server.settings.replacement = await zip.generateAsync({ type: "nodebuffer" });
    const result = await run({ only: ["bmo"] });
    expect(row(result, "bmo-2024").status).toBe("échec");
    expect(row(result, "bmo-2024").detail).toContain("contenu illisible : ");
    expect(existsSync(path.join(dataDir, "sources/Base_open_data_BMO_2024.xlsx"))).toBe(false);
    expect(await partFiles(work)).toEqual([]);
  });

  it("HTML is told by its first tag, not by a mention further on", () => {
    expect(looksLikeHtml(Buffer.from("\uFEFF  <!-- x --><!doctype html><html>"))).toBe(true);
    expect(looksLikeHtml(Buffer.from("<HTML>\n<body>"))).toBe(true);
    expect(looksLikeHtml(Buffer.from("code;libelle\n1;<html> dans une cellule\n"))).toBe(false);
  });
});

describe("bounds on size and duration (item 5)", () => {
  it("an endless body stops at the source's size cap (TI_TAILLE_MAX_DARES, in Mo), with nothing written", async () => {
    server.behaviours.dares = "endless";
    const started = Date.now();
    const result = await run({ only: ["dares"], extraEnv: { TI_TAILLE_MAX_DARES: "2" } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(row(result, "dares")).toMatchObject({
      status: "échec",
      detail: "fichier trop volumineux : plus de 2,0 Mo reçus, téléchargement arrêté (limite de cette source : 2,0 Mo, variable TI_TAILLE_MAX_DARES en Mo)",
    });
    // Not retried: a second try would end the same way.
    expect(server.requests.filter((r) => r.prefix === "dares")).toHaveLength(1);
    expect(existsSync(path.join(dataDir, "sources/dares-defm-communes.csv"))).toBe(false);
    expect(await partFiles(work)).toEqual([]);
  });

  it("a Content-Length over the cap is refused before any byte is kept", async () => {
    server.behaviours.urssaf = "huge";
    const result = await run({ only: ["urssaf"] });
    expect(row(result, "urssaf").detail).toBe("fichier trop volumineux : le serveur annonce 50 Go, rien n'a été téléchargé (limite de cette source : 2,0 Go, variable TI_TAILLE_MAX_URSSAF en Mo)");
  });

  it("a body trickling one byte every 50 ms resets the idle timer but not the total duration (--duree-max)", async () => {
    server.behaviours.cerema = "trickle";
    const started = Date.now();
    const result = await run({ only: ["cerema"], fetch: { idleTimeoutMs: 500, maxDurationMs: 1500, retries: 2, retryDelayMs: 10 } });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(5000);
    expect(row(result, "cerema").detail).toMatch(/^durée maximale dépassée : téléchargement arrêté après 1,5 s \(\d+ octets reçus ; option --duree-max pour la changer\)$/);
    expect(server.requests.filter((r) => r.prefix === "cerema")).toHaveLength(1);
  });

  it("contours: a small gzip inflating past the cap is stopped while decompressing", async () => {
    // 60 Mo of zeros compress to about 60 Ko.
    server.settings.replacement = gzipSync(Buffer.alloc(60e6));
    server.behaviours.contours = "replace";
    const result = await run({ only: ["contours-communes"], extraEnv: { TI_TAILLE_MAX_CONTOURS: "5" } });
    expect(row(result, "contours-communes").detail).toBe(
      "fichier trop volumineux : plus de 5,0 Mo une fois décompressé, téléchargement arrêté (limite de cette source : 5,0 Mo, variable TI_TAILLE_MAX_CONTOURS en Mo)",
    );
    expect(existsSync(path.join(dataDir, "contours/communes-1000m.geojson"))).toBe(false);
  });

  it("Sirene kept compressed: a gzip of blank lines or of one endless line is refused by the reading bounds, in seconds", async () => {
    // 100 Mio of blank lines (ratio about 1 000), then 1 Gio without a line break, as 1 024 gzip members of 1 Mio
    // each (a gzip file may hold several members, read one after the other).
    const blank = gzipSync(Buffer.alloc(100 << 20, 0x0a), { level: 9 });
    const member = gzipSync(Buffer.alloc(1 << 20, 0x61), { level: 9 });
    const endlessLine = Buffer.concat(Array.from({ length: 1024 }, () => member));
    expect(endlessLine.length).toBeLessThan(2e6);
    server.behaviours.sirene = "replace";
    for (const [body, expected] of [
      [blank, /^fichier reçu refusé, rien n'a été remplacé : fichier gzip suspect : [\d,]+ Mio compressés deviennent plus de [\d,]+ Mio, plus de 100 fois leur taille/],
      [endlessLine, /^fichier reçu refusé, rien n'a été remplacé : ligne de plus de 8 Mio sans fin de ligne \(à partir de l'octet 0\)/],
    ] as const) {
      server.settings.replacement = body;
      const started = Date.now();
      const result = await run({ only: ["sirene-02"], force: true });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(row(result, "sirene-02").detail).toMatch(expected);
      expect(existsSync(path.join(dataDir, "sources/sirene-etablissements-02.csv.gz"))).toBe(false);
    }
  });
});

describe("the command line: one refresh at a time (item 9), no escape sequence echoed (item 12)", () => {
  const tsx = path.join(root, "node_modules/.bin/tsx");
  const cli = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(tsx, [path.join(root, "scripts/refresh.ts"), "--data", dataDir, "--cache", cacheDir, "--essais", "0", "--delai", "5", ...args], {
        env: { ...process.env, NO_PROXY: "127.0.0.1", no_proxy: "127.0.0.1", ...env(), ...extraEnv },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d));
      child.stderr.on("data", (d: Buffer) => (stderr += d));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });

  it("a second refresh on the same cache stops at once with a French message; the first one ends normally", async () => {
    // The first refresh waits on a server gone silent mid-file, long enough for the second command to start.
    server.behaviours.cerema = "stall";
    const first = run({ only: ["cerema"], fetch: { idleTimeoutMs: 12_000, retries: 0 } });
    let parts: string[] = [];
    for (let waited = 0; parts.length === 0 && waited < 3000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      parts = await partFiles(cacheDir).catch(() => []);
    }
    expect(parts).toHaveLength(1);

    const second = await cli(["--source", "urssaf"]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(`^Erreur : Un rafraîchissement des données \\(npm run data:refresh\\) utilisant ce dossier est déjà en cours \\(processus ${process.pid} depuis .+\\) : attendez qu'il se termine, puis relancez\\. Si aucun ne tourne plus, supprimez le fichier de verrou ${cacheDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/${LOCK_NAME}\\.\\n$`),
    );
    expect(second.stdout).toBe("");
    // The first one's part file was not touched by the second.
    expect(await partFiles(cacheDir)).toEqual(parts);
    const result = await first;
    expect(row(result, "cerema").detail).toBe("délai dépassé : aucune donnée reçue pendant 12 s");
    // Released: the lock files are gone and the next refresh runs.
    expect(existsSync(path.join(cacheDir, LOCK_NAME))).toBe(false);
    expect(existsSync(path.join(dataDir, LOCK_NAME))).toBe(false);
    expect((await run({ only: ["urssaf"] })).exitCode).toBe(0);
  }, 30_000);

  it("a lock left by a process that no longer runs is taken over", async () => {
    const child: ChildProcess = spawn(process.execPath, ["-e", ""]);
    await new Promise((r) => child.on("exit", r));
    await mkdir(cacheDir, { recursive: true });
    await writeFile(path.join(cacheDir, LOCK_NAME), JSON.stringify({ pid: child.pid, host: (await import("node:os")).hostname(), depuis: new Date().toISOString(), commande: "x" }));
    const result = await cli(["--source", "dares"]);
    expect(result.code).toBe(0);
    expect(existsSync(path.join(cacheDir, LOCK_NAME))).toBe(false);
  });

  it("escape sequences from a server or an archive are printed as visible text, never sent to the terminal", async () => {
    // A BMO archive whose workbook's name carries a colour change and a window title (the "é" makes the name
    // UTF-8 in the archive: an ASCII name is read as CP437, where control bytes are drawn as symbols).
    const zip = new JSZip();
    zip.file("BMO_2024/é\x1b[31mBase_open_data_BMO_2024\x1b]0;pirate\x07.xlsx", await bmoXlsx(2024));
    server.settings.replacement = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    server.behaviours.bmo = "replace";
    const result = await cli(["--source", "bmo"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("extrait de l'archive : BMO_2024/é\\x1b[31mBase_open_data_BMO_2024\\x1b]0;pirate\\x07.xlsx");
    expect(result.stdout + result.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });

  it("the summary escapes control characters and bidirectional overrides in every detail", () => {
    const table = summaryTable({
      rows: [{ id: "dares", label: "", target: "", status: "échec", detail: "réponse inattendue (HTTP 500 \x1b[2J\u202e) : ok\nToutes les sources sont à jour" }],
      exitCode: 1,
      offline: false,
      removedDemo: [],
    });
    expect(table).toContain("  dares : réponse inattendue (HTTP 500 \\x1b[2J\\u202e) : ok\\x0aToutes les sources sont à jour");
    expect(table.split("\n").some((l) => l.startsWith("Toutes"))).toBe(false);
  });
});
