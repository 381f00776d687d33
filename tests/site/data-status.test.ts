// What the site says about each data file: demonstration, official, and for a file fetched by
// `npm run data:refresh`, where and when it came from.
import { expect, it } from "vitest";
import type { DataFolder, LoadedFile } from "../../src/pipeline/load-data-folder.ts";
import type { Manifest } from "../../src/io/manifest.ts";
import { dataStatus } from "../../src/site/data-status.ts";

const report = (file: string, source: "dares" | "bmo" | "urssaf") => ({
  file,
  source,
  vintage: "2023",
  years: [2023, 2023] as [number, number],
  rowsRead: 3,
  rowsLoaded: 3,
  rowsOutside: 0,
  rejections: [],
  notes: [],
});

function folder(manifest: Manifest, files: LoadedFile[]): DataFolder {
  const territory = { communes: [], epcis: [] };
  return { manifest, files, territory, coverage: [], demonstration: files.some((f) => f.demonstration) } as unknown as DataFolder;
}

it("gives the download URL, date, checksum and archive member of refreshed files, nothing for the others", () => {
  const manifest: Manifest = {
    demonstration: true,
    fichiers: [
      { chemin: "sources/dares.csv", source: "dares", millesime: null, lignes: 3, demonstration: false, url: "https://producteur.test/dares.csv", date: "2026-11-24T21:30:00.000Z", sha256: "ab".repeat(32), taille: 10, telecharge_par: "npm run data:refresh" },
      { chemin: "sources/Base_open_data_BMO_2022.xlsx", source: "bmo", millesime: "2022", lignes: 0, demonstration: false, url: "https://producteur.test/bmo.zip", date: "2026-11-23T08:00:00.000Z", sha256: "cd".repeat(32), membre_archive: "BMO_2022/Base_open_data_BMO_2022.xlsx" },
      { chemin: "sources/urssaf.csv", source: "urssaf", millesime: null, lignes: 3, demonstration: true },
    ],
  };
  const files: LoadedFile[] = [
    { relativePath: "sources/dares.csv", origin: "donnees", demonstration: false, report: report("sources/dares.csv", "dares"), problem: null },
    { relativePath: "sources/Base_open_data_BMO_2022.xlsx", origin: "donnees", demonstration: false, report: report("sources/Base_open_data_BMO_2022.xlsx", "bmo"), problem: null },
    { relativePath: "sources/urssaf.csv", origin: "donnees", demonstration: true, report: report("sources/urssaf.csv", "urssaf"), problem: null },
    { relativePath: "sources/a-la-main.csv", origin: "donnees", demonstration: false, report: report("sources/a-la-main.csv", "dares"), problem: null },
  ];

  const status = dataStatus(folder(manifest, files));

  expect(status.sources.map((s) => [s.chemin, s.telechargement])).toEqual([
    ["sources/dares.csv", { url: "https://producteur.test/dares.csv", date: "2026-11-24T21:30:00.000Z", sha256: "ab".repeat(32), membre_archive: null }],
    ["sources/Base_open_data_BMO_2022.xlsx", { url: "https://producteur.test/bmo.zip", date: "2026-11-23T08:00:00.000Z", sha256: "cd".repeat(32), membre_archive: "BMO_2022/Base_open_data_BMO_2022.xlsx" }],
    ["sources/urssaf.csv", null],
    ["sources/a-la-main.csv", null],
  ]);
  expect(status.demonstration).toBe(true);
  expect(status.titre_avertissement).toBe("Données en partie de démonstration.");
  // Official and fictitious files side by side: the notice names the fictitious sources only.
  expect(status.avertissement).toBe(
    "Les chiffres de ces sources sont fictifs, générés pour montrer l'outil, et ne doivent pas être cités : Établissements et effectifs salariés du secteur privé par commune et APE. Les autres sources sont officielles.",
  );
});

it("keeps the generator's notice when every file is demonstration data", () => {
  const manifest: Manifest = { demonstration: true, avertissement: "Données fictives.", fichiers: [{ chemin: "sources/urssaf.csv", source: "urssaf", millesime: null, lignes: 3, demonstration: true }] };
  const files: LoadedFile[] = [{ relativePath: "sources/urssaf.csv", origin: "donnees", demonstration: true, report: report("sources/urssaf.csv", "urssaf"), problem: null }];
  expect(dataStatus(folder(manifest, files))).toMatchObject({ titre_avertissement: "Données de démonstration.", avertissement: "Données fictives." });
});
