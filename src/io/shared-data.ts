// Real reference files kept beside the project (../shared/data) are read from there when present,
// never copied into the project. TI_SHARED_DATA overrides the location.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function sharedDataDir(): string | null {
  const dir = process.env.TI_SHARED_DATA ?? path.resolve(projectRoot, "../shared/data");
  return existsSync(dir) ? dir : null;
}

export function sharedFile(...parts: string[]): string | null {
  const dir = sharedDataDir();
  if (!dir) return null;
  const file = path.join(dir, ...parts);
  return existsSync(file) ? file : null;
}

export { projectRoot };
