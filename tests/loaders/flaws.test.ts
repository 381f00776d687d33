// The flaw corpus: one small file per flaw of real-world files, each with its expected outcome.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cerema } from "../../src/sources/cerema/loader.ts";
import { dares } from "../../src/sources/dares/loader.ts";
import { lyceesPro } from "../../src/sources/lycees-pro/loader.ts";
import { sirene } from "../../src/sources/sirene/loader.ts";
import { urssaf } from "../../src/sources/urssaf/loader.ts";
import { loadDataFolder } from "../../src/pipeline/load-data-folder.ts";
import { detectSource } from "../../src/sources/detect.ts";
import { LoadError, type SourceLoader } from "../../src/sources/types.ts";
import { expectCountsAddUp, fixture, freshDb, rows, theTerritory } from "./helpers.ts";

async function run(loader: SourceLoader, name: string) {
  const db = await freshDb();
  const file = fixture(`defauts/${name}`);
  const report = await loader.load(file, { db, territory: await theTerritory() });
  expectCountsAddUp(report);
  return { db, file, report };
}

describe("flaw corpus", () => {
  it("UTF-8 BOM: the first column (code_commune) is still found", async () => {
    const { db, report } = await run(dares, "bom.csv");
    expect(report).toMatchObject({ rowsLoaded: 1, rejections: [] });
    expect(await rows(db, "SELECT code_commune, demandeurs FROM dares")).toEqual([{ code_commune: "02691", demandeurs: 6385 }]);
  });

  it("Windows-1252: the accented commune name PÉRONNE is decoded and matched to 80620", async () => {
    const { db, report } = await run(lyceesPro, "windows-1252.csv");
    expect(report).toMatchObject({ rowsLoaded: 1, rejections: [] });
    expect(await rows(db, "SELECT code_commune, mef_libelle FROM lycees_pro")).toEqual([
      { code_commune: "80620", mef_libelle: "2NDPRO MÉTIERS DE LA RÉALISATION D'ENSEMBLES MÉCANIQUES ET INDUSTRIELS" },
    ]);
  });

  it("',' instead of ';': the separator is taken from the header line", async () => {
    const { db, report } = await run(dares, "separateur-virgule.csv");
    expect(report).toMatchObject({ rowsLoaded: 1, rejections: [] });
    expect(await rows(db, "SELECT code_commune, sexe, demandeurs FROM dares")).toEqual([{ code_commune: "80620", sexe: "Total", demandeurs: 455 }]);
  });

  it("decimal comma: 1234,5 m² is 1234.5", async () => {
    const { db, report } = await run(cerema, "virgule-decimale.csv");
    expect(report).toMatchObject({ rowsLoaded: 1, rejections: [], vintage: "2022-2022" });
    expect(await rows(db, "SELECT code_commune, annee, naf_m2, activite_m2, habitat_m2 FROM cerema")).toEqual([
      { code_commune: "02738", annee: 2022, naf_m2: 1234.5, activite_m2: 1000.25, habitat_m2: 234.25 },
    ]);
  });

  it("lost leading zero: 2691 is loaded as 02691 and noted", async () => {
    const { db, report } = await run(urssaf, "zero-initial-perdu.csv");
    expect(report).toMatchObject({ rowsLoaded: 1, rejections: [] });
    expect(await rows(db, "SELECT DISTINCT code_commune FROM urssaf")).toEqual([{ code_commune: "02691" }]);
    expect(report.notes).toContain("1 ligne(s) dont le code commune a été normalisé (zéro initial restitué, ex. 2691 → 02691)");
  });

  it("merged commune: the old code 02300 (Fargniers) is loaded as 02738 (Tergnier), with a counted note", async () => {
    const { db, report } = await run(dares, "commune-fusionnee.csv");
    expect(report).toMatchObject({ rowsLoaded: 1, rowsOutside: 0, rejections: [] });
    expect(await rows(db, "SELECT code_commune, demandeurs FROM dares")).toEqual([{ code_commune: "02738", demandeurs: 240 }]);
    expect(report.notes).toContain("1 ligne(s) portant 1 ancien(s) code(s) de commune fusionnée rattachée(s) à la commune actuelle : 02300 → 02738");
  });

  it("unknown commune code: rejected with its line and reason", async () => {
    const { file, report } = await run(dares, "commune-inconnue.csv");
    expect(report).toMatchObject({ rowsRead: 1, rowsLoaded: 0, rowsOutside: 0 });
    expect(report.rejections).toEqual([{ file, line: 2, column: "code_commune", value: "02999", reason: "code commune inconnu dans la géographie en vigueur" }]);
  });

  it("duplicated row: the second one is rejected, naming the first", async () => {
    const { db, file, report } = await run(urssaf, "ligne-en-double.csv");
    expect(report).toMatchObject({ rowsRead: 2, rowsLoaded: 1 });
    expect(report.rejections).toEqual([{ file, line: 3, column: "code_commune", value: "02691", reason: "ligne en double (identique à la ligne 2)" }]);
    expect(await rows(db, "SELECT sum(effectifs) AS total FROM urssaf WHERE annee = 2023")).toEqual([{ total: 131 }]);
  });

  it("negative count: rejected", async () => {
    const { db, file, report } = await run(dares, "valeur-negative.csv");
    expect(report.rejections).toEqual([{ file, line: 2, column: "nombre_de_demandeurs_d_emploi", value: "-5", reason: "valeur négative" }]);
    expect(await rows(db, "SELECT count(*) AS n FROM dares")).toEqual([{ n: 0 }]);
  });

  it("secret markers *, s, nd and empty: rows loaded with NULL, never 0, and counted", async () => {
    const { db, report } = await run(dares, "secrets.csv");
    expect(report).toMatchObject({ rowsRead: 4, rowsLoaded: 4, rejections: [] });
    expect(await rows(db, "SELECT count(*) AS n, count(demandeurs) AS known FROM dares")).toEqual([{ n: 4, known: 0 }]);
    expect(report.notes).toContain("3 valeur(s) secrète(s) et 1 valeur(s) vide(s) chargée(s) comme inconnues (NULL, jamais 0)");
  });

  it("truncated last line: rejected with the reason, the complete lines before it loaded", async () => {
    const { db, file, report } = await run(urssaf, "derniere-ligne-tronquee.csv");
    expect(report).toMatchObject({ rowsRead: 2, rowsLoaded: 1 });
    expect(report.rejections).toHaveLength(1);
    expect(report.rejections[0]).toMatchObject({
      file,
      line: 3,
      column: "effectifs_salaries_2022",
      reason: "dernière ligne tronquée : 21 champs au lieu de 23 (fichier coupé ?)",
    });
    expect(await rows(db, "SELECT DISTINCT code_ape FROM urssaf")).toEqual([{ code_ape: "25.11Z" }]);
  });
});

