// The command-line options every bench takes: size of the generated file, repetitions, seed, keep the file.
import { parseArgs } from "node:util";

export interface BenchOptions {
  rows: number;
  repetitions: number;
  seed: string;
  keep: boolean;
}

/** Medians of three runs per contender, as the issue that set the targets measured them. */
export const DEFAULT_REPETITIONS = 3;

export function parseBenchOptions(argv: string[], defaults: { rows: number; seed: string }): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: { lignes: { type: "string" }, repetitions: { type: "string" }, graine: { type: "string" }, garder: { type: "boolean", default: false } },
  });
  const positive = (raw: string | undefined, fallback: number, name: string) => {
    if (raw === undefined) return fallback;
    const n = Number(raw.replaceAll("_", ""));
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} : entier positif attendu (reçu « ${raw} »)`);
    return n;
  };
  return {
    rows: positive(values.lignes, defaults.rows, "lignes"),
    repetitions: positive(values.repetitions, DEFAULT_REPETITIONS, "repetitions"),
    seed: values.graine ?? defaults.seed,
    keep: values.garder ?? false,
  };
}
