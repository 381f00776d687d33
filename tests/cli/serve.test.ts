// `npm run serve`: the site's 404 page with the 404 status, a French message when the port is busy; and the
// stamp that `npm run build` writes so that `ti report` reuses a site just built.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { siteIsFresh, writeSiteStamp } from "../../src/cli/report.ts";
import { serveStatic } from "../../src/server/static-server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(os.tmpdir(), "ti-serve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("serveStatic", () => {
  it("answers an unknown address with the site's 404.html and the status 404", async () => {
    writeFileSync(path.join(dir, "index.html"), "<h1>Accueil</h1>");
    writeFileSync(path.join(dir, "404.html"), "<h1>Page introuvable</h1><a href='/'>Synthèse</a>");
    const server = await serveStatic(dir);
    try {
      const res = await fetch(`${server.url}/nulle-part`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/text\/html/);
      expect(await res.text()).toContain("<a href='/'>Synthèse</a>");
      expect((await fetch(`${server.url}/`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

});

describe("writeSiteStamp (npm run build) and siteIsFresh (ti report)", () => {
  it("a site stamped after its build is reused until a data file changes", () => {
    const site = path.join(dir, "site");
    const data = path.join(dir, "data");
    mkdirSync(path.join(site, "rapports"), { recursive: true });
    mkdirSync(data, { recursive: true });
    writeFileSync(path.join(site, "rapports", "2021.html"), "");
    const file = path.join(data, "territoire.json");
    writeFileSync(file, "{}");
    // Every file of the data folder and of the sources is older than the build.
    const past = new Date(Date.now() - 1000);
    utimesSync(file, past, past);
    writeSiteStamp(site, data, Date.now() + 60_000);
    expect(siteIsFresh(site, data, [2021])).toBe(true);
    expect(siteIsFresh(site, data, [2022])).toBe(false);
    expect(siteIsFresh(site, path.join(dir, "autre"), [2021])).toBe(false);
    // A data file changed after the build: rebuilt.
    const future = new Date(Date.now() + 120_000);
    utimesSync(file, future, future);
    expect(siteIsFresh(site, data, [2021])).toBe(false);
  });
});
