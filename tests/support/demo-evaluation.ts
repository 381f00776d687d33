// `ti validate` and `ti compute` on the demonstration data (data/), from one evaluation computed once per run of the
// unit project: the first test file that asks computes it and writes the result into the run's shared folder
// (tests/support/unit-setup.ts); the others, in other workers, wait for that result and read it.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { writeComputation } from "../../src/cli/compute.ts";
import { printValidation } from "../../src/cli/validate.ts";
import { evaluate } from "../../src/pipeline/evaluate.ts";
import { inProcess, type CommandRun } from "./console.ts";

export const DEMO_DATA = "data";

export interface DemoRun {
  validate: CommandRun;
  /** `ti compute --data data --out DIR`: what it printed, and the folder it wrote. */
  compute: CommandRun & { dir: string };
}

async function computeDemoRun(out: string): Promise<DemoRun> {
  const evaluation = await evaluate(DEMO_DATA);
  try {
    const validate = await inProcess(() => printValidation(evaluation, { data: DEMO_DATA, all: false }));
    const compute = await inProcess(() => writeComputation(evaluation, { data: DEMO_DATA, out, strict: false }));
    return { validate, compute: { ...compute, dir: out } };
  } finally {
    evaluation.close();
  }
}

async function waitFor(file: string): Promise<DemoRun> {
  const deadline = Date.now() + 10 * 60_000;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} : l'évaluation partagée des données de démonstration n'est pas venue`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const stored = JSON.parse(readFileSync(file, "utf8")) as DemoRun | { error: string };
  if ("error" in stored) throw new Error(`évaluation partagée des données de démonstration : ${stored.error}`);
  return stored;
}

async function sharedDemoRun(): Promise<DemoRun> {
  const shared = inject("unitShared");
  const result = path.join(shared, "demo-run.json");
  try {
    mkdirSync(path.join(shared, "demo-run.verrou")); // atomic: one worker computes
  } catch {
    return waitFor(result);
  }
  const write = (value: unknown) => {
    writeFileSync(`${result}.tmp`, JSON.stringify(value));
    renameSync(`${result}.tmp`, result);
  };
  try {
    const run = await computeDemoRun(path.join(shared, "demo-compute"));
    write(run);
    return run;
  } catch (e) {
    write({ error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

let inThisWorker: Promise<DemoRun> | undefined;

/** The demonstration data validated and computed, once per run of the unit project. */
export function demoRun(): Promise<DemoRun> {
  return (inThisWorker ??= sharedDemoRun());
}
