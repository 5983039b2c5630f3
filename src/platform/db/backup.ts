import { mkdirSync, readdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import type { DB } from './schema.ts';
import { LOCK_FILE, lockDataDir } from './data-dir-lock.ts';
import { connectionFor, findTool, runTool } from './postgres-tools.ts';

/**
 * Backups of the database, made while the app runs, and restoring them (docs/operations.md,
 * "Backups and the restore drill").
 *
 * - The embedded database (PGlite): PGlite's own dump of its data folder (dumpDataDir, a gzipped
 *   tarball), never a copy of files in use. The dump is taken while this process holds the
 *   database's only connection, after a CHECKPOINT, so no statement or transaction is half-way:
 *   the snapshot is the database as of one moment. Restoring opens a new PGlite on the tarball
 *   (loadDataDir).
 * - PostgreSQL: pg_dump's custom format (a consistent snapshot of one transaction), restored with
 *   pg_restore in one transaction. For point-in-time recovery PostgreSQL's own base backup and WAL
 *   archiving are the tools (docs/operations.md).
 *
 * A backup holds patient data: files are written readable for their owner only (0600), and appear
 * under their final name only when complete.
 */
export type BackupKind = 'pglite' | 'postgres';

export interface BackupResult {
  file: string;
  kind: BackupKind;
  bytes: number;
  ms: number;
}

export interface RestoreResult {
  kind: BackupKind;
  ms: number;
  /** Where the folder that was there before went (PGlite, with `force`): kept, not deleted. */
  movedAside: string | null;
}

/** A problem the operator can fix, said in one message (the CLI prints it without a stack trace). */
export class BackupError extends Error {}

/** What a backup file is, from its first bytes: a gzipped tarball (PGlite) or a pg_dump archive. */
export function backupKindOf(head: Uint8Array): BackupKind | null {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  if (Buffer.from(head.subarray(0, 5)).toString('latin1') === 'PGDMP') return 'postgres';
  return null;
}

const kindNames: Record<BackupKind, string> = { pglite: 'the embedded database (PGlite)', postgres: 'PostgreSQL' };

/** The embedded database's snapshot: taken holding its only connection, after a checkpoint. */
export async function snapshotPglite(db: Kysely<DB>, dump: () => Promise<Blob>, file: string): Promise<BackupResult> {
  const started = performance.now();
  const tarball = await db.connection().execute(async (connection) => {
    // Writes what is in memory to the data files, so the snapshot needs no WAL replay to be complete.
    await sql`checkpoint`.execute(connection);
    return dump();
  });
  const bytes = await writeAtomically(file, new Uint8Array(await tarball.arrayBuffer()));
  return { file, kind: 'pglite', bytes, ms: performance.now() - started };
}

/** pg_dump of the database at `databaseUrl` into `file` (custom format, compressed). */
export async function dumpPostgres(databaseUrl: string, file: string, toolDirs?: readonly string[]): Promise<BackupResult> {
  const started = performance.now();
  const pgDump = findToolOrFail('pg_dump', toolDirs);
  const { dbname, env } = connectionFor(databaseUrl);
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const partial = partialName(file);
  try {
    await runTool(pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${dbname}`], env).catch(asBackupError);
    const handle = await open(partial, 'r+');
    try {
      await handle.chmod(0o600);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return { file, kind: 'postgres', bytes: (await stat(file)).size, ms: performance.now() - started };
}

export interface RestoreOptions {
  /** The target: PostgreSQL when set, otherwise the embedded database in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  file: string;
  /** Restore over a database that holds data: PGlite's folder is moved aside, PostgreSQL's objects are dropped first. */
  force?: boolean;
  toolDirs?: readonly string[];
}

/**
 * Restores `file` into the configured database. Refuses a target that holds data unless `force`,
 * and a backup of the other kind of database. The app must not run on the target meanwhile: the
 * embedded folder is locked (data-dir-lock.ts), and a PostgreSQL restore runs in one transaction.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const started = performance.now();
  const head = await readHead(options.file);
  const kind = backupKindOf(head);
  const target: BackupKind = options.databaseUrl ? 'postgres' : 'pglite';
  if (kind === null) throw new BackupError(`${options.file} is not a Korte Lijn backup (neither a PGlite tarball nor a pg_dump archive).`);
  if (kind !== target) {
    throw new BackupError(
      `${options.file} is a backup of ${kindNames[kind]}, but the configured database is ${kindNames[target]}. ` +
        (kind === 'pglite' ? 'Unset DATABASE_URL and set DATA_DIR to restore it.' : 'Set DATABASE_URL to the PostgreSQL database to restore it into.'),
    );
  }
  const movedAside = options.databaseUrl
    ? await restorePostgres(options.databaseUrl, options.file, options.force ?? false, options.toolDirs)
    : await restorePglite(options.dataDir, options.file, options.force ?? false);
  return { kind, ms: performance.now() - started, movedAside };
}

async function restorePglite(dataDir: string, file: string, force: boolean): Promise<string | null> {
  if (dataDir === 'memory://') throw new BackupError('DATA_DIR is memory://: there is no folder to restore into.');
  let movedAside: string | null = null;
  if (!isEmptyFolder(dataDir)) {
    if (!force) {
      throw new BackupError(
        `${dataDir} already holds a database. Restore into an empty folder (DATA_DIR), or add --force: the current folder is then moved aside, not deleted.`,
      );
    }
    // Refuses while the app (or another command) has the folder open, --force or not.
    lockDataDir(dataDir)();
    movedAside = `${dataDir.replace(/[/\\]+$/, '')}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(dataDir, movedAside);
  }
  mkdirSync(dataDir, { recursive: true });
  lockDataDir(dataDir);
  try {
    const tarball = new Blob([await readFile(file)], { type: 'application/x-gzip' });
    const pglite = new PGlite(dataDir, { loadDataDir: tarball });
    await pglite.waitReady;
    await pglite.query('select 1');
    await pglite.close();
  } catch (err) {
    // Leave no half-restored folder behind; put back what was there.
    await rm(dataDir, { recursive: true, force: true });
    if (movedAside) await rename(movedAside, dataDir);
    throw new BackupError(`The backup could not be restored: ${err instanceof Error ? err.message : String(err)}`);
  }
  // The tarball brought the lock of the process that made the backup: the folder is free now.
  await rm(path.join(dataDir, LOCK_FILE), { force: true });
  return movedAside;
}

async function restorePostgres(databaseUrl: string, file: string, force: boolean, toolDirs?: readonly string[]): Promise<null> {
  const pgRestore = findToolOrFail('pg_restore', toolDirs);
  const tables = await userTableCount(databaseUrl);
  if (tables > 0 && !force) {
    throw new BackupError(
      `The database in DATABASE_URL already has ${tables} table(s). Restore into an empty database (createdb), or add --force to drop and replace its objects.`,
    );
  }
  const { dbname, env } = connectionFor(databaseUrl);
  const args = ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`];
  if (tables > 0) args.push('--clean', '--if-exists');
  await runTool(pgRestore, [...args, file], env).catch(asBackupError);
  return null;
}

async function userTableCount(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema') and schemaname not like 'pg_toast%'`,
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

function asBackupError(err: Error): never {
  throw new BackupError(err.message);
}

function findToolOrFail(tool: 'pg_dump' | 'pg_restore', toolDirs?: readonly string[]): string {
  try {
    return findTool(tool, toolDirs);
  } catch (err) {
    throw new BackupError((err as Error).message);
  }
}

function isEmptyFolder(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

async function readHead(file: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    throw new BackupError(`Cannot read ${file}.`);
  }
  try {
    const head = new Uint8Array(8);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function partialName(file: string): string {
  return `${file}.partial-${process.pid}`;
}

/** Writes under a temporary name, flushes to disk, then renames: the file is complete or absent. Owner-only. */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<number> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const partial = partialName(file);
  const handle = await open(partial, 'w', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(partial, { force: true });
    throw err;
  }
  await handle.close();
  await rename(partial, file);
  return bytes.byteLength;
}
