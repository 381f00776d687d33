// The site's output folder before a build: a folder holding a previous build is emptied (Framework empties only
// an output folder inside the project, and stops on "file conflict" elsewhere), a folder holding anything else
// is left alone with a French error, so that a mistyped TI_DIST never deletes someone's files.
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

export type ClearResult = { ok: true; cleared: boolean } | { ok: false; reason: string };

/** A folder Framework built: its runtime lives in `_observablehq/`. */
function isBuiltSite(dir: string): boolean {
  return existsSync(path.join(dir, "_observablehq"));
}

export function clearPreviousSite(dist: string): ClearResult {
  if (!existsSync(dist)) return { ok: true, cleared: false };
  const entries = readdirSync(dist);
  if (entries.length === 0) return { ok: true, cleared: false };
  if (!isBuiltSite(dist))
    return {
      ok: false,
      reason: `le dossier de sortie ${dist} n'est ni vide ni un site déjà construit (pas de dossier _observablehq/) : choisissez un autre dossier (TI_DIST), rien n'a été effacé`,
    };
  for (const entry of entries) rmSync(path.join(dist, entry), { recursive: true, force: true });
  return { ok: true, cleared: true };
}
