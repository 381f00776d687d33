// One folder per source: src/sources/<source>/ holds its description, its reader, where it is downloaded from and its
// demonstration generator, and its description is the one text of its source line, wherever the line is printed.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { downloads, loaders } from "../../src/sources/registry.ts";
import { DOWNLOADED_IDS } from "../../src/download/settings.ts";
import { SOURCE_IDS } from "../../src/sources/types.ts";
import { BMO, CARTOFRICHES, CEREMA, DARES, LYCEES_PRO, SIRENE, URSSAF } from "../../src/indicators/catalogue/sources.ts";
import { describeSource } from "../../src/site/data-status.ts";

const root = path.resolve(import.meta.dirname, "../../src/sources");
const folders = readdirSync(root).filter((name) => statSync(path.join(root, name)).isDirectory() && name !== "demo");

describe("src/sources/<source>/", () => {
  it("has one folder per source, each with its description and its reader, all listed by the registry", () => {
    expect(folders.map((f) => f.replace(/-/g, "_")).sort()).toEqual([...SOURCE_IDS].sort());
    for (const folder of folders) {
      expect(existsSync(path.join(root, folder, "source.ts")), folder).toBe(true);
      expect(existsSync(path.join(root, folder, "loader.ts")), folder).toBe(true);
    }
    expect(loaders.map((l) => l.description.id).sort()).toEqual([...SOURCE_IDS].sort());
  });

  it("says in its folder where each source is downloaded from (download.ts), listed by the registry that the refresh reads", () => {
    const withDownload = folders.filter((folder) => existsSync(path.join(root, folder, "download.ts"))).map((f) => f.replace(/-/g, "_"));
    expect(downloads.map((d) => d.source).sort()).toEqual(withDownload.sort());
    // Every source but the BMO bassins, a table derived from the BMO workbooks, never downloaded on its own.
    expect(SOURCE_IDS.filter((id) => !withDownload.includes(id))).toEqual(["bassins_bmo"]);
    expect(DOWNLOADED_IDS).toEqual([...downloads.map((d) => d.source), "contours"]);
  });

  it("gives the indicator sheets the same source line as the data page (producer, dataset, licence)", () => {
    const sheets = { urssaf: URSSAF, sirene: SIRENE, cerema: CEREMA, dares: DARES, bmo: BMO, lycees_pro: LYCEES_PRO, cartofriches: CARTOFRICHES };
    for (const [id, sheet] of Object.entries(sheets)) {
      const d = describeSource(id as keyof typeof sheets)!;
      expect({ producer: sheet.producer, dataset: sheet.dataset, licence: sheet.licence }, id).toEqual({ producer: d.producer, dataset: d.dataset, licence: d.licence });
    }
    expect(URSSAF.producer).toBe("Urssaf Caisse nationale");
  });
});
