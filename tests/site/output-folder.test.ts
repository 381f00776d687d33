// The site's output folder (issue 16, item 4): a build goes to a staging folder beside it, and only a successful
// one replaces the published site; a folder holding anything else is refused before anything starts.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { checkOutputFolder, removeLeftovers, replaceSite, stagingFolder } from "../../scripts/output-folder.ts";

const folder = (files: Record<string, string>, dir = mkdtempSync(path.join(os.tmpdir(), "ti-dist-"))) => {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
};

it("accepts a missing folder, an empty one, or a previous build, without touching anything", () => {
  const built = folder({ "_observablehq/client.js": "", "index.html": "ancien" });
  expect(checkOutputFolder(built)).toEqual({ ok: true });
  expect(readFileSync(path.join(built, "index.html"), "utf8")).toBe("ancien");
  expect(checkOutputFolder(path.join(os.tmpdir(), "ti-dist-absent-" + process.pid))).toEqual({ ok: true });
  expect(checkOutputFolder(folder({}))).toEqual({ ok: true });
});

it("refuses, in French, a folder holding anything else, and deletes nothing", () => {
  const dist = folder({ "rapport.docx": "important" });
  expect(checkOutputFolder(dist)).toEqual({
    ok: false,
    reason: `le dossier de sortie ${dist} n'est ni vide ni un site déjà construit (pas de dossier _observablehq/) : choisissez un autre dossier (TI_DIST), rien n'a été effacé`,
  });
  expect(readdirSync(dist)).toEqual(["rapport.docx"]);
});

it("puts the staging folder in the place of the published site, which disappears only then", () => {
  const parent = mkdtempSync(path.join(os.tmpdir(), "ti-dist-"));
  const dist = folder({ "_observablehq/a.js": "", "index.html": "ancien", "rapports/rapport-2021.pdf": "pdf" }, path.join(parent, "site"));
  const staging = folder({ "_observablehq/b.js": "", "index.html": "nouveau" }, stagingFolder(dist));
  expect(path.dirname(staging)).toBe(parent);
  expect(path.basename(staging)).toBe(`.site.construction-${process.pid}`);

  replaceSite(staging, dist);

  expect(readFileSync(path.join(dist, "index.html"), "utf8")).toBe("nouveau");
  expect(readdirSync(dist).sort()).toEqual(["_observablehq", "index.html"]);
  expect(readdirSync(parent)).toEqual(["site"]);
  // A first build: the staging folder simply takes the name.
  const fresh = path.join(parent, "neuf");
  replaceSite(folder({ "index.html": "premier" }, stagingFolder(fresh)), fresh);
  expect(readFileSync(path.join(fresh, "index.html"), "utf8")).toBe("premier");
});

it("removes the staging folders of builds that were killed, never those of a build still running", async () => {
  const parent = mkdtempSync(path.join(os.tmpdir(), "ti-dist-"));
  const dist = path.join(parent, "site");
  const dead = spawn(process.execPath, ["-e", ""]);
  await new Promise((r) => dead.on("exit", r));
  folder({ "index.html": "" }, stagingFolder(dist, dead.pid!));
  folder({ "index.html": "" }, stagingFolder(dist, process.pid));
  folder({ "x": "" }, path.join(parent, ".autre.construction-1"));
  expect(removeLeftovers(dist)).toEqual([`.site.construction-${dead.pid}`]);
  expect(existsSync(stagingFolder(dist, process.pid))).toBe(true);
  expect(existsSync(path.join(parent, ".autre.construction-1"))).toBe(true);
});
