import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * One process at a time on an embedded database folder. PGlite itself does not check: a second
 * process (the CLI while the app runs, a restore into the folder of a running app) would open the
 * same files and both would write them, which corrupts the database. So whoever opens the folder
 * leaves a lock file with its process id, and removes it when it closes the database.
 *
 * A lock is honoured only when it names a process that is still alive on this machine. A lock of a
 * process that crashed is taken over; so is one from another machine (a container that was moved:
 * its liveness cannot be checked from here) or from this very process (PID 1 again in a restarted
 * container).
 */
export const LOCK_FILE = 'korte-lijn.lock';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (is Korte Lijn running?). Stop it first. ` +
        `De ingebouwde database in ${dataDir} is in gebruik door proces ${pid} (draait Korte Lijn nog?). Stop dat eerst.`,
    );
  }
}

interface LockContents {
  pid: number;
  host: string;
  since: string;
}

/** Takes the folder's lock; throws DataDirInUseError when a live process on this machine holds it. Returns the release. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  const holder = lockHolder(dataDir);
  if (holder !== null) throw new DataDirInUseError(dataDir, holder);
  const mine: LockContents = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  writeFileSync(file, JSON.stringify(mine), { mode: 0o600 });
  return () => {
    // Only our own lock: a restore may have replaced the folder in the meantime.
    if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
  };
}

/** The process id holding the folder, or null when it is free (no lock, or a stale one). */
export function lockHolder(dataDir: string): number | null {
  const lock = readLock(path.join(dataDir, LOCK_FILE));
  if (!lock || lock.host !== hostname() || lock.pid === process.pid) return null;
  return isAlive(lock.pid) ? lock.pid : null;
}

function readLock(file: string): LockContents | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockContents>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? { pid: parsed.pid, host: parsed.host, since: String(parsed.since) } : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
