// The static server of the built site (issue 16, item 10): malformed or climbing paths are refused without
// stopping it, a folder beside the site whose name starts like it is never served, and `npm run serve` says in
// French when its port is taken.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic, type RunningServer } from "../../src/server/static-server.ts";

const root = path.resolve(import.meta.dirname, "../..");
let work: string;
let site: string;
let server: RunningServer;

/** A GET with the path sent exactly as written (fetch would normalise "/../"). */
function rawGet(url: string, rawPath: string, method = "GET"): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, type: String(res.headers["content-type"]), body }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), "ti-serve-"));
  site = path.join(work, "site");
  const files: Record<string, string> = {
    "index.html": "<p>accueil</p>",
    "donnees-officielles.html": "<p>données</p>",
    "rapports/index.html": "<p>rapports</p>",
    "rapports/2021.html": "<p>2021</p>",
    "_file/data/indicateurs.parquet": "PAR1",
    ".env": "SECRET=1",
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(site, name)), { recursive: true });
    writeFileSync(path.join(site, name), text);
  }
  // A folder beside the site whose name starts with the site's: the old check `startsWith(root)` let it through.
  mkdirSync(path.join(work, "site-prive"));
  writeFileSync(path.join(work, "site-prive/secret.txt"), "secret");
  server = await serveStatic(site);
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

describe("serveStatic", () => {
  it("serves pages by their clean URL, folders by their index, data files with their type", async () => {
    expect(await rawGet(server.url, "/")).toMatchObject({ status: 200, body: "<p>accueil</p>", type: "text/html; charset=utf-8" });
    expect(await rawGet(server.url, "/donnees-officielles")).toMatchObject({ status: 200, body: "<p>données</p>" });
    expect(await rawGet(server.url, "/rapports/")).toMatchObject({ status: 200, body: "<p>rapports</p>" });
    expect(await rawGet(server.url, "/rapports/2021")).toMatchObject({ status: 200, body: "<p>2021</p>" });
    expect(await rawGet(server.url, "/_file/data/indicateurs.parquet")).toMatchObject({ status: 200, type: "application/vnd.apache.parquet" });
  });

  it("answers 400 to a malformed URL and keeps serving every later request", async () => {
    for (const bad of ["/%E0%A4%A", "/%", "/%00", "/rapports/%FF"]) {
      const r = await rawGet(server.url, bad);
      expect([400, 404], bad).toContain(r.status);
      expect(r.type).toBe("text/plain; charset=utf-8");
    }
    expect(await rawGet(server.url, "/%E0%A4%A")).toMatchObject({ status: 400, body: "Requête invalide : adresse mal formée" });
    expect(await rawGet(server.url, "/donnees-officielles")).toMatchObject({ status: 200 });
  });

  it("never serves a file outside the site, a folder beside it with a longer name included, nor a dot-file", async () => {
    for (const p of ["/../site-prive/secret.txt", "/..%2fsite-prive%2fsecret.txt", "/%2e%2e/site-prive/secret.txt", "/rapports/../../site-prive/secret.txt", "/.env"]) {
      const r = await rawGet(server.url, p);
      expect([403, 404], p).toContain(r.status);
      expect(r.body, p).not.toContain("secret");
      expect(r.body, p).not.toContain("SECRET");
    }
  });

  it("answers an unknown page with Framework's 404 page when the site has one, else a French text", async () => {
    expect(await rawGet(server.url, "/absente")).toMatchObject({ status: 404, body: "Page introuvable" });
    writeFileSync(path.join(site, "404.html"), "<p>introuvable</p>");
    expect(await rawGet(server.url, "/absente")).toMatchObject({ status: 404, body: "<p>introuvable</p>" });
    expect(await rawGet(server.url, "/", "POST")).toMatchObject({ status: 405 });
  });
});

describe("npm run serve", () => {
  const tsx = path.join(root, "node_modules/.bin/tsx");
  function serve(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(tsx, [path.join(root, "scripts/serve.ts"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d));
      child.stderr.on("data", (d: Buffer) => (stderr += d));
      // A server that starts would run forever: stopped once it has said where it listens.
      child.stdout.on("data", () => {
        if (stdout.includes("Site servi sur")) child.kill("SIGTERM");
      });
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  }

  it("a busy port is one French line and exit code 1, never a stack trace", async () => {
    const busy = http.createServer();
    await new Promise<void>((r) => busy.listen(0, "127.0.0.1", r));
    const { port } = busy.address() as AddressInfo;
    try {
      const r = await serve(["--port", String(port), "--dossier", site]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`Erreur : le port ${port} est déjà utilisé (un autre serveur tourne-t-il déjà ?) : choisissez-en un autre, par exemple « npm run serve -- --port ${port + 1} »\n`);
    } finally {
      await new Promise((r) => busy.close(r));
    }
  });

  it("a wrong port, a site not built or an unknown option are French errors too; a free port serves", async () => {
    expect((await serve(["--port", "abc", "--dossier", site])).stderr).toBe("Erreur : --port : port invalide « abc » (un nombre de 0 à 65535)\n");
    const empty = path.join(work, "vide");
    expect((await serve(["--port", "0", "--dossier", empty])).stderr).toBe(`Erreur : aucun site construit dans ${empty} (pas de index.html) : construisez-le d'abord avec « npm run build »\n`);
    const unknown = await serve(["--porte", "3000"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Erreur : option invalide \(.*'--porte'.*\) : voir « npm run serve -- --help »\n$/);
    const ok = await serve(["--port", "0", "--dossier", site]);
    expect(ok.stdout).toMatch(/^Site servi sur http:\/\/127\.0\.0\.1:\d+\/ \(Ctrl\+C pour arrêter\)\n$/);
  });
});
