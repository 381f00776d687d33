import { describe, expect, it } from "vitest";
import { buildTerritory, parseTerritoryConfig, loadTerritory, TerritoryError } from "../../src/territory/territory.ts";

describe("territoire", () => {
  it("compose le territoire par défaut de 4 EPCI et 188 communes, dont Pithon (Aisne) dans un EPCI de la Somme", async () => {
    const t = await loadTerritory("data");
    expect(t.epcis.map((e) => e.siren)).toEqual(["200071892", "200071785", "200070985", "200037059"]);
    expect(t.epcis.map((e) => e.communes.length)).toEqual([39, 48, 41, 60]);
    expect(t.communes).toHaveLength(188);
    const pithon = t.communes.find((c) => c.code === "02604");
    expect(pithon).toMatchObject({ nom: "Pithon", departement: "02", epci: "200070985" });
    expect(t.population).toBe(t.epcis.reduce((s, e) => s + (e.population ?? 0), 0));
  });

  it("rattache l'ancien code d'une commune fusionnée à la commune actuelle", () => {
    const t = buildTerritory(parseTerritoryConfig({ id: "test", nom: "Test", epci: ["200071892"] }));
    // 02394 Jouy merged into 02008 Aizy-Jouy (@etalab/decoupage-administratif anciensCodes)
    expect(t.currentCode("02394")).toBe("02008");
    expect(t.currentCode("02691")).toBe("02691");
    expect(t.currentCode("99999")).toBeUndefined();
    expect(t.isMember("02691")).toBe(true);
    expect(t.isMember("80620")).toBe(false);
  });

  it("refuse un SIREN inconnu avec un message clair", () => {
    expect(() => buildTerritory(parseTerritoryConfig({ id: "x", nom: "X", epci: ["123456789"] }))).toThrow(
      new TerritoryError("EPCI inconnu : le SIREN 123456789 ne figure pas dans @etalab/decoupage-administratif"),
    );
  });

  it("refuse une configuration mal formée en nommant le fichier et le champ", () => {
    expect(() => parseTerritoryConfig({ id: "x", nom: "X", epci: ["12"] }, "t.json")).toThrow(/t\.json : SIREN d'EPCI invalide : "12"/);
    expect(() => parseTerritoryConfig({ id: "X Y", nom: "X", epci: ["200071892"] }, "t.json")).toThrow(/« id »/);
  });

  it("prend l'année de référence 2018 et le contrat 2019-2022 par défaut", () => {
    const c = parseTerritoryConfig({ id: "x", nom: "X", epci: ["200071892"] });
    expect(c.annee_reference).toBe(2018);
    expect(c.periode_contrat).toEqual({ debut: 2019, fin: 2022 });
  });
});
