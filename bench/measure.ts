// The timed part of a contender in its child process: wall and CPU time, peak memory, and the counts it gives.
import { readFileSync } from "node:fs";
import type { RunResult } from "./contenders.ts";

const mb = (kib: number) => kib / 1024;

/** VmHWM of /proc/self/status in MiB (the peak RSS as the kernel reports it), null off Linux. */
function vmHwmMb(): number | null {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    return m ? mb(Number(m[1])) : null;
  } catch {
    return null;
  }
}

export interface Counts {
  rowsRead: number;
  rowsLoaded: number;
  rejections: number | null;
}

/** Runs `work` (everything set up before: territory, DuckDB) and measures it. */
export async function measured(contender: string, work: () => Promise<Counts>): Promise<RunResult> {
  const startRssMb = process.memoryUsage().rss / 1024 / 1024;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const counts = await work();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return {
    contender,
    ...counts,
    jobsTotal: null,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb: mb(process.resourceUsage().maxRSS),
    vmHwmMb: vmHwmMb(),
    startRssMb,
  };
}
