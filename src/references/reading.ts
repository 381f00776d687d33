// A plain French reading of the shift-share decomposition, written from the numbers alone: what the change was, what
// the national trend and the sector mix account for, and what is left to the territory itself. Never a cause.
import type { DecompositionRow } from "./shift-share.ts";
import { formatNumber, plainSpaces } from "../format/number.ts";

const nf = (x: number, d = 0) => plainSpaces(formatNumber(Math.abs(x), d));
const signed = (x: number) => `${x >= 0 ? "+" : "−"}${nf(Math.round(x))}`;
const jobs = (x: number) => `${signed(x)} emploi${Math.abs(Math.round(x)) >= 2 ? "s" : ""}`;

/** The reading of a TOTAL row of the decomposition, for `name` as it reads after « dans » (« le territoire X », « la CA Y »). */
export function readDecomposition(total: DecompositionRow, name: string): string {
  if (total.emploi_debut === null || total.emploi_fin === null || total.effet_national === null || total.effet_structurel === null || total.effet_local === null)
    return `Entre ${total.annee_debut} et ${total.annee_fin}, la décomposition n'est pas calculable pour ${name} : des effectifs sont inconnus (secret statistique ou non publiés).`;
  const change = total.emploi_fin - total.emploi_debut;
  const pct = total.emploi_debut > 0 ? (change / total.emploi_debut) * 100 : null;
  const parts = [
    `Entre ${total.annee_debut} et ${total.annee_fin}, dans ${name}, l'emploi salarié privé est passé de ${nf(total.emploi_debut)} à ${nf(total.emploi_fin)} salariés (${jobs(change)}${pct === null ? "" : `, ${pct >= 0 ? "+" : "−"}${nf(pct, 1)} %`}).`,
    `Si chacun de ses secteurs avait évolué comme l'emploi privé de la France entière, il aurait varié de ${jobs(total.effet_national)} (effet national).`,
    total.effet_structurel >= 0
      ? `Sa spécialisation sectorielle y ajoute ${jobs(total.effet_structurel)} : ses secteurs ont, en France, évolué mieux que l'ensemble (effet structurel).`
      : `Sa spécialisation sectorielle en retire ${nf(Math.round(-total.effet_structurel))} : ses secteurs ont, en France, évolué moins bien que l'ensemble (effet structurel).`,
    total.effet_local >= 0
      ? `Le reste, ${jobs(total.effet_local)}, est l'effet local : à secteurs égaux, l'emploi y a évolué mieux qu'en France.`
      : `Le reste, ${jobs(total.effet_local)}, est l'effet local : à secteurs égaux, l'emploi y a évolué moins bien qu'en France.`,
    "Cette décomposition est comptable : elle dit d'où vient l'écart, pas ce qui l'a causé.",
  ];
  if (total.statut === "partiel") parts.push("Des secteurs aux effectifs inconnus (secret statistique) sont laissés de côté les deux années : le total est partiel.");
  return parts.join(" ");
}
