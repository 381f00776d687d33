import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import { frenchCsv } from "../../docs/components/export.js";
import { csvText } from "../../src/io/csv-write.ts";
import { escapeFormula, frenchNumber } from "../../src/format/spreadsheet.js";

const cells = ["=1+1", "+33 1", "-x", "@SUM(1)", "\tx", "-15", "+2,5", "a=b", "12"];

describe("one rule for what a spreadsheet makes of a cell", () => {
  it("prefixes text that would run as a formula, not text that is just a number", () => {
    expect(cells.map(escapeFormula)).toEqual(["'=1+1", "'+33 1", "'-x", "'@SUM(1)", "'\tx", "-15", "+2,5", "a=b", "12"]);
  });

  it("is applied alike by the published CSV files and by the site's French Excel downloads", () => {
    const published = Papa.parse<string[]>(csvText(["v"], cells.map((c) => [c])).trim(), { delimiter: "," }).data.slice(1).map((r) => r[0]);
    const download = Papa.parse<string[]>(frenchCsv({ columns: ["v"], rows: cells.map((c) => [c]) }).replace("\uFEFF", "").trim(), { delimiter: ";" }).data.slice(1).map((r) => r[0]);
    expect(download).toEqual(published);
    expect(download).toEqual(cells.map(escapeFormula));
  });

  it("writes numbers with a decimal comma, rounded to 6 decimals, without grouping", () => {
    expect(frenchNumber(1234567.1234567)).toBe("1234567,123457");
    expect(frenchNumber(-0.5)).toBe("-0,5");
  });
});
