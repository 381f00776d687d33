// Readers of data/local/: precise French rejections (file, line, column, value, reason).
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorResult } from "../../src/indicators/types.ts";
import { compute, FIXTURES, TID, tinyDb, type TestDb } from "./helpers.ts";

let t: TestDb;
let r: IndicatorResult;
const dir = join(FIXTURES, "local-bad");

beforeAll(async () => {
  t = await tinyDb();
  r = await compute(t, dir);
});
afterAll(() => t.close());

// Published names are relative to the data folder (the local folder's name, then the file), never absolute paths.
const of = (file: string) => r.rejections.filter((x) => x.file === `local-bad/${file}`).map((x) => [x.line, x.column, x.value, x.reason]);

describe("suivi.csv rejections", () => {
  it("cites line, column, value and reason of every bad row", () => {
    const rej = of("suivi.csv");
    expect(rej.map(([line, column]) => `${line}:${column}`)).toEqual([
      "3:code_geo", "4:valeur", "5:indicateur", "6:code_geo", "7:annee", "8:valeur", "9:valeur", "10:valeur", "11:",
    ]);
    expect(rej[0]?.[3]).toMatch(/déjà compté dans la valeur saisie pour epci 200070985 \(ligne 2\)/);
    expect(rej[1]?.[3]).toMatch(/moyenne ou un taux : saisir numerateur et denominateur/);
    expect(rej[2]?.[3]).toMatch(/indicateur de suivi local inconnu/);
    expect(rej[3]).toEqual([6, "code_geo", "2173", "commune inconnue du territoire : « 2173 » (zéro initial perdu ? « 02173 »)"]);
    expect(rej[5]?.[3]).toBe("valeur négative");
    expect(rej[6]?.[3]).toMatch(/valeur incohérente avec numerateur \/ denominateur \(50 attendu\)/);
    expect(rej[8]?.[3]).toMatch(/nombre de champs incorrect : 8 champs au lieu de 7/);
  });
  it("keeps the valid row", () => {
    expect(r.rows.find((x) => x.indicateur === "entreprises_accompagnees" && x.niveau === "territoire" && x.annee === 2022)?.valeur).toBe(12);
    expect(r.localFiles.find((f) => f.file.endsWith("suivi.csv"))).toMatchObject({ rowsRead: 10, rowsLoaded: 1 });
  });
});

describe("actions.csv rejections", () => {
  it("rejects unknown statut, progress over 100, unknown linked indicator, bad date, duplicate id, unknown axis", () => {
    const rej = of("actions.csv");
    expect(rej.map(([line, column]) => `${line}:${column}`)).toEqual(["2:statut", "3:avancement", "4:indicateurs_lies", "5:date_mise_a_jour", "7:id", "8:axe"]);
    expect(rej[0]?.[3]).toBe("statut inconnu (attendu : à lancer, engagée, réalisée, abandonnée)");
    expect(rej[4]?.[3]).toBe("identifiant d'action en double (déjà ligne 6)");
  });
  it("computes the indicator from the valid action", () => {
    expect(r.rows.find((x) => x.indicateur === "actions_engagees_pct")).toMatchObject({ annee: 2024, valeur: 100, statut: "ok" }); // A5: 1 / 1
  });
});

describe("cibles.csv rejections", () => {
  it("rejects unknown indicator, invalid level, unknown geography, non-number, unknown type, duplicate", () => {
    const rej = of("cibles.csv");
    expect(rej.map(([line, column]) => `${line}:${column}`)).toEqual(["2:indicateur", "3:niveau", "4:code_geo", "5:valeur_cible", "6:type", "8:indicateur"]);
    expect(rej[1]?.[3]).toBe("l'indicateur projets_recrutement n'est pas calculé à ce niveau (niveaux : bassin_emploi)");
    expect(rej[5]?.[3]).toBe(`cible en double pour emploi_industriel / territoire ${TID} (déjà ligne 7)`);
  });
  it("a file without a required column is refused at its header line", async () => {
    const r2 = await compute(t, join(FIXTURES, "local-missing"));
    expect(r2.rejections).toEqual([{
      file: "local-missing/cibles.csv", line: 1, column: "type", value: "",
      reason: "colonne obligatoire absente de l'en-tête (attendu : indicateur,niveau,code_geo,valeur_cible,annee_cible,type) ; fichier ignoré",
    }]);
  });
  it("absent local files are not errors, but are noted", async () => {
    const r3 = await compute(t);
    expect(r3.rejections).toEqual([]);
    // One note per absent file (the computation adds others, on indicators left without any value).
    expect(r3.notes.filter((n) => /\.csv absent : /.test(n))).toHaveLength(3);
    expect(r3.localFiles.every((f) => !f.present)).toBe(true);
  });
});
