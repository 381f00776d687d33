// The demo speaks like the DARES export for a territory with a city published whole and by arrondissements
// (Métropole de Lyon): arrondissement rows before the city's, and the loader keeps the city's own rows.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { generateDares } from "../../src/sources/dares/demo.ts";
import { dares } from "../../src/sources/dares/loader.ts";
import { buildTerritory } from "../../src/territory/territory.ts";
import { freshDb, rows } from "../loaders/helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "demo-dares-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("Métropole de Lyon: Lyon and its 9 arrondissements are written, Lyon's own rows are loaded, the arrondissements' rejected", async () => {
  const territory = buildTerritory({ id: "lyon", nom: "Métropole de Lyon", epci: ["200046977"], annee_reference: 2018, periode_contrat: { debut: 2019, fin: 2022 } });
  const generated = generateDares(territory);
  const file = join(dir, "dares.csv");
  writeFileSync(file, generated.content);
  const text = generated.content.toString("utf8");
  // 2011-T4, ABC, Total, Total: the 9 arrondissements (69381..69389) come before Lyon (69123).
  const firstKey = text.split("\n").filter((l) => l.startsWith("2011-T4;") && l.includes(";Brutes;ABC;Total;Total;") && /;(6938\d|69123);/.test(l));
  expect(firstKey.map((l) => l.split(";")[5])).toEqual(["69381", "69382", "69383", "69384", "69385", "69386", "69387", "69388", "69389", "69123"]);

  const db = await freshDb();
  const report = await dares.load(file, { db, territory });
  const keys = 15 * 2 * 6; // years 2011..2025 x categories ABC, A x 6 sex/age rows
  // Every commune's rows (58 communes, Lyon's own included) are loaded, the 9 arrondissements' rejected; the 6 rows of
  // Paris that close the file are outside the territory.
  expect(report).toMatchObject({ rowsLoaded: 58 * keys, rowsOutside: 6 });
  expect(report.rejections).toHaveLength(9 * keys);
  expect(report.rejections.every((r) => r.reason.startsWith("arrondissement municipal : la commune 69123 est publiée en entier"))).toBe(true);
  const lyon = text.split("\n").find((l) => l.startsWith("2023-T4;") && l.includes(";69123;Lyon;Brutes;ABC;Total;Total;"))!;
  expect(await rows(db, "SELECT demandeurs FROM dares WHERE code_commune = '69123' AND annee = 2023 AND categorie = 'ABC' AND sexe = 'Total' AND tranche_age = 'Total'")).toEqual([
    { demandeurs: Number(lyon.split(";")[11]) },
  ]);
});
