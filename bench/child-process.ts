// One benchmark contender in a fresh Node process (tsx loaded with --import), so that its peak memory is its own;
// its result line parsed (results.ts).
import { spawn } from "node:child_process";
import type { RunResult } from "./contenders.ts";
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
