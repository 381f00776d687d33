// `npm run data:refresh` and the list of Territoires d'industrie, against the stand-in of data.gouv.fr on
// 127.0.0.1: the ANCT dataset's files are found in the catalogue, downloaded through the cache, and the list in
// use for the data folder becomes theirs (with a 2019-2022 list dropped by hand beside them).
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { refresh, type RefreshResult } from "../../src/download/refresh.ts";
import { loadTerritory, TerritoryError } from "../../src/territory/territory.ts";
import { loadTerritoryList } from "../../src/geography/ti-list.ts";
import { cog } from "../../src/geography/cog.ts";
import { TI_GRPT_CSV, TI_LISTE_CSV, tiCommunesCsv } from "../fixtures/download/official-files.ts";
import { closedPort, startProducerServer, type ProducerServer } from "../fixtures/download/producer-server.ts";

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
  work = await mkdtemp(path.join(tmpdir(), "ti-refresh-liste-"));
  dataDir = path.join(work, "data");
  await mkdir(dataDir);
  await writeFile(path.join(dataDir, "territoire.json"), JSON.stringify({ ti: "ti-3208" }));
  server.requests.length = 0;
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const run = (extra: { maxAgeMs?: number; datagouv?: string } = {}): Promise<RefreshResult> =>
  refresh({
    dataDir,
    cacheDir: path.join(work, "cache"),
    only: ["territoires-industrie"],
    env: { TI_URL_DATAGOUV: extra.datagouv ?? server.base("datagouv") },
    maxAgeMs: extra.maxAgeMs,
    fetch: { idleTimeoutMs: 1000, retries: 0, retryDelayMs: 10 },
  });

const territory = async (ti: string) => {
  await writeFile(path.join(dataDir, "territoire.json"), JSON.stringify({ ti }));
  return loadTerritory(dataDir);
};

