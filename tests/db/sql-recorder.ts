// Records the SQL text of every statement any DuckDB connection is given (run, runAndReadAll, prepare...), so that a
// test can prove a value reached DuckDB as a bound parameter or an appended value, and never inside SQL text.
import { DuckDBConnection } from "@duckdb/node-api";
import { vi, type MockInstance } from "vitest";

export interface SqlRecorder {
  /** Every SQL text given so far. */
  texts: string[];
  /** The texts that contain `value`. */
  containing(value: string): string[];
  stop(): void;
}

export function recordSql(): SqlRecorder {
  const texts: string[] = [];
  const spies: MockInstance[] = [];
  const prototype = DuckDBConnection.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  // Every public method whose first argument is a statement: run*, stream*, start*, prepare, extractStatements.
  for (const name of Object.getOwnPropertyNames(prototype)) {
    if (!/^(run|stream|start|prepare|extractStatements)/.test(name)) continue;
    const original = prototype[name]!;
    spies.push(
      vi.spyOn(prototype, name).mockImplementation(function (this: unknown, ...args: unknown[]) {
        if (typeof args[0] === "string") texts.push(args[0]);
        return original.apply(this, args);
      }),
    );
  }
  return {
    texts,
    containing: (value) => texts.filter((t) => t.includes(value)),
    stop: () => spies.forEach((s) => s.mockRestore()),
  };
}
