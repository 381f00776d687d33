// A lock file, so that two processes never work on the same folder at once (two refreshes sharing a download
// cache or a data folder, two builds sharing Framework's cache): the second one stops at once with a French
// message naming the first, instead of deleting the other's files. The file holds the owner's PID, host and
// start time; a lock whose process no longer runs on this host (killed, machine restarted) is stale and taken
// over, so a crash never blocks the next run.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";

interface LockOwner {
  pid: number;
  host: string;
  /** ISO 8601 */
  depuis: string;
  commande: string;
}

export class LockBusyError extends Error {
  constructor(
    message: string,
    readonly owner: LockOwner,
  ) {
    super(message);
    this.name = "LockBusyError";
  }
}

export interface HeldLock {
  file: string;
  release(): void;
}

/**
 * Whether a process of this host with this PID is running (EPERM: it runs, under another user). A zombie (ended,
 * not yet reaped by its parent) still answers signals: on Linux its state in /proc says it is gone.
 */
export function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    // /proc/<pid>/stat: "pid (command) state ...", the command possibly holding spaces or parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc (macOS, Windows): the signal answered
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as LockOwner;
    return typeof parsed.pid === "number" ? parsed : null;
  } catch {
    return null;
  }
}

// Locks this process holds: a second acquisition of one of them (two refreshes started in one process) is busy too.
const heldHere = new Set<string>();

// A lock file whose content cannot be read yet may be one being written this very instant: it is stale only once
// it is older than this.
const UNREADABLE_GRACE_MS = 5000;

/**
 * Takes the lock `file`, or throws LockBusyError when a live process holds it. `what` names the work in the
 * message ("un rafraîchissement des données"). Released by `release()`, and in any case when the process exits.
 */
export function acquireLock(lockFile: string, what: string, command = process.argv.slice(1).join(" ")): HeldLock {
  const file = path.resolve(lockFile);
  mkdirSync(path.dirname(file), { recursive: true });
  const me: LockOwner = { pid: process.pid, host: os.hostname(), depuis: new Date().toISOString(), commande: command };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, "wx");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = readOwner(file);
      const live = owner && (owner.pid === process.pid ? heldHere.has(file) : owner.host !== me.host || processIsAlive(owner.pid));
      if (owner && live) {
        const since = new Date(owner.depuis);
        const when = Number.isNaN(since.getTime()) ? "" : ` depuis ${since.toLocaleString("fr-FR")}`;
        const where = owner.host !== me.host ? ` sur la machine ${owner.host}` : "";
        throw new LockBusyError(
          `${what} est déjà en cours (processus ${owner.pid}${where}${when}) : attendez qu'il se termine, puis relancez. ` +
            `Si aucun ne tourne plus, supprimez le fichier de verrou ${file}.`,
          owner,
        );
      }
      if (!owner && Date.now() - mtimeMs(file) < UNREADABLE_GRACE_MS) {
        throw new LockBusyError(`${what} est déjà en cours (verrou ${file} en cours d'écriture) : attendez qu'il se termine, puis relancez.`, me);
      }
      // Stale: its process is gone (or it is ours, left by an earlier lock of this same process).
      rmSync(file, { force: true });
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(me) + "\n");
    } finally {
      closeSync(fd);
    }
    let held = true;
    heldHere.add(file);
    const release = () => {
      if (!held) return;
      held = false;
      heldHere.delete(file);
      process.off("exit", release);
      // Only our own lock: never one another process took over after we were presumed dead.
      if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
    };
    process.on("exit", release);
    return { file, release };
  }
  throw new LockBusyError(`${what} : verrou ${file} impossible à prendre (pris et repris par d'autres processus)`, me);
}

function mtimeMs(file: string): number {
  return statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
}

export interface WaitOptions {
  /** Give up (LockBusyError) after waiting this long. */
  maxWaitMs: number;
  pollMs?: number;
  /** Told once, when the lock is found busy, with the message of the first try. */
  onWait?: (message: string) => void;
}

/** Takes the lock `file`, waiting for a live holder to finish, at most `maxWaitMs`. */
export async function waitForLock(file: string, what: string, options: WaitOptions): Promise<HeldLock> {
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      return acquireLock(file, what);
    } catch (e) {
      if (!(e instanceof LockBusyError) || Date.now() - started >= options.maxWaitMs) throw e;
      if (!told) options.onWait?.(e.message);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
    }
  }
}
