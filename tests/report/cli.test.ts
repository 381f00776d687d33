import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { missingChromiumMessage, runReport } from "../../src/cli/report.ts";
import { generationDate } from "../../src/site/parts/reports.ts";
import { smallDataFolder } from "../support/small-data.ts";

const tmp = mkdtempSync(path.join(os.tmpdir(), "ti-report-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("ti report", () => {
  it("sans Chromium : message en français qui dit comment l'installer, code 1", async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((m: string) => void errors.push(m));
    try {
      expect(await runReport({ data: "data", year: "2021", all: false, rebuild: false, chromium: "/nulle/part/chromium" })).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(errors).toEqual([missingChromiumMessage("/nulle/part/chromium")]);
    expect(errors[0]).toMatch(/sudo apt-get install chromium/);
  });

  it("refuse une année sans rapport, en citant les années disponibles", async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((m: string) => void errors.push(m));
    try {
      // The demonstration territory and its URSSAF file: the years of data/, for an evaluation a fraction of its cost.
      expect(await runReport({ data: smallDataFolder(path.join(tmp, "donnees")), year: "2031", all: false, rebuild: false, chromium: process.execPath })).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(errors).toEqual(["Erreur : pas de rapport pour « 2031 » ; années disponibles : 2018 à 2025."]);
  }, 60_000);

  it("date de génération : aujourd'hui, ou SOURCE_DATE_EPOCH pour une construction reproductible", () => {
    expect(generationDate({ SOURCE_DATE_EPOCH: "1700000000" })).toBe("2023-11-14");
    expect(generationDate({}, new Date("2025-02-03T10:00:00Z"))).toBe("2025-02-03");
  });
});
