import { describe, expect, it } from "vitest";
import { urssaf } from "../../loaders/urssaf.ts";
import { LoadError } from "../../src/sources/types.ts";
import { expectCountsAddUp, fixture, freshDb, rows, theTerritory } from "./helpers.ts";

describe("URSSAF loader", () => {
  it("loads the territory's rows long by year, with the dotted APE code, NULL for unpublished values", async () => {
    const db = await freshDb();
    const file = fixture("urssaf/nominal.csv");
    const report = await urssaf.load(file, { db, territory: await theTerritory() });

    expect(report).toMatchObject({ source: "urssaf", vintage: "2021-2023", years: [2021, 2023], rowsRead: 4, rowsLoaded: 3, rowsOutside: 1, rejections: [] });
    expectCountsAddUp(report);
    expect(await rows(db, "SELECT code_commune, code_ape, annee, etablissements, effectifs FROM urssaf ORDER BY code_commune, code_ape, annee")).toEqual([
      { code_commune: "02691", code_ape: "25.11Z", annee: 2021, etablissements: 3, effectifs: 120 },
      { code_commune: "02691", code_ape: "25.11Z", annee: 2022, etablissements: 3, effectifs: 118 },
      { code_commune: "02691", code_ape: "25.11Z", annee: 2023, etablissements: 4, effectifs: 131 },
      { code_commune: "02691", code_ape: "47.11D", annee: 2021, etablissements: 2, effectifs: 85 },
      { code_commune: "02691", code_ape: "47.11D", annee: 2022, etablissements: 2, effectifs: 90 },
      { code_commune: "02691", code_ape: "47.11D", annee: 2023, etablissements: 2, effectifs: null },
      { code_commune: "80620", code_ape: "10.89Z", annee: 2021, etablissements: 1, effectifs: null },
      { code_commune: "80620", code_ape: "10.89Z", annee: 2022, etablissements: 1, effectifs: null },
      { code_commune: "80620", code_ape: "10.89Z", annee: 2023, etablissements: 1, effectifs: null },
    ]);
    expect(await rows(db, `SELECT DISTINCT fichier FROM urssaf`)).toEqual([{ fichier: file }]);
    expect(report.notes).toContain("3 valeur(s) secrète(s) et 1 valeur(s) vide(s) chargée(s) comme inconnues (NULL, jamais 0)");
  });

  it("recognises its header and names the year range as variant", () => {
    const header = ["code_commune", "code_ape", "nombre_d_etablissements_2006", "effectifs_salaries_2006", "effectifs_salaries_2023"];
    expect(urssaf.recognise(header)).toEqual({ kind: "match", variant: "2006-2023" });
    expect(urssaf.recognise(["code_commune", "libelle_commune", "date", "nombre_de_demandeurs_d_emploi"])).toEqual({ kind: "no" });
  });

  it("refuses a vintage without year columns, listing expected and found columns", async () => {
    const file = fixture("urssaf/sans-annees.csv");
    const error = await urssaf.load(file, { db: await freshDb(), territory: await theTerritory() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).message).toBe(
      `${file}:1:effectifs_salaries_AAAA: colonne obligatoire absente « effectifs_salaries_AAAA » (source reconnue : Établissements et effectifs salariés du secteur privé par commune et APE, Urssaf Caisse nationale) ; colonnes trouvées : region, ancienne_region, departement, commune, intitule_commune, secteur_na88, ape, code_region, code_departement, code_commune, code_ape, nombre_d_etablissements, effectifs_salaries`,
    );
  });

  it("refuses a file without code_commune, naming the column", async () => {
    const file = fixture("urssaf/sans-code-commune.csv");
    const error = await urssaf.load(file, { db: await freshDb(), territory: await theTerritory() }).catch((e: unknown) => e);
    expect((error as LoadError).problem).toMatchObject({ file, line: 1, column: "code_commune" });
    expect((error as LoadError).message).toMatch(/^tests\/fixtures\/loaders\/urssaf\/sans-code-commune\.csv:1:code_commune: colonne obligatoire absente « code_commune » \(source reconnue : /);
  });

  it("has a complete French description under ODbL", () => {
    expect(urssaf.description).toMatchObject({ id: "urssaf", licence: "ODbL (Open Database License)", producer: "Urssaf Caisse nationale" });
    expect(urssaf.description.url).toBe(
      "https://open.urssaf.fr/api/explore/v2.1/catalog/datasets/etablissements-et-effectifs-salaries-au-niveau-commune-x-ape-last/exports/csv",
    );
    expect(urssaf.description.limits.some((l) => l.includes("apprentis") && l.includes("juin 2023"))).toBe(true);
  });
});
