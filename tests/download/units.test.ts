// The pieces of the download side, each on its own: the catalogue's real producer URLs and filters, the
// URL overrides, the streaming download, the CSV assembly and the progress display.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTerritory, parseTerritoryConfig } from "../../src/territory/territory.ts";
import { assemble } from "../../src/download/assemble.ts";
import { buildCatalogue, educationDepartementNames, odsqlIn, selectDownloads } from "../../src/download/catalogue.ts";
import { fetchToFile } from "../../src/download/fetch-to-file.ts";
import { formatBytes, startProgress } from "../../src/download/progress.ts";
import { DEFAULT_BASES, readDownloadSettings, type DownloadSettings } from "../../src/download/settings.ts";
import { parseOdsqlIn } from "../fixtures/download/producer-server.ts";

const territory = buildTerritory(parseTerritoryConfig({ id: "t", nom: "T", epci: ["200071892", "200071785", "200070985", "200037059"] }));
const defaults: DownloadSettings = { bases: { ...DEFAULT_BASES }, bmoYears: [2025], contoursYear: 2025, communesPerRequest: 200 };

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "ti-download-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("catalogue", () => {
  const catalogue = buildCatalogue(territory, defaults);
  const byId = (id: string) => catalogue.find((d) => d.id === id)!;

  it("uses the producers' real URLs", () => {
    expect(byId("sirene-02").urls).toEqual(["https://files.data.gouv.fr/geo-sirene/last/dep/geo_siret_02.csv.gz"]);
    expect(byId("sirene-80").urls).toEqual(["https://files.data.gouv.fr/geo-sirene/last/dep/geo_siret_80.csv.gz"]);
    expect(byId("contours-epci").urls).toEqual(["https://etalab-datasets.geo.data.gouv.fr/contours-administratifs/2025/geojson/epci-1000m.geojson.gz"]);
    expect(byId("bmo-2025").urls).toEqual([
      "https://www.francetravail.org/files/live/sites/peorg/files/documents/Statistiques-et-analyses/Open-data/BMO/Base_open_data_BMO_2025.xlsx",
    ]);
    const urssaf = new URL(byId("urssaf").urls[0]!);
    expect(urssaf.origin + urssaf.pathname).toBe(
      "https://open.urssaf.fr/api/explore/v2.1/catalog/datasets/etablissements-et-effectifs-salaries-au-niveau-commune-x-ape-last/exports/csv",
    );
    expect(urssaf.searchParams.get("delimiter")).toBe(";");
    expect(byId("dares").urls[0]).toMatch(/^https:\/\/data\.dares\.travail-emploi\.gouv\.fr\/api\/explore\/v2\.1\/catalog\/datasets\/dares_defm_communales-brutes\/exports\/csv\?/);
    expect(byId("lycees_pro").urls[0]).toMatch(/^https:\/\/data\.education\.gouv\.fr\/api\/explore\/v2\.1\/catalog\/datasets\/fr-en-lycee_pro-effectifs-niveau-sexe-mef\/exports\/csv\?/);
  });

  it("filters URSSAF and DARES by the 188 commune codes of the territory, in one ODSQL `in` list", () => {
    for (const id of ["urssaf", "dares"]) {
      const d = byId(id);
      expect(d.urls).toHaveLength(1);
      expect(d.serverFiltered).toBe(true);
      const where = new URL(d.urls[0]!).searchParams.get("where")!;
      const parsed = parseOdsqlIn(where)!;
      expect(parsed.field).toBe("code_commune");
      expect(parsed.values).toEqual(territory.communes.map((c) => c.code));
      expect(parsed.values).toHaveLength(188);
      // spaces are %20, never "+", in the URL itself
      expect(d.urls[0]).not.toContain("+");
    }
  });

  it("splits long commune lists over several requests", () => {
    const split = buildCatalogue(territory, { ...defaults, communesPerRequest: 50 });
    expect(split.find((d) => d.id === "urssaf")!.urls).toHaveLength(4);
  });

  it("filters vocational schools by upper-case département names, with and without accents", () => {
    expect(new URL(byId("lycees_pro").urls[0]!).searchParams.get("where")).toBe('departement in ("AISNE", "SOMME")');
    expect(educationDepartementNames("22")).toEqual(["CÔTES-D'ARMOR", "COTES-D'ARMOR"]);
    expect(odsqlIn("x", ['a"b'])).toBe('x in ("a\\"b")');
  });

  it("has no default URL for the Cerema file and says how to configure it", () => {
    expect(byId("cerema").urls).toEqual([]);
    expect(byId("cerema").notConfigured).toBe("adresse non configurée : définissez TI_URL_CEREMA ou « cerema » dans data/sources-urls.json");
  });

  it("selects by file id or source id, and names unknown ones", () => {
    const { selected, unknown } = selectDownloads(catalogue, ["sirene", "bmo-2025", "inconnue"]);
    expect(selected.map((d) => d.id)).toEqual(["sirene-02", "sirene-80", "bmo-2025"]);
    expect(unknown).toEqual(["inconnue"]);
  });
});

