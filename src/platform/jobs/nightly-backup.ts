import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { backupDatabase, databaseKind, type Database } from '../db/database.ts';
import type { BackupResult } from '../db/backup.ts';
import type { Logger } from '../log.ts';
import type { Job } from './runner.ts';
import { nextDailyRun } from './schedule.ts';

/**
 * The scheduled backup (BACKUP_DIR): once a night at BACKUP_TIME, a consistent backup of the
 * running database (db/backup.ts), keeping the newest BACKUP_KEEP. Through the job runner, so with
 * several instances on one PostgreSQL only one of them makes it. A failed backup is the job's
 * error (job_runs.last_error); monitoring alerts on the age of the last success (platform/metrics).
 */
export interface BackupSchedule {
  dir: string;
  keep: number;
  /** HH:MM on the Amsterdam clock. */
  time: string;
}

export const BACKUP_JOB = 'database.backup';

/** korte-lijn-20261130-023000.pglite.tar.gz / .pgdump: sorts by time, says what it holds. */
export function backupFileName(kind: 'pglite' | 'postgres', at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
  return `korte-lijn-${stamp}.${kind === 'pglite' ? 'pglite.tar.gz' : 'pgdump'}`;
}

const BACKUP_FILE = /^korte-lijn-\d{8}-\d{6}\.(pglite\.tar\.gz|pgdump)$/;

/** Deletes all but the newest `keep` backups in `dir` (only files this job names); returns the deleted names. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const backups = (await readdir(dir)).filter((name) => BACKUP_FILE.test(name)).sort();
  const old = backups.slice(0, Math.max(0, backups.length - keep));
  for (const name of old) await rm(path.join(dir, name), { force: true });
  return old;
}

/** One backup into `dir` now, then the pruning. */
export async function backupInto(db: Database, schedule: Pick<BackupSchedule, 'dir' | 'keep'>, now = new Date()): Promise<BackupResult & { pruned: string[] }> {
  const result = await backupDatabase(db, path.join(schedule.dir, backupFileName(databaseKind(db), now)));
  return { ...result, pruned: await pruneBackups(schedule.dir, schedule.keep) };
}

export function nightlyBackupJob(db: Database, schedule: BackupSchedule, log: Logger): Job {
  return {
    name: BACKUP_JOB,
    everySeconds: 86_400,
    nextRunAfter: (now) => nextDailyRun(now, schedule.time),
    run: async () => {
      const result = await backupInto(db, schedule);
      // The file name and size only: what is in it stays in it.
      log.info({ file: path.basename(result.file), bytes: result.bytes, ms: Math.round(result.ms), pruned: result.pruned.length }, 'backup written');
      return { bytes: result.bytes };
    },
  };
}
