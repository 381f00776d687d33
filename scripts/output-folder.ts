// The site's output folder. A build never writes into the published folder: Framework builds into a staging
// folder beside it (same parent, hence same file system), and only a successful build takes the published
// folder's place, by two renames; a failed build removes its staging folder and leaves the published site exactly
// as it was. A folder holding anything else than a built site is refused before anything starts, so that a
// mistyped TI_DIST never deletes someone's files.
import { cpSync, existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { processIsAlive } from "../src/io/lock-file.ts";

export type CheckResult = { ok: true } | { ok: false; reason: string };

/** A folder Framework built: its runtime lives in `_observablehq/`. */
function isBuiltSite(dir: string): boolean {
  return existsSync(path.join(dir, "_observablehq"));
}

/** Whether a build may replace `dist`: absent, empty, or a site built before. */
export function checkOutputFolder(dist: string): CheckResult {
  if (!existsSync(dist) || readdirSync(dist).length === 0 || isBuiltSite(dist)) return { ok: true };
  return {
    ok: false,
    reason: `le dossier de sortie ${dist} n'est ni vide ni un site déjà construit (pas de dossier _observablehq/) : choisissez un autre dossier (TI_DIST), rien n'a été effacé`,
  };
}

const STAGING = "construction";
const PREVIOUS = "ancien";

/** Where this process builds before replacing `dist`: `.<name>.construction-<pid>` beside it. */
export function stagingFolder(dist: string, pid = process.pid): string {
  return path.join(path.dirname(dist), `.${path.basename(dist)}.${STAGING}-${pid}`);
}

function previousFolder(dist: string, pid = process.pid): string {
  return path.join(path.dirname(dist), `.${path.basename(dist)}.${PREVIOUS}-${pid}`);
}

/** Removes staging and previous folders of `dist` left by builds whose process no longer runs (killed). */
export function removeLeftovers(dist: string): string[] {
  const parent = path.dirname(dist);
  const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(dist))}\\.(${STAGING}|${PREVIOUS})-(\\d+)$`);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m || processIsAlive(Number(m[2]))) continue;
    rmSync(path.join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Puts the site built in `staging` in the place of `dist`. The previous site is renamed aside first, then removed
 * once the new one is in place; if the new one cannot be moved in, the previous one is moved back. A `dist` that
 * cannot be renamed (a mount point, a folder served by another user) is emptied and filled with a copy instead.
 */
export function replaceSite(staging: string, dist: string): void {
  if (!existsSync(dist)) {
    renameSync(staging, dist);
    return;
  }
  const previous = previousFolder(dist);
  try {
    renameSync(dist, previous);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "EBUSY" && code !== "EXDEV" && code !== "EPERM" && code !== "EACCES") throw e;
    for (const entry of readdirSync(dist)) rmSync(path.join(dist, entry), { recursive: true, force: true });
    for (const entry of readdirSync(staging)) cpSync(path.join(staging, entry), path.join(dist, entry), { recursive: true });
    rmSync(staging, { recursive: true, force: true });
    return;
  }
  try {
    renameSync(staging, dist);
  } catch (e) {
    renameSync(previous, dist);
    throw e;
  }
  rmSync(previous, { recursive: true, force: true });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
