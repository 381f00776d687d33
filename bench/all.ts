// `npm run bench [-- options]`: the URSSAF bench, then the Sirene and DARES benches, each given the same options (npm passes
// them to the last command of a `&&` chain only, so the chain cannot be written in package.json).
import { spawnSync } from "node:child_process";
import path from "node:path";

const TSX = path.join(import.meta.dirname, "..", "node_modules", ".bin", "tsx");
const BENCHES = ["urssaf-national.ts", "sirene-national.ts", "dares-national.ts"];

for (const bench of BENCHES) {
  const run = spawnSync(TSX, [path.join(import.meta.dirname, bench), ...process.argv.slice(2)], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
