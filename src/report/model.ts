// The annual reports (rapports.json): for every year from the reference year to the latest year with data, the
// tracking evaluated with the rows up to that year, per axis, with generated sentences, key charts and limits.
import { ENVELOPE_LATE_PACE, ENVELOPE_ON_TRACK_PACE, KEEP_LATE_PCT, KEEP_ON_TRACK_PCT, LATE_GAP, ON_TRACK_GAP, STABLE_PCT } from "../indicators/status.ts";
import type { Axis, IndicatorDeclaration, IndicatorRow, IndicatorSheet, TrackingRow } from "../indicators/types.ts";
import type { DataStatus } from "../site/data-status.ts";
import { formatLongDate, formatNumber } from "../format/number.ts";
import type { Commentary } from "../local/commentaires.ts";
import { progressFromActions } from "./actions.ts";
import { epciComparison } from "./epci.ts";
import { targetsOf, trackingForYear } from "./evaluate.ts";
import { computeChange } from "./format.ts";
import { yearLimits } from "./limits.ts";
import { axisSummary, overallSummary, statusCounts } from "./summary.ts";
import { AXES_SETS, axisOf } from "../phases/axes.ts";
import type { Phase } from "../phases/phase.ts";
import { phaseOfReport, REPORT_KIND_LABELS, reportKind } from "../phases/reports.ts";
import type { ActionItem, ActionsProgress, ReportAxis, ReportCommentary, ReportChart, ReportRow, ReportSource, ReportsFile, ReportYear } from "./types.ts";
import { reportYears } from "../evaluation/report-years.ts";

export const AXES: Axis[] = ["Attirer", "Recruter", "Innover", "Simplifier"];
/** Charts per axis in the report: enough to show the key series, few enough to keep the PDF short. */
export const CHARTS_PER_AXIS = 2;
/** Years of context shown before the reference year on the charts. */
export const CHART_YEARS_BEFORE_REFERENCE = 3;

export interface ReportsInput {
  territory: ReportsFile["territoire"];
  rows: readonly IndicatorRow[];
  /** The full tracking (result.targets): gives the copil's targets and the geographies of each indicator. */
  tracking: readonly TrackingRow[];
  sheets: readonly IndicatorSheet[];
  catalogue: readonly IndicatorDeclaration[];
  status: DataStatus;
  /** The action plan (actions.json), shown in every report for the actions of the report's phase. */
  actionPlan?: { items: ActionItem[]; date: string | null; rule: string | null } | null;
  /** Without a plan file: its progress from the indicator actions_engagees_pct (a snapshot of the newest year). */
  actions: ActionsProgress | null;
  /** The copil's commentary (data/local/commentaires.csv). */
  commentaries?: readonly Commentary[];
  /** EPCIs of the territory (SIREN and name), for the comparison. */
  epcis?: readonly { siren: string; nom: string }[];
  /** YYYY-MM-DD. */
  generatedOn: string;
  /** Contract phases (absent: one phase made of `territory`, axes-2019). */
  phases?: readonly (Pick<Phase, "id" | "nom" | "code" | "period" | "referenceYear" | "axes"> & { epcis?: string[] })[];
}

const key = (r: { indicateur: string; niveau: string; code_geo: string }) => `${r.indicateur}|${r.niveau}|${r.code_geo}`;

/** The geographies a report shows for an indicator: the territory, or the BMO bassins for indicators without it. */
export function reportGeographies(decl: IndicatorDeclaration, tracking: readonly TrackingRow[], territoryId: string): TrackingRow[] {
  if (decl.levels.includes("territoire")) return tracking.filter((t) => t.indicateur === decl.id && t.niveau === "territoire" && t.code_geo === territoryId);
  return tracking.filter((t) => t.indicateur === decl.id && t.niveau === "bassin_emploi").sort((a, b) => a.code_geo.localeCompare(b.code_geo));
}

function sheetIsDemonstration(sheet: IndicatorSheet, status: DataStatus): boolean {
  const demo = new Set(status.sources.filter((s) => s.demonstration).flatMap((s) => [s.chemin, s.chemin.split("/").at(-1)!]));
  return sheet.source.files.some((f) => demo.has(f) || demo.has(f.split("/").at(-1)!));
}

function chartSource(sheet: IndicatorSheet, status: DataStatus): ReportChart["source"] {
  return {
    producteur: sheet.source.producer, jeu_de_donnees: sheet.source.dataset, millesime: sheet.source.vintage ?? "inconnu",
    licence: sheet.source.licence, demonstration: sheetIsDemonstration(sheet, status),
  };
}

