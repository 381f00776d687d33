// @vitest-environment jsdom
// Take-away tables (docs/components/export.js), the commune search (commune.js) and the map's classes (carte.js).
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { escapeFormula, fileName, frenchCsv, tableModel, textValue } from "../../docs/components/export.js";
import { findCommunes, normalizeName } from "../../docs/components/commune.js";
import { isAdditive, mapScheme, thresholdClasses } from "../../docs/components/carte.js";

describe("frenchCsv", () => {
  const model = {
    columns: ["Commune", "Valeur", "Note"],
    rows: [
      ["Saint-Quentin", 12345.5, "=HYPERLINK(\"x\")"],
      ["La Fère", null, "secret"],
      ["Chauny; centre", -3, "+33 1 23"],
    ],
  };
  it("writes what French Excel reads: BOM, ';', decimal comma, CRLF, formulas escaped, quotes doubled", () => {
    const csv = frenchCsv(model);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      "Commune;Valeur;Note",
      `Saint-Quentin;12345,5;"'=HYPERLINK(""x"")"`,
      "La Fère;;secret",
      `"Chauny; centre";-3;'+33 1 23`,
      "",
    ]);
    // Read back as Excel would (';', UTF-8 with BOM): accents and columns intact.
    const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ";" }).data.filter((r) => r.length > 1);
    expect(parsed.map((r) => r.length)).toEqual([3, 3, 3, 3]);
    expect(parsed[2]![0]).toBe("La Fère");
  });
  it("escapes every formula trigger and nothing else (a text that is just a signed number runs nothing: the rule of every CSV of the product)", () => {
    expect(["=1+1", "+1+1", "-x", "@a", "\tx", "a=b", "12", "+1", "-15"].map(escapeFormula)).toEqual(["'=1+1", "'+1+1", "'-x", "'@a", "'\tx", "a=b", "12", "+1", "-15"]);
  });
  it("names files after the title without accents", () => {
    expect(fileName("Emploi salarié industriel, 2023 (salariés)")).toBe("emploi-salarie-industriel-2023-salaries");
  });
});

describe("tableModel", () => {
  it("reads raw values from data-value, French numbers from text, statuses as words", () => {
    document.body.innerHTML = `<table><thead><tr><th>Année</th><th>Valeur</th><th>Texte</th></tr></thead>
      <tbody><tr><th>2021</th><td data-value="1234.5" data-statut="ok">1 234,5</td><td>12\u202f345</td></tr>
      <tr><th>2022</th><td data-value="" data-statut="secret">secret</td><td>n.d.</td></tr></tbody>
      <tfoot><tr><th>Territoire</th><td data-value="7">7</td><td>12,5 %</td></tr></tfoot></table>`;
    expect(tableModel(document.querySelector("table")!)).toEqual({
      columns: ["Année", "Valeur", "Texte"],
      rows: [
        [2021, 1234.5, 12345],
        [2022, "secret", "n.d."],
        ["Territoire", 7, "12,5 %"],
      ],
    });
    expect(textValue("02691")).toBe("02691");
    expect(textValue("-3,5")).toBe(-3.5);
    expect(textValue("Saint-Quentin")).toBe("Saint-Quentin");
  });
});

describe("xlsx (exceljs, as the browser builds it)", () => {
  it("a workbook written by exceljs keeps accents and numbers", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("Données");
    sheet.addRow(["Commune", "Valeur"]);
    sheet.addRow(["La Fère", 12.5]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await wb.xlsx.writeBuffer());
    expect(back.worksheets[0]!.getRow(2).values).toEqual([undefined, "La Fère", 12.5]);
  });
});

describe("findCommunes", () => {
  const communes = [
    { code: "02691", nom: "Saint-Quentin", population: 52000 },
    { code: "02722", nom: "Tergnier", population: 13000 },
    { code: "02305", nom: "La Fère", population: 2900 },
    { code: "02692", nom: "Saint-Quentin-Sainte-Marie", population: 100 },
  ];
  it("finds by INSEE code, by exact name without accents, then by words of the name, largest first", () => {
    expect(findCommunes(communes, "02722").map((c) => c.nom)).toEqual(["Tergnier"]);
    expect(findCommunes(communes, "la fere").map((c) => c.code)).toEqual(["02305"]);
    expect(findCommunes(communes, "st quentin").map((c) => c.code)).toEqual(["02691"]);
    expect(findCommunes(communes, "quentin").map((c) => c.code)).toEqual(["02691", "02692"]);
    expect(findCommunes(communes, "zzz")).toEqual([]);
    expect(normalizeName("Sainte-Marie d’Ailly")).toBe("sainte marie d ailly");
  });
});

describe("map classes", () => {
  it("ZAN trajectory: classes at 30 % and 100 %, counted", () => {
    const { classes, classOf } = thresholdClasses([10, 29.9, 30, 75, 100, 140, null], [30, 100]);
    expect(classes.map((c) => c.count)).toEqual([2, 2, 2]);
    expect([10, 30, 99.9, 100].map(classOf)).toEqual([0, 1, 1, 2]);
    expect(classOf(null)).toBeNull();
  });
  it("a count is drawn as circles, a ratio with thresholds in those classes, another ratio by quantiles", () => {
    const data = [{ valeur: 0, statut: "ok" }, { valeur: 3, statut: "ok" }, { valeur: null, statut: "secret" }];
    expect(isAdditive({ aggregation: { kind: "somme" } })).toBe(true);
    expect(mapScheme({ id: "friches_recensees", aggregation: { kind: "somme" } }, data)).toMatchObject({ kind: "cercles", max: 3 });
    expect(mapScheme({ id: "trajectoire_zan_pct", aggregation: { kind: "ratio" } }, data).kind).toBe("seuils");
    expect(mapScheme({ id: "part_emploi_industriel", aggregation: { kind: "ratio" } }, data).kind).toBe("quantiles");
  });
});
