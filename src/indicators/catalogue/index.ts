// The catalogue: every indicator, in publication order (axis by axis). Adding an indicator = one declaration in
// its axis module (plus its test); nothing else refers to indicator ids.
import type { IndicatorDeclaration } from "../types.ts";
import { attirer } from "./attirer.ts";
import { recruter } from "./recruter.ts";
import { innover } from "./innover.ts";
import { simplifier } from "./simplifier.ts";

export const CATALOGUE: readonly IndicatorDeclaration[] = checkUnique([...attirer, ...recruter, ...innover, ...simplifier]);

function checkUnique(list: IndicatorDeclaration[]): IndicatorDeclaration[] {
  const seen = new Set<string>();
  for (const d of list) {
    if (seen.has(d.id)) throw new Error(`Indicateur déclaré deux fois : ${d.id}`);
    if (!/^[a-z0-9_]+$/.test(d.id)) throw new Error(`Identifiant d'indicateur invalide : ${d.id}`);
    seen.add(d.id);
  }
  return list;
}