/** The action plan of a report: the actions of its phase, in their state at the plan's newest update. */
function phasePlan(plan: NonNullable<ReportsInput["actionPlan"]>, phaseId: string, year: number): { progress: ActionsProgress | null; note: string } {
  const items = plan.items.filter((a) => a.phase === null || a.phase === phaseId);
  if (items.length === 0) return { progress: null, note: `Le plan d'actions ne contient aucune action de la phase ${phaseId}.` };
  const date = plan.date ?? items.map((a) => a.date_mise_a_jour).filter((d): d is string => !!d).sort().at(-1) ?? null;
  const when = date ? `au ${formatLongDate(date)}` : "à sa dernière mise à jour (date inconnue)";
  const later = date !== null && Number(date.slice(0, 4)) > year;
  return {
    progress: progressFromActions(items, date, plan.rule),
    note: `Actions de la phase ${phaseId}, dans leur état ${when}${later ? `, postérieur à ${year} : le plan ne garde pas d'historique, seul son dernier état est connu` : ""}.`,
  };
}

function commentaryOf(list: readonly Commentary[] | undefined, phase: string, year: number, axe: string | null): ReportCommentary | null {
  const c = list?.find((x) => x.phase === phase && x.annee === year && x.axe === axe);
  return c ? { paragraphes: c.paragraphes, origine: c.origine } : null;
}

function reportRow(decl: IndicatorDeclaration, geo: TrackingRow, evaluated: TrackingRow | undefined, value: IndicatorRow | undefined, year: number): ReportRow {
  const t = evaluated;
  return {
    indicateur: decl.id, titre: decl.title, axe: decl.axis, type: decl.type, unite: decl.unit, sens_souhaite: decl.direction,
    niveau: geo.niveau, code_geo: geo.code_geo, libelle_geo: geo.libelle_geo,
    valeur: value?.valeur ?? null, statut_valeur: value?.statut ?? null,
    annee_reference: t?.annee_reference ?? null, valeur_reference: t?.valeur_reference ?? null,
    derniere_annee: t?.derniere_annee ?? null, derniere_valeur: t?.derniere_valeur ?? null, statut_derniere_valeur: t?.statut_derniere_valeur ?? null,
    evolution: t ? computeChange(t.valeur_reference, t.derniere_valeur, decl.unit) : null,
    type_cible: geo.type_cible, cible_calculee: t?.cible_calculee ?? null, annee_cible: geo.annee_cible,
    progression_attendue_pct: t?.progression_attendue_pct ?? null, progression_realisee_pct: t?.progression_realisee_pct ?? null,
    statut: t?.statut ?? "non_evaluable",
    commentaire: t?.commentaire ?? `aucune valeur jusqu'en ${year}`,
  };
}

const TYPE_RANK: Record<string, number> = { impact: 0, "résultat": 1, "réalisation": 2, contexte: 3 };

/** Key charts of an axis: territory series with a target first, then impact and result indicators, in catalogue order. */
function axisCharts(decls: IndicatorDeclaration[], rowsOf: Map<string, IndicatorRow[]>, reportRows: ReportRow[], input: ReportsInput, ref: number, year: number): ReportChart[] {
  const candidates = reportRows
    .filter((r) => r.niveau === "territoire")
    .map((r, i) => ({ r, i, points: (rowsOf.get(key(r)) ?? []).filter((p) => p.annee <= year && p.annee >= ref - CHART_YEARS_BEFORE_REFERENCE) }))
    .filter((c) => c.points.filter((p) => p.valeur !== null).length >= 2)
    .sort((a, b) => Number(b.r.cible_calculee !== null) - Number(a.r.cible_calculee !== null) || (TYPE_RANK[a.r.type] ?? 9) - (TYPE_RANK[b.r.type] ?? 9) || a.i - b.i)
    .slice(0, CHARTS_PER_AXIS);
  return candidates.map(({ r, points }) => {
    const sheet = input.sheets.find((s) => s.id === r.indicateur)!;
    const decl = decls.find((d) => d.id === r.indicateur)!;
    return {
      titre: `${decl.title}, ${r.libelle_geo}`,
      unite: decl.unit,
      series: [{ indicateur: decl.id, libelle: decl.title }],
      points: points.map((p) => ({ annee: p.annee, indicateur: p.indicateur, libelle: decl.title, valeur: p.valeur, statut: p.statut })),
      reference: r.annee_reference !== null && r.valeur_reference !== null ? { annee: r.annee_reference, valeur: r.valeur_reference } : null,
      cible: r.cible_calculee !== null && r.annee_cible !== null ? { annee: r.annee_cible, valeur: r.cible_calculee } : null,
      source: chartSource(sheet, input.status),
    };
  });
}

