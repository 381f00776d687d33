// Conformance on France Travail's real BMO 2024 workbook, dropped as downloaded into the data folders of two
// territories, with the shared commune -> bassin table beside it (read from ../shared/data, as the pipeline does).
// BMO is published by bassin d'emploi: values are checked at that level (the indicator is not summed into EPCIs).
// Hand computation: an independent reading of the sheet with exceljs's in-memory reader (below), by column name:
// for each bassin, the sum of `met` over rows whose `met` is not `*`, the number of such secret rows, and the sum of
// `xmet` over rows where both are published.
import { existsSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTerritory, type TerritoryRun } from "./territory-folder.ts";

const REAL = path.resolve("../shared/data/bmo/Base_open_data_BMO_2024.xlsx");
const FILE = path.basename(REAL);

interface BassinTotals {
  met: number;
  metSecret: number;
  xmetKnown: number;
  metKnownWithXmet: number;
}

/** Totals of one bassin read independently of the loader. */
async function handTotals(bassins: string[]): Promise<Map<string, BassinTotals>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(REAL);
  const sheet = wb.getWorksheet("BMO_2024_open_data")!;
  const names = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
  const [be, met, xmet] = ["BE24", "met", "xmet"].map((n) => names.indexOf(n));
  const out = new Map(bassins.map((b) => [b, { met: 0, metSecret: 0, xmetKnown: 0, metKnownWithXmet: 0 }]));
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const t = out.get(String(r.getCell(be!).value));
    if (!t) return;
    const m = r.getCell(met!).value;
    const x = r.getCell(xmet!).value;
    if (m === "*") t.metSecret++;
    else t.met += Number(m);
    if (m !== "*" && x !== "*") {
      t.xmetKnown += Number(x);
      t.metKnownWithXmet += Number(m);
    }
  });
  return out;
}

describe.skipIf(!existsSync(REAL))("BMO, real 2024 workbook of France Travail", () => {
  let hand: Map<string, BassinTotals>;
  beforeAll(async () => {
    hand = await handTotals(["3203", "3204", "3205", "3212"]);
  }, 120_000);

  describe("in the data folder of Saint-Quentinois – Tergnier (bassins 3203, 3204, 3205)", () => {
    let t: TerritoryRun;
    beforeAll(async () => {
      t = await runTerritory(
        { id: "sqt", nom: "Saint-Quentinois – Tergnier", epci: ["200071892", "200071785", "200070985", "200037059"], bassins_bmo: ["3203", "3204", "3205"] } as never,
        [REAL],
      );
    }, 120_000);
    afterAll(() => t?.close());

    it("loads every row of the workbook (bassins are kept whole)", () => {
      expect(t.report(FILE)).toMatchObject({ vintage: "2024", rowsRead: 53443, rowsLoaded: 53443, rowsOutside: 0, rejections: [] });
    });

    it("gives each bassin's recruitment projects as computed by hand, « partiel » where some are secret", () => {
      for (const code of ["3203", "3204", "3205"]) {
        const h = hand.get(code)!;
        const r = t.result.rows.find((x) => x.indicateur === "projets_recrutement" && x.niveau === "bassin_emploi" && x.code_geo === code && x.annee === 2024)!;
        expect([r.valeur, r.statut]).toEqual([h.met, h.metSecret > 0 ? "partiel" : "ok"]);
      }
      // The values the loader test found by python on the sheet's XML, for the record.
      expect([hand.get("3203")!.met, hand.get("3204")!.met, hand.get("3205")!.met]).toEqual([5257, 3279, 1124]);
    });

    it("gives the share of difficult projects from summed xmet and met, never an average", () => {
      const h = hand.get("3204")!;
      const r = t.result.rows.find((x) => x.indicateur === "part_projets_difficiles" && x.niveau === "bassin_emploi" && x.code_geo === "3204" && x.annee === 2024)!;
      expect(r.numerateur).toBe(h.xmetKnown);
      expect(r.denominateur).toBe(h.metKnownWithXmet);
      expect(r.valeur).toBeCloseTo((h.xmetKnown / h.metKnownWithXmet) * 100, 9);
    });
  });

  describe("in the data folder of a territory of another bassin (CA du Pays de Laon, bassin 3212 LAON)", () => {
    let t: TerritoryRun;
    beforeAll(async () => {
      t = await runTerritory({ id: "laon", nom: "Pays de Laon", epci: ["200043495"], bassins_bmo: ["3212"] } as never, [REAL]);
    }, 120_000);
    afterAll(() => t?.close());

    it("gives the bassin's projects as computed by hand", () => {
      const h = hand.get("3212")!;
      expect(h.met).toBeGreaterThan(0);
      const r = t.result.rows.find((x) => x.indicateur === "projets_recrutement" && x.niveau === "bassin_emploi" && x.code_geo === "3212" && x.annee === 2024)!;
      expect([r.valeur, r.statut]).toEqual([h.met, h.metSecret > 0 ? "partiel" : "ok"]);
    });
  });
});
