// The URSSAF loader reads with DuckDB: a typed read first, the exact rules when a cell or a line needs them. These
// tests hold the cases where the two reads differ, and the line numbers DuckDB does not give (blank lines, lines it
// rejects before the row to tell).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { urssaf } from "../../src/sources/urssaf/loader.ts";
import { linesOfRanks } from "../../src/sources/urssaf/csv-scan.ts";
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

  // Files read_csv does not read line for line go through the project's CSV reader (the stream loader's), then the
  // same SQL rules: every line loaded, outside or rejected, with the line the reader counts.
  it("line endings mixed in one file (CRLF, LF, a lone CR): every row read, a bad cell told by its line", async () => {
    const file = path.join(dir, "fins-de-ligne.csv");
    writeFileSync(
      file,
      `${HEADER}\r\n02691;2511Z;CH Métallurgie;3;120;3;118\n02738;4711D;GZ Commerce;2;5;2;5\r80620;1089Z;CA Alimentaire;1;abc;1;3\r\n59350;2511Z;CH Métallurgie;5;200;;\n`,
    );
    const db = await freshDb();
    const report = await urssaf.load(file, { db, territory: await theTerritory() });
    expectCountsAddUp(report);
    expect(report).toMatchObject({ rowsRead: 4, rowsLoaded: 2, rowsOutside: 1 });
    expect(report.rejections).toEqual([{ file, line: 4, column: "effectifs_salaries_2021", value: "abc", reason: "valeur non numérique" }]);
    expect(await rows(db, "SELECT code_commune, annee, etablissements, effectifs FROM urssaf ORDER BY code_commune, annee")).toEqual([
      { code_commune: "02691", annee: 2021, etablissements: 3, effectifs: 120 },
      { code_commune: "02691", annee: 2022, etablissements: 3, effectifs: 118 },
      { code_commune: "02738", annee: 2021, etablissements: 2, effectifs: 5 },
      { code_commune: "02738", annee: 2022, etablissements: 2, effectifs: 5 },
    ]);
  });

  it("a quote never closed costs its line only: the lines after it are loaded or rejected as before", async () => {
    const db = await freshDb();
    const file = write("guillemet.csv", [
      "02691;2511Z;CH Métallurgie;3;120;3;118",
      '02738;4711D;"GZ Commerce;2;5;2;5',
      "80620;1089Z;CA Alimentaire;1;3;1;3",
      "02738;4711D;GZ Commerce;2;-1;2;5",
      "59350;2511Z;CH Métallurgie;5;200;;",
    ]);
    const report = await urssaf.load(file, { db, territory: await theTerritory() });
    expectCountsAddUp(report);
    expect(report).toMatchObject({ rowsRead: 5, rowsLoaded: 2, rowsOutside: 1 });
    expect(report.rejections).toEqual([
      {
        file,
        line: 3,
        column: "",
        value: '02738;4711D;"GZ Commerce;2;5;2;5',
        reason: "guillemet ouvert jamais refermé sur cette ligne : ligne écartée, la lecture reprend à la ligne suivante (guillemet à doubler ou à retirer)",
      },
      { file, line: 5, column: "effectifs_salaries_2021", value: "-1", reason: "valeur négative" },
    ]);
    expect(await rows(db, "SELECT DISTINCT code_commune FROM urssaf ORDER BY 1")).toEqual([{ code_commune: "02691" }, { code_commune: "80620" }]);
    // Nord: the row after the broken line still counts outside the territory.
    expect(await rows(db, "SELECT annee, etablissements, effectifs FROM urssaf_agregats WHERE niveau = 'departement' AND code_geo = '59' ORDER BY annee")).toEqual([
      { annee: 2021, etablissements: 5, effectifs: 200 },
      { annee: 2022, etablissements: 0, effectifs: 0 },
    ]);
  });

  it("a quoted cell over two lines is one row, and the rows after it keep their own line numbers", async () => {
    const db = await freshDb();
    const file = write("multiligne.csv", ['02691;2511Z;"CH Métallurgie\nsur deux lignes";3;120;3;118', "02738;4711D;GZ Commerce;2;x;2;5", "80620;1089Z;CA Alimentaire;1;3;1;3"]);
    const report = await urssaf.load(file, { db, territory: await theTerritory() });
    expectCountsAddUp(report);
    expect(report).toMatchObject({ rowsRead: 3, rowsLoaded: 2, rowsOutside: 0 });
    expect(report.rejections).toEqual([{ file, line: 4, column: "effectifs_salaries_2021", value: "x", reason: "valeur non numérique" }]);
    expect(await rows(db, "SELECT code_commune, annee, effectifs FROM urssaf WHERE annee = 2021 ORDER BY code_commune")).toEqual([
      { code_commune: "02691", effectifs: 120, annee: 2021 },
      { code_commune: "80620", effectifs: 3, annee: 2021 },
    ]);
  });

  it("a Windows-1252 file: accented and 0x80-0x9F characters (’, €) read right, in the loaded rows and the rejected values", async () => {
    const db = await freshDb();
    const file = path.join(dir, "windows-1252.csv");
    const text = [HEADER, "02691;2511Z;CH Métallurgie;3;120;3;118", "02738;4711D;GZ Commerce;2;n’a;2;5", "80620;1089Z;CA Alimentaire;1;3;1;€", "59350;2511Z;CH Métallurgie;5;200;;"];
    writeFileSync(file, iconv.encode(text.join("\r\n") + "\r\n", "win1252"));
    const report = await urssaf.load(file, { db, territory: await theTerritory() });
    expectCountsAddUp(report);
    expect(report).toMatchObject({ rowsRead: 4, rowsLoaded: 1, rowsOutside: 1 });
    expect(report.rejections).toEqual([
      { file, line: 3, column: "effectifs_salaries_2021", value: "n’a", reason: "valeur non numérique" },
      { file, line: 4, column: "effectifs_salaries_2022", value: "€", reason: "valeur non numérique" },
    ]);
    // The sector is read from « CH Métallurgie » (the two letters before the accented label).
    expect(await rows(db, "SELECT annee, etablissements, effectifs FROM urssaf_agregats WHERE niveau = 'departement' AND code_geo = '59' AND secteur_na38 = 'CH' ORDER BY annee")).toEqual([
      { annee: 2021, etablissements: 5, effectifs: 200 },
      { annee: 2022, etablissements: 0, effectifs: 0 },
    ]);
  });

  it("`+12`, `1e2` and `1_000` are not counts (« valeur non numérique »), as the stream loader said; NA and secret cells are unknown and noted", async () => {
    const db = await freshDb();
    const file = write("nombres.csv", [
      "02691;2511Z;CH Métallurgie;3;+12;3;118",
      "02738;4711D;GZ Commerce;2;5;1e2;5",
      "80620;1089Z;CA Alimentaire;1;3;1;1_000",
      "59350;2511Z;CH Métallurgie;5;200;;",
      "80620;2511Z;CH Métallurgie;1;NA;2;s",
    ]);
    const report = await urssaf.load(file, { db, territory: await theTerritory() });
    expectCountsAddUp(report);
    expect(report).toMatchObject({ rowsRead: 5, rowsLoaded: 1, rowsOutside: 1 });
    expect(report.rejections).toEqual([
      { file, line: 2, column: "effectifs_salaries_2021", value: "+12", reason: "valeur non numérique" },
      { file, line: 3, column: "nombre_d_etablissements_2022", value: "1e2", reason: "valeur non numérique" },
      { file, line: 4, column: "effectifs_salaries_2022", value: "1_000", reason: "valeur non numérique" },
    ]);
    expect(await rows(db, "SELECT code_commune, code_ape, annee, etablissements, effectifs FROM urssaf ORDER BY annee")).toEqual([
      { code_commune: "80620", code_ape: "25.11Z", annee: 2021, etablissements: 1, effectifs: null },
      { code_commune: "80620", code_ape: "25.11Z", annee: 2022, etablissements: 2, effectifs: null },
    ]);
    expect(report.notes).toEqual(["1 valeur(s) secrète(s), 1 valeur(s) non renseignée(s) (NA) et 0 valeur(s) vide(s) chargée(s) comme inconnues (NULL, jamais 0)"]);
  });

  it("what DuckDB's integer reading would take (`0x10`, `1.5` as 2, a quoted count) or could not hold (9 digits and more) goes through the exact rules", async () => {
    const db = await freshDb();
    const file = write("lax.csv", [
      "02691;2511Z;CH Métallurgie;3;0x10;3;118",
      "02738;4711D;GZ Commerce;2;1.5;2;5",
      '80620;1089Z;CA Alimentaire;1;"7";1;000000012',
      "02691;4711D;GZ Commerce;1;123456789;1;99999999999",
    ]);
    const report = await urssaf.load(file, { db, territory: await theTerritory() });
    expectCountsAddUp(report);
    const implausible = "nombre invraisemblable : plus de 100 000 000 sur une seule ligne (plus que la population de la France)";
    expect(report.rejections).toEqual([
      { file, line: 2, column: "effectifs_salaries_2021", value: "0x10", reason: "valeur non numérique" },
      { file, line: 3, column: "effectifs_salaries_2021", value: "1.5", reason: "nombre entier attendu" },
      { file, line: 5, column: "effectifs_salaries_2021", value: "123456789", reason: implausible },
    ]);
    expect(await rows(db, "SELECT code_commune, annee, effectifs FROM urssaf ORDER BY annee")).toEqual([
      { code_commune: "80620", annee: 2021, effectifs: 7 },
      { code_commune: "80620", annee: 2022, effectifs: 12 },
    ]);
  });

  it("count columns that are not the file's last ones: read by the exact rules, the same rows and aggregates", async () => {
    const reordered = (text: string) => text.split("\n").map((l) => l.split(";")).map((c) => (c.length === 7 ? [...c.slice(3), ...c.slice(0, 3)].join(";") : c.join(";"))).join("\n");
    const lines = ["02691;2511Z;CH Métallurgie;3;120;;", "59350;2511Z;CH Métallurgie;5;200;4;", "80620;1089Z;CA Alimentaire;1;-4;1;5"];
    const results = [];
    for (const [name, transform] of [["dernieres.csv", (t: string) => t], ["premieres.csv", reordered]] as const) {
      const db = await freshDb();
      const file = path.join(dir, name);
      writeFileSync(file, transform([HEADER, ...lines].join("\n") + "\n"));
      const report = await urssaf.load(file, { db, territory: await theTerritory() });
      expectCountsAddUp(report);
      results.push({
        rejections: report.rejections.map((r) => [r.line, r.column, r.reason]),
        loaded: await rows(db, "SELECT code_commune, annee, etablissements, effectifs FROM urssaf ORDER BY code_commune, annee"),
        nord: await rows(db, "SELECT annee, etablissements, effectifs, inconnus_effectifs FROM urssaf_agregats WHERE niveau = 'departement' AND code_geo = '59' ORDER BY annee"),
      });
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[0]!.rejections).toEqual([[4, "effectifs_salaries_2021", "valeur négative"]]);
    expect(results[0]!.nord).toEqual([
      { annee: 2021, etablissements: 5, effectifs: 200, inconnus_effectifs: 0 },
      { annee: 2022, etablissements: 4, effectifs: null, inconnus_effectifs: 1 },
    ]);
  });

  it("a byte that is not UTF-8 late in a count, with label columns around the ones read: the encoding pass comes first, DuckDB never sees it", async () => {
    // Counts not the last columns (the exact read, every cell text) and the last count past the number of columns
    // read: DuckDB 1.5 would lose its whole database on that byte. 3 000 rows of Lille first (outside the territory).
    const header = "intitule_commune;code_commune;code_ape;secteur_na38;nombre_d_etablissements_2021;effectifs_salaries_2021;nombre_d_etablissements_2022;effectifs_salaries_2022;libelle_ape";
    const filler = Array.from({ length: 3000 }, (_, i) => `Lille;59350;${String(1000 + i).slice(0, 4)}Z;CH Metallurgie;1;${i};1;${i};Libelle`); // ASCII: the file starts as UTF-8
    const last = "Saint-Quentin;02691;2511Z;CH Metallurgie;3;120;3;12\u00a0345;Fabrication";
    const file = path.join(dir, "tardif.csv");
    writeFileSync(file, Buffer.from(`${[header, ...filler, last].join("\n")}\n`, "latin1"));
    const db = await freshDb();
    const report = await urssaf.load(file, { db, territory: await theTerritory() });
    expectCountsAddUp(report);
    expect(report).toMatchObject({ rowsRead: 3001, rowsLoaded: 1, rowsOutside: 3000, rejections: [] });
    expect(await rows(db, "SELECT annee, etablissements, effectifs FROM urssaf ORDER BY annee")).toEqual([
      { annee: 2021, etablissements: 3, effectifs: 120 },
      { annee: 2022, etablissements: 3, effectifs: 12345 },
    ]);
  });

  it("a UTF-8 file with one damaged byte late in a count: typed read, then not the exact read by DuckDB but the project's reader, which rejects that line", async () => {
    // Counts are the last columns (the typed read, beside the encoding pass); the damaged count sends the file to the
    // exact rules, whose text read of the counts DuckDB 1.5 would not survive (the last count is past the number of
    // columns read, a label column being left out).
    const header = "intitule_commune;code_commune;code_ape;secteur_na38;nombre_d_etablissements_2021;effectifs_salaries_2021";
    const filler = Array.from({ length: 3000 }, (_, i) => `Lille-Hellemmes;59350;2511Z;CH Métallurgie;1;${i}`);
    const file = path.join(dir, "abime.csv");
    writeFileSync(file, Buffer.concat([
      Buffer.from(`${[header, "Saint-Quentin;02691;2511Z;CH Métallurgie;3;120", ...filler].join("\n")}\n`, "utf8"),
      Buffer.from("Péronne;80620;2511Z;CH Metallurgie;1;4\xa0\n", "latin1"),
    ]));
    const db = await freshDb();
    const report = await urssaf.load(file, { db, territory: await theTerritory() });
    expectCountsAddUp(report);
    expect(report).toMatchObject({ rowsRead: 3002, rowsLoaded: 1, rowsOutside: 3000 });
    expect(report.rejections).toEqual([expect.objectContaining({ line: 3003, reason: expect.stringContaining("pas de l'UTF-8") })]);
    expect(await rows(db, "SELECT code_commune, annee, effectifs FROM urssaf")).toEqual([{ code_commune: "02691", annee: 2021, effectifs: 120 }]);
  });

  it("a file read typed (every cell digits or empty, nothing rejected): the notes count the empty-cell cases of the territory's rows only", async () => {
    const db = await freshDb();
    const file = write("typed-notes.csv", [
      "02691;2511Z;CH Métallurgie;3;120;;", // 2022: both empty -> 0 and 0
      "02738;4711D;GZ Commerce;2;;0;", // 2021: jobs unknown; 2022: 0 establishments -> 0 jobs, not unknown
      "80620;1089Z;CA Alimentaire;;5;1;3", // 2021: establishments unknown
      "59350;2511Z;CH Métallurgie;;;4;", // outside the territory: not in the notes
    ]);
    const report = await urssaf.load(file, { db, territory: await theTerritory() });
    expectCountsAddUp(report);
    expect(report).toMatchObject({ rowsRead: 4, rowsLoaded: 3, rowsOutside: 1, rejections: [] });
    expect(report.notes).toEqual([
      "1 année(s) commune x APE sans établissement (deux cellules vides) chargée(s) comme 0 établissement et 0 salarié",
      "1 effectif(s) salarié(s) inconnu(s) (nombre d'établissements publié, effectif vide) chargé(s) comme inconnus (NULL, jamais 0)",
      "1 nombre(s) d'établissements inconnu(s) (effectif publié, nombre d'établissements vide) chargé(s) comme inconnus (NULL, jamais 0)",
    ]);
    expect(await rows(db, "SELECT code_commune, annee, etablissements, effectifs FROM urssaf ORDER BY code_commune, annee")).toEqual([
      { code_commune: "02691", annee: 2021, etablissements: 3, effectifs: 120 },
      { code_commune: "02691", annee: 2022, etablissements: 0, effectifs: 0 },
      { code_commune: "02738", annee: 2021, etablissements: 2, effectifs: null },
      { code_commune: "02738", annee: 2022, etablissements: 0, effectifs: 0 },
      { code_commune: "80620", annee: 2021, etablissements: null, effectifs: 5 },
      { code_commune: "80620", annee: 2022, etablissements: 1, effectifs: 3 },
    ]);
  });

  it("refuses a cut gzip file as unusable, with the byte reader's French reason, rather than counting the lines it holds", async () => {
    const whole = gzipSync([HEADER, ...Array.from({ length: 2000 }, (_, i) => `02691;2511Z;CH Métallurgie;${i};120;3;118`)].join("\n") + "\n");
    const file = path.join(dir, "coupe.csv.gz");
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(urssaf.load(file, { db: await freshDb(), territory: await theTerritory() })).rejects.toThrow(/fichier gzip tronqué ou illisible/);
  });

  it("moves ranks of rows past the lines DuckDB did not return", () => {
    expect([...linesOfRanks([1, 2, 3], [3, 4])]).toEqual([[1, 2], [2, 5], [3, 6]]);
    expect([...linesOfRanks([2], [])]).toEqual([[2, 3]]);
  });
});
