// Rebuilding into an output folder outside the project: a previous site is emptied, anything else is kept.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { clearPreviousSite } from "../../scripts/output-folder.ts";

const folder = (files: Record<string, string>) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ti-dist-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
};

it("empties a folder that holds a previous build, keeping the folder itself", () => {
  const dist = folder({ "_observablehq/client.js": "", "index.html": "", "_import/style.css": "" });
  expect(clearPreviousSite(dist)).toEqual({ ok: true, cleared: true });
  expect(existsSync(dist)).toBe(true);
  expect(readdirSync(dist)).toEqual([]);
});

it("accepts a missing or empty folder without touching anything", () => {
  expect(clearPreviousSite(path.join(os.tmpdir(), "ti-dist-absent-" + process.pid))).toEqual({ ok: true, cleared: false });
  expect(clearPreviousSite(folder({}))).toEqual({ ok: true, cleared: false });
});

it("refuses, in French, a folder holding anything else, and deletes nothing", () => {
  const dist = folder({ "rapport.docx": "important" });
  const result = clearPreviousSite(dist);
  expect(result).toEqual({
    ok: false,
    reason: `le dossier de sortie ${dist} n'est ni vide ni un site déjà construit (pas de dossier _observablehq/) : choisissez un autre dossier (TI_DIST), rien n'a été effacé`,
  });
  expect(readdirSync(dist)).toEqual(["rapport.docx"]);
});