export function methodRules(referenceYear: number): string[] {
  const pct = (x: number) => formatNumber(x * 100);
  return [
    `Chaque rapport annuel est calculé avec les seules valeurs des années jusqu'à l'année du rapport : la référence, la dernière valeur utilisable et le statut sont ceux qu'on pouvait évaluer cette année-là.`,
    `Référence : la valeur de ${referenceYear}, année de référence du contrat, toujours ; partielle, elle est utilisée et la comparaison est dite indicative ; inconnue, l'indicateur n'est pas évaluable (une autre année ne la remplace jamais, et une cible relative à la référence reste non calculable).`,
    `Dernière valeur : la plus récente valeur complète (statut ok ou provisoire) ; à défaut, la plus récente valeur partielle, signalée comme telle.`,
    `Enveloppe foncière (ZAN) : la part de l'enveloppe consommée est comparée à la part de la période écoulée (trajectoire linéaire) ; un rythme d'au plus ${formatNumber(ENVELOPE_ON_TRACK_PACE, 2)} fois la trajectoire est « en bonne voie », d'au plus ${formatNumber(ENVELOPE_LATE_PACE, 2)} fois « à surveiller », au-delà « en retard ».`,
    `Statut par rapport à une cible du comité de pilotage : la trajectoire va en ligne droite de la référence à la cible ; si l'avancement réalisé a moins de ${pct(ON_TRACK_GAP)} points de retard sur l'avancement attendu, l'indicateur est « en bonne voie », jusqu'à ${pct(LATE_GAP)} points « à surveiller », au-delà « en retard ». Cible de maintien : écart défavorable de ${formatNumber(KEEP_ON_TRACK_PCT)} % au plus « en bonne voie », ${formatNumber(KEEP_LATE_PCT)} % au plus « à surveiller ».`,
    `Sans cible : sens de l'évolution depuis la référence, « stable » si l'écart est de ${formatNumber(STABLE_PCT)} % au plus, sinon « en amélioration » ou « en dégradation » selon le sens souhaité (« en hausse » ou « en baisse » pour un indicateur de contexte).`,
    `Évolution : en points pour un pourcentage, en % de la référence sinon.`,
    `Les ratios sont recalculés à chaque niveau à partir des numérateurs et dénominateurs sommés, jamais moyennés. Une valeur inconnue n'est jamais comptée comme zéro.`,
    `Les phrases de synthèse sont produites automatiquement à partir des chiffres ; elles constatent des évolutions et n'en donnent pas les causes.`,
  ];
}

function methodSources(status: DataStatus): ReportSource[] {
  const groups = new Map<string, DataStatus["sources"]>();
  for (const s of status.sources) {
    if (s.probleme) continue;
    const k = s.source ?? s.chemin;
    groups.set(k, [...(groups.get(k) ?? []), s]);
  }
  return [...groups].map(([source, files]) => ({
    source,
    producteur: files[0]!.producteur || files[0]!.libelle,
    jeu_de_donnees: files[0]!.jeu_de_donnees,
    licence: files[0]!.licence,
    millesimes: [...new Set(files.map((f) => f.millesime ?? "inconnu"))].join(", "),
    fichiers: files.map((f) => f.chemin),
    demonstration: files.some((f) => f.demonstration),
  }));
}

