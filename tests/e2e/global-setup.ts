// Builds the site from the default data folder once for every browser test, and serves it on 127.0.0.1.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { serveStatic } from "../../src/server/static-server.ts";
import { buildSite } from "./build-site.ts";

declare module "vitest" {
  export interface ProvidedContext {
    siteUrl: string;
    siteDist: string;
  }
}

export default async function setup(project: TestProject) {
  const dist = mkdtempSync(path.join(os.tmpdir(), "ti-site-"));
  buildSite(dist);
  const server = await serveStatic(dist);
  project.provide("siteUrl", server.url);
  project.provide("siteDist", dist);
  return async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  };
}
