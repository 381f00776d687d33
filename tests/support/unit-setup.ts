// Global setup of the unit project: a temporary folder shared by the test files of one run, where the evaluation of
// the demonstration data is computed once, by the first test file that needs it (tests/support/demo-evaluation.ts),
// and read by the others. Cheap when no test needs it: running one unit test file computes nothing here.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** A folder for results shared by the test files of one run of the unit project. */
    unitShared: string;
  }
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ti-unit-"));
  project.provide("unitShared", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
