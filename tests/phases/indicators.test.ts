// Two contract phases on the tiny fixture territory (tests/indicators/helpers.ts): phase 1 = CC de l'Est de la Somme
// (Ham, Nesle, Pithon), phase 2 = phase 1 + CA Chauny Tergnier La Fère (Tergnier, Chauny), as Haute-Picardie is
// Saint-Quentinois – Tergnier plus CC Terre de Picardie. indicateurs.csv has both territory groups; EPCIs and
// communes once; tracking per phase from each phase's reference year, with each phase's targets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IndicatorResult } from "../../src/indicators/types.ts";
import { indicatorsCsv } from "../../src/indicators/output.ts";
import type { Phase } from "../../src/phases/phase.ts";
import { CHAUNY, CHAUNY_TERGNIER as C, compute, EST_SOMME as E, HAM, insert, NESLE, PITHON, TERGNIER, tinyDb, vs, type TestDb } from "../indicators/helpers.ts";

let t: TestDb;
let r: IndicatorResult;
const P1 = "phase-un";
const P2 = "phase-deux";

beforeAll(async () => {
  t = await tinyDb();
  const phase = (id: string, code: string, start: number, end: number, ref: number, epcis: string[], communes: string[]): Phase => ({
    id, nom: code, code, period: { start, end }, referenceYear: ref, axes: start >= 2023 ? "priorites-2023" : "axes-2019", epcis, communes, population: null, ti: null,
  });
  const phases = [
    phase("2019-2022", P1, 2019, 2022, 2018, [E], [HAM, NESLE, PITHON]),
    phase("2023-2027", P2, 2023, 2027, 2022, [E, C], [HAM, NESLE, PITHON, TERGNIER, CHAUNY]),
  ];
  t.territory = { ...t.territory, phases, currentPhase: phases[1]! };
  const u = (code_commune: string, annee: number, effectifs: number) => ({ code_commune, code_ape: "25.11Z", annee, etablissements: 1, effectifs });
  await insert(t.db, "urssaf", [
    u(HAM, 2018, 100), u(HAM, 2022, 120), u(HAM, 2023, 130),
    u(NESLE, 2018, 50), u(NESLE, 2022, 40), u(NESLE, 2023, 45),
    u(TERGNIER, 2018, 400), u(TERGNIER, 2022, 380), u(TERGNIER, 2023, 390),
    u(CHAUNY, 2018, 200), u(CHAUNY, 2022, 210), u(CHAUNY, 2023, 190),
    // Pithon: no row, département 02 covered => zero
  ]);
  const local = await mkdtemp(join(tmpdir(), "ti-phases-"));
  await writeFile(join(local, "cibles.csv"), [
    "indicateur,niveau,code_geo,valeur_cible,annee_cible,type,phase",
    `emploi_industriel,territoire,${P1},200,2022,valeur,`, // phase given by the territory code
    `emploi_industriel,territoire,${P2},10,2027,evolution_pct,2023-2027`,
    `emploi_industriel,epci,${E},180,2022,valeur,2019-2022`,
    `emploi_industriel,epci,${E},200,2027,valeur,`, // no phase: the current one (2023-2027)
    `emploi_industriel,territoire,${P1},5,2027,valeur,2023-2027`, // rejected: P1 is phase 1's territory
    `emploi_industriel,epci,${E},5,2027,valeur,2031-2035`, // rejected: unknown phase
  ].join("\n") + "\n");
  r = await compute(t, local);
});
afterAll(() => t.close());

describe("un groupe « territoire » par phase", () => {
  it("phase 1 = Ham + Nesle + Pithon ; phase 2 = phase 1 + Tergnier + Chauny ; EPCI calculés une fois", () => {
    expect(vs(r, "emploi_industriel", "territoire", P1, 2018)).toEqual([150, "ok"]); // 100 + 50 + 0
    expect(vs(r, "emploi_industriel", "territoire", P2, 2018)).toEqual([750, "ok"]); // 150 + 400 + 200
    expect(vs(r, "emploi_industriel", "territoire", P1, 2023)).toEqual([175, "ok"]); // 130 + 45
    expect(vs(r, "emploi_industriel", "territoire", P2, 2023)).toEqual([755, "ok"]); // 175 + 390 + 190
    expect(r.rows.filter((x) => x.indicateur === "emploi_industriel" && x.niveau === "epci" && x.annee === 2023)).toHaveLength(2);
    const csv = indicatorsCsv(r.rows);
    expect(csv).toContain(`emploi_industriel,Attirer,territoire,${P1},${P1},2022,160,160,,salariés,ok`); // 120 + 40
    expect(csv).toContain(`emploi_industriel,Attirer,territoire,${P2},${P2},2022,750,750,,salariés,ok`); // 160 + 380 + 210
  });
});

describe("suivi par phase", () => {
  const track = (phase: string, niveau: string, code: string) => r.targets.find((x) => x.phase === phase && x.indicateur === "emploi_industriel" && x.niveau === niveau && x.code_geo === code);

  it("chaque phase a sa référence, son périmètre et ses cibles", () => {
    // Phase 1: reference 2018 = 150, target 200 in 2022, latest 2023 = 175.
    expect(track("2019-2022", "territoire", P1)).toMatchObject({ annee_reference: 2018, valeur_reference: 150, valeur_cible: 200, annee_cible: 2022, derniere_annee: 2023, derniere_valeur: 175 });
    // Phase 2: reference 2022 = 750, +10 % => 825 in 2027.
    expect(track("2023-2027", "territoire", P2)).toMatchObject({ annee_reference: 2022, valeur_reference: 750, cible_calculee: 825, derniere_valeur: 755 });
    // Each phase sees only its own territory group, and only the EPCIs of its perimeter.
    expect(track("2019-2022", "territoire", P2)).toBeUndefined();
    expect(track("2023-2027", "territoire", P1)).toBeUndefined();
    expect(track("2019-2022", "epci", C)).toBeUndefined();
    expect(track("2023-2027", "epci", C)).toMatchObject({ annee_reference: 2022, valeur_reference: 590 }); // 380 + 210
    // The EPCI E: target 180 for phase 1 (reference 2018 = 150), target 200 (no phase = current) for phase 2 (reference 2022 = 160).
    expect(track("2019-2022", "epci", E)).toMatchObject({ valeur_reference: 150, valeur_cible: 180 });
    expect(track("2023-2027", "epci", E)).toMatchObject({ valeur_reference: 160, valeur_cible: 200 });
  });

  it("refuse une cible d'un territoire rattachée à une autre phase et une phase inconnue", () => {
    const reasons = r.rejections.filter((x) => x.column === "phase").map((x) => x.reason);
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toBe(`le territoire « ${P1} » est celui de la phase 2019-2022, pas de la phase 2023-2027`);
    expect(reasons[1]).toMatch(/^phase inconnue : « 2031-2035 »/);
  });
});
