// One benchmark contender in a fresh Node process (tsx loaded with --import), so that its peak memory is its own;
// its result line parsed (results.ts).
import { spawn } from "node:child_process";
import type { RunResult } from "./contenders.ts";
import { formatNumber } from "../src/format/number.ts";
import { parseWorkerOutput } from "./results.ts";

export function runWorker(worker: string, args: string[], label: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", worker, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${label} : le processus s'est arrêté avec le code ${code}\n${stderr.trim()}`));
      try {
        resolve(parseWorkerOutput(stdout));
      } catch (e) {
        reject(new Error(`${label} : ${(e as Error).message}\n${stderr.trim()}`));
      }
    });
  });
}

/**
 * Every contender once per round, `repetitions` rounds (round-robin, so that a load change on the machine spreads over
 * all of them), each in a fresh process given `args(contender)`; each run printed as it ends.
 */
export async function runRounds<C extends { id: string; label: string }>(worker: string, contenders: readonly C[], repetitions: number, args: (c: C) => string[]): Promise<RunResult[]> {
  const runs: RunResult[] = [];
  for (let rep = 1; rep <= repetitions; rep++)
    for (const contender of contenders) {
      process.stdout.write(`[${rep}/${repetitions}] ${contender.label}… `);
      const result = await runWorker(worker, [contender.id, ...args(contender)], contender.label);
      runs.push(result);
      console.log(`${formatNumber(result.seconds, 1)} s, ${formatNumber(result.peakRssMb, 0)} Mo`);
    }
  return runs;
}
