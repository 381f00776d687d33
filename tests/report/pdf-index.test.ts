// The list of printed PDFs the report pages read: only rapport-<territoire>-<année>.pdf files present beside them.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PDF_INDEX, writePdfIndex } from "../../src/cli/report.ts";
import { PDF_INDEX as PAGE_PDF_INDEX } from "../../docs/components/rapports-links.js";

describe("liste des PDF imprimés (rapports/pdf.json)", () => {
  it("vide après la construction, puis les seuls PDF de rapport présents", () => {
    const site = mkdtempSync(path.join(os.tmpdir(), "ti-pdf-index-"));
    mkdirSync(path.join(site, "rapports"));
    expect(writePdfIndex(site)).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(site, "rapports", PDF_INDEX), "utf8"))).toEqual({ fichiers: [] });
    for (const f of ["rapport-ti-3208-2022.pdf", "rapport-ti-3208-2019.pdf", "notes.pdf", "2022.html"]) writeFileSync(path.join(site, "rapports", f), "x");
    expect(writePdfIndex(site)).toEqual(["rapport-ti-3208-2019.pdf", "rapport-ti-3208-2022.pdf"]);
    // The pages read the file the command writes.
    expect(PAGE_PDF_INDEX).toBe(PDF_INDEX);
  });
});
