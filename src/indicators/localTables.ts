// Puts the local files (action plan, follow-up values) into temporary DuckDB tables so that their indicators are
// declared in SQL like every other one. The tables always exist, empty when the file is absent.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Action } from "../local/actions.ts";
import type { SuiviRow } from "../local/suivi.ts";
import { sqlNumber, sqlString } from "./sqlValues.ts";

/**
 * `territoire` of local_actions is the territory code of the action's phase (`phaseCode`), so that the action-plan
 * indicators are computed per phase, each dated by its own phase's latest update.
 */
export async function loadLocalTables(
  db: DuckDBConnection, actions: Action[], actionsFile: string, suivi: SuiviRow[], suiviFile: string, phaseCode: (phase: string | null) => string,
): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE local_actions (
    id VARCHAR, axe VARCHAR, titre VARCHAR, porteur VARCHAR, statut VARCHAR, avancement DOUBLE,
    date_mise_a_jour DATE, annee INTEGER, fichier VARCHAR,
    budget_prevu DOUBLE, budget_engage DOUBLE, date_fin_prevue DATE, en_retard BOOLEAN, territoire VARCHAR)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE local_suivi (
    indicateur VARCHAR, niveau VARCHAR, code_geo VARCHAR, annee INTEGER, numerateur DOUBLE, denominateur DOUBLE, fichier VARCHAR)`);
  if (actions.length > 0)
    await db.run(`INSERT INTO local_actions VALUES ${actions
      .map((a) => `(${[a.id, a.axe, a.titre, a.porteur, a.statut].map(sqlString).join(", ")}, ${sqlNumber(a.avancement)}, DATE ${sqlString(a.date_mise_a_jour)}, ${Number(a.date_mise_a_jour.slice(0, 4))}, ${sqlString(actionsFile)}, ` +
        `${sqlNumber(a.budget_prevu)}, ${sqlNumber(a.budget_engage)}, ${a.date_fin_prevue === null ? "NULL" : `DATE ${sqlString(a.date_fin_prevue)}`}, ${a.en_retard}, ${sqlString(phaseCode(a.phase))})`)
      .join(", ")}`);
  if (suivi.length > 0)
    await db.run(`INSERT INTO local_suivi VALUES ${suivi
      .map((r) => `(${[r.indicateur, r.niveau, r.code_geo].map(sqlString).join(", ")}, ${r.annee}, ${sqlNumber(r.numerateur)}, ${sqlNumber(r.denominateur)}, ${sqlString(suiviFile)})`)
      .join(", ")}`);
}
