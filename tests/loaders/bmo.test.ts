import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { bmo } from "../../src/sources/bmo/loader.ts";
import { LoadError } from "../../src/sources/types.ts";
import { expectCountsAddUp, freshDb, rows, theTerritory } from "./helpers.ts";

const REAL = "../shared/data/bmo/Base_open_data_BMO_2024.xlsx";
const HEADER_2023 = ["annee", "Code métier BMO", "Nom métier BMO", "Famille_met", "Lbl_fam_met", "REG", "NOM_REG", "Dept", "NomDept", "BE23", "NOMBE23", "met", "xmet", "smet"];
const dir = mkdtempSync(path.join(tmpdir(), "bmo-"));

/** Writes a workbook the way France Travail does: a description sheet first, then the data sheet. */
async function workbook(name: string, sheets: { name: string; rows: (string | number | null)[][] }[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) wb.addWorksheet(s.name).addRows(s.rows);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const row = (job: string, dep: string, bassin: string, name: string, met: string | number, xmet: string | number, smet: string | number) =>
  ["2023", job, `Métier ${job}`, "I", "Ouvriers des secteurs de l'industrie", "32", "Hauts-de-France", dep, dep === "02" ? "Aisne" : "Somme", bassin, name, met, xmet, smet];

describe("BMO loader", () => {
  let fixture: string;
  beforeAll(async () => {
    fixture = await workbook("Base_open_data_BMO_2023.xlsx", [
      { name: "Description des variables", rows: [[null, "Variables", "Description"], [null, "annee", 2023]] },
      {
        name: "BMO_2023_open_data",
        rows: [
          HEADER_2023,
          row("D2Z40", "02", "3204", "SAINT QUENTIN", "120", "80", "*"), // line 2
          row("D2Z40", "02", "3205", "CHAUNY", "*", "*", "*"), // line 3
          row("D2Z40", "80", "3203", "SANTERRE SOMME", 45, 30, 0), // line 4: numbers typed as numbers
          row("D2Z40", "80", "3202", "AMIENS", "210", "150", "12"), // line 5: a bassin outside the territory is kept
          row("D2Z40", "02", "3204", "SAINT QUENTIN", "120", "80", "*"), // line 6: duplicate of line 2
          row("A1Z40", "02", "3204", "SAINT QUENTIN", "-3", "0", "0"), // line 7: negative
          [], // line 8: empty row, not a record
          row("A1Z40", "02", "3205", "CHAUNY", "12", "", "4"), // line 9: empty xmet => NULL
        ],
      },
    ]);
  });

  it("loads every bassin with secrets as NULL, rejects duplicates and negatives with their line", async () => {
    const db = await freshDb();
    const report = await bmo.load(fixture, { db, territory: await theTerritory() });
    expect(report).toMatchObject({ source: "bmo", vintage: "2023", years: [2023, 2023], rowsRead: 7, rowsLoaded: 5, rowsOutside: 0 });
    expect(report.rejections).toEqual([
      { file: fixture, line: 6, column: "Code métier BMO", value: "D2Z40", reason: "ligne en double (identique à la ligne 2)" },
      { file: fixture, line: 7, column: "met", value: "-3", reason: "valeur négative" },
    ]);
    expectCountsAddUp(report);
    expect(await rows(db, "SELECT annee, code_bassin, nom_bassin, departement, code_metier, famille, met, xmet, smet FROM bmo ORDER BY code_bassin, code_metier")).toEqual([
      { annee: 2023, code_bassin: "3202", nom_bassin: "AMIENS", departement: "80", code_metier: "D2Z40", famille: "Ouvriers des secteurs de l'industrie", met: 210, xmet: 150, smet: 12 },
      { annee: 2023, code_bassin: "3203", nom_bassin: "SANTERRE SOMME", departement: "80", code_metier: "D2Z40", famille: "Ouvriers des secteurs de l'industrie", met: 45, xmet: 30, smet: 0 },
      { annee: 2023, code_bassin: "3204", nom_bassin: "SAINT QUENTIN", departement: "02", code_metier: "D2Z40", famille: "Ouvriers des secteurs de l'industrie", met: 120, xmet: 80, smet: null },
      { annee: 2023, code_bassin: "3205", nom_bassin: "CHAUNY", departement: "02", code_metier: "A1Z40", famille: "Ouvriers des secteurs de l'industrie", met: 12, xmet: null, smet: 4 },
      { annee: 2023, code_bassin: "3205", nom_bassin: "CHAUNY", departement: "02", code_metier: "D2Z40", famille: "Ouvriers des secteurs de l'industrie", met: null, xmet: null, smet: null },
    ]);
    expect(report.notes).toContain("feuille lue : « BMO_2023_open_data »");
    expect(report.notes).toContain("4 valeur(s) secrète(s) et 1 valeur(s) vide(s) chargée(s) comme inconnues (NULL, jamais 0)");
  });

  it("accepts a data sheet named otherwise when its header is a BMO header", async () => {
    const file = await workbook("autre-nom.xlsx", [{ name: "Feuil1", rows: [HEADER_2023.map((h) => h.replace("23", "22")), row("D2Z40", "02", "3204", "SAINT QUENTIN", "7", "*", "0")] }]);
    const db = await freshDb();
    const report = await bmo.load(file, { db, territory: await theTerritory() });
    expect(report).toMatchObject({ rowsLoaded: 1, rejections: [] });
    expect(bmo.recognise(HEADER_2023)).toEqual({ kind: "match", variant: "BE23" });
  });

  it("refuses a BMO sheet without the met column, naming it", async () => {
    const file = await workbook("sans-met.xlsx", [{ name: "BMO_2023_open_data", rows: [HEADER_2023.filter((h) => h !== "met"), ["2023"]] }]);
    const error = await bmo.load(file, { db: await freshDb(), territory: await theTerritory() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).message).toMatch(new RegExp(`^${file.replace(/[.]/g, "\\.")}:1:met: colonne obligatoire absente « met » \\(source reconnue : `));
  });

  describe.skipIf(!existsSync(REAL))("on the real 2024 file", () => {
    it("reads every row and the territory's bassins with the values computed independently", async () => {
      const db = await freshDb();
      const report = await bmo.load(REAL, { db, territory: await theTerritory() });
      // 53 443 data rows in sheet BMO_2024_open_data (rows 2..53444), counted with python zipfile + xml.etree.
      expect(report).toMatchObject({ vintage: "2024", years: [2024, 2024], rowsRead: 53443, rowsLoaded: 53443, rowsOutside: 0, rejections: [] });
      const bassins = await rows(
        db,
        "SELECT code_bassin, nom_bassin, sum(met) AS met, count(*) FILTER (WHERE xmet IS NULL) AS xmet_secret FROM bmo WHERE code_bassin IN ('3203','3204','3205') GROUP BY ALL ORDER BY 1",
      );
      // Totals checked by hand with python (zipfile + xml.etree on xl/worksheets/sheet2.xml and xl/sharedStrings.xml).
      expect(bassins).toEqual([
        { code_bassin: "3203", nom_bassin: "SANTERRE SOMME", met: 5257, xmet_secret: 47 },
        { code_bassin: "3204", nom_bassin: "SAINT QUENTIN", met: 3279, xmet_secret: 64 },
        { code_bassin: "3205", nom_bassin: "CHAUNY", met: 1124, xmet_secret: 53 },
      ]);
      expect(await rows(db, "SELECT count(*) AS n FROM bmo WHERE xmet IS NULL")).toEqual([{ n: 20507 }]);

      // Independent reading with exceljs's in-memory reader, by column name.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(REAL);
      const sheet = wb.getWorksheet("BMO_2024_open_data")!;
      const names = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
      const [be, met, xmet] = ["BE24", "met", "xmet"].map((n) => names.indexOf(n));
      let met3204 = 0;
      let xmetSecret = 0;
      sheet.eachRow((r, n) => {
        if (n === 1) return;
        if (String(r.getCell(be!).value) === "3204" && r.getCell(met!).value !== "*") met3204 += Number(r.getCell(met!).value);
        if (r.getCell(xmet!).value === "*") xmetSecret++;
      });
      expect(met3204).toBe(3279);
      expect(xmetSecret).toBe(20507);
    });
  });
});