describe("npm run data:refresh -- --source territoires-industrie", () => {
  it("prend dans le catalogue le fichier le plus récent de chaque sorte, l'écrit sous un nom stable et dit ce que dit la liste", async () => {
    const result = await run();
    expect(result.exitCode).toBe(0);
    const row = result.rows[0]!;
    expect(row).toMatchObject({ id: "territoires-industrie", status: "mis à jour" });
    expect(row.detail).toMatch(/^phase 2023-2027 : 4 territoires, 1 membre\(s\) non résolu\(s\) : 2023-2027\/liste-ti-groupements\.csv:10: ti-9999 : SIREN 123456782 « CC disparue » inconnu/);
    // The catalogue, then the three newest files; never the older upload of the communes file, nor the PDF.
    expect(server.requests.map((r) => r.path)).toEqual([
      "/datagouv/api/1/datasets/programme-territoires-dindustrie/",
      "/datagouv/static/ti/liste-ti-com2023-20240301.csv",
      "/datagouv/static/ti/liste-ti-grpt2023-20240301.csv",
      "/datagouv/static/ti/liste-ti-20240301.csv",
    ]);
    const folder = path.join(dataDir, "territoires-industrie", "2023-2027");
    expect(await readFile(path.join(folder, "liste-ti-communes.csv"), "utf8")).toBe(tiCommunesCsv());
    expect(await readFile(path.join(folder, "liste-ti-groupements.csv"), "utf8")).toBe(TI_GRPT_CSV);
    expect(await readFile(path.join(folder, "liste-ti-territoires.csv"), "utf8")).toBe(TI_LISTE_CSV);
    const downloads = JSON.parse(await readFile(path.join(dataDir, "territoires-industrie", "telechargements.json"), "utf8"));
    expect(downloads["2023-2027/liste-ti-communes.csv"]).toEqual({ url: `${server.base("datagouv")}/static/ti/liste-ti-com2023-20240301.csv`, date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    // Not a source of indicators: the manifest of the data folder is not touched.
    expect(existsSync(path.join(dataDir, "manifest.json"))).toBe(false);

    // The list in use is now the ANCT's for its phase: a territory the product does not know can be named...
    const nouveau = await territory("ti-9998");
    expect(nouveau.nom).toBe("Marne et Surmelin");
    expect(nouveau.communes).toHaveLength(cog().epcis.get("240200584")!.membres.length);
    expect(nouveau.programme).toMatchObject({ id: "ti-9998", phase: "2023-2027", region: { code: "32" } });
    expect((await territory("ti-3208")).communes).toHaveLength(231);
    // ... a member the COG does not know is said to whoever names the territory ...
    await expect(territory("ti-9999")).rejects.toThrow(/ti-9999 « Territoire nouveau » : le membre 123456782 « CC disparue » de la liste officielle ne figure pas/);
    // ... and a territory of the product's table that this phase of the refreshed list lacks is unknown.
    await expect(territory("ti-0101")).rejects.toThrow(TerritoryError);
    const { list } = await loadTerritoryList(dataDir);
    expect(list.provenance).toEqual([expect.objectContaining({ phase: "2023-2027", adresse: "https://www.data.gouv.fr/fr/datasets/programme-territoires-dindustrie/", date: expect.stringMatching(/^téléchargé le \d{4}-\d\d-\d\d$/) })]);
    expect(list.provenance[0]!.fichiers.map((f) => [f.nom, f.url])).toEqual([
      ["liste-ti-communes.csv", `${server.base("datagouv")}/static/ti/liste-ti-com2023-20240301.csv`],
      ["liste-ti-groupements.csv", `${server.base("datagouv")}/static/ti/liste-ti-grpt2023-20240301.csv`],
      ["liste-ti-territoires.csv", `${server.base("datagouv")}/static/ti/liste-ti-20240301.csv`],
    ]);

    // A second run within --max-age asks nothing and changes nothing.
    server.requests.length = 0;
    const again = await run({ maxAgeMs: 3_600_000 });
    expect(again.rows[0]!.status).toBe("inchangé (cache)");
    expect(server.requests).toEqual([]);
  });

  it("lit aussi une liste 2019-2022 déposée à la main : les deux phases sont en usage, chacune nommable", async () => {
    const charly = cog().epcis.get("240200584")!;
    const dropped = path.join(dataDir, "territoires-industrie", "2019-2022");
    await mkdir(dropped, { recursive: true });
    await writeFile(path.join(dropped, "communes.csv"), ["insee_com;lib_com;id_ti;lib_ti", ...charly.membres.map((m) => `${m.code};${m.nom};ti-3290;Canton de Charly`)].join("\n") + "\n");

    const result = await run();
    expect(result.rows[0]!.detail).toMatch(/^phase 2019-2022 : 1 territoires ; phase 2023-2027 : 4 territoires/);
    const ancien = await territory("ti-3290");
    expect(ancien).toMatchObject({ nom: "Canton de Charly", referenceYear: 2018, contractPeriod: { start: 2019, end: 2022 } });
    expect(ancien.epcis.map((e) => [e.siren, e.partial])).toEqual([["240200584", false]]);
    const { list } = await loadTerritoryList(dataDir);
    expect(list.provenance.map((p) => [p.phase, p.genere_par])).toEqual([
      ["2019-2022", "lu dans le dossier de données ; déposés à la main : 2019-2022/communes.csv"],
      ["2023-2027", "lu dans le dossier de données"],
    ]);
  });

  it("rafraîchit la liste avant de lire le territoire : on peut nommer un territoire que seule la nouvelle liste connaît", async () => {
    await writeFile(path.join(dataDir, "territoire.json"), JSON.stringify({ ti: "ti-9998" }));
    await expect(loadTerritory(dataDir)).rejects.toThrow(/Territoire d'industrie inconnu : « ti-9998 »/);
    expect((await run()).exitCode).toBe(0);
    expect((await loadTerritory(dataDir)).nom).toBe("Marne et Surmelin");
  });

  it("un catalogue injoignable est un échec qui laisse la liste en usage telle quelle", async () => {
    const port = await closedPort();
    const result = await run({ datagouv: `http://127.0.0.1:${port}/datagouv` });
    expect(result.exitCode).toBe(1);
    expect(result.rows[0]).toMatchObject({ status: "échec", detail: `connexion refusée par 127.0.0.1:${port}` });
    expect(existsSync(path.join(dataDir, "territoires-industrie"))).toBe(false);
    expect((await loadTerritory(dataDir)).communes).toHaveLength(231);
  });
});
