import { describe, expect, it } from "vitest";
import { buildTerritory, parseTerritoryConfig, loadTerritory, TerritoryError } from "../../src/territory/territory.ts";

describe("territoire", () => {
  it("compose le territoire par défaut de l'union de ses phases : les 4 EPCI du protocole (188 communes) et CC Terre de Picardie (43), dont Pithon (Aisne) dans un EPCI de la Somme", async () => {
    const t = await loadTerritory("data");
    expect(t.epcis.map((e) => e.siren)).toEqual(["200071892", "200071785", "200070985", "200037059", "200070928"]);
    expect(t.epcis.map((e) => e.communes.length)).toEqual([39, 48, 41, 60, 43]);
    expect(t.communes).toHaveLength(231);
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
    expect(() => parseTerritoryConfig({ id: "x", nom: "X", epci: ["12"] }, "t.json")).toThrow('t.json : epci[0] : SIREN d\'EPCI attendu (9 chiffres) (reçu : "12")');
    expect(() => parseTerritoryConfig({ id: "X Y", nom: "X", epci: ["200071892"] }, "t.json")).toThrow(/^t\.json : id : identifiant en minuscules attendu \(lettres, chiffres, tirets, ex\. "haute-picardie"\) \(reçu : "X Y"\)$/);
  });

  it("prend l'année de référence 2018 et le contrat 2019-2022 par défaut", () => {
    const c = parseTerritoryConfig({ id: "x", nom: "X", epci: ["200071892"] });
    expect(c.annee_reference).toBe(2018);
    expect(c.periode_contrat).toEqual({ debut: 2019, fin: 2022 });
  });
});

