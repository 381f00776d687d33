// The engine binds the values it computes with ($territoire, $indicateur, the levels, the factor) and appends the
// geographies' and local files' values: a value written by a territory (a quote, a backslash, a line break, SQL) is
// read back as typed and never reaches SQL text. The marker proves the second point: spliced text would contain it,
// quoted or not.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { computeDeclaration } from "../../src/indicators/engine.ts";
import { prepareGeography } from "../../src/indicators/geography.ts";
import { loadLocalTables } from "../../src/indicators/localTables.ts";
import { CATALOGUE } from "../../src/indicators/catalogue/index.ts";
import type { IndicatorDeclaration } from "../../src/indicators/types.ts";
import type { Action } from "../../src/local/actions.ts";
import { recordSql, type SqlRecorder } from "../db/sql-recorder.ts";
import { EST_SOMME, HAM, tinyDb, type TestDb } from "./helpers.ts";

const MARKER = "Zq7marqueur";
const HOSTILE = `${MARKER} l'usine \\ "Flodor"'); DROP TABLE communes; --\nsuite`;

let t: TestDb;
let sql: SqlRecorder;
beforeEach(async () => {
  t = await tinyDb();
  sql = recordSql();
});
afterEach(() => {
  sql.stop();
  t.close();
});

/** A declaration of the catalogue with its SQL and levels replaced. */
function declaration(over: Partial<IndicatorDeclaration>): IndicatorDeclaration {
  return { ...CATALOGUE[0]!, id: "essai_parametres", aggregation: { kind: "somme" }, ...over };
}

describe("values bound, never spliced", () => {
  it("$territoire and $indicateur are bound: a hostile territory code is read as typed, every table still there", async () => {
    const territory = { ...t.territory, phases: t.territory.phases.map((p) => ({ ...p, code: HOSTILE, nom: HOSTILE })) };
    await prepareGeography(t.db, territory, [{ code_bassin: "B'1", nom_bassin: HOSTILE } as never]);
    const decl = declaration({
      levels: ["territoire", "epci", "commune"],
      // One per commune, counted only when $indicateur is the declaration's id; numerateur = length of $territoire.
      sql: `SELECT 'commune' AS niveau, code AS code_geo, 2020 AS annee, length($territoire) AS numerateur
            FROM communes WHERE $indicateur = 'essai_parametres'`,
    });
    const rows = await computeDeclaration(t.db, decl, HOSTILE);
    const n = HOSTILE.length;
    expect(rows.find((r) => r.niveau === "commune" && r.code_geo === HAM)).toMatchObject({ valeur: n, statut: "ok" });
    // Est de la Somme: Ham, Nesle, Pithon; the phase (code and name the hostile text): the five communes.
    expect(rows.find((r) => r.niveau === "epci" && r.code_geo === EST_SOMME)?.valeur).toBe(3 * n);
    expect(rows.find((r) => r.niveau === "territoire")).toMatchObject({ code_geo: HOSTILE, libelle_geo: HOSTILE, valeur: 5 * n, statut: "ok" });
    expect((await t.db.runAndReadAll("SELECT nom_bassin FROM ind_bassins WHERE code_bassin = 'B''1'")).getRowObjectsJS()).toEqual([{ nom_bassin: HOSTILE }]);
    expect((await t.db.runAndReadAll("SELECT count(*) AS n FROM communes")).getRowObjectsJS()).toEqual([{ n: 5n }]);
    expect(sql.containing(MARKER)).toEqual([]);
    expect(sql.texts.some((s) => s.includes("$territoire"))).toBe(true); // the recorder saw the declaration's SQL
  });

  it("a parameter the engine does not know is refused by name, not left to DuckDB", async () => {
    await prepareGeography(t.db, t.territory, []);
    const decl = declaration({ levels: ["commune"], sql: "SELECT 'commune' AS niveau, code AS code_geo, $annee AS annee, 1 AS numerateur FROM communes" });
    await expect(computeDeclaration(t.db, decl, "ti-test")).rejects.toThrow(
      "Indicateur essai_parametres : échec du calcul (paramètre $annee inconnu (paramètres possibles : $territoire, $indicateur, $niveaux, $facteur))",
    );
  });

  it("local files: a title, a carrier, a code and a file name with quotes, backslashes and line breaks are appended as typed", async () => {
    const action: Action = {
      id: "A1", axe: "Attirer", phase: null, titre: HOSTILE, description: "", porteur: `${HOSTILE} 2`, partenaires: [],
      budget_prevu: 1500.5, budget_engage: null, date_debut: null, date_fin_prevue: "2024-06-30", statut: "engagée", avancement: 0.1,
      indicateurs_lies: [], date_mise_a_jour: "2024-03-01", commentaire: "", en_retard: true, extra: {}, line: 2,
    };
    const file = `local/${HOSTILE}.csv`;
    await loadLocalTables(t.db, [action], file, [{ indicateur: "suivi_local", niveau: "commune", code_geo: HOSTILE, annee: 2023, numerateur: 3, denominateur: null, line: 2 }], file, () => HOSTILE);
    const actions = (await t.db.runAndReadAll(`SELECT titre, porteur, avancement, CAST(date_mise_a_jour AS VARCHAR) AS maj, annee, fichier, budget_prevu,
      budget_engage, CAST(date_fin_prevue AS VARCHAR) AS fin, en_retard, territoire FROM local_actions`)).getRowObjectsJS();
    expect(actions).toEqual([{
      titre: HOSTILE, porteur: `${HOSTILE} 2`, avancement: 0.1, maj: "2024-03-01", annee: 2024, fichier: file, budget_prevu: 1500.5,
      budget_engage: null, fin: "2024-06-30", en_retard: true, territoire: HOSTILE,
    }]);
    expect((await t.db.runAndReadAll("SELECT code_geo, annee, numerateur, denominateur, fichier FROM local_suivi")).getRowObjectsJS()).toEqual([
      { code_geo: HOSTILE, annee: 2023, numerateur: 3, denominateur: null, fichier: file },
    ]);
    expect(sql.containing(MARKER)).toEqual([]);
  });
});
