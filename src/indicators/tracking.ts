// suivi-cibles: for every indicator x geography, the baseline, the latest usable value, the target when the copil set
// one, and the status (status.ts). The latest value is the most recent year after the baseline whose statut is usable
// by the same rule as the baseline (baselines.ts): complete values, or partial ones when the series has no other.
import type { Baseline, IndicatorDeclaration, IndicatorRow, Target, TrackingRow } from "./types.ts";
import { series, seriesKey, USABLE, usableStatuses } from "./baselines.ts";
import { targetStatus, trendStatus } from "./status.ts";

// "|| 0" turns -0 (no progress on a decrease target) into 0.
const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10 || 0);

export function computeTracking(
  rows: IndicatorRow[], baselines: Baseline[], targets: Target[], catalogue: readonly IndicatorDeclaration[], referenceYear: number, phase = "",
): TrackingRow[] {
  const declById = new Map(catalogue.map((d) => [d.id, d]));
  const baselineByKey = new Map(baselines.map((b) => [seriesKey(b), b]));
  const targetByKey = new Map(targets.map((t) => [seriesKey(t), t]));
  const out: TrackingRow[] = [];
  for (const [key, serie] of series(rows)) {
    const first = serie[0];
    const decl = first && declById.get(first.indicateur);
    const base = baselineByKey.get(key);
    if (!first || !decl || !base) continue;
    const target = targetByKey.get(key) ?? null;
    const statuses = base.valeurs_partielles ? usableStatuses(serie, referenceYear) : USABLE;
    const latest = base.annee === null ? undefined
      : serie.filter((r) => r.annee > (base.annee as number) && r.valeur !== null && statuses.has(r.statut)).at(-1);
    const row: TrackingRow = {
      indicateur: first.indicateur, axe: first.axe, niveau: first.niveau, code_geo: first.code_geo, libelle_geo: first.libelle_geo,
      sens_souhaite: decl.direction,
      annee_reference: base.annee, valeur_reference: base.valeur,
      derniere_annee: latest?.annee ?? null, derniere_valeur: latest?.valeur ?? null, statut_derniere_valeur: latest?.statut ?? null,
      type_cible: target?.type ?? null, valeur_cible: target?.valeur_cible ?? null, annee_cible: target?.annee_cible ?? null,
      cible_calculee: null, progression_attendue_pct: null, progression_realisee_pct: null,
      statut: "non_evaluable", commentaire: "", phase,
    };
    const notes: string[] = [];
    if (base.decalee) notes.push(`référence décalée à ${base.annee} (pas de valeur utilisable en ${referenceYear})`);
    if (base.valeurs_partielles) notes.push("valeurs partielles (composantes secrètes ou inconnues exclues) : comparaison indicative");
    if (base.valeur === null) notes.push(`aucune valeur en ${referenceYear} ou après : pas de référence`);
    if (target && base.valeur !== null)
      row.cible_calculee = target.type === "valeur" ? target.valeur_cible : Math.round(base.valeur * (1 + target.valeur_cible / 100) * 1e6) / 1e6;
    if (base.valeur !== null && base.annee !== null && !latest) notes.push(`aucune valeur utilisable postérieure à ${base.annee}${statuses.has("partiel") ? "" : " (les valeurs partielles ne sont pas comparées à une référence complète)"}`);
    if (base.valeur !== null && base.annee !== null && latest && latest.valeur !== null) {
      if (target && row.cible_calculee !== null) {
        if (target.annee_cible <= base.annee) notes.push(`année cible ${target.annee_cible} antérieure ou égale à l'année de référence ${base.annee} (${target.origine})`);
        else {
          const ev = targetStatus({
            baselineYear: base.annee, baseline: base.valeur, targetYear: target.annee_cible, target: row.cible_calculee,
            year: latest.annee, value: latest.valeur, direction: decl.direction,
          });
          row.statut = ev.statut;
          row.progression_attendue_pct = pct(ev.expected);
          row.progression_realisee_pct = pct(ev.achieved);
          if (ev.expected === null) notes.push("cible de maintien : écart à la référence dans le sens non souhaité");
        }
      } else row.statut = trendStatus(base.valeur, latest.valeur, decl.direction);
    }
    if (target) notes.push(`cible : ${target.origine}`);
    row.commentaire = notes.join(" ; ");
    out.push(row);
  }
  return out;
}
