// suivi-cibles: for every indicator x geography, the baseline (the configured reference year, baselines.ts), the
// latest value, the target when the copil set one, and the status (status.ts).
//   - latest value: the most recent complete (ok, provisoire) value after the reference year; failing any, the most
//     recent partial one. A comparison with a partial value at either end is given, and said to be indicative.
//   - unknown reference: no change, no trajectory, « non évaluable »; a relative target (evolution_pct) cannot be
//     turned into a value either: it was voted relative to that year, and no other year replaces it.
//   - an envelope (ZAN, declaration.envelope) is judged against its linear path, without a baseline, unless the copil
//     set a target of its own on it.
import { formatNumber } from "../format/number.ts";
import type { Baseline, IndicatorDeclaration, IndicatorRow, Target, TrackingRow } from "./types.ts";
import { series, seriesKey, USABLE } from "./baselines.ts";
import { envelopeStatus, targetStatus, trendStatus } from "./status.ts";

// "|| 0" turns -0 (no progress on a decrease target) into 0.
const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10 || 0);

const plural = (n: number, word: string, words = `${word}s`) => `${formatNumber(n)} ${n > 1 ? words : word}`;

/** Why the reference is not a plain complete value, in a few words; "" when it is one. */
export function referenceNote(b: Baseline, firstYear: number | null): string {
  if (b.valeur === null) {
    const why = b.statut === "secret" ? "secret statistique" : firstYear !== null && firstYear > b.annee ? `pas de donnée avant ${firstYear}` : "aucune donnée";
    return `référence ${b.annee} inconnue (${why})`;
  }
  if (b.statut !== "partiel") return "";
  const parts = [
    ...(b.communes_sans_donnee ? [`${plural(b.communes_sans_donnee, "commune")} sans donnée`] : []),
    ...(b.communes_partielles ? [`${plural(b.communes_partielles, "commune partielle", "communes partielles")}`] : []),
  ];
  return `référence ${b.annee} partielle : ${parts.length > 0 ? parts.join(", ") : "calculée sur les seules composantes connues"}`;
}

/** The value compared with the reference: the newest complete one after `after`, else the newest partial one. */
export function latestValue(serie: IndicatorRow[], after: number): IndicatorRow | undefined {
  const later = serie.filter((r) => r.annee > after && r.valeur !== null);
  return later.filter((r) => USABLE.has(r.statut)).at(-1) ?? later.filter((r) => r.statut === "partiel").at(-1);
}

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
    const envelope = decl.envelope && !target ? decl.envelope : null;
    const known = base.valeur !== null;
    const latest = envelope ? latestValue(serie, envelope.start - 1) : known ? latestValue(serie, referenceYear) : undefined;
    const firstYear = serie.find((r) => r.valeur !== null)?.annee ?? null;
    const row: TrackingRow = {
      indicateur: first.indicateur, axe: first.axe, niveau: first.niveau, code_geo: first.code_geo, libelle_geo: first.libelle_geo,
      sens_souhaite: decl.direction,
      annee_reference: referenceYear, valeur_reference: base.valeur,
      derniere_annee: latest?.annee ?? null, derniere_valeur: latest?.valeur ?? null, statut_derniere_valeur: latest?.statut ?? null,
      type_cible: target?.type ?? null, valeur_cible: target?.valeur_cible ?? null, annee_cible: target?.annee_cible ?? null,
      cible_calculee: null, progression_attendue_pct: null, progression_realisee_pct: null,
      statut: "non_evaluable",
      statut_reference: base.statut,
      note_reference: envelope ? "" : referenceNote(base, firstYear),
      premiere_annee: envelope ? null : base.premiere_annee,
      premiere_valeur: envelope ? null : base.premiere_valeur,
      commentaire: "", phase,
    };
    const notes: string[] = [];
    if (row.note_reference) notes.push(row.note_reference);
    if (!known && !envelope && base.premiere_annee !== null)
      notes.push(`première valeur connue en ${base.premiere_annee}, pour information : elle ne remplace pas la référence`);

    if (envelope) {
      row.cible_calculee = 100;
      row.annee_cible = envelope.end;
      if (!latest || latest.valeur === null) notes.push(`aucune valeur depuis ${envelope.start} : enveloppe non évaluable`);
      else {
        const ev = envelopeStatus({ start: envelope.start, end: envelope.end, year: latest.annee, consumedPct: latest.valeur });
        row.statut = ev.statut;
        row.progression_attendue_pct = pct(ev.expected);
        row.progression_realisee_pct = pct(ev.achieved);
        notes.push(`enveloppe ${envelope.start}-${envelope.end} : ${formatNumber(ev.achieved * 100, 0)} % consommés fin ${latest.annee} pour ${formatNumber(ev.expected * 100, 0)} % de la période écoulée (rythme ${formatNumber(ev.pace, 2)} fois la trajectoire linéaire)`);
      }
    } else if (target) {
      if (target.type === "valeur") row.cible_calculee = target.valeur_cible;
      else if (known) row.cible_calculee = Math.round((base.valeur as number) * (1 + target.valeur_cible / 100) * 1e6) / 1e6;
      else notes.push(`cible relative à la référence ${referenceYear}, inconnue : non calculable`);
    }

    if (!envelope && known && !latest) notes.push(`aucune valeur connue après ${referenceYear}`);
    if (!envelope && known && latest && latest.valeur !== null) {
      if (target && row.cible_calculee !== null) {
        if (target.annee_cible <= referenceYear) notes.push(`année cible ${target.annee_cible} antérieure ou égale à l'année de référence ${referenceYear} (${target.origine})`);
        else {
          const ev = targetStatus({
            baselineYear: referenceYear, baseline: base.valeur as number, targetYear: target.annee_cible, target: row.cible_calculee,
            year: latest.annee, value: latest.valeur, direction: decl.direction,
          });
          row.statut = ev.statut;
          row.progression_attendue_pct = pct(ev.expected);
          row.progression_realisee_pct = pct(ev.achieved);
          if (ev.expected === null) notes.push("cible de maintien : écart à la référence dans le sens non souhaité");
        }
      } else row.statut = trendStatus(base.valeur as number, latest.valeur, decl.direction);
    }
    if (latest?.statut === "partiel") notes.push(`dernière valeur (${latest.annee}) partielle`);
    if (row.statut !== "non_evaluable" && (base.statut === "partiel" || latest?.statut === "partiel") && !envelope)
      notes.push("comparaison indicative : valeur partielle (composantes secrètes ou inconnues exclues)");
    if (envelope && latest?.statut === "partiel") notes.push("valeur indicative (composantes secrètes ou inconnues exclues)");
    if (target) notes.push(`cible : ${target.origine}`);
    row.commentaire = notes.join(" ; ");
    out.push(row);
  }
  return out;
}
