// What the local readers check values against: the indicators of the catalogue and the published geographies.
import type { Level } from "../geography/level.ts";
import type { LocalPhases } from "./phases.ts";

export interface LocalIndicatorInfo {
  levels: Level[];
  kind: "somme" | "ratio";
  /** True when the indicator is read from data/local/suivi.csv. */
  suivi: boolean;
}

export interface LocalContext {
  indicators: Map<string, LocalIndicatorInfo>;
  /** "niveau|code" -> keys of the larger geographies containing it (see indicators/geography.ts). */
  geographies: Map<string, { containers: string[] }>;
  /** The contract phases, for the optional `phase` column (absent: every row has no phase). */
  phases?: LocalPhases;
}

export const LOCAL_LEVELS: Level[] = ["commune", "epci", "territoire", "bassin_emploi"];

/** French reason when (niveau, code_geo) is not a published geography, or undefined when it is. */
export function geographyProblem(ctx: LocalContext, niveau: string, code: string): string | undefined {
  if (ctx.geographies.has(`${niveau}|${code}`)) return undefined;
  if (niveau === "commune" && /^\d{4}$/.test(code)) return `commune inconnue du territoire : « ${code} » (zéro initial perdu ? « 0${code} »)`;
  const what: Record<string, string> = {
    commune: "commune inconnue du territoire (code INSEE à 5 caractères attendu)",
    epci: "EPCI inconnu du territoire (SIREN à 9 chiffres attendu)",
    territoire: "identifiant de territoire inconnu (voir « id » ou le code de territoire de chaque phase dans data/territoire.json)",
    bassin_emploi: "bassin d'emploi BMO ne touchant pas le territoire",
  };
  return `${what[niveau] ?? "géographie inconnue"} : « ${code} »`;
}
