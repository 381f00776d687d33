// The optional `phase` column of the territory's own files (cibles.csv, actions.csv, suivi.csv): which contract
// phase a row belongs to. Absent or empty: a row at the territory level belongs to the phase whose territory code
// it names (saint-quentinois-tergnier -> 2019-2022), any other row to the current phase. A phase is named by its
// id ("2023-2027") or its territory code ("ti-3208").
import { fold } from "./csv.ts";
import type { AxesSetId } from "../phases/axes.ts";

export interface LocalPhase {
  id: string;
  code: string;
  axes: AxesSetId;
}

export interface LocalPhases {
  phases: LocalPhase[];
  current: string;
}

/** The phase of a row, or a French reason. */
export function rowPhase(
  phases: LocalPhases | undefined, value: string | undefined, niveau?: string, code?: string,
): { phase: LocalPhase | null } | { problem: string } {
  if (!phases) return { phase: null };
  const text = (value ?? "").trim();
  const byCode = niveau === "territoire" ? phases.phases.find((p) => p.code === code) : undefined;
  if (text === "") return { phase: byCode ?? phases.phases.find((p) => p.id === phases.current) ?? null };
  const phase = phases.phases.find((p) => fold(p.id) === fold(text) || fold(p.code) === fold(text));
  if (!phase) return { problem: `phase inconnue : « ${text} » (attendu : ${phases.phases.map((p) => `${p.id} (${p.code})`).join(", ")}, ou vide pour la phase en cours)` };
  if (byCode && byCode !== phase) return { problem: `le territoire « ${code} » est celui de la phase ${byCode.id}, pas de la phase ${phase.id}` };
  if (niveau === "territoire" && !byCode) return { problem: `le territoire de la phase ${phase.id} est « ${phase.code} »` };
  return { phase };
}

/** The phases of a territory as the local readers need them. */
export function localPhases(territory: { phases: readonly { id: string; code: string; axes: AxesSetId }[]; currentPhase: { id: string } }): LocalPhases {
  return { phases: territory.phases.map((p) => ({ id: p.id, code: p.code, axes: p.axes })), current: territory.currentPhase.id };
}
