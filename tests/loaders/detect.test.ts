import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { detectSource } from "../../src/sources/detect.ts";
import { loaders, loaderFor } from "../../src/sources/registry.ts";
import { LoadError } from "../../src/sources/types.ts";
import { fixture } from "./helpers.ts";

async function failure(file: string): Promise<LoadError> {
  const error = await detectSource(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LoadError);
  return error as LoadError;
}

describe("registry", () => {
  it("lists one loader per source, each with a complete French description", () => {
    expect(loaders.map((l) => l.description.id)).toEqual(["urssaf", "sirene", "cerema", "dares", "lycees_pro", "bmo", "bassins_bmo", "cartofriches"]);
    for (const l of loaders) {
      const d = l.description;
      for (const field of [d.label, d.producer, d.dataset, d.licence, d.periodicity, d.url]) expect(field.length).toBeGreaterThan(3);
      expect(d.limits.length).toBeGreaterThan(1);
      expect(d.licence).toBe(d.id === "urssaf" ? "ODbL (Open Database License)" : "Licence Ouverte / Open Licence Etalab 2.0");
    }
    expect(loaderFor("bmo").format).toBe("xlsx");
  });
});

describe("detectSource", () => {
  it.each([
    ["urssaf/nominal.csv", "urssaf", "noms-de-champs"],
    ["urssaf/libelles-cellules-vides.csv", "urssaf", "libelles"],
    ["sirene/sirene-etablissements-02.csv", "sirene", "geolocalise"],
    ["sirene/stock-etablissement.csv", "sirene", "stock"],
    ["cerema/conso_com_2021_2022.csv", "cerema", "2021-2022"],
    ["cerema/obs_artif_conso_com_2022_2023.csv", "cerema", "2022-2023"],
    ["dares/dares-defm-communes.csv", "dares", "communes-brutes"],
    ["lycees-pro/fr-en-lycee_pro-effectifs-niveau-sexe-mef.csv", "lycees_pro", "nom_commune"],
    ["defauts/windows-1252.csv", "lycees_pro", "nom_commune"],
    ["bassins-bmo/bassins.csv", "bassins_bmo", "avec-libelle"],
    ["cartofriches/friches-standard.csv", "cartofriches", "standard-cnig"],
  ])("recognises %s by its header as %s (%s)", async (name, id, variant) => {
    const detection = await detectSource(fixture(name));
    expect(detection.loader.description.id).toBe(id);
    expect(detection.variant).toBe(variant);
  });

  it("recognises a BMO workbook by its zip signature and a sheet's header, whatever the file name", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "detect-")), "export.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notes").addRow(["Lisez-moi"]);
    wb.addWorksheet("BMO_2021_open_data").addRow(["annee", "Code métier BMO", "Nom métier BMO", "Dept", "BE21", "NOMBE21", "met", "xmet", "smet"]);
    await wb.xlsx.writeFile(file);
    const detection = await detectSource(file);
    expect([detection.loader.description.id, detection.variant]).toEqual(["bmo", "BE21"]);
  });

  it("names the file and the missing column when the file looks like a known source", async () => {
    const file = fixture("urssaf/sans-code-commune.csv");
    const error = await failure(file);
    expect(error.problem).toMatchObject({ file, line: 1, column: "code_commune" });
    expect(error.message).toBe(
      `${file}:1:code_commune: colonne obligatoire absente « code_commune » (source reconnue : Établissements et effectifs salariés du secteur privé par commune et APE, Urssaf Caisse nationale) ; colonnes trouvées : region, departement, intitule_commune, secteur_na88, ape, code_ape, nombre_d_etablissements_2023, effectifs_salaries_2023`,
    );
  });

  it("lists expected and found columns for an unknown variant (URSSAF without year columns)", async () => {
    const error = await failure(fixture("urssaf/sans-annees.csv"));
    expect(error.problem.column).toBe("effectifs_salaries_AAAA");
    expect(error.message).toContain("colonne obligatoire absente « effectifs_salaries_AAAA »");
    expect(error.message).toContain("colonnes trouvées : region, ancienne_region");
  });

  it("lists the sources tried for an unknown file", async () => {
    const file = fixture("inconnu/liste.csv");
    const error = await failure(file);
    expect(error.message).toBe(
      `${file}:1:: source non reconnue : l'en-tête ne correspond à aucune source connue. Sources essayées (csv) : ` +
        loaders
          .filter((l) => l.format === "csv")
          .map((l) => `${l.description.id} (${l.description.label})`)
          .join(" ; ") +
        ". Colonnes trouvées : nom, prenom, ville",
    );
    expect(error.message).toContain("urssaf (Établissements et effectifs salariés");
    expect(error.message).toContain("bassins_bmo (Composition communale des bassins d'emploi BMO)");
  });
});
