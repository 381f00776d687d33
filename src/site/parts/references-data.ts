// The reference computation (src/references) once per build: the page « Dynamique de l'emploi » and the reference
// blocks of the axis pages, synthesis and reports read the same result instead of reading the URSSAF aggregates twice.
import { computeReferences, type ReferenceResult } from "../../references/index.ts";
import type { SiteContext } from "../context.ts";

const computed = new WeakMap<SiteContext["folder"], Promise<ReferenceResult>>();

export function referencesOf(ctx: SiteContext): Promise<ReferenceResult> {
  let result = computed.get(ctx.folder);
  if (!result) computed.set(ctx.folder, (result = computeReferences(ctx.folder.db, ctx.folder.territory)));
  return result;
}
