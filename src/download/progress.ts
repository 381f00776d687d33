// Progress of long downloads, in French. On a terminal one line is redrawn in place; in a log (CI, a
// file) a line is printed only now and then, so that logs stay short.
import { formatNumber } from "../format/number.ts";

export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Nothing is shown for downloads shorter than this. */
  quietMs?: number;
  /** Minimum gap between redraws on a terminal. */
  ttyIntervalMs?: number;
  /** Minimum gap between lines in a log. */
  logIntervalMs?: number;
  now?: () => number;
}

export interface Progress {
  update(received: number, total: number | null): void;
  /** Ends the progress display (clears the terminal line). */
  done(): void;
}

export function formatBytes(n: number): string {
  const units = ["o", "Ko", "Mo", "Go"];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? String(value) : formatNumber(value, value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function progressLine(label: string, received: number, total: number | null): string {
  if (total === null || total === 0) return `${label} : ${formatBytes(received)} reçus`;
  const percent = Math.min(100, Math.floor((received / total) * 100));
  return `${label} : ${formatBytes(received)} sur ${formatBytes(total)} (${percent} %)`;
}

export function startProgress(label: string, sink: ProgressSink, options: ProgressOptions = {}): Progress {
  const now = options.now ?? Date.now;
  const quietMs = options.quietMs ?? 1000;
  const tty = sink.isTTY === true;
  const interval = tty ? (options.ttyIntervalMs ?? 200) : (options.logIntervalMs ?? 15_000);
  const started = now();
  let last = -Infinity;
  let drawn = false;
  return {
    update(received, total) {
      const t = now();
      if (t - started < quietMs || t - last < interval) return;
      last = t;
      const line = progressLine(label, received, total);
      if (tty) sink.write(`\r\x1b[2K${line}`);
      else sink.write(`${line}\n`);
      drawn = true;
    },
    done() {
      if (tty && drawn) sink.write("\r\x1b[2K");
    },
  };
}
