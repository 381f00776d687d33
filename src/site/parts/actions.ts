// Action plan file for the pages: actions.json
//   territoire       id and name of the territory (its indicator rows are the ones shown)
//   actions          every loaded action of data/local/actions.csv, with the derived "en_retard"
//   date_situation   the date lateness is judged at (newest date_mise_a_jour), and the rule in words
//   indicateurs      title, unit, axis of every linked indicator, and whether it has territory values (the BMO ones
//                    are published per bassin only); the page formats their latest values from indicateurs.json
//   par_indicateur   indicator id -> actions aiming at it [{id, titre}], for the links from the axis pages
//   totaux           planned and engaged budgets per axis, per porteur and overall (abandoned actions excluded)
//   actions[].sites_lies  the brownfield sites (Cartofriches, friches.json) the action's title or description names
//   rejets, avertissements  the rows refused and the warnings, as `ti validate` gives them
// Text fields are passed as plain strings: the page interpolates them with htl, which escapes them.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { CATALOGUE, LOCAL_FILES } from "../../indicators/index.ts";
import { localPhases, type LocalPhases } from "../../local/phases.ts";
import { AXES_SETS } from "../../phases/axes.ts";
import type { Territory } from "../../territory/territory.ts";
import { ACTION_STATUSES, LATE_RULE, readActions, type Action, type ActionsRead } from "../../local/actions.ts";
import type { LocalContext } from "../../local/context.ts";
import type { Rejection } from "../../sources/types.ts";
import type { SiteContext, SiteFile } from "../context.ts";
import { namesSite, readFricheSites, type FricheSite } from "../friches.ts";

/** A brownfield site an action names, for the link to the site list. */
export interface LinkedSite {
  id: string;
  nom: string | null;
  commune_nom: string;
}

export type PublishedAction = Omit<Action, "extra" | "line"> & { ligne: number; sites_lies: LinkedSite[] };

export interface BudgetTotal {
  cle: string;
  /** Actions counted (not abandoned). */
  actions: number;
  /** Sums of the known amounts, in euros (null when no amount is known). */
  budget_prevu: number | null;
  budget_engage: number | null;
  /** Actions whose amount is not given: the sum is then a minimum. */
  prevu_inconnus: number;
  engage_inconnus: number;
}

export interface ActionsJson {
  /** The territory whose indicator values the page shows beside the actions (saves loading territoire.json). */
  territoire: { id: string; nom: string };
  fichier: string;
  present: boolean;
  demonstration: boolean;
  date_situation: string | null;
  regle_retard: string;
  axes: string[];
  statuts: string[];
  actions: PublishedAction[];
  indicateurs: Record<string, { titre: string; unite: string; axe: string; territoire: boolean }>;
  par_indicateur: Record<string, { id: string; titre: string }[]>;
  totaux: { par_axe: BudgetTotal[]; par_porteur: BudgetTotal[]; ensemble: BudgetTotal };
  rejets: { ligne: number; colonne: string; valeur: string; message: string }[];
  avertissements: { ligne: number; colonne: string; valeur: string; message: string }[];
}

function total(cle: string, actions: Action[]): BudgetTotal {
  const counted = actions.filter((a) => a.statut !== "abandonnée");
  const sum = (pick: (a: Action) => number | null) => {
    const known = counted.map(pick).filter((v): v is number => v !== null);
    return known.length === 0 ? null : Math.round(known.reduce((s, v) => s + v, 0) * 100) / 100;
  };
  return {
    cle,
    actions: counted.length,
    budget_prevu: sum((a) => a.budget_prevu),
    budget_engage: sum((a) => a.budget_engage),
    prevu_inconnus: counted.filter((a) => a.budget_prevu === null).length,
    engage_inconnus: counted.filter((a) => a.budget_engage === null).length,
  };
}

/** Whether the file says, in its comment lines, that it holds demonstration examples. */
async function isDemonstration(file: string): Promise<boolean> {
  try {
    const text = await readFile(file, "utf8");
    return text.split(/\r\n?|\n/).some((l) => l.trimStart().startsWith("#") && /d[ée]monstration/i.test(l));
  } catch {
    return false;
  }
}

