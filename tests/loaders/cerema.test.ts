import { describe, expect, it } from "vitest";
import { cerema } from "../../loaders/cerema.ts";
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
});
