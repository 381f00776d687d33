// A small data folder that still has every year of the demonstration data: the demonstration territory, its local
// files and the territory's URSSAF file (2015 to 2025). Its evaluation takes a fraction of the whole demonstration's,
// for tests whose contract is about what comes out of an evaluation (report years, the cache), not about every source.
import { cpSync, mkdirSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Writes the small data folder at `dir` (created) and returns it. */
export function smallDataFolder(dir: string): string {
  mkdirSync(path.join(dir, "sources"), { recursive: true });
  cpSync(path.join(ROOT, "data/territoire.json"), path.join(dir, "territoire.json"));
  cpSync(path.join(ROOT, "data/local"), path.join(dir, "local"), { recursive: true });
  cpSync(path.join(ROOT, "data/sources/urssaf-etablissements-effectifs-commune-ape.csv"), path.join(dir, "sources/urssaf.csv"));
  return dir;
}
