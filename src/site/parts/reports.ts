// Annual evaluation reports (rapports.json): one report per year from the reference year to the latest year with
// data, built by src/report/model.ts from the computed indicators. The action plan comes from the action-plan part's
// actions.json when that part exists (src/site/parts/actions.ts), otherwise from the indicator actions_engagees_pct.
import { existsSync } from "node:fs";
import { CATALOGUE } from "../../indicators/index.ts";
import { formatProblem } from "../../format/location.ts";
import { actionsFromJson, progressFromActions, progressFromIndicator } from "../../report/actions.ts";
import { buildReports } from "../../report/model.ts";
import type { SiteContext, SiteFile, SitePart } from "../context.ts";

/** actions.json as the action-plan part produces it, or null when that part does not exist (or produces none). */
async function actionPlanJson(ctx: SiteContext): Promise<unknown> {
  const url = new URL("./actions.ts", import.meta.url);
  if (!existsSync(url)) return null;
  const mod = (await import(url.href)) as Record<string, unknown>;
  // Parts are named "<name>Files" (homeFiles, indicatorFiles...): only those are called.
  for (const [name, value] of Object.entries(mod)) {
    if (typeof value !== "function" || !name.endsWith("Files")) continue;
    try {
      const files = (await (value as SitePart)(ctx)) as Record<string, SiteFile> | undefined;
      const json = files && typeof files === "object" ? files["actions.json"] : undefined;
      if (json !== undefined) return typeof json === "string" ? JSON.parse(json) : json instanceof Uint8Array ? JSON.parse(new TextDecoder().decode(json)) : json;
    } catch (e) {
      // The action plan is the other part's business: its failure shows there; the report falls back on the indicator.
      console.error(`rapports : actions.json indisponible (${(e as Error).message}) ; repli sur l'indicateur actions_engagees_pct.`);
    }
  }
  return null;
}

/** The copil's commentary, as the evaluation read it; its refused rows are written to the build's messages, `fichier:ligne:colonne: raison`. */
function commentaries(ctx: SiteContext) {
  const read = ctx.local.commentaires;
  for (const r of read.rejections) console.error(`${formatProblem(r, r.reason)} (ligne écartée des rapports)`);
  for (const n of read.notes) console.error(`${read.file} : ${n}`);
  return read.commentaires;
}

/** Generation date: today, or SOURCE_DATE_EPOCH (seconds) for a reproducible build. */
export function generationDate(env: NodeJS.ProcessEnv = process.env, now = new Date()): string {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return (env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : now).toISOString().slice(0, 10);
}

export async function reportFiles(ctx: SiteContext): Promise<Record<string, SiteFile>> {
  const t = ctx.folder.territory;
  const plan = actionsFromJson(await actionPlanJson(ctx));
  return {
    "rapports.json": buildReports({
      territory: { id: t.id, nom: t.nom, annee_reference: t.referenceYear, periode_contrat: { debut: t.contractPeriod.start, fin: t.contractPeriod.end } },
      rows: ctx.result.rows,
      tracking: ctx.result.targets,
      sheets: ctx.result.sheets,
      catalogue: CATALOGUE,
      status: ctx.status,
      actionPlan: plan,
      actions: plan ? progressFromActions(plan.items, plan.date, plan.rule) : progressFromIndicator(ctx.result.rows),
      commentaries: commentaries(ctx),
      epcis: t.epcis,
      generatedOn: generationDate(),
      phases: t.phases,
    }),
  };
}
