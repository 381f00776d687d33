// A data folder made for one test: the real territory configuration and the files given, in a temporary folder.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { vi } from "vitest";
import type { DataFolder } from "../../src/pipeline/load-data-folder.ts";
import { runValidate } from "../../src/cli/validate.ts";
import { evaluate } from "../../src/evaluation/evaluate.ts";
import { inProcess } from "../support/console.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const demoSource = (name: string) => path.join(ROOT, "data", "sources", name);
export const readDemo = (name: string) => readFileSync(demoSource(name), "utf8");

const temps: string[] = [];
export function cleanUp(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A data folder with data/territoire.json and `sources` (path under sources/ -> content, or a demo file name to copy). */
export function dataFolder(sources: Record<string, string | Buffer | { copy: string }>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ti-pipeline-"));
  temps.push(dir);
  copyFileSync(path.join(ROOT, "data", "territoire.json"), path.join(dir, "territoire.json"));
  mkdirSync(path.join(dir, "sources"));
  for (const [name, content] of Object.entries(sources)) {
    const file = path.join(dir, "sources", name);
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof content === "object" && !Buffer.isBuffer(content)) copyFileSync(demoSource(content.copy), file);
    else writeFileSync(file, content);
  }
  return dir;
}

/** One number from the folder's database. */
export async function scalar(folder: DataFolder, sql: string): Promise<number> {
  const row = (await folder.db.runAndReadAll(sql)).getRowObjectsJS()[0]!;
  return Number(Object.values(row)[0]);
}

/** `ti validate` on a folder: its exit code and printed lines. */
export async function validate(data: string): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(...args.map(String).join(" ").split("\n")));
  try {
    return { code: await runValidate({ data, all: false }), lines };
  } finally {
    spy.mockRestore();
  }
}

/** The folder loaded and `ti validate` printed from one evaluation (one load where a test needs both); close it. */
export async function loadAndValidate(data: string): Promise<{ folder: DataFolder; code: number; lines: string[]; close(): void }> {
  const evaluation = await evaluate(data);
  try {
    const { code, out } = await inProcess(() => runValidate({ data, all: false }, evaluation));
    return { folder: evaluation.folder, code, lines: out.split("\n"), close: () => evaluation.close() };
  } catch (e) {
    evaluation.close();
    throw e;
  }
}
