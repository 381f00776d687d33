// The pipeline's statements on the files' rows (renaming `fichier` to the relative path, setting a superseded vintage
// aside) bind the file names: a name with a quote, a backslash and a line break is matched as it is, and never
// reaches SQL text (the marker would be there, quoted or not).
import { afterAll, expect, it } from "vitest";
import { loadDataFolder } from "../../src/pipeline/load-data-folder.ts";
import { recordSql } from "../db/sql-recorder.ts";
import { cleanUp, dataFolder, readDemo, scalar } from "./helpers.ts";

afterAll(cleanUp);

const DARES = "dares-defm-communes.csv";
const MARKER = "Zq7marqueur";

it("two DARES vintages with hostile file names: the newer kept under its exact name, the older's rows all set aside", async () => {
  const text = readDemo(DARES).replace(/^\uFEFF/, "");
  const [header, ...rows] = text.trimEnd().split("\n");
  const older = [header, ...rows.filter((r) => r.split(";")[0]! <= "2020-T4")].join("\n") + "\n";
  const newerName = `${MARKER} l'export \\ "DARES"\n2025.csv`;
  const olderName = `${MARKER} 2020'); DELETE FROM dares; --.csv`;
  const sql = recordSql();
  const folder = await loadDataFolder(dataFolder({ [newerName]: text, [olderName]: older }));
  try {
    sql.stop();
    const newer = folder.files.find((f) => f.relativePath === `sources/${newerName}`)!;
    expect(newer.report?.rowsLoaded).toBeGreaterThan(1000);
    expect(folder.files.find((f) => f.relativePath === `sources/${olderName}`)!.ignored?.reason).toMatch(/^millésime 2011-2020 remplacé par le millésime plus récent 2011-2025 de sources\/Zq7marqueur l'export/);
    // Every row is the newer file's, under its relative path exactly.
    const names = (await folder.db.runAndReadAll("SELECT fichier, count(*) AS n FROM dares GROUP BY fichier")).getRowObjectsJS();
    expect(names).toEqual([{ fichier: `sources/${newerName}`, n: BigInt(newer.report!.rowsLoaded) }]);
    expect(await scalar(folder, "SELECT count(*) FROM dares")).toBe(newer.report!.rowsLoaded);
    expect(sql.containing(MARKER)).toEqual([]);
    expect(sql.texts.length).toBeGreaterThan(10); // the recorder saw the pipeline's statements
  } finally {
    sql.stop();
    folder.close();
  }
});