describe("URL overrides", () => {
  it("reads data/sources-urls.json, and the environment wins over it", async () => {
    const dir = await mkdtemp(path.join(work, "settings-"));
    await writeFile(path.join(dir, "sources-urls.json"), JSON.stringify({ urssaf: "http://miroir.test/urssaf/", cerema: "http://miroir.test/conso.csv", bmo_annees: "2019-2021" }));
    const settings = await readDownloadSettings(dir, { TI_URL_URSSAF: "http://autre.test", TI_CONTOURS_ANNEE: "2024" });
    expect(settings.bases.urssaf).toBe("http://autre.test");
    expect(settings.bases.cerema).toBe("http://miroir.test/conso.csv");
    expect(settings.bases.sirene).toBe("https://files.data.gouv.fr");
    expect(settings.bmoYears).toEqual([2019, 2020, 2021]);
    expect(settings.contoursYear).toBe(2024);
  });

  it("rejects a bad URL or an unknown key with a French message", async () => {
    const dir = await mkdtemp(path.join(work, "settings-"));
    await expect(readDownloadSettings(dir, { TI_URL_SIRENE: "ftp://x" })).rejects.toThrow("TI_URL_SIRENE : seules les adresses http:// et https:// sont acceptées");
    await writeFile(path.join(dir, "sources-urls.json"), JSON.stringify({ ursaf: "http://x" }));
    await expect(readDownloadSettings(dir, {})).rejects.toThrow("clé inconnue « ursaf »");
  });
});

describe("fetchToFile", () => {
  let server: http.Server;
  let base: string;
  const hits = new Map<string, number>();
  const csv = "a;b\n1;2\n";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
      if (req.url === "/f.csv.gz") res.end(gzipSync(csv));
      else if (req.url === "/truncated.gz") res.end(gzipSync(csv).subarray(0, 12));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("gunzips while streaming and reports size and sha256 of the written file", async () => {
    const dest = path.join(work, "f.csv");
    const seen: number[] = [];
    const result = await fetchToFile(`${base}/f.csv.gz`, dest, { gunzip: true, onProgress: (r) => seen.push(r) });
    expect(await readFile(dest, "utf8")).toBe(csv);
    expect(result).toMatchObject({ status: "downloaded", size: 8, lines: 2, sha256: createHash("sha256").update(csv).digest("hex") });
    expect(seen.at(-1)).toBe(gzipSync(csv).length);
  });

  it("does not retry a 404, and writes nothing", async () => {
    const dest = path.join(work, "absent.csv");
    await expect(fetchToFile(`${base}/absent`, dest, { retryDelayMs: 1 })).rejects.toThrow(`fichier introuvable chez le producteur (HTTP 404 Not Found) : ${base}/absent`);
    expect(hits.get("/absent")).toBe(1);
    expect(existsSync(dest)).toBe(false);
  });

  it("reports a gzip file truncated at the producer (all announced bytes received) without retrying, and leaves no part file", async () => {
    const dest = path.join(work, "trunc", "t.csv");
    await expect(fetchToFile(`${base}/truncated.gz`, dest, { gunzip: true, retryDelayMs: 1 })).rejects.toThrow(
      "fichier gzip illisible ou tronqué chez le producteur (unexpected end of file)",
    );
    expect(hits.get("/truncated.gz")).toBe(1);
    expect(existsSync(dest)).toBe(false);
    expect(await readdir(path.dirname(dest)).catch(() => [])).toEqual([]);
  });
});

describe("assemble", () => {
  it("joins CSV parts with one header, even when a part lacks its final line break", async () => {
    const a = path.join(work, "a.csv");
    const b = path.join(work, "b.csv");
    await writeFile(a, "\uFEFFh1;h2\n1;2");
    await writeFile(b, "\uFEFFh1;h2\n3;4\n");
    const dest = path.join(work, "joined.csv");
    const written = await assemble([a, b], dest, "csv");
    expect(await readFile(dest, "utf8")).toBe("\uFEFFh1;h2\n1;2\n3;4\n");
    expect(written.lines).toBe(3);
  });
});

describe("progress", () => {
  it("prints few lines in a log, at most one per interval, and nothing for short downloads", () => {
    let t = 0;
    const out: string[] = [];
    const p = startProgress("URSSAF", { isTTY: false, write: (s) => out.push(s) }, { now: () => t, quietMs: 1000, logIntervalMs: 10_000 });
    p.update(100, 1000); // within the quiet period
    t = 1500;
    p.update(1_500_000, 3_000_000);
    t = 5000;
    p.update(2_000_000, 3_000_000); // within the interval
    t = 12_000;
    p.update(2_900_000, 3_000_000);
    p.done();
    expect(out).toEqual(["URSSAF : 1,5 Mo sur 3,0 Mo (50 %)\n", "URSSAF : 2,9 Mo sur 3,0 Mo (96 %)\n"]);
  });

  it("redraws one line in place on a terminal, then clears it", () => {
    let t = 2000;
    const out: string[] = [];
    const p = startProgress("Sirene", { isTTY: true, write: (s) => out.push(s) }, { now: () => t, quietMs: 0 });
    p.update(12_345_678, null);
    t += 500;
    p.done();
    expect(out).toEqual(["\r\x1b[2KSirene : 12 Mo reçus", "\r\x1b[2K"]);
    expect(formatBytes(999)).toBe("999 o");
  });
});
