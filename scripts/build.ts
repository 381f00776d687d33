// Builds the static site: `npm run build` (data folder TI_DATA_DIR, default data/; output TI_DIST, default dist/).
// Framework caches data-loader outputs by loader file date, not by data: the cache is cleared so that
// a change of data/ or of data/territoire.json always reaches the site.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { clearPreviousSite } from "./output-folder.ts";
import { fixBuiltPages } from "./postbuild.ts";
import { writeSiteStamp } from "../src/cli/report.ts";

const root = path.resolve(import.meta.dirname, "..");
const started = Date.now();
const dist = path.resolve(process.env.TI_DIST ?? path.join(root, "dist"));
rmSync(path.join(root, "docs/.observablehq/cache"), { recursive: true, force: true });
// Framework clears only an output folder inside the project; elsewhere (TI_DIST=/srv/site) a second build would
// stop on "file conflict".
const cleared = clearPreviousSite(dist);
if (!cleared.ok) {
  console.error(`Erreur : ${cleared.reason}`);
  process.exit(1);
}

const bin = path.join(root, "node_modules/.bin/observable");
const result = spawnSync(bin, ["build"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1", TI_DIST: dist, PATH: `${path.join(root, "node_modules/.bin")}:${process.env.PATH}` },
});
if (result.status !== 0) {
  console.error("Erreur : la construction du site a échoué (voir les messages ci-dessus).");
  process.exit(result.status ?? 1);
}
const pages = await fixBuiltPages(dist);
// `ti report` reuses this site while no data or source file is newer than `started`.
writeSiteStamp(dist, process.env.TI_DATA_DIR ?? path.join(root, "data"), started);
console.log(`Site construit dans ${path.relative(process.cwd(), dist) || "."}/ (${pages} page(s), lang="fr", zoom autorisé).`);
