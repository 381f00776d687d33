// Issue 16, case 1: files of one source counted twice. Rule (README « Plusieurs fichiers d'une même source »):
// identical content is read once; of two vintages of a revising source (URSSAF, DARES, Cerema...) the newest wins and
// the older is set aside; files whose values overlap otherwise are refused. Never a doubled figure.
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { loadDataFolder } from "../../src/pipeline/load-data-folder.ts";
import { cleanUp, dataFolder, loadAndValidate, readDemo, scalar } from "./helpers.ts";

afterAll(cleanUp);

const URSSAF = "urssaf-etablissements-effectifs-commune-ape.csv";
const SIRENE = "sirene-etablissements-80.csv";
const DARES = "dares-defm-communes.csv";
const JOBS_2018 = "SELECT sum(effectifs) FROM urssaf WHERE annee = 2018";

/** Territory jobs in 2018 with the URSSAF demo file alone: the figure every case below must give, never twice it. */
async function loadSingleUrssafJobs(): Promise<number> {
  const folder = await loadDataFolder(dataFolder({ [URSSAF]: { copy: URSSAF } }));
  try {
    return await scalar(folder, JOBS_2018);
  } finally {
    folder.close();
  }
}
let singleJobs: Promise<number> | undefined;
/** The figure above, loaded once for the cases of this file. */
const singleUrssafJobs = () => (singleJobs ??= loadSingleUrssafJobs());

/** The URSSAF demo file as an older publication: without its last year (2025), every count of 2018 plus 1000. */
function olderUrssafVintage(): string {
  const [header, ...rows] = readDemo(URSSAF).replace(/^\uFEFF/, "").trimEnd().split("\n");
  const names = header!.split(";");
  const keep = names.map((n) => !/_2025$/.test(n));
  const bump = names.map((n) => /^effectifs_salaries_2018$/.test(n));
  const line = (cells: string[]) => cells.filter((_, i) => keep[i]).join(";");
  return [line(names), ...rows.map((r) => line(r.split(";").map((c, i) => (bump[i] && /^\d+$/.test(c) ? String(Number(c) + 1000) : c))))].join("\n") + "\n";
}

describe("identical copies", () => {
  it("a copy of the URSSAF file in a subfolder (archive/urssaf (1).csv) is read once: 2018 jobs are not doubled", async () => {
    const single = await singleUrssafJobs();
    expect(single).toBeGreaterThan(10_000);
    const data = dataFolder({ [URSSAF]: { copy: URSSAF }, [`archive/urssaf (1).csv`]: { copy: URSSAF } });
    const { folder, code, lines, close } = await loadAndValidate(data);
    try {
      expect(await scalar(folder, JOBS_2018)).toBe(single);
      const copy = folder.files.find((f) => f.relativePath === "sources/archive/urssaf (1).csv")!;
      expect(copy).toMatchObject({ report: null, problem: null });
      expect(copy.ignored?.reason).toBe(`copie identique de sources/${URSSAF} (même contenu, empreinte SHA-256) : lue une seule fois, cette copie est ignorée`);
    } finally {
      close();
    }
    expect(code).toBe(0); // nothing is wrong with the figures: the copy is only set aside
    expect(lines).toContain(`  écarté : copie identique de sources/${URSSAF} (même contenu, empreinte SHA-256) : lue une seule fois, cette copie est ignorée`);
    expect(lines.find((l) => l.startsWith("Bilan"))).toBe("Bilan : 2 fichier(s), 1 utilisable(s), 0 inutilisable(s), 1 écarté(s) (copie ou millésime remplacé), 0 ligne(s) rejetée(s).");
  });

  it("the same Sirene file under two names: its establishments are counted once", async () => {
    const folder = await loadDataFolder(dataFolder({ "a.csv": { copy: SIRENE }, "b.csv": { copy: SIRENE } }));
    try {
      // 5 705 data lines in the demo file, all in the Somme part of the territory or outside it
      const loaded = folder.files.find((f) => f.relativePath === "sources/a.csv")!.report!.rowsLoaded;
      expect(await scalar(folder, "SELECT count(*) FROM sirene")).toBe(loaded);
      expect(await scalar(folder, "SELECT count(DISTINCT siret) FROM sirene")).toBe(loaded);
      expect(folder.files.find((f) => f.relativePath === "sources/b.csv")!.ignored?.reason).toMatch(/^copie identique de sources\/a\.csv/);
    } finally {
      folder.close();
    }
  });
});