describe("territoire nommé d'après la liste officielle ({\"ti\": ...})", () => {
  const named = (raw: Record<string, unknown>) => buildTerritory(parseTerritoryConfig({ ...raw }));

  it("{\"ti\": \"ti-3208\"} donne Haute-Picardie : 5 EPCI, 231 communes, Hauts-de-France, contrat 2023-2027 (référence 2022)", () => {
    const t = named({ ti: "ti-3208" });
    expect(t).toMatchObject({ id: "ti-3208", nom: "Haute-Picardie", referenceYear: 2022, contractPeriod: { start: 2023, end: 2027 } });
    expect(t.programme).toEqual({ id: "ti-3208", phase: "2023-2027", region: { code: "32", nom: "Hauts-de-France" } });
    // The four EPCIs of the 2019-2022 protocol (39 + 48 + 41 + 60 = 188 communes) and CC Terre de Picardie (43).
    expect(t.epcis.map((e) => [e.siren, e.communes.length])).toEqual([
      ["200071892", 39],
      ["200037059", 60],
      ["200070928", 43],
      ["200070985", 41],
      ["200071785", 48],
    ]);
    expect(t.communes).toHaveLength(231);
    expect(t.epcis.every((e) => !e.partial)).toBe(true);
  });

  it("les autres clés restent des surcharges : nom, période, référence, bassins, et le périmètre (epci)", () => {
    const t = named({ ti: "ti-3208", nom: "Saint-Quentinois – Tergnier", epci: ["200071892", "200071785", "200070985", "200037059"], annee_reference: 2018, periode_contrat: { debut: 2019, fin: 2022 }, bassins_bmo: ["3204"] });
    expect(t).toMatchObject({ id: "ti-3208", nom: "Saint-Quentinois – Tergnier", referenceYear: 2018, contractPeriod: { start: 2019, end: 2022 }, declaredBmoBassins: ["3204"] });
    expect(t.communes).toHaveLength(188);
    expect(t.programme?.id).toBe("ti-3208");
  });

  it("un établissement public territorial est un groupe à lui seul au niveau EPCI (ti-1105 : 24 communes)", () => {
    const t = named({ ti: "ti-1105" });
    expect(t.epcis).toHaveLength(1);
    const ept = t.epcis[0]!;
    expect(ept).toMatchObject({ siren: "200058014", type: "EPT", partial: false });
    expect(ept.communes).toHaveLength(24);
    // Its population is that of its 24 communes (populations municipales of ept.json), not that of the Métropole du Grand Paris.
    expect(ept.population).toBe(t.communes.reduce((s, c) => s + c.population!, 0));
    expect(t.communes.every((c) => c.epci === "200058014")).toBe(true);
    // ti-1104: a CA beside an EPT.
    expect(named({ ti: "ti-1104" }).epcis.map((e) => e.type)).toEqual(["CA", "EPT"]);
  });

  it("des communes listées une à une sont groupées sous leur EPCI, marqué partiel (ti-7506 : 11 communes de la CC Haute-Corrèze Communauté)", () => {
    const t = named({ ti: "ti-7506" });
    const part = t.epcis.find((e) => e.partial)!;
    expect(part).toMatchObject({ siren: "200066744", nom: "CC Haute-Corrèze Communauté (partie : 11 communes sur 70)", type: "CC" });
    expect(part.communes).toEqual(["23019", "23063", "23067", "23080", "23115", "23119", "23125", "23158", "23215", "23221", "23224"]);
    const members = t.communes.filter((c) => c.epci === "200066744");
    expect(members).toHaveLength(11);
    expect(part.population).toBe(members.reduce((s, c) => s + c.population!, 0));
    expect(t.communes).toHaveLength(255);
    // Cercy-la-Tour, the commune of ti-2707 listed by itself, in CC Bazois Loire Morvan (46 communes).
    expect(named({ ti: "ti-2707" }).epcis.find((e) => e.partial)).toMatchObject({ siren: "200067882", nom: "CC Bazois Loire Morvan (partie : 1 commune sur 46)", communes: ["58046"] });
  });

  it("un identifiant inconnu est une erreur claire qui propose les plus proches", () => {
    expect(() => parseTerritoryConfig({ ti: "ti-3280" }, "t.json")).toThrow(
      /^t\.json : Territoire d'industrie inconnu : « ti-3280 » n'est pas un identifiant de la liste \(183 territoires, phase 2023-2027\)\. Vouliez-vous dire : ti-3208 « Haute-Picardie » \(Hauts-de-France, 2023-2027\) ; ti-3210 « Pays Boulonnais » \(Hauts-de-France, 2023-2027\) \?/,
    );
    expect(() => parseTerritoryConfig({ ti: "Haute Picardie" }, "t.json")).toThrow(/Vouliez-vous dire : ti-3208 « Haute-Picardie »/);
  });

  it("refuse une commune comptée deux fois et un SIREN de commune donné comme EPCI", () => {
    // 02691 Saint-Quentin is in the CA du Saint-Quentinois.
    expect(() => named({ id: "x", nom: "X", epci: ["200071892"], communes: ["02691"] })).toThrow(
      "la commune 02691 Saint-Quentin est listée à part alors que son EPCI CA du Saint-Quentinois (200071892) est membre du territoire",
    );
    // An EPT beside the Métropole du Grand Paris, which holds its communes.
    expect(() => named({ id: "x", nom: "X", epci: ["200054781", "200058014"] })).toThrow(/est comptée deux fois : dans Métropole du Grand Paris \(200054781\) et dans Grand-Orly Seine Bièvre \(200058014\)/);
    expect(() => named({ id: "x", nom: "X", epci: ["215800467"] })).toThrow("le SIREN 215800467 est celui de la commune 58046 Cercy-la-Tour, pas d'un EPCI : indiquez-la dans « communes »");
  });

  it("loadTerritory lit {\"ti\": ...} dans le dossier de données", async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
    const dir = mkdtempSync((await import("node:path")).join((await import("node:os")).tmpdir(), "ti-conf-"));
    try {
      writeFileSync(`${dir}/territoire.json`, JSON.stringify({ ti: "TI-3208" }));
      const t = await loadTerritory(dir);
      expect([t.id, t.communes.length]).toEqual(["ti-3208", 231]);
      writeFileSync(`${dir}/territoire.json`, JSON.stringify({ ti: "ti-0000" }));
      await expect(loadTerritory(dir)).rejects.toThrow(new RegExp(`^${dir}/territoire\\.json:1:2: Territoire d'industrie inconnu : « ti-0000 »`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
