// Builds the site into a folder of its own for a test, with the real build script.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export function buildSite(dist: string, dataDir = "data", env: NodeJS.ProcessEnv = {}): void {
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/build.ts")], {
    cwd: root,
    env: { ...process.env, TI_DIST: dist, TI_DATA_DIR: dataDir, ...env },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`La construction du site a échoué :\n${result.stdout}\n${result.stderr}`);
}
