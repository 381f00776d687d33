// Builds the static site: `npm run build` (data folder TI_DATA_DIR, default data/; output TI_DIST, default dist/).
// - One build at a time per project: Framework's cache (docs/.observablehq/cache) is the project's, and two builds
//   sharing it delete each other's files. A second build says so in French and waits for the first to end (lock
//   file with the PID of the first; a lock left by a killed build is taken over), at most TI_ATTENTE_CONSTRUCTION
//   seconds (15 minutes by default), then gives up with exit code 1.
// - Framework caches data-loader outputs by loader file date, not by data: the cache is cleared so that a change of
//   data/ or of data/territoire.json always reaches the site.
// - The data folder is evaluated once, here, before Framework starts: its configuration (report years) and its data
//   loader read the result from the cache of src/site/cached-bundle.ts instead of computing it again.
// - The published site is replaced only by a successful build: Framework builds into a staging folder beside it,
//   which takes the published folder's place once complete (see output-folder.ts).
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { printable } from "../src/format/terminal.ts";
import { LockBusyError, waitForLock } from "../src/io/lock-file.ts";
import { checkOutputFolder, removeLeftovers, replaceSite, stagingFolder } from "./output-folder.ts";
import { fixBuiltPages } from "./postbuild.ts";
import { writePdfIndex, writeSiteStamp } from "../src/cli/report.ts";
import { siteData } from "../src/site/cached-bundle.ts";
import { TerritoryError } from "../src/territory/territory.ts";

const root = path.resolve(import.meta.dirname, "..");
const started = Date.now();
/** The lock of the builds of this project, beside the cache it protects. */
export const BUILD_LOCK = path.join(root, "docs/.observablehq/construction.verrou");

function fail(message: string, code = 1): never {
  console.error(`Erreur : ${printable(message)}`);
  process.exit(code);
}

const dist = path.resolve(process.env.TI_DIST ?? path.join(root, "dist"));
const shown = path.relative(process.cwd(), dist) || ".";
const maxWaitSeconds = Number(process.env.TI_ATTENTE_CONSTRUCTION ?? 900);
try {
  await waitForLock(BUILD_LOCK, "Une construction du site (npm run build) de ce projet", {
    maxWaitMs: (Number.isFinite(maxWaitSeconds) && maxWaitSeconds >= 0 ? maxWaitSeconds : 900) * 1000,
    onWait: (message) => console.error(`${printable(message.replace(/ : attendez .*$/s, ""))} : attente de sa fin avant de construire…`),
  });
} catch (e) {
  if (e instanceof LockBusyError)
    fail(
      `${e.message.replace(/ : attendez .*$/s, "").replace("est déjà en cours", "est toujours en cours")} après ${maxWaitSeconds} s d'attente (TI_ATTENTE_CONSTRUCTION) : ` +
        `relancez une fois qu'elle sera terminée. Si aucune ne tourne plus, supprimez le fichier de verrou ${BUILD_LOCK}.`,
    );
  throw e;
}
const checked = checkOutputFolder(dist);
if (!checked.ok) fail(checked.reason);
removeLeftovers(dist);

// Relative to the project, as Framework (run from it) reads it.
const dataDir = path.resolve(root, process.env.TI_DATA_DIR ?? "data");
try {
  await siteData(dataDir, { say: (note) => console.error(printable(`note : ${note}`)) });
} catch (e) {
  const cause = e instanceof TerritoryError || !(e instanceof Error) ? String((e as Error).message ?? e) : (e.stack ?? e.message);
  console.error(printable(`Erreur : évaluation du dossier de données ${dataDir} impossible : ${cause}`));
  fail(`la construction du site a échoué (voir les messages ci-dessus) ; le site publié dans ${shown}/ est inchangé.`);
}

const staging = stagingFolder(dist);
rmSync(staging, { recursive: true, force: true });
rmSync(path.join(root, "docs/.observablehq/cache"), { recursive: true, force: true });
const bin = path.join(root, "node_modules/.bin/observable");
const result = spawnSync(bin, ["build"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1", TI_DIST: staging, TI_DATA_DIR: dataDir, PATH: `${path.join(root, "node_modules/.bin")}:${process.env.PATH}` },
});
if (result.status !== 0) {
  rmSync(staging, { recursive: true, force: true });
  fail(`la construction du site a échoué (voir les messages ci-dessus) ; le site publié dans ${shown}/ est inchangé.`, result.status ?? 1);
}
let pages: number;
try {
  pages = await fixBuiltPages(staging);
  // The report pages show a « PDF » link only for a printed file: none yet (`ti report` prints them).
  writePdfIndex(staging);
  replaceSite(staging, dist);
  // `ti report` reuses this site while no data or source file is newer than `started`.
  writeSiteStamp(dist, dataDir, started);
} catch (e) {
  rmSync(staging, { recursive: true, force: true });
  fail(`le site construit n'a pas pu remplacer ${dist} (${(e as Error).message}) ; le site publié est inchangé.`);
}
console.log(`Site construit dans ${shown}/ (${pages} page(s), lang="fr", zoom autorisé).`);
