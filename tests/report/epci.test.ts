// EPCI comparison of a report: latest usable value up to the report's year, change from the reference year's own
// value (never from a later year), indicators with a target first, one per axis first.
import { describe, expect, it } from "vitest";
import type { IndicatorDeclaration, IndicatorRow } from "../../src/indicators/types.ts";
import { epciComparison } from "../../src/report/epci.ts";

const decl = (id: string, axis: string, type: string, unit = "salariés"): IndicatorDeclaration =>
  ({ id, title: id, axis, type, unit, direction: "hausse", levels: ["commune", "epci", "territoire"] }) as unknown as IndicatorDeclaration;
const row = (indicateur: string, niveau: string, code_geo: string, annee: number, valeur: number | null, statut = "ok"): IndicatorRow =>
  ({ indicateur, niveau, code_geo, annee, valeur, statut }) as unknown as IndicatorRow;

const rows = [
  // emploi: A 100 → 110 in 2021 (+10 %); B 200 in 2018, 2021 partial (not usable), 190 in 2020 → −5 %.
  row("emploi", "epci", "A", 2018, 100), row("emploi", "epci", "A", 2021, 110), row("emploi", "epci", "A", 2022, 999),
  row("emploi", "epci", "B", 2018, 200), row("emploi", "epci", "B", 2020, 190), row("emploi", "epci", "B", 2021, 150, "partiel"),
  row("emploi", "territoire", "T", 2018, 300), row("emploi", "territoire", "T", 2021, 300),
  // creations: no 2018 value for B: its change is unknown, not measured from 2019.
  row("creations", "epci", "A", 2018, 10), row("creations", "epci", "A", 2021, 12),
  row("creations", "epci", "B", 2019, 20), row("creations", "epci", "B", 2021, 25),
  // friches: same axis as emploi, measurable for both.
  row("friches", "epci", "A", 2018, 4), row("friches", "epci", "A", 2021, 2), row("friches", "epci", "B", 2018, 1), row("friches", "epci", "B", 2021, 1),
];

describe("comparaison des EPCI du rapport", () => {
  const comp = epciComparison({
    year: 2021, referenceYear: 2018, territory: { code: "T", nom: "Territoire" },
    epcis: [{ code: "B", nom: "CC Bêta" }, { code: "A", nom: "CA Alpha" }], rows,
    catalogue: [decl("creations", "Attirer", "résultat"), decl("friches", "Innover", "impact"), decl("emploi", "Attirer", "impact"), decl("contexte", "Attirer", "contexte")],
    targeted: new Set(["emploi"]), sourceOf: () => null, axisOf: (d) => d.axis,
  })!;

  it("retient les indicateurs mesurables pour deux EPCI au moins : la cible d'abord, un par axe d'abord", () => {
    // creations is measurable for A only (B has no 2018 value): left out; contexte: never.
    expect(comp.indicateurs.map((i) => i.indicateur)).toEqual(["emploi", "friches"]);
  });

  it("dernière valeur complète jusqu'à l'année du rapport, évolution depuis la valeur de l'année de référence", () => {
    expect(comp.lignes.map((l) => l.nom)).toEqual(["Territoire", "CA Alpha", "CC Bêta"]);
    const [t, a, b] = comp.lignes;
    expect(a!.valeurs[0]).toEqual({ valeur: 110, annee: 2021, statut: "ok", valeur_reference: 100, evolution: { kind: "pct", value: 10 } });
    // B's 2021 value is partial: its latest complete value is 2020's, 190, i.e. −5 % from 200.
    expect(b!.valeurs[0]).toEqual({ valeur: 190, annee: 2020, statut: "ok", valeur_reference: 200, evolution: { kind: "pct", value: -5 } });
    expect(t!.valeurs[0]!.evolution).toEqual({ kind: "pct", value: 0 });
    expect(a!.valeurs[1]!.evolution).toEqual({ kind: "pct", value: -50 });
  });

  it("moins de deux EPCI : pas de comparaison", () => {
    expect(epciComparison({
      year: 2021, referenceYear: 2018, territory: { code: "T", nom: "T" }, epcis: [{ code: "A", nom: "A" }], rows,
      catalogue: [decl("emploi", "Attirer", "impact")], targeted: new Set(), sourceOf: () => null, axisOf: (d) => d.axis,
    })).toBeNull();
  });
});
