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
import { buildCatalogue, selectDownloads } from "../../src/download/catalogue.ts";
import { odsqlIn } from "../../src/sources/opendatasoft.ts";
import { educationDepartementCodes } from "../../src/sources/lycees-pro/download.ts";
import { CEREMA_ARCHIVE_MEMBERS, pickCeremaVintage } from "../../src/sources/cerema/download.ts";
import { pickBmoYear } from "../../src/sources/bmo/download.ts";
import { pickCartofrichesFile } from "../../src/sources/cartofriches/download.ts";
import { chooseMember } from "../../src/download/unzip-member.ts";
import { fetchToFile } from "../../src/download/fetch-to-file.ts";
import { formatBytes, startProgress } from "../../src/download/progress.ts";
import { DEFAULT_BASES, readDownloadSettings, type DownloadSettings } from "../../src/download/settings.ts";
import { parseOdsqlIn } from "../fixtures/download/producer-server.ts";

const territory = buildTerritory(parseTerritoryConfig({ id: "t", nom: "T", epci: ["200071892", "200071785", "200070985", "200037059"] }));
const defaults: DownloadSettings = { bases: { ...DEFAULT_BASES }, datagouv: "https://www.data.gouv.fr", bmoYears: [2025], contoursYear: 2025, communesPerRequest: 200, maxBytes: { urssaf: 1e9, sirene: 1e9, cerema: 1e9, dares: 1e9, lycees_pro: 1e9, bmo: 1e9, cartofriches: 1e9, contours: 1e9, territoires_industrie: 1e9, catalogue: 1e9 } };

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
  const urls = (id: string, location = 0) => byId(id).locations[location]!.urls;

  it("uses the producers' real URLs", () => {
    expect(urls("sirene-02")).toEqual(["https://files.data.gouv.fr/geo-sirene/last/dep/geo_siret_02.csv.gz"]);
    expect(urls("sirene-80")).toEqual(["https://files.data.gouv.fr/geo-sirene/last/dep/geo_siret_80.csv.gz"]);
    expect(urls("contours-epci")).toEqual(["https://etalab-datasets.geo.data.gouv.fr/contours-administratifs/2025/geojson/epci-1000m.geojson.gz"]);
    const urssaf = new URL(urls("urssaf")[0]!);
    expect(urssaf.origin + urssaf.pathname).toBe(
      "https://open.urssaf.fr/api/explore/v2.1/catalog/datasets/etablissements-et-effectifs-salaries-au-niveau-commune-x-ape-last/exports/csv",
    );
    expect(urssaf.searchParams.get("delimiter")).toBe(";");
    expect(urls("dares")[0]).toMatch(/^https:\/\/data\.dares\.travail-emploi\.gouv\.fr\/api\/explore\/v2\.1\/catalog\/datasets\/dares_defm_communales-brutes\/exports\/csv\?/);
    expect(urls("lycees_pro")[0]).toMatch(/^https:\/\/data\.education\.gouv\.fr\/api\/explore\/v2\.1\/catalog\/datasets\/fr-en-lycee_pro-effectifs-niveau-sexe-mef\/exports\/csv\?/);
  });

  it("keeps Sirene compressed (the loaders read .gz) and supersedes the older decompressed name", () => {
    expect(byId("sirene-02")).toMatchObject({ target: "sources/sirene-etablissements-02.csv.gz", replaces: ["sources/sirene-etablissements-02.csv"] });
    expect(byId("sirene-02").locations[0]!.gunzip).toBe(false);
    expect(byId("contours-epci").locations[0]!.gunzip).toBe(true);
  });

  it("looks for a BMO survey as an xlsx, then as a zip archive on francetravail.org, then on the former pole-emploi.org", () => {
    const bmo = "Statistiques-et-analyses/Open-data/BMO";
    expect(byId("bmo-2025").locations.map((l) => [l.urls[0], l.zipMember !== undefined, l.millesime])).toEqual([
      [`https://www.francetravail.org/files/live/sites/peorg/files/documents/${bmo}/Base_open_data_BMO_2025.xlsx`, false, "2025"],
      [`https://www.francetravail.org/files/live/sites/peorg/files/documents/${bmo}/Donnees_consolidees_2025.zip`, true, "2025"],
      [`https://www.pole-emploi.org/files/live/sites/peorg/files/documents/${bmo}/Donnees_consolidees_2025.zip`, true, "2025"],
    ]);
    expect(byId("bmo-2025").discovery).toEqual({ kind: "bmo-datagouv", api: "https://www.data.gouv.fr", year: 2025 });
    // A mirror serves its own archives: no detour to the former site, nor to the catalogue.
    const mirrored = buildCatalogue(territory, { ...defaults, bases: { ...defaults.bases, bmo: "http://miroir.test" } });
    expect(mirrored.find((d) => d.id === "bmo-2025")!.locations).toHaveLength(2);
    expect(mirrored.find((d) => d.id === "bmo-2025")!.discovery).toBeUndefined();
  });

  it("downloads by default every BMO survey from the territory's reference year to this year, this year's possibly unpublished", () => {
    const all = buildCatalogue(territory, { ...defaults, bmoYears: null }, new Date("2026-11-24T12:00:00Z"));
    const bmo = all.filter((d) => d.source === "bmo");
    expect(territory.referenceYear).toBe(2018);
    expect(bmo.map((d) => d.id)).toEqual(["bmo-2018", "bmo-2019", "bmo-2020", "bmo-2021", "bmo-2022", "bmo-2023", "bmo-2024", "bmo-2025", "bmo-2026"]);
    expect(bmo.filter((d) => d.mayBeUnpublished).map((d) => d.id)).toEqual(["bmo-2026"]);
  });

  it("filters URSSAF and DARES by the 188 commune codes of the territory, in one ODSQL `in` list", () => {
    for (const id of ["urssaf", "dares"]) {
      const d = byId(id);
      expect(d.locations).toHaveLength(1);
      expect(d.locations[0]!.serverFiltered).toBe(true);
      expect(urls(id)).toHaveLength(1);
      const where = new URL(urls(id)[0]!).searchParams.get("where")!;
      const parsed = parseOdsqlIn(where)!;
      expect(parsed.field).toBe("code_commune");
      expect(parsed.values).toEqual(territory.communes.map((c) => c.code));
      expect(parsed.values).toHaveLength(188);
      // spaces are %20, never "+", in the URL itself
      expect(urls(id)[0]).not.toContain("+");
    }
  });

  it("splits long commune lists over several requests", () => {
    const split = buildCatalogue(territory, { ...defaults, communesPerRequest: 50 });
    expect(split.find((d) => d.id === "urssaf")!.locations[0]!.urls).toHaveLength(4);
  });

  it("filters vocational schools by département code in both spellings, with the national export as fallback", () => {
    expect(new URL(urls("lycees_pro")[0]!).searchParams.get("where")).toBe('code_departement in ("02", "002", "80", "080")');
    expect(new URL(urls("lycees_pro", 1)[0]!).searchParams.get("where")).toBeNull();
    expect(byId("lycees_pro").locations.map((l) => l.serverFiltered)).toEqual([true, false]);
    expect(educationDepartementCodes("2A")).toEqual(["2A"]);
    expect(educationDepartementCodes("971")).toEqual(["971"]);
    expect(odsqlIn("x", ['a"b'])).toBe('x in ("a\\"b")');
  });

  it("finds the Cerema file through data.gouv.fr: the newest vintage in the catalogue, the known 2025 file otherwise", () => {
    expect(byId("cerema").discovery).toEqual({ kind: "cerema-datagouv", api: "https://www.data.gouv.fr" });
    expect(byId("cerema").locations).toEqual([
      { urls: ["https://www.data.gouv.fr/api/1/datasets/r/b258feec-f8ff-4e0a-93b3-baf1fe46ef66"], gunzip: false, serverFiltered: false, millesime: "2025" },
    ]);
    expect(byId("cerema").notConfigured).toBeUndefined();
    // A configured file is used as is, a zip archive opened.
    const configured = buildCatalogue(territory, { ...defaults, bases: { ...defaults.bases, cerema: "http://miroir.test/obs-artif-conso-com-2009-2023.zip" } });
    const cerema = configured.find((d) => d.id === "cerema")!;
    expect(cerema.discovery).toBeUndefined();
    expect(cerema.locations[0]!.zipMember).toBeDefined();
  });

  it("finds Cartofriches through its data.gouv.fr dataset, with the last export known as fallback; a mirror is not asked about", () => {
    expect(byId("cartofriches").discovery).toEqual({ kind: "cartofriches-datagouv", api: "https://www.data.gouv.fr" });
    expect(byId("cartofriches").locations).toEqual([
      {
        urls: ["https://static.data.gouv.fr/resources/sites-references-dans-cartofriches/20260429-124852/friches-standard-2026-04-15.csv"],
        gunzip: false,
        serverFiltered: false,
        millesime: "2026-04-15",
      },
    ]);
    expect(byId("cartofriches")).toMatchObject({ target: "sources/cartofriches-friches-standard.csv", format: "csv" });
    const mirrored = buildCatalogue(territory, { ...defaults, bases: { ...defaults.bases, cartofriches: "http://miroir.test" } }).find((d) => d.id === "cartofriches")!;
    expect(mirrored.discovery).toBeUndefined();
    expect(mirrored.locations[0]!.urls[0]).toBe("http://miroir.test/resources/sites-references-dans-cartofriches/20260429-124852/friches-standard-2026-04-15.csv");
  });

  it("selects by file id or source id, and names unknown ones", () => {
    const { selected, unknown } = selectDownloads(catalogue, ["sirene", "bmo-2025", "inconnue"]);
    expect(selected.map((d) => d.id)).toEqual(["sirene-02", "sirene-80", "bmo-2025"]);
    expect(unknown).toEqual(["inconnue"]);
  });
});

