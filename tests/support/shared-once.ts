// A result computed once per run of the unit project and shared by its test files, whichever worker runs them: the
// first file that asks computes it into the run's shared folder (tests/support/unit-setup.ts) and writes it there as
// JSON; the others wait for that file and read it. For costly inputs several test files read (the demonstration
// data generated, or validated and computed).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";

async function waitFor<T>(file: string, name: string): Promise<T> {
  const deadline = Date.now() + 10 * 60_000;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} : le résultat partagé « ${name} » n'est pas venu`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const stored = JSON.parse(readFileSync(file, "utf8")) as { value: T } | { error: string };
  if ("error" in stored) throw new Error(`résultat partagé « ${name} » : ${stored.error}`);
  return stored.value;
}

async function computeOrWait<T>(name: string, compute: (dir: string) => Promise<T>): Promise<T> {
  const shared = inject("unitShared");
  const dir = path.join(shared, name);
  const result = `${dir}.json`;
  try {
    mkdirSync(dir); // atomic: the worker that creates the folder computes
  } catch {
    return waitFor<T>(result, name);
  }
  const write = (stored: { value: T } | { error: string }) => {
    writeFileSync(`${result}.tmp`, JSON.stringify(stored));
    renameSync(`${result}.tmp`, result);
  };
  try {
    const value = await compute(dir);
    write({ value });
    return value;
  } catch (e) {
    write({ error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

const inThisWorker = new Map<string, Promise<unknown>>();

/** `compute(dir)` run once per run of the unit project (`dir`: an empty folder of its own); its result, JSON. */
export function sharedOnce<T>(name: string, compute: (dir: string) => Promise<T>): Promise<T> {
  if (!inThisWorker.has(name)) inThisWorker.set(name, computeOrWait(name, compute));
  return inThisWorker.get(name) as Promise<T>;
}
