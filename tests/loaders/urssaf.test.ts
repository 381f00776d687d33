import { describe, expect, it } from "vitest";
import { urssaf } from "../../src/sources/urssaf/loader.ts";
import { detectSource } from "../../src/sources/detect.ts";
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
    expect(report.notes).toEqual([
      "1 effectif(s) salarié(s) inconnu(s) (nombre d'établissements publié, effectif vide) chargé(s) comme inconnus (NULL, jamais 0)",
      "3 valeur(s) secrète(s) et 0 valeur(s) vide(s) chargée(s) comme inconnues (NULL, jamais 0)",
    ]);
  });

  it("recognises both headers of the portal, field names and column labels, and says which in the variant", () => {
    const fields = ["code_commune", "code_ape", "nombre_d_etablissements_2006", "effectifs_salaries_2006", "effectifs_salaries_2023"];
    expect(urssaf.recognise(fields)).toEqual({ kind: "match", variant: "noms-de-champs" });
    const labels = ["Nom commune", "Code commune", "Code APE", "Nombre d'établissements 2006", "Effectifs salariés 2006"];
    expect(urssaf.recognise(labels)).toEqual({ kind: "match", variant: "libelles" });
    expect(urssaf.recognise(["code_commune", "libelle_commune", "date", "nombre_de_demandeurs_d_emploi"])).toEqual({ kind: "no" });
  });

  it("applies the producer's convention on empty cells: both empty = no establishment (0), one empty beside a written one = unknown", async () => {
    // Label header as the portal's "Export CSV" writes it (UTF-8 BOM, CRLF, years interleaved, a quoted label holding ;).
    const db = await freshDb();
    const file = fixture("urssaf/libelles-cellules-vides.csv");
    const report = await urssaf.load(file, { db, territory: await theTerritory() });
    expect(report).toMatchObject({ vintage: "2020-2022", years: [2020, 2022], rowsRead: 7, rowsLoaded: 5, rowsOutside: 1 });
    expect(report.rejections).toEqual([{ file, line: 7, column: "Effectifs salariés 2021", value: "abc", reason: "valeur non numérique" }]);
    expectCountsAddUp(report);
    expect(await detectSource(file)).toMatchObject({ variant: "libelles" });
    expect(await rows(db, "SELECT code_commune, code_ape, annee, etablissements, effectifs FROM urssaf ORDER BY code_commune, code_ape, annee")).toEqual([
      { code_commune: "02691", code_ape: "25.11Z", annee: 2020, etablissements: 0, effectifs: 0 }, // both cells empty
      { code_commune: "02691", code_ape: "25.11Z", annee: 2021, etablissements: 2, effectifs: 35 },
      { code_commune: "02691", code_ape: "25.11Z", annee: 2022, etablissements: 3, effectifs: 41 },
      { code_commune: "02691", code_ape: "47.11D", annee: 2020, etablissements: 4, effectifs: 120 },
      { code_commune: "02691", code_ape: "47.11D", annee: 2021, etablissements: 4, effectifs: null }, // establishments without jobs
      { code_commune: "02691", code_ape: "47.11D", annee: 2022, etablissements: 4, effectifs: 118 },
      { code_commune: "02738", code_ape: "30.20Z", annee: 2020, etablissements: 1, effectifs: 250 },
      { code_commune: "02738", code_ape: "30.20Z", annee: 2021, etablissements: null, effectifs: 260 }, // jobs without establishments
      { code_commune: "02738", code_ape: "30.20Z", annee: 2022, etablissements: 1, effectifs: 255 },
      { code_commune: "02738", code_ape: "41.20A", annee: 2020, etablissements: 1, effectifs: 0 }, // 0 jobs is a published value
      { code_commune: "02738", code_ape: "41.20A", annee: 2021, etablissements: 0, effectifs: 0 },
      { code_commune: "02738", code_ape: "41.20A", annee: 2022, etablissements: 0, effectifs: 0 }, // 0 establishments written: no jobs
      { code_commune: "80620", code_ape: "10.89Z", annee: 2020, etablissements: 1, effectifs: null }, // secret
      { code_commune: "80620", code_ape: "10.89Z", annee: 2021, etablissements: 1, effectifs: null },
      { code_commune: "80620", code_ape: "10.89Z", annee: 2022, etablissements: 0, effectifs: 0 },
    ]);
    // The rejected row (2020 both empty, then "abc") counts in no note.
    expect(report.notes).toEqual([
      "3 année(s) commune x APE sans établissement (deux cellules vides) chargée(s) comme 0 établissement et 0 salarié",
      "1 effectif(s) salarié(s) inconnu(s) (nombre d'établissements publié, effectif vide) chargé(s) comme inconnus (NULL, jamais 0)",
      "1 nombre(s) d'établissements inconnu(s) (effectif publié, nombre d'établissements vide) chargé(s) comme inconnus (NULL, jamais 0)",
      "2 valeur(s) secrète(s) et 0 valeur(s) vide(s) chargée(s) comme inconnues (NULL, jamais 0)",
    ]);
  });

  it("without the establishments columns, an empty jobs cell is unknown: the convention needs both cells", async () => {
    const db = await freshDb();
    const report = await urssaf.load(fixture("urssaf/effectifs-seuls.csv"), { db, territory: await theTerritory() });
    expect(report).toMatchObject({ rowsLoaded: 1, rejections: [] });
    expect(await rows(db, "SELECT annee, etablissements, effectifs FROM urssaf ORDER BY annee")).toEqual([
      { annee: 2021, etablissements: null, effectifs: null },
      { annee: 2022, etablissements: null, effectifs: 41 },
    ]);
    expect(report.notes).toEqual(["0 valeur(s) secrète(s) et 1 valeur(s) vide(s) chargée(s) comme inconnues (NULL, jamais 0)"]);
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
