// Builds the site from the default data folder once for every browser test, and serves it on 127.0.0.1.
// The build starts with an empty evaluation cache and counts its evaluations (tests/e2e/evaluation-once.test.ts).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { serveStatic } from "../../src/server/static-server.ts";
import { buildSite } from "./build-site.ts";

declare module "vitest" {
  export interface ProvidedContext {
    siteUrl: string;
    siteDist: string;
    /** One line per evaluation of the data folder during the build: "<process id>\t<data folder>". */
    buildEvaluations: string[];
  }
}

export default async function setup(project: TestProject) {
  const dist = mkdtempSync(path.join(os.tmpdir(), "ti-site-"));
  const evaluation = mkdtempSync(path.join(os.tmpdir(), "ti-site-evaluation-"));
  const counter = path.join(evaluation, "evaluations.txt");
  buildSite(dist, "data", { TI_CACHE_EVALUATION: path.join(evaluation, "cache"), TI_COMPTEUR_EVALUATIONS: counter });
  project.provide("buildEvaluations", readFileSync(counter, "utf8").split("\n").filter(Boolean));
  rmSync(evaluation, { recursive: true, force: true });
  const server = await serveStatic(dist);
  project.provide("siteUrl", server.url);
  project.provide("siteDist", dist);
  return async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  };
}
