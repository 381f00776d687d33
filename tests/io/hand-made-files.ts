// Hostile files made by hand for the reader's contract tests, in a temporary folder removed after the file's tests.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll } from "vitest";

/** A writer of files (text as UTF-8, or bytes; gzip-compressed when asked) into a fresh folder; returns each path. */
export function handMadeFiles(prefix: string): (name: string, content: string | Buffer, gzip?: boolean) => string {
  const work = mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  return (name, content, gzip = false) => {
    const f = path.join(work, name);
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    writeFileSync(f, gzip ? gzipSync(bytes) : bytes);
    return f;
  };
}
