// The known limits of one year's report, derived from the data: statuses of that year's values (secret, partial,
// provisional, missing), breaks in series from the indicator sheets, shifted baselines and stale values.
import { formatNumber } from "../format/number.ts";
import type { IndicatorRow, IndicatorSheet, Level } from "../indicators/types.ts";
import { joinFrench, plural } from "./format.ts";
import type { ReportRow } from "./types.ts";

const LEVEL_PLURAL: Record<Level, [string, string]> = {
  commune: ["valeur communale", "valeurs communales"],
  epci: ["valeur d'EPCI", "valeurs d'EPCI"],
  territoire: ["valeur du territoire", "valeurs du territoire"],
  bassin_emploi: ["valeur de bassin d'emploi", "valeurs de bassin d'emploi"],
};
const LEVEL_ORDER: Level[] = ["territoire", "epci", "bassin_emploi", "commune"];

export interface LimitsInput {
  year: number;
  /** Every row of the year, all levels. */
  rows: readonly IndicatorRow[];
  sheets: readonly IndicatorSheet[];
  /** The report's rows (territory or bassin level) of the year. */
  reportRows: readonly ReportRow[];
  demonstration: boolean;
}

/** "Emploi salarié privé : 12 valeurs communales, 1 valeur d'EPCI" per indicator with that status. */
function byIndicator(rows: readonly IndicatorRow[], titles: Map<string, string>): string[] {
  const counts = new Map<string, Map<Level, number>>();
  for (const r of rows) {
    const m = counts.get(r.indicateur) ?? new Map<Level, number>();
    m.set(r.niveau, (m.get(r.niveau) ?? 0) + 1);
    counts.set(r.indicateur, m);
  }
  return [...counts].map(([id, m]) => {
    const parts = LEVEL_ORDER.filter((l) => m.has(l)).map((l) => {
      const n = m.get(l)!;
      return `${formatNumber(n)} ${LEVEL_PLURAL[l][n > 1 ? 1 : 0]}`;
    });
    return `${titles.get(id) ?? id} (${parts.join(", ")})`;
  });
}

export function yearLimits(input: LimitsInput): string[] {
  const { year, rows, sheets, reportRows } = input;
  const titles = new Map(sheets.map((s) => [s.id, s.title]));
  const inReport = new Set(reportRows.map((r) => r.indicateur));
  const ofYear = rows.filter((r) => r.annee === year && inReport.has(r.indicateur));
  const out: string[] = [];
  if (input.demonstration)
    out.push("Données de démonstration : tous les chiffres de ce rapport sont fictifs, générés pour montrer l'outil ; ce ne sont pas des statistiques officielles et ils ne doivent pas être cités.");

  const secret = ofYear.filter((r) => r.statut === "secret");
  if (secret.length > 0)
    out.push(`Secret statistique en ${year} : ${joinFrench(byIndicator(secret, titles))}. Ces valeurs sont inconnues, jamais comptées comme zéro.`);
  const partial = ofYear.filter((r) => r.statut === "partiel" && r.niveau !== "commune");
  if (partial.length > 0)
    out.push(`Agrégats partiels en ${year} (composantes secrètes ou inconnues exclues : la valeur est un minorant) : ${joinFrench(byIndicator(partial, titles))}.`);
  const provisional = ofYear.filter((r) => r.statut === "provisoire");
  if (provisional.length > 0)
    out.push(`Valeurs provisoires en ${year}, susceptibles d'être révisées : ${joinFrench(byIndicator(provisional, titles))}.`);
  const missing = reportRows.filter((r) => r.valeur === null);
  if (missing.length > 0)
    out.push(`Pas de valeur connue en ${year} pour ${plural(missing.length, "indicateur")} : ${joinFrench(missing.map((r) => r.titre + (r.niveau === "territoire" ? "" : ` (${r.libelle_geo})`)))}.`);

  // The reference is always the configured year (src/indicators/tracking.ts): say when its value is unknown or partial.
  const where = (r: ReportRow) => r.titre + (r.niveau === "territoire" ? "" : ` (${r.libelle_geo})`);
  const unknownBase = reportRows.filter((r) => /référence \d{4} inconnue/.test(r.commentaire));
  if (unknownBase.length > 0)
    out.push(`Référence inconnue (pas de valeur l'année de référence ; aucune autre année ne la remplace) : ${joinFrench(unknownBase.map(where))}.`);
  const partialBase = reportRows.filter((r) => /comparaison indicative/.test(r.commentaire));
  if (partialBase.length > 0)
    out.push(`Comparaison indicative, une des valeurs comparées étant partielle (composantes secrètes ou inconnues exclues) : ${joinFrench(partialBase.map(where))}.`);
  const stale = reportRows.filter((r) => r.derniere_annee !== null && r.derniere_annee < year);
  if (stale.length > 0)
    out.push(`Statut évalué sur une valeur antérieure à ${year} (pas de valeur utilisable cette année-là) : ${joinFrench(stale.map((r) => `${r.titre} (${r.derniere_annee})`))}.`);

  // Breaks in series and other limits declared in the sheets, once per text (a source's limits are shared by its indicators).
  const breaks = new Map<string, string[]>();
  for (const s of sheets) {
    if (!inReport.has(s.id)) continue;
    for (const l of s.source.limits) if (/rupture|révis/i.test(l)) breaks.set(l, [...(breaks.get(l) ?? []), s.title]);
  }
  for (const [limit, ids] of breaks) out.push(`${limit.replace(/\.$/, "")} (${joinFrench(ids)}).`);
  out.push("Les valeurs des années passées sont celles des millésimes chargés aujourd'hui (révisions comprises), pas forcément celles publiées à l'époque.");
  return out;
}
