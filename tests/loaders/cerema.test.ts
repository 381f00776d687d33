import { describe, expect, it } from "vitest";
import { RESIDUAL_MAX_M2, cerema } from "../../src/sources/cerema/loader.ts";
import { expectCountsAddUp, fixture, freshDb, rows, theTerritory } from "./helpers.ts";

const SELECT = "SELECT code_commune, annee, derniere_annee, naf_m2, activite_m2, habitat_m2, mixte_m2, routes_m2, fer_m2, inconnu_m2 FROM cerema ORDER BY code_commune, annee";

describe("Cerema loader", () => {
  it("reads an upper-case, ;-separated vintage with decimal commas, long by flow year", async () => {
    const db = await freshDb();
    const report = await cerema.load(fixture("cerema/conso_com_2021_2022.csv"), { db, territory: await theTerritory() });
    expect(report).toMatchObject({ source: "cerema", vintage: "2021-2022", years: [2021, 2022], rowsRead: 3, rowsLoaded: 2, rowsOutside: 1, rejections: [] });
    expectCountsAddUp(report);
    expect(await rows(db, SELECT)).toEqual([
      { code_commune: "02691", annee: 2021, derniere_annee: 2022, naf_m2: 22000, activite_m2: 12000.5, habitat_m2: 8000, mixte_m2: 0, routes_m2: 1500, fer_m2: 0, inconnu_m2: 499.5 },
      { code_commune: "02691", annee: 2022, derniere_annee: 2022, naf_m2: 10500.25, activite_m2: 6000.25, habitat_m2: 4000, mixte_m2: 0, routes_m2: 500, fer_m2: 0, inconnu_m2: 0 },
      { code_commune: "80620", annee: 2021, derniere_annee: 2022, naf_m2: 3000, activite_m2: 1000, habitat_m2: 2000, mixte_m2: 0, routes_m2: 0, fer_m2: 0, inconnu_m2: 0 },
      { code_commune: "80620", annee: 2022, derniere_annee: 2022, naf_m2: null, activite_m2: null, habitat_m2: null, mixte_m2: null, routes_m2: null, fer_m2: null, inconnu_m2: null },
    ]);
    expect(report.notes).toContain("flux 2022 provisoire (dernière année du millésime 2021-2022)");
  });

  it("reads a lower-case, ,-separated vintage whose window starts later (2022-2023)", async () => {
    const db = await freshDb();
    const report = await cerema.load(fixture("cerema/obs_artif_conso_com_2022_2023.csv"), { db, territory: await theTerritory() });
    expect(report).toMatchObject({ vintage: "2022-2023", rowsRead: 2, rowsLoaded: 2, rowsOutside: 0, rejections: [] });
    expect(await rows(db, "SELECT code_commune, annee, derniere_annee, naf_m2, activite_m2 FROM cerema ORDER BY code_commune, annee")).toEqual([
      { code_commune: "02604", annee: 2022, derniere_annee: 2023, naf_m2: 0, activite_m2: 0 },
      { code_commune: "02604", annee: 2023, derniere_annee: 2023, naf_m2: 1250.5, activite_m2: 1250.5 },
      { code_commune: "02738", annee: 2022, derniere_annee: 2023, naf_m2: 4200.5, activite_m2: 4000 },
      { code_commune: "02738", annee: 2023, derniere_annee: 2023, naf_m2: 3100, activite_m2: 3000 },
    ]);
  });

  it("finds flow columns by pattern, case-insensitively, ignoring totals such as nafart0923", () => {
    expect(cerema.recognise(["IDCOM", "NAF09ART10", "NAF22ART23", "NAFART0923"])).toEqual({ kind: "match", variant: "2009-2022" });
    expect(cerema.recognise(["idcom", "idcomtxt", "iddep", "nafart0923"])).toEqual({ kind: "missing", missing: ["nafAAartBB"] });
  });

  // Fixture conso_com_2025_residus.csv: the 2025 vintage's shape (`,`, `7351.0`, annual flows interleaved with their
  // destinations, then cumulative columns naf11art13/art11inc13 that are not years).
  //   line 2 Saint-Quentin  art11inc12 = -1.0, destinations 2581 + 63 - 1 + 1616 + 0 + 63 = 4322 = naf11art12 -> loaded
  //   line 3 Tergnier       art12inc13 = -25.0: beyond a rounding residual -> rejected
  //   line 4 Péronne        naf12art13 = -5.0: a negative total -> rejected
  //   line 5 Pithon         art11act12 = 12a: not a number -> rejected
  //   line 6 Chauny         art12inc13 = -2.0, 1000 + 502 - 2 = 1500 -> loaded; line 7 Lille: outside
  it("loads a destination's small negative value as the producer's rounding residual; a negative total, a larger negative or a non-number rejects the row", async () => {
    const db = await freshDb();
    const file = fixture("cerema/conso_com_2025_residus.csv");
    const report = await cerema.load(file, { db, territory: await theTerritory() });
    expect(report).toMatchObject({ vintage: "2011-2012", rowsRead: 6, rowsLoaded: 2, rowsOutside: 1 });
    expectCountsAddUp(report);
    expect(report.rejections).toEqual([
      { file, line: 3, column: "art12inc13", value: "-25.0", reason: `valeur négative au-delà d'un résidu d'arrondi du producteur (-${RESIDUAL_MAX_M2} m² au plus)` },
      { file, line: 4, column: "naf12art13", value: "-5.0", reason: "valeur négative : un flux total de consommation ne peut pas être négatif" },
      { file, line: 5, column: "art11act12", value: "12a", reason: "valeur non numérique" },
    ]);
    // Residuals of the cumulative columns (art11inc13) are not read, so not counted.
    expect(report.notes).toContain(
      "2 résidu(s) d'arrondi négatif(s) du producteur dans les colonnes de destination, chargé(s) tels que publiés (les destinations de l'année somment au flux total) : ligne 2, art11inc12 = -1.0 ; ligne 6, art12inc13 = -2.0",
    );
    expect(await rows(db, SELECT)).toEqual([
      { code_commune: "02173", annee: 2011, derniere_annee: 2012, naf_m2: 800, activite_m2: 400, habitat_m2: 400, mixte_m2: 0, routes_m2: 0, fer_m2: 0, inconnu_m2: 0 },
      { code_commune: "02173", annee: 2012, derniere_annee: 2012, naf_m2: 1500, activite_m2: 502, habitat_m2: 1000, mixte_m2: 0, routes_m2: 0, fer_m2: 0, inconnu_m2: -2 },
      { code_commune: "02691", annee: 2011, derniere_annee: 2012, naf_m2: 4322, activite_m2: 63, habitat_m2: 2581, mixte_m2: 1616, routes_m2: 63, fer_m2: 0, inconnu_m2: -1 },
      { code_commune: "02691", annee: 2012, derniere_annee: 2012, naf_m2: 1000, activite_m2: 0, habitat_m2: 1000, mixte_m2: 0, routes_m2: 0, fer_m2: 0, inconnu_m2: 0 },
    ]);
  });
});