describe("Cerema vintages in the data.gouv.fr catalogue", () => {
  const dataset = (title: string, resources: { title: string; format: string; url: string }[], organization = "Cerema") => ({ title, organization: { name: organization }, resources });
  const window = (from: number, to: number) => `Consommation d'espaces naturels, agricoles et forestiers du 1er janvier ${from} au 1er janvier ${to}`;

  it("takes the newest window with a commune CSV, ignoring geopackages, other producers and untitled windows", () => {
    const picked = pickCeremaVintage([
      dataset(window(2011, 2025), [{ title: "conso_com.csv", format: "csv", url: "https://s/2025/conso-com.csv" }]),
      dataset(window(2012, 2026), [
        { title: "conso_com_2012_2026.gpkg", format: "gpkg", url: "https://s/2026/conso_com.gpkg" },
        { title: "conso_com.csv", format: "csv", url: "https://s/2026/conso_com.csv" },
      ]),
      dataset(window(2013, 2027), [{ title: "conso_com.csv", format: "csv", url: "https://s/x.csv" }], "Un bureau d'études"),
      dataset("Consommation d'espaces naturels, agricoles et forestiers", [{ title: "commune.csv", format: "csv", url: "https://s/long.csv" }]),
    ]);
    expect(picked).toEqual({ urls: ["https://s/2026/conso_com.csv"], gunzip: false, serverFiltered: false, millesime: "2026" });
  });

  it("opens the zip of older vintages, and finds nothing in an unrelated answer", () => {
    const zipped = pickCeremaVintage([dataset(window(2009, 2023), [{ title: "obs-artif-conso-com-2009-2023.zip", format: "zip", url: "https://s/obs.zip" }])]);
    expect(zipped).toMatchObject({ urls: ["https://s/obs.zip"], millesime: "2023" });
    expect(zipped!.zipMember).toBeDefined();
    expect(pickCeremaVintage([])).toBeUndefined();
  });

  it("picks the commune CSV inside an archive before any other CSV", () => {
    const members = [
      { name: "obs_artif_conso_com_2009_2023/lisez-moi.csv", size: 10 },
      { name: "obs_artif_conso_com_2009_2023/obs_artif_conso_com_2009_2023.csv", size: 5 },
    ];
    expect(chooseMember(members, CEREMA_ARCHIVE_MEMBERS)!.name).toBe("obs_artif_conso_com_2009_2023/obs_artif_conso_com_2009_2023.csv");
  });
});

