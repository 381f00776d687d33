// The demonstration data as several test files read them, each made once per run of the unit project
// (tests/support/shared-once.ts): generated afresh for the default territory, and `ti validate` and `ti compute`
// on data/ from one evaluation.
import path from "node:path";
import { runCompute } from "../../src/cli/compute.ts";
import { runValidate } from "../../src/cli/validate.ts";
import { evaluate } from "../../src/evaluation/evaluate.ts";
import { writeDemo } from "../../src/sources/demo/generate.ts";
import { inProcess, type CommandRun } from "./console.ts";
import { sharedOnce } from "./shared-once.ts";

export const DEMO_DATA = "data";

export interface DemoRun {
  validate: CommandRun;
  /** `ti compute --data data --out DIR`: what it printed, and the folder it wrote. */
  compute: CommandRun & { dir: string };
}

/** `ti validate` and `ti compute` on data/, from one evaluation, once per run. */
export function demoRun(): Promise<DemoRun> {
  return sharedOnce("demo-run", async (dir) => {
    const out = path.join(dir, "indicateurs");
    const evaluation = await evaluate(DEMO_DATA);
    try {
      const validate = await inProcess(() => runValidate({ data: DEMO_DATA, all: false }, evaluation));
      const compute = await inProcess(() => runCompute({ data: DEMO_DATA, out, strict: false }, evaluation));
      return { validate, compute: { ...compute, dir: out } };
    } finally {
      evaluation.close();
    }
  });
}

/** A folder where `npm run data:demo` wrote the demonstration data of data/territoire.json, once per run (read only). */
export function generatedDemo(): Promise<string> {
  return sharedOnce("demo-generated", async (dir) => {
    await writeDemo(dir, DEMO_DATA);
    return dir;
  });
}
