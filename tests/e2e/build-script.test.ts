// Browser-free, but an integration test of the build script (processes, locks): with the e2e tests, after the unit tests.
// `npm run build` as a user runs it (issue 16, items 4 and 9): a failed build leaves the published site as it was,
// and a second build never runs beside a first one on Framework's cache: it waits (saying so), or gives up in
// French after TI_ATTENTE_CONSTRUCTION seconds.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const lockFile = path.join(root, "docs/.observablehq/construction.verrou");
const work = mkdtempSync(path.join(os.tmpdir(), "ti-build-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let holder: ChildProcess | undefined;
afterEach(() => {
  holder?.kill();
  holder = undefined;
});

function build(env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/build.ts")], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * Another build holding the lock: a process that lives `ms`, named in the lock file as a build would. This test
 * blocks in spawnSync while the build runs, so it could not reap the process when it ends (a zombie still answers
 * signals): the build script's own check of /proc sees through that, which the first test relies on.
 */
function holdLock(ms: number): number {
  holder = spawn(process.execPath, ["-e", `setTimeout(() => {}, ${ms})`], { stdio: "ignore" });
  mkdirSync(path.dirname(lockFile), { recursive: true });
  writeFileSync(lockFile, JSON.stringify({ pid: holder.pid, host: os.hostname(), depuis: new Date().toISOString(), commande: "scripts/build.ts" }));
  return holder.pid!;
}

/** A published site: Framework's runtime folder, pages and the PDFs `ti report` adds. */
function publishedSite(): { dir: string; snapshot: () => Record<string, string> } {
  const dir = path.join(work, `site-${Math.random().toString(36).slice(2)}`);
  for (const [name, text] of Object.entries({ "_observablehq/client.js": "client", "index.html": "<p>publié</p>", "rapports/rapport-t-2021.pdf": "%PDF" })) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const snapshot = () =>
    Object.fromEntries(
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => [path.relative(dir, path.join(e.parentPath, e.name)), createHash("sha256").update(readFileSync(path.join(e.parentPath, e.name))).digest("hex")]),
    );
  return { dir, snapshot };
}

function brokenDataFolder(): string {
  const data = path.join(work, "donnees-cassees");
  mkdirSync(data, { recursive: true });
  writeFileSync(path.join(data, "territoire.json"), "{ pas du JSON");
  return data;
}

it("a build that fails keeps the published site byte for byte; a build running already is waited for, and said so", () => {
  const site = publishedSite();
  const before = site.snapshot();
  const pid = holdLock(3000);

  const r = build({ TI_DIST: site.dir, TI_DATA_DIR: brokenDataFolder() });

  expect(r.err).toMatch(new RegExp(`^Une construction du site \\(npm run build\\) de ce projet est déjà en cours \\(processus ${pid} depuis [^)]+\\) : attente de sa fin avant de construire…$`, "m"));
  expect(r.code).toBe(1);
  expect(r.err).toContain(`Erreur : la construction du site a échoué (voir les messages ci-dessus) ; le site publié dans ${path.relative(root, site.dir)}/ est inchangé.`);
  expect(r.err).not.toMatch(/^\s+at /m);
  expect(site.snapshot()).toEqual(before);
  // Nothing left beside it, and the lock is released.
  expect(readdirSync(path.dirname(site.dir)).filter((n) => n.startsWith("."))).toEqual([]);
  expect(existsSync(lockFile)).toBe(false);
}, 300_000);

it("gives up in French after TI_ATTENTE_CONSTRUCTION seconds, without touching Framework's cache", () => {
  const site = publishedSite();
  const marker = path.join(root, "docs/.observablehq/cache", `marqueur-test-${process.pid}`);
  mkdirSync(path.dirname(marker), { recursive: true });
  writeFileSync(marker, "");
  try {
    const pid = holdLock(60_000);
    const started = Date.now();
    const r = build({ TI_DIST: site.dir, TI_ATTENTE_CONSTRUCTION: "1" });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.code).toBe(1);
    expect(r.err.trim().split("\n").at(-1)).toMatch(
      new RegExp(
        `^Erreur : Une construction du site \\(npm run build\\) de ce projet est toujours en cours \\(processus ${pid} depuis [^)]+\\) après 1 s d'attente \\(TI_ATTENTE_CONSTRUCTION\\) : relancez une fois qu'elle sera terminée\\. Si aucune ne tourne plus, supprimez le fichier de verrou ${lockFile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.$`,
      ),
    );
    expect(existsSync(marker)).toBe(true);
    // The other build's lock is still its own.
    expect(JSON.parse(readFileSync(lockFile, "utf8")).pid).toBe(pid);
  } finally {
    rmSync(marker, { force: true });
    rmSync(lockFile, { force: true });
  }
});

it("refuses an output folder that is not a site before building anything", () => {
  const dir = path.join(work, "documents");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "budget.xlsx"), "important");
  const r = build({ TI_DIST: dir });
  expect(r.code).toBe(1);
  expect(r.err).toBe(`Erreur : le dossier de sortie ${dir} n'est ni vide ni un site déjà construit (pas de dossier _observablehq/) : choisissez un autre dossier (TI_DIST), rien n'a été effacé\n`);
  expect(readdirSync(dir)).toEqual(["budget.xlsx"]);
});