describe("flaw corpus: compressed and archived files", () => {
  const cutGzip = (file: string) =>
    `${file}:1:: fichier gzip tronqué ou illisible (les données compressées s'arrêtent avant leur fin : téléchargement interrompu ?) : téléchargez-le à nouveau`;
  const notAWorkbook = (file: string) =>
    `${file}:1:: archive zip qui n'est pas un classeur xlsx : extrayez le fichier qu'elle contient (sirene-etablissements-02.csv) dans data/sources/, puis retirez l'archive`;
  async function failure(promise: Promise<unknown>): Promise<LoadError> {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    return error as LoadError;
  }

  it("gzip-compressed Sirene file (.csv.gz dropped as is): recognised and loaded exactly as its plain version", async () => {
    const file = fixture("defauts/sirene-compresse.csv.gz");
    const detection = await detectSource(file);
    expect([detection.loader.description.id, detection.variant]).toEqual(["sirene", "geolocalise"]);
    const { db, report } = await run(sirene, "sirene-compresse.csv.gz");

    const plainFile = fixture("sirene/sirene-etablissements-02.csv");
    const plainDb = await freshDb();
    const plain = await sirene.load(plainFile, { db: plainDb, territory: await theTerritory() });
    expect(report).toMatchObject({ file, vintage: "2022-06", years: [1990, 2021], rowsRead: 7, rowsLoaded: 4, rowsOutside: 1 });
    expect(report.rejections).toEqual([
      { file, line: 7, column: "dateCreationEtablissement", value: "2020-02-30", reason: "date de création invalide (AAAA-MM-JJ attendu)" },
      { file, line: 8, column: "siret", value: "55208131700123", reason: "ligne en double (identique à la ligne 2)" },
    ]);
    const withoutFile = (r: typeof report) => ({ ...r, file: "", rejections: r.rejections.map((j) => ({ ...j, file: "" })) });
    expect(withoutFile(report)).toEqual(withoutFile(plain));
    const all = "SELECT * EXCLUDE (fichier) FROM sirene ORDER BY siret";
    expect(await rows(db, all)).toHaveLength(4);
    expect(await rows(db, all)).toEqual(await rows(plainDb, all));
    expect(await rows(db, "SELECT DISTINCT fichier FROM sirene")).toEqual([{ fichier: file }]);
  });

  it("cut gzip file (interrupted download): refused as a whole with a French message naming it, no row loaded", async () => {
    const db = await freshDb();
    const file = fixture("defauts/gzip-tronque.csv.gz");
    expect((await failure(detectSource(file))).message).toBe(cutGzip(file));
    const error = await failure(sirene.load(file, { db, territory: await theTerritory() }));
    expect(error.problem).toEqual({ file, line: 1, column: "", message: cutGzip(file).replace(`${file}:1:: `, "") });
    expect(await rows(db, "SELECT count(*) AS n FROM sirene")).toEqual([{ n: 0 }]);
  });

  it("zip archive holding a csv (not an xlsx workbook): refused, naming the file to extract", async () => {
    const file = fixture("defauts/archive-zip.zip");
    expect((await failure(detectSource(file))).message).toBe(notAWorkbook(file));
  });

  it("in a data folder: the .csv.gz is loaded under its own name, the cut one and the archive are unusable", async () => {
    const data = mkdtempSync(path.join(tmpdir(), "flaws-data-"));
    mkdirSync(path.join(data, "sources"));
    copyFileSync("data/territoire.json", path.join(data, "territoire.json"));
    for (const name of ["sirene-compresse.csv.gz", "gzip-tronque.csv.gz", "archive-zip.zip"]) copyFileSync(fixture(`defauts/${name}`), path.join(data, "sources", name));
    const folder = await loadDataFolder(data);
    try {
      const files = folder.files.filter((f) => f.origin === "donnees");
      expect(files.map((f) => [f.relativePath, f.report?.rowsLoaded ?? null, f.problem?.message ?? null])).toEqual([
        ["sources/archive-zip.zip", null, notAWorkbook("").replace(":1:: ", "")],
        ["sources/gzip-tronque.csv.gz", null, cutGzip("").replace(":1:: ", "")],
        ["sources/sirene-compresse.csv.gz", 4, null],
      ]);
      expect(files[1]!.problem).toMatchObject({ file: "sources/gzip-tronque.csv.gz", line: 1, column: "" });
      expect(files[2]!.report!.rejections.map((j) => `${j.file}:${j.line}`)).toEqual(["sources/sirene-compresse.csv.gz:7", "sources/sirene-compresse.csv.gz:8"]);
    } finally {
      folder.close();
      rmSync(data, { recursive: true, force: true });
    }
  });
});
