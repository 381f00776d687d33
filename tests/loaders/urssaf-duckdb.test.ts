// The URSSAF loader reads with DuckDB: a typed read first, the exact rules when a cell or a line needs them. These
// tests hold the cases where the two reads differ, and the line numbers DuckDB does not give (blank lines, lines it
// rejects before the row to tell).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { urssaf } from "../../loaders/urssaf.ts";
import { linesOfRanks } from "../../loaders/urssaf/csv-scan.ts";
import { LoadError } from "../../src/sources/types.ts";
import { expectCountsAddUp, freshDb, rows, theTerritory } from "./helpers.ts";

const dir = mkdtempSync(path.join(tmpdir(), "urssaf-duckdb-"));
const HEADER = "code_commune;code_ape;secteur_na38;nombre_d_etablissements_2021;effectifs_salaries_2021;nombre_d_etablissements_2022;effectifs_salaries_2022";

function write(name: string, lines: string[], gzip = false): string {
  const file = path.join(dir, name);
  const text = [HEADER, ...lines].join("\n") + "\n";
  writeFileSync(file, gzip ? gzipSync(text) : text);
  return file;
}

describe("URSSAF loader read by DuckDB", () => {
  it("a decimal count, which a typed read would round, is rejected as the exact rules say; `1 234` is 1234", async () => {
    const db = await freshDb();
    const file = write("decimal.csv", ["02691;2511Z;CH Métallurgie;3;12.5;3;10", "02738;4711D;GZ Commerce;2;1 234;2;1 200"]);
    const report = await urssaf.load(file, { db, territory: await theTerritory() });
    expectCountsAddUp(report);
    expect(report.rejections).toEqual([{ file, line: 2, column: "effectifs_salaries_2021", value: "12.5", reason: "nombre entier attendu" }]);
    expect(await rows(db, "SELECT code_commune, annee, effectifs FROM urssaf ORDER BY annee")).toEqual([
      { code_commune: "02738", annee: 2021, effectifs: 1234 },
      { code_commune: "02738", annee: 2022, effectifs: 1200 },
    ]);
  });

  it("tells the line of a rejected row past a blank line and a line DuckDB could not split", async () => {
    const db = await freshDb();
    const file = write("lignes.csv", ["02691;2511Z;CH Métallurgie;3;120;3;118", "", "02738;4711D", "80620;1089Z;CA Alimentaire;1;-4;1;5", "02691;2511Z;CH Métallurgie;3;120;3;118"]);
    const report = await urssaf.load(file, { db, territory: await theTerritory() });
    expectCountsAddUp(report);
    expect(report).toMatchObject({ rowsRead: 4, rowsLoaded: 1 });
    expect(report.rejections).toEqual([
      { file, line: 4, column: "secteur_na38", value: "02738;4711D", reason: "nombre de champs incorrect : 2 champs au lieu de 7" },
      { file, line: 5, column: "effectifs_salaries_2021", value: "-4", reason: "valeur négative" },
      { file, line: 6, column: "code_commune", value: "02691", reason: "ligne en double (identique à la ligne 2)" },
    ]);
  });

  it("reads a gzip file directly, and aggregates its rows outside the territory by level", async () => {
    const db = await freshDb();
    const file = write("compresse.csv.gz", ["02691;2511Z;CH Métallurgie;3;120;3;118", "59350;2511Z;CH Métallurgie;5;200;;"], true);
    const report = await urssaf.load(file, { db, territory: await theTerritory() });
    expect(report).toMatchObject({ rowsRead: 2, rowsLoaded: 1, rowsOutside: 1, rejections: [] });
    // Nord 2022: both cells empty = no establishment, 0 and 0.
    expect(await rows(db, "SELECT annee, etablissements, effectifs FROM urssaf_agregats WHERE niveau = 'departement' AND code_geo = '59' ORDER BY annee")).toEqual([
      { annee: 2021, etablissements: 5, effectifs: 200 },
      { annee: 2022, etablissements: 0, effectifs: 0 },
    ]);
  });

  it("a file DuckDB's reader refuses as a whole (line endings mixed in one file) is unusable, said in French, not a crash", async () => {
    const file = path.join(dir, "fins-de-ligne.csv");
    writeFileSync(file, `${HEADER}\r\n02691;2511Z;CH Métallurgie;3;120;3;118\n02738;4711D;GZ Commerce;2;5;2;5\r80620;1089Z;CA Alimentaire;1;3;1;3\r\n`);
    const error = await urssaf.load(file, { db: await freshDb(), territory: await theTerritory() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).problem).toMatchObject({ file, line: 1, column: "", message: expect.stringMatching(/^fichier CSV illisible par DuckDB : /) });
  });

  it("moves ranks of rows past the lines DuckDB did not return", () => {
    expect([...linesOfRanks([1, 2, 3], [3, 4])]).toEqual([[1, 2], [2, 5], [3, 6]]);
    expect([...linesOfRanks([2], [])]).toEqual([[2, 3]]);
  });
});