describe("files that partition the data (Sirene per département): overlapping keys are refused", () => {
  it("the Sirene file and its gzip copy (other bytes, same establishments): the second is unusable, nothing doubled, exit 1", async () => {
    const data = dataFolder({ [SIRENE]: { copy: SIRENE }, [`${SIRENE}.gz`]: gzipSync(readDemo(SIRENE)) });
    const { folder, code, close } = await loadAndValidate(data);
    try {
      const first = folder.files.find((f) => f.relativePath === `sources/${SIRENE}`)!;
      const second = folder.files.find((f) => f.relativePath === `sources/${SIRENE}.gz`)!;
      expect(await scalar(folder, "SELECT count(*) FROM sirene")).toBe(first.report!.rowsLoaded);
      // The counts for the reference levels are the first file's only (every row is in the territory here).
      expect(await scalar(folder, "SELECT sum(etablissements) FROM sirene_agregats")).toBe(first.report!.rowsLoaded);
      expect(second.report).toBeNull();
      expect(second.problem?.message).toMatch(
        new RegExp(`^mêmes données que sources/${SIRENE.replaceAll(".", "\\.")} \\(\\d+ valeur\\(s\\) en commun, par exemple SIRET \\d{14}\\) : les additionner compterait deux fois ces valeurs\\. Gardez un seul des deux fichiers dans data/sources/$`),
      );
    } finally {
      close();
    }
    expect(code).toBe(1);
  });
});

describe("two vintages of a source that revises its whole series: the newest wins", () => {
  it("URSSAF 2011-2024 beside 2011-2025: the older is superseded, 2018 jobs are the newer's (no doubling, no fake drop)", async () => {
    const single = await singleUrssafJobs();
    const data = dataFolder({ [URSSAF]: { copy: URSSAF }, "urssaf-ancien.csv": olderUrssafVintage() });
    const { folder, code, lines, close } = await loadAndValidate(data);
    try {
      expect(await scalar(folder, JOBS_2018)).toBe(single); // the older file's +1000 would show
      expect(await scalar(folder, "SELECT count(DISTINCT fichier) FROM urssaf")).toBe(1);
      const older = folder.files.find((f) => f.relativePath === "sources/urssaf-ancien.csv")!;
      expect(older.report).toBeNull();
      expect(older.ignored?.source).toBe("urssaf");
      expect(older.ignored?.reason).toMatch(
        new RegExp(`^millésime 2011-2024 remplacé par le millésime plus récent 2011-2025 de sources/${URSSAF.replaceAll(".", "\\.")} \\(\\d+ valeur\\(s\\) en commun, par exemple commune \\d{5}, APE [^,]+, année \\d{4}\\) : fichier non chargé, pour ne compter aucune valeur deux fois$`),
      );
    } finally {
      close();
    }
    expect(code).toBe(0);
    expect(lines.some((l) => l.startsWith("  écarté (source urssaf) : millésime 2011-2024 remplacé"))).toBe(true);
  });

  it("two DARES exports with overlapping quarters: the one reaching the latest quarter wins, each quarter counted once", async () => {
    const text = readDemo(DARES).replace(/^\uFEFF/, "");
    const [header, ...rows] = text.trimEnd().split("\n");
    // Older export: quarters up to 2020, every count + 7 (a revision), so that a mix would show.
    const older = [header, ...rows.filter((r) => r.split(";")[0]! <= "2020-T4").map((r) => r.replace(/;(\d+)\r?$/, (_, n) => `;${Number(n) + 7}`))].join("\n") + "\n";
    const folder = await loadDataFolder(dataFolder({ [DARES]: { copy: DARES }, "dares-2020.csv": older }));
    try {
      const newer = folder.files.find((f) => f.relativePath === `sources/${DARES}`)!.report!;
      expect(await scalar(folder, "SELECT count(*) FROM dares")).toBe(newer.rowsLoaded);
      // Rows of one commune x quarter x category x sex x age: one each.
      expect(await scalar(folder, "SELECT max(n) FROM (SELECT count(*) AS n FROM dares GROUP BY code_commune, annee, trimestre, categorie, sexe, tranche_age) t")).toBe(1);
      expect(folder.files.find((f) => f.relativePath === "sources/dares-2020.csv")!.ignored?.reason).toMatch(/^millésime 2011-2020 remplacé par le millésime plus récent 2011-2025/);
    } finally {
      folder.close();
    }
  });

  it("two files of the same period with different content (an edited copy): refused, nothing says which is right", async () => {
    const edited = readDemo(URSSAF).replace(/;(\d+)\n/, (_, n) => `;${Number(n) + 1}\n`);
    const folder = await loadDataFolder(dataFolder({ [URSSAF]: { copy: URSSAF }, "urssaf-modifie.csv": edited }));
    try {
      const f = folder.files.find((x) => x.relativePath === "sources/urssaf-modifie.csv")!;
      expect(f.problem?.message).toMatch(/^mêmes données que sources\/urssaf-etablissements-effectifs-commune-ape\.csv \(\d+ valeur\(s\) en commun, par exemple .*, même période couverte : 2011-2025\)/);
      expect(await scalar(folder, JOBS_2018)).toBe(await singleUrssafJobs());
    } finally {
      folder.close();
    }
  });
});
