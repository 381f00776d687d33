// The report's section « Le territoire et ses références »: for an indicator and a report year, plain French
// sentences putting the territory's change beside its départements', région's and France's, its value per 1,000
// inhabitants, and its change against the comparison territories'. A comparison, never the effect of the programme.
import { formatNumber } from "../format/number.ts";
import { changeOf, perThousand, signedChange } from "../format/evolution.js";
import type { BesideBlock, BesideGeo } from "../references/beside.ts";
import { digitsFor, joinFrench } from "./format.ts";

function value(block: BesideBlock, x: number | null): string {
  const n = formatNumber(x, digitsFor(block.unite));
  return x !== null && block.part ? `${n}\u202f%` : n;
}

const at = (g: BesideGeo, year: number) => g.valeurs[String(year)] ?? { v: null, s: "manquant" };

export function referenceSentences(block: BesideBlock, year: number): string[] {
  const y0 = block.annee_debut;
  const [own, ...refs] = block.geos;
  if (!own) return [];
  const change = (g: BesideGeo) => changeOf(at(g, y0).v, at(g, year).v, block.part);
  const mine = change(own);
  const sentences: string[] = [];
  const others = refs.filter((g) => change(g) !== null).map((g) => `${signedChange(change(g)!, block.unite_evolution)} (${g.libelle_geo})`);
  if (mine === null) sentences.push(`${block.titre} : l'évolution du territoire entre ${y0} et ${year} n'est pas connue (valeur inconnue l'une des deux années).`);
  else
    sentences.push(
      `${block.titre} : entre ${y0} et ${year}, ${signedChange(mine, block.unite_evolution)} dans le territoire (de ${value(block, at(own, y0).v)} à ${value(block, at(own, year).v)})` +
        (others.length > 0 ? `, contre ${joinFrench(others)}.` : "."),
    );
  if (!block.part) {
    const rates = block.geos.map((g) => ({ g, r: perThousand(at(g, year).v, g.population) })).filter((x) => x.r !== null);
    if (rates.length > 1 && rates[0]!.g === own)
      sentences.push(`En ${year}, ${formatNumber(rates[0]!.r, 1)} pour 1 000 habitants dans le territoire, contre ${joinFrench(rates.slice(1).map((x) => `${formatNumber(x.r, 1)} (${x.g.libelle_geo})`))}.`);
  }
  const c = block.comparables.find((s) => s.annee_fin === year);
  if (c && c.ecart !== null && c.mediane !== null)
    sentences.push(
      `Écart aux territoires comparables : ${signedChange(c.ecart, "points")}${block.unite_evolution === "%" ? " de pourcentage" : ""} (médiane des ${c.n} territoires comparables ${signedChange(c.mediane, block.unite_evolution)}, ` +
        `moitié centrale de ${signedChange(c.q1!, block.unite_evolution)} à ${signedChange(c.q3!, block.unite_evolution)} ; rang du territoire ${c.rang} sur ${c.n + 1})${c.partiel ? ", indicatif : des effectifs inconnus ont été laissés de côté" : ""}.`,
    );
  return sentences;
}
