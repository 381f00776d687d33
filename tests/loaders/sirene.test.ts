import { describe, expect, it } from "vitest";
import { sirene } from "../../loaders/sirene.ts";
import { expectCountsAddUp, fixture, freshDb, rows, theTerritory } from "./helpers.ts";

describe("Sirene loader", () => {
  it("loads the territory's establishments, keeps older nomenclatures, rejects bad dates and duplicated SIRET", async () => {
    const db = await freshDb();
    const file = fixture("sirene/sirene-etablissements-02.csv");
    const report = await sirene.load(file, { db, territory: await theTerritory() });

    expect(report).toMatchObject({ source: "sirene", vintage: "2021", years: [1990, 2021], rowsRead: 7, rowsLoaded: 4, rowsOutside: 1 });
    expect(report.rejections).toEqual([
      { file, line: 7, column: "dateCreationEtablissement", value: "2020-02-30", reason: "date de création invalide (AAAA-MM-JJ attendu)" },
      { file, line: 8, column: "siret", value: "55208131700123", reason: "ligne en double (identique à la ligne 2)" },
    ]);
    expectCountsAddUp(report);
    expect(
      await rows(db, "SELECT siret, code_commune, CAST(date_creation AS VARCHAR) AS d, activite, nomenclature, etat, employeur, siege FROM sirene ORDER BY siret"),
    ).toEqual([
      { siret: "38012986600018", code_commune: "80620", d: "1990-01-01", activite: "28.1A", nomenclature: "NAFv1", etat: "A", employeur: "O", siege: true },
      { siret: "38012986600026", code_commune: "02604", d: null, activite: "01.11Z", nomenclature: "NAFv2", etat: "A", employeur: "N", siege: false },
      { siret: "55208131700123", code_commune: "02691", d: "2019-03-15", activite: "25.11Z", nomenclature: "NAFv2", etat: "A", employeur: "O", siege: false },
      { siret: "55208131700131", code_commune: "02738", d: "2021-11-02", activite: "25.11Z", nomenclature: "NAFv2", etat: "F", employeur: "N", siege: false },
    ]);
    expect(report.notes).toContain("1 établissement(s) dont l'activité est codée dans une nomenclature antérieure à la NAF rév. 2 (chargés et signalés)");
  });

  it("reads the StockEtablissement variant; an establishment abroad (no commune) is outside the territory", async () => {
    const db = await freshDb();
    expect(sirene.recognise(["siren", "nic", "siret", "dateCreationEtablissement", "codeCommuneEtablissement"])).toEqual({ kind: "match", variant: "stock" });
    const report = await sirene.load(fixture("sirene/stock-etablissement.csv"), { db, territory: await theTerritory() });
    expect(report).toMatchObject({ rowsRead: 2, rowsLoaded: 1, rowsOutside: 1, rejections: [], vintage: "2024" });
    expect(await rows(db, "SELECT siret, activite FROM sirene")).toEqual([{ siret: "55208131700149", activite: "33.12Z" }]);
  });
});
