// Contract phases in data/territoire.json (src/territory/territory.ts, src/phases/): an old configuration keeps one
// phase made of its keys; the default one has Saint-Quentinois – Tergnier 2019-2022 and Haute-Picardie 2023-2027.
import { describe, expect, it } from "vitest";
import { buildTerritory, loadTerritory, parseTerritoryConfig } from "../../src/territory/territory.ts";
import { currentPhase, phaseOfYear } from "../../src/phases/phase.ts";
import { AXES_SETS, axisOf } from "../../src/phases/axes.ts";
import { CATALOGUE } from "../../src/indicators/index.ts";

const FOUR = ["200071892", "200071785", "200070985", "200037059"];

describe("phases du contrat", () => {
  it("une configuration sans « phases » garde une seule phase faite de ses clés, axes 2019", () => {
    const t = buildTerritory(parseTerritoryConfig({ id: "x", nom: "X", epci: ["200071892"] }));
    expect(t.phases).toHaveLength(1);
    expect(t.phases[0]).toMatchObject({ id: "2019-2022", nom: "X", code: "x", referenceYear: 2018, axes: "axes-2019", period: { start: 2019, end: 2022 } });
    expect(t.phases[0]!.communes).toHaveLength(39); // CA du Saint-Quentinois
    expect(t.currentPhase.id).toBe("2019-2022");
    expect(t).toMatchObject({ id: "x", referenceYear: 2018, contractPeriod: { start: 2019, end: 2022 } });
  });

  it("la configuration par défaut : phase 1 sur 4 EPCI (188 communes, référence 2018), phase 2 ti-3208 sur 5 (231, référence 2022)", async () => {
    const t = await loadTerritory("data");
    expect(t.phases.map((p) => [p.id, p.nom, p.code, p.referenceYear, p.axes, p.communes.length, p.epcis.length])).toEqual([
      ["2019-2022", "Saint-Quentinois – Tergnier", "saint-quentinois-tergnier", 2018, "axes-2019", 188, 4],
      ["2023-2027", "Haute-Picardie", "ti-3208", 2022, "priorites-2023", 231, 5],
    ]);
    // The folder loads the union of perimeters: phase 2 contains phase 1, so 231 communes.
    expect(t.communes).toHaveLength(231);
    expect(t.referenceYear).toBe(2018);
    expect(t.contractPeriod).toEqual({ start: 2019, end: 2027 });
    expect(t.programme?.id).toBe("ti-3208");
    expect(t.phases[0]!.epcis.sort()).toEqual([...FOUR].sort());
    expect(t.phases[1]!.epcis).toContain("200070928"); // CC Terre de Picardie
  });

  it("une phase qui nomme un territoire de la liste en prend le nom, le périmètre et le code ; les axes 2023 par défaut", () => {
    const c = parseTerritoryConfig({
      id: "demo",
      phases: [
        { id: "2019-2022", nom: "Avant", territoire: "avant", periode: { debut: 2019, fin: 2022 }, epci: ["200071892"] },
        { id: "2023-2027", ti: "ti-3208" },
      ],
    });
    const t = buildTerritory(c);
    expect(t.phases[1]).toMatchObject({ code: "ti-3208", nom: "Haute-Picardie", referenceYear: 2022, axes: "priorites-2023", period: { start: 2023, end: 2027 }, ti: "ti-3208" });
    expect(t.phases[1]!.communes).toHaveLength(231);
    expect(t.phases[0]).toMatchObject({ code: "avant", axes: "axes-2019", referenceYear: 2018 });
    expect(t.id).toBe("demo");
  });

  it("refuse des phases qui se chevauchent, un code de territoire partagé, un jeu d'axes inconnu", () => {
    const p = (id: string, debut: number, fin: number, extra: Record<string, unknown> = {}) => ({ id, nom: id, periode: { debut, fin }, epci: ["200071892"], ...extra });
    expect(() => parseTerritoryConfig({ phases: [p("a", 2019, 2023, { territoire: "a" }), p("b", 2023, 2027, { territoire: "b" })] }, "t.json")).toThrow(/t\.json : les phases « a » et « b » se chevauchent/);
    expect(() => parseTerritoryConfig({ id: "x", phases: [p("a", 2019, 2022), p("b", 2023, 2027)] }, "t.json")).toThrow(/« x » est déjà celui d'une autre phase/);
    expect(() => parseTerritoryConfig({ id: "x", phases: [p("a", 2019, 2022, { axes: "autres" })] }, "t.json")).toThrow(/^t\.json : phases\[0\]\.axes : "axes-2019" \(Attirer, Recruter, Innover, Simplifier\) ou "priorites-2023" \(les quatre priorités nationales 2023-2027\) attendu \(reçu : "autres"\)$/);
    expect(() => parseTerritoryConfig({ id: "x", phases: [{ id: "a", epci: ["200071892"] }] }, "t.json")).toThrow(/phase « a » : « periode » est obligatoire/);
  });

  it("phase en cours : celle qui couvre l'année, sinon la dernière commencée ; un rapport annuel appartient à la phase de son année", () => {
    const phases = [{ id: "1", period: { start: 2019, end: 2022 } }, { id: "2", period: { start: 2023, end: 2027 } }];
    expect(currentPhase(phases, 2021).id).toBe("1");
    expect(currentPhase(phases, 2026).id).toBe("2");
    expect(currentPhase(phases, 2030).id).toBe("2");
    expect(currentPhase(phases, 2010).id).toBe("1");
    expect(phaseOfYear(phases, 2022)?.id).toBe("1");
    expect(phaseOfYear(phases, 2025)?.id).toBe("2");
    expect(phaseOfYear(phases, 2018)).toBeUndefined();
  });

  it("chaque indicateur du catalogue est placé sous un axe de chaque jeu d'axes", () => {
    for (const set of Object.values(AXES_SETS)) {
      const ids = new Set(set.axes.map((a) => a.id));
      for (const d of CATALOGUE) expect(ids.has(axisOf(set.id, d)), `${d.id} dans ${set.id}`).toBe(true);
      // Every axis of each set has at least one indicator.
      for (const a of set.axes) expect(CATALOGUE.some((d) => axisOf(set.id, d) === a.id), `${a.id} vide`).toBe(true);
    }
    expect(axisOf("priorites-2023", { id: "friches_recensees", axis: "Innover" })).toBe("foncier-industriel");
    expect(axisOf("priorites-2023", { id: "projets_recrutement", axis: "Recruter" })).toBe("recrutement-competences");
    expect(() => axisOf("priorites-2023", { id: "nouveau", axis: "Attirer" })).toThrow(/sans priorité/);
  });
});
