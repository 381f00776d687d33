// A command of src/cli run in the test's process, its console captured: what a user would read on stdout and stderr,
// without starting a process (tsx alone costs seconds on a busy machine). The process itself (exit codes, argument
// parsing) is checked by a few tests that spawn it.
import { format } from "node:util";
import { vi } from "vitest";

export interface CommandRun {
  code: number;
  out: string;
  err: string;
}

export async function inProcess(command: () => Promise<number> | number): Promise<CommandRun> {
  let out = "";
  let err = "";
  const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void (out += `${format(...args)}\n`));
  const error = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void (err += `${format(...args)}\n`));
  try {
    return { code: await command(), out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
