// Puts the local files (action plan, follow-up values) into temporary DuckDB tables so that their indicators are
// declared in SQL like every other one. The tables always exist, empty when the file is absent. Their values are
// what a territory typed (titles, names, codes): appended as values, never written into SQL text.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Action } from "../local/actions.ts";
import type { SuiviRow } from "../local/suivi.ts";
import { appendDoubleOrNull, withAppender } from "../io/appender.ts";

/** The temporary tables of the local files, which a declaration's source may name. */
export const LOCAL_TABLES = ["local_actions", "local_suivi"] as const;

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
  // A number that is not finite is unknown (NULL); dates are ISO text, cast to DATE by the appender (strictly: an
  // impossible date fails as DATE '…' would).
  const number = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);
  await withAppender(db, "local_actions", async (appender) => {
    for (const a of actions) {
      for (const text of [a.id, a.axe, a.titre, a.porteur, a.statut]) appender.appendVarchar(text);
      appendDoubleOrNull(appender, number(a.avancement));
      appender.appendVarchar(a.date_mise_a_jour);
      appender.appendInteger(Number(a.date_mise_a_jour.slice(0, 4)));
      appender.appendVarchar(actionsFile);
      appendDoubleOrNull(appender, number(a.budget_prevu));
      appendDoubleOrNull(appender, number(a.budget_engage));
      if (a.date_fin_prevue === null) appender.appendNull();
      else appender.appendVarchar(a.date_fin_prevue);
      appender.appendBoolean(a.en_retard);
      appender.appendVarchar(phaseCode(a.phase));
      appender.endRow();
    }
  });
  await withAppender(db, "local_suivi", async (appender) => {
    for (const r of suivi) {
      for (const text of [r.indicateur, r.niveau, r.code_geo]) appender.appendVarchar(text);
      appender.appendInteger(r.annee);
      appendDoubleOrNull(appender, number(r.numerateur));
      appendDoubleOrNull(appender, number(r.denominateur));
      appender.appendVarchar(suiviFile);
      appender.endRow();
    }
  });
}