export function buildReports(input: ReportsInput): ReportsFile {
  const phases = input.phases ?? [{
    id: `${input.territory.periode_contrat.debut}-${input.territory.periode_contrat.fin}`, nom: input.territory.nom, code: input.territory.id,
    period: { start: input.territory.periode_contrat.debut, end: input.territory.periode_contrat.fin }, referenceYear: input.territory.annee_reference, axes: "axes-2019" as const,
  }];
  const years = reportYears(input.rows, input.catalogue, Math.min(...phases.map((p) => p.referenceYear)));
  const rowsOf = new Map<string, IndicatorRow[]>();
  for (const r of input.rows) {
    if (r.niveau === "commune") continue;
    rowsOf.set(key(r), [...(rowsOf.get(key(r)) ?? []), r]);
  }
  for (const list of rowsOf.values()) list.sort((a, b) => a.annee - b.annee);
  const latestYear = years.at(-1);

  const rapports: Record<string, ReportYear> = {};
  for (const year of years) {
    // The phase of the year: its reference year, territory group, tracking (targets) and axes.
    const phase = phaseOfReport(phases, year);
    const ref = phase.referenceYear;
    const set = AXES_SETS[phase.axes];
    const tracking = input.tracking.filter((t) => (t.phase ?? phase.id) === phase.id);
    const targets = targetsOf(tracking);
    const own = input.rows.filter((r) => r.niveau !== "territoire" || r.code_geo === phase.code);
    const evaluated = new Map(trackingForYear(own, targets, input.catalogue, ref, year).map((t) => [key(t), t]));
    const axes: ReportAxis[] = [];
    const all: ReportRow[] = [];
    for (const axis of set.axes) {
      const axe = axis.nom;
      const decls = input.catalogue.filter((d) => axisOf(set.id, d) === axis.id);
      const rows = decls.flatMap((d) =>
        reportGeographies(d, tracking, phase.code).map((g) =>
          reportRow(d, g, evaluated.get(key(g)), rowsOf.get(key(g))?.find((r) => r.annee === year), year)),
      );
      all.push(...rows);
      axes.push({
        axe, id: axis.id, court: axis.court, synthese: axisSummary(axe, rows, year, ref), comptes: statusCounts(rows), commentaire: commentaryOf(input.commentaries, phase.id, year, axis.id),
        indicateurs: rows, graphiques: axisCharts(decls, rowsOf, rows, input, ref, year),
      });
    }
    const snapshotHere = year === latestYear && input.actions !== null;
    const plan = input.actionPlan ? phasePlan(input.actionPlan, phase.id, year) : null;
    const epciNames = new Map((input.epcis ?? []).map((e) => [e.siren, e.nom]));
    const phaseEpcis = "epcis" in phase && phase.epcis ? phase.epcis : [...epciNames.keys()];
    const kind = reportKind(phase, year);
    rapports[String(year)] = {
      annee: year,
      phase: { id: phase.id, nom: phase.nom, code: phase.code, annee_reference: ref, periode: { debut: phase.period.start, fin: phase.period.end }, axes: set.nom },
      nature: kind,
      nature_libelle: REPORT_KIND_LABELS[kind],
      synthese: overallSummary(all, year, ref),
      comptes: statusCounts(all),
      commentaire: commentaryOf(input.commentaries, phase.id, year, null),
      comparaison_epci: epciComparison({
        year, referenceYear: ref, territory: { code: phase.code, nom: phase.nom },
        epcis: phaseEpcis.map((code) => ({ code, nom: epciNames.get(code) ?? code })),
        rows: input.rows.filter((r) => r.niveau === "epci" || r.niveau === "territoire"), catalogue: input.catalogue,
        targeted: new Set(targets.filter((t) => t.niveau === "territoire").map((t) => t.indicateur)),
        sourceOf: (id) => { const sheet = input.sheets.find((s) => s.id === id); return sheet ? chartSource(sheet, input.status) : null; },
        axisOf: (d) => axisOf(set.id, d),
      }),
      axes,
      limites: yearLimits({ year, rows: input.rows.filter((r) => r.annee === year), sheets: input.sheets, reportRows: all, demonstration: input.status.demonstration }),
      actions: plan ? plan.progress : snapshotHere ? input.actions : null,
      actions_note: plan ? plan.note : input.actions === null
        ? "Aucun plan d'actions chargé (fichier data/local/actions.csv absent ou sans action valide)."
        : snapshotHere
          ? `Le plan d'actions ne conserve pas d'historique : il est présenté dans son état à la dernière mise à jour (${input.actions.date_mise_a_jour ?? "date inconnue"}).`
          : `Le plan d'actions ne conserve pas d'historique : son état à la dernière mise à jour (${input.actions.date_mise_a_jour ?? "date inconnue"}) figure dans le rapport ${latestYear}.`,
    };
  }
  return {
    territoire: input.territory,
    genere_le: input.generatedOn,
    demonstration: input.status.demonstration,
    titre_avertissement: input.status.titre_avertissement,
    avertissement: input.status.avertissement,
    annees: years,
    methodologie: {
      regles: methodRules(phases[0]!.referenceYear),
      sources: methodSources(input.status),
      indicateurs: input.sheets.map((s) => ({ indicateur: s.id, titre: s.title, source: `${s.source.producer}, ${s.source.dataset}`, millesime: s.source.vintage, licence: s.source.licence })),
    },
    rapports,
  };
}