const published = (r: Rejection) => ({ ligne: r.line, colonne: r.column, valeur: r.value, message: r.reason });

/** The plan's actions as the pages read them: data/local/actions.csv checked against the catalogue only (no geography in this file). */
export async function readPlanActions(dataDir: string, phases?: LocalPhases) {
  const file = path.join(dataDir, "local", LOCAL_FILES.actions);
  const ctx: LocalContext = {
    indicators: new Map(CATALOGUE.map((d) => [d.id, { levels: d.levels, kind: d.aggregation.kind, suivi: d.source.tables.includes("local_suivi") }])),
    geographies: new Map(),
    ...(phases ? { phases } : {}),
  };
  return { ...(await readActions(file, ctx)), file: `local/${LOCAL_FILES.actions}` };
}

/** `read`: the plan as the evaluation read it (src/local/inputs.ts); without it, the file is read here. */
export async function buildActionsJson(
  dataDir: string, territoire: { id: string; nom: string; phases?: Territory["phases"]; currentPhase?: Territory["currentPhase"] }, sites: readonly FricheSite[] = [],
  read?: ActionsRead & { file: string },
): Promise<ActionsJson> {
  const phases = territoire.phases && territoire.currentPhase ? localPhases({ phases: territoire.phases, currentPhase: territoire.currentPhase }) : undefined;
  read ??= await readPlanActions(dataDir, phases);
  // The axes of the phases the territory has: Attirer... then the four priorities of 2023-2027.
  const axes = [...new Set([...(phases?.phases.map((p) => p.axes) ?? ["axes-2019" as const])].flatMap((set) => AXES_SETS[set].axes.map((a) => a.court)))];
  const { actions } = read;
  const file = path.resolve(dataDir, read.file);

  const indicateurs: ActionsJson["indicateurs"] = {};
  const parIndicateur: ActionsJson["par_indicateur"] = {};
  for (const a of actions) {
    for (const id of a.indicateurs_lies) {
      const decl = CATALOGUE.find((d) => d.id === id);
      if (decl) indicateurs[id] = { titre: decl.title, unite: decl.unit, axe: decl.axis, territoire: decl.levels.includes("territoire") };
      (parIndicateur[id] ??= []).push({ id: a.id, titre: a.titre });
    }
  }
  const porteurs = [...new Set(actions.map((a) => a.porteur))].sort((x, y) => x.localeCompare(y, "fr"));

  return {
    territoire: { id: territoire.id, nom: territoire.nom },
    fichier: path.relative(dataDir, file).split(path.sep).join("/"),
    present: read.present,
    demonstration: read.present && (await isDemonstration(file)),
    date_situation: read.referenceDate,
    regle_retard: LATE_RULE,
    axes,
    statuts: [...ACTION_STATUSES],
    actions: actions.map(({ extra: _extra, line, ...a }) => ({
      ...a,
      ligne: line,
      sites_lies: sites.filter((s) => namesSite(a, s)).map((s) => ({ id: s.id, nom: s.nom, commune_nom: s.commune_nom })),
    })),
    indicateurs,
    par_indicateur: parIndicateur,
    totaux: {
      par_axe: axes.map((axe) => total(axe, actions.filter((a) => a.axe === axe))),
      par_porteur: porteurs.map((p) => total(p, actions.filter((a) => a.porteur === p))),
      ensemble: total("Ensemble du plan", actions),
    },
    rejets: read.rejections.map(published),
    avertissements: read.warnings.map(published),
  };
}

export async function actionFiles(ctx: SiteContext): Promise<Record<string, SiteFile>> {
  const { sites } = await readFricheSites(ctx.folder);
  // The plan's indicator values are those of the current phase's territory rows (its code, not the configuration's id).
  const t = ctx.folder.territory;
  return { "actions.json": await buildActionsJson(ctx.dataDir, { id: t.currentPhase.code, nom: t.nom, phases: t.phases, currentPhase: t.currentPhase }, sites, ctx.local.actions) };
}