describe("BMO surveys in the data.gouv.fr catalogue", () => {
  const dataset = {
    resources: [
      { title: "BMO 2024 - principaux résultats", format: "pdf", url: "https://ft/BMO_2024.pdf" },
      { title: "Base open data BMO 2024", format: "zip", url: "https://ft/Donnees_consolidees_2024.zip" },
      { title: "Base open data BMO 2025", format: "xlsx", url: "https://ft/Base_open_data_BMO_2025.xlsx" },
      { title: "Données BMO 2025 (archive)", format: "zip", url: "https://ft/BMO_2025.zip" },
      { title: "Base open data BMO 2020", format: "zip", url: "https://ft/Donnees_consolidees_2020.zip" },
    ],
  };

  it("takes the open-data base of the year, a workbook before an archive, never the results leaflet", () => {
    expect(pickBmoYear(dataset, 2025)).toEqual({ urls: ["https://ft/Base_open_data_BMO_2025.xlsx"], gunzip: false, serverFiltered: false, millesime: "2025" });
    const archive = pickBmoYear(dataset, 2024)!;
    expect(archive).toMatchObject({ urls: ["https://ft/Donnees_consolidees_2024.zip"], millesime: "2024" });
    expect(archive.zipMember).toBeDefined();
    // 2020 is not 2202 or 12020: the year must stand on its own.
    expect(pickBmoYear(dataset, 2021)).toBeUndefined();
    expect(pickBmoYear({}, 2024)).toBeUndefined();
  });
});

describe("Cartofriches exports in the data.gouv.fr dataset", () => {
  it("takes the newest dated CSV of the CNIG standard, never the geopackage nor another CSV, and dates it by its name", () => {
    const dataset = {
      resources: [
        { title: "friches_surfaces_2026_06_15.gpkg", format: "gpkg", url: "https://s/friches_surfaces.gpkg" },
        { title: "Dictionnaire des variables", format: "csv", url: "https://s/dictionnaire.csv" },
        { title: "friches-standard-2026-04-15.csv", format: "csv", url: "https://s/20260429/friches-standard-2026-04-15.csv" },
        { title: "Export au standard CNIG", format: "csv", url: "https://s/20260620/friches-standard-2026-06-15.csv" },
      ],
    };
    expect(pickCartofrichesFile(dataset)).toEqual({ urls: ["https://s/20260620/friches-standard-2026-06-15.csv"], gunzip: false, serverFiltered: false, millesime: "2026-06-15" });
    expect(pickCartofrichesFile({ resources: [{ title: "friches-standard.csv", format: "csv", url: "https://s/friches-standard.csv" }] })).toMatchObject({ millesime: null });
    expect(pickCartofrichesFile({ resources: [dataset.resources[0]!] })).toBeUndefined();
    expect(pickCartofrichesFile({})).toBeUndefined();
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
