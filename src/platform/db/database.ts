import { mkdirSync } from 'node:fs';
import { Kysely, Migrator, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { DB } from './schema.ts';
import { migrationProvider } from './migrations/index.ts';
import { isNonTransactional } from './concurrent-index.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { dumpPostgres, snapshotPglite, type BackupResult } from './backup.ts';
import type { Logger } from '../log.ts';
import { ConnectionGate, gatedDialect } from './admission.ts';
import { databaseUnavailable } from './availability.ts';
import { withCommitHooks } from './commit-hooks.ts';
import { preparingPool, preparingQuery } from './prepared-statements.ts';

export type Database = Kysely<DB>;
/** The database or a transaction on it: for steps that run inside a caller's transaction or on their own. */
export type Executor = Database | Transaction<DB>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

// Return bigint columns (bigserial ids, counts) as strings rather than losing precision; timestamptz stays Date.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
// A calendar date stays a 'YYYY-MM-DD' string: no time zone can shift it.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/**
 * Statements sent to each database since it was opened, BEGIN and COMMIT included: each one is a
 * round trip. Tests use it to hold pages to a budget of round trips (statementCount).
 */
const statementCounters = new WeakMap<Database, { sent: number }>();

export function statementCount(db: Database): number {
  return statementCounters.get(db)?.sent ?? 0;
}

/** The wait limit each database was opened with (OpenDatabaseOptions.waitSeconds), in ms. */
const waitLimits = new WeakMap<Database, number>();

/** How long a request may wait for this database in total, or undefined when it may wait as long as it takes. */
export function waitLimitMs(db: Database): number | undefined {
  return waitLimits.get(db);
}

/** How each database makes a backup while it is in use (backup.ts): PGlite's dump, or pg_dump. */
const backupMakers = new WeakMap<Database, (file: string) => Promise<BackupResult>>();

const kinds = new WeakMap<Database, DatabaseHandle['kind']>();

/** Which database this is: the embedded PGlite or PostgreSQL. */
export function databaseKind(db: Database): DatabaseHandle['kind'] {
  const kind = kinds.get(db);
  if (!kind) throw new Error('databaseKind: not a database opened with openDatabase');
  return kind;
}

/** Writes a consistent backup of the database into `file` while the app keeps running (backup.ts). */
export function backupDatabase(db: Database, file: string): Promise<BackupResult> {
  const make = backupMakers.get(db);
  if (!make) throw new Error('backupDatabase: not a database opened with openDatabase');
  return make(file);
}

/** The connections of a database, as metrics and readiness report them. */
export interface ConnectionUse {
  /** Connections there are: 1 for PGlite, the pool size for PostgreSQL. */
  capacity: number;
  inUse: number;
  /** Statements waiting for a connection. */
  waiting: number;
}

const connectionUses = new WeakMap<Database, () => ConnectionUse>();

/** How many of the database's connections are in use and how many statements wait for one now. */
export function connectionUse(db: Database): ConnectionUse | undefined {
  return connectionUses.get(db)?.();
}

/** Connections the app keeps to PostgreSQL at most (per instance). */
export const POSTGRES_POOL_SIZE = 10;

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /**
   * How long a statement may wait for a free connection before it is refused with a 503 (the
   * server passes DB_WAIT_SECONDS). Without it a statement waits as long as it takes (CLI, tests).
   */
  waitSeconds?: number | undefined;
  /** Where connections lost on PostgreSQL are reported (a restart or failover); silent without it. */
  log?: Logger | undefined;
}

/**
 * Opens the database: PostgreSQL when a URL is given, otherwise the embedded PGlite in `dataDir`
 * ("memory://" for an in-memory database in tests). One dialect, one migration set.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const waitMs = options.waitSeconds === undefined ? undefined : Math.max(1, Math.round(options.waitSeconds * 1000));
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: POSTGRES_POOL_SIZE,
      // pg-pool gives up on a checkout after this long ("timeout exceeded when trying to connect",
      // "Connection terminated due to connection timeout"): databaseUnavailable() makes it a 503.
      connectionTimeoutMillis: waitMs ?? 0,
      // Notice a server that vanished without closing the connection (failover, network loss).
      keepAlive: true,
    });
    survivesLostConnections(pool, options.log);
    const counter = { sent: 0 };
    // The gate bounds how long a statement waits for one of the pool's connections (pg-pool's own
    // timeout above then only bounds opening a connection to a server that does not answer).
    const postgres = new PostgresDialect({ pool: preparingPool(pool, counter) });
    const gate = waitMs === undefined ? undefined : new ConnectionGate(waitMs, POSTGRES_POOL_SIZE);
    const dialect = gate ? gatedDialect(postgres, gate) : postgres;
    // Commit hooks: audit entries written in a transaction are appended as its last statement (platform/audit).
    const db = new Kysely<DB>({ dialect: withCommitHooks(dialect) });
    statementCounters.set(db, counter);
    if (waitMs !== undefined) waitLimits.set(db, waitMs);
    const databaseUrl = options.databaseUrl;
    kinds.set(db, 'postgres');
    backupMakers.set(db, (file) => dumpPostgres(databaseUrl, file));
    connectionUses.set(db, () =>
      gate
        ? { capacity: gate.capacity, inUse: gate.inUse, waiting: gate.waiting }
        : { capacity: POSTGRES_POOL_SIZE, inUse: pool.totalCount - pool.idleCount, waiting: pool.waitingCount },
    );
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const inMemory = options.dataDir === 'memory://';
  if (!inMemory) mkdirSync(options.dataDir, { recursive: true });
  // One process at a time on a data folder: PGlite does not check that itself (data-dir-lock.ts).
  const unlock = inMemory ? () => {} : lockDataDir(options.dataDir);
  // Same value shapes as node-postgres above: int8 and date as strings.
  const parsers = { 20: (v: string) => v, 1082: (v: string) => v };
  const pglite = inMemory ? new PGlite({ parsers }) : new PGlite(options.dataDir, { parsers });
  try {
    await pglite.waitReady;
  } catch (err) {
    unlock();
    throw err;
  }
  const counter = { sent: 0 };
  // Statements with parameters are prepared once and then only bound and run (prepared-statements.ts).
  const query = preparingQuery(pglite, pglite.query.bind(pglite));
  pglite.query = ((...args: Parameters<typeof query>) => {
    counter.sent++;
    return query(...args);
  }) as typeof pglite.query;
  // All statements share PGlite's one connection; the gate bounds how long a statement waits for it.
  const gate = waitMs === undefined ? undefined : new ConnectionGate(waitMs, 1);
  const dialect = gate ? gatedDialect(new PGliteDialect(pglite), gate) : new PGliteDialect(pglite);
  const db = new Kysely<DB>({ dialect: withCommitHooks(dialect) });
  statementCounters.set(db, counter);
  if (waitMs !== undefined) waitLimits.set(db, waitMs);
  kinds.set(db, 'pglite');
  backupMakers.set(db, (file) => snapshotPglite(db, () => pglite.dumpDataDir('gzip'), file));
  // Without a gate (CLI, tests) nobody waits in the app's own queue; PGlite's is not visible.
  connectionUses.set(db, () => (gate ? { capacity: 1, inUse: gate.inUse, waiting: gate.waiting } : { capacity: 1, inUse: 0, waiting: 0 }));
  return {
    db,
    kind: 'pglite',
    close: async () => {
      try {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}

/**
 * When PostgreSQL restarts or fails over, every open connection ends ("terminating connection due
 * to administrator command"). node-postgres reports that as an 'error' event, on the pool for an
 * idle connection and on the client for one that is checked out; an 'error' event nobody listens
 * to ends the Node process. So both are listened to: the broken connection is dropped (pg-pool does
 * not hand out a client that is no longer queryable), the statements on it fail and become a 503
 * (databaseUnavailable), and the next checkout opens a new connection once the server is back.
 */
function survivesLostConnections(pool: pg.Pool, log: Logger | undefined): void {
  const report = (err: Error) => log?.warn({ code: databaseUnavailable(err)?.code ?? 'db_error', err: err.message.slice(0, 200) }, 'database connection lost');
  pool.on('connect', (client) => client.on('error', report));
  // pg-pool re-emits an idle client's error on the pool; the client's own listener reported it.
  pool.on('error', () => {});
}

/**
 * The database's schema is newer than this code: it was migrated by a newer version of Korte Lijn.
 * Old code against a new schema could write what the new code no longer expects, so it does not start.
 */
export class SchemaNewerError extends Error {
  constructor(readonly unknownMigrations: string[]) {
    super(
      `The database was upgraded by a newer version of Korte Lijn (migration ${unknownMigrations.join(', ')} is unknown to this version). ` +
        'Start that newer version, or restore a backup made before the upgrade (docs/operations.md, "Upgrades"). ' +
        `De database is bijgewerkt door een nieuwere versie van Korte Lijn (migratie ${unknownMigrations.join(', ')} kent deze versie niet). ` +
        'Start die nieuwere versie, of zet een back-up van vóór de upgrade terug.',
    );
  }
}

export interface MigrationState {
  /** Migrations of this code not yet applied to the database. */
  pending: string[];
  /** Migrations the database has that this code does not know: it is newer. */
  unknown: string[];
}

/** Which migrations the database lacks, and which it has that this code does not know. */
export async function migrationState(db: Kysely<DB>): Promise<MigrationState> {
  const known = Object.keys(await migrationProvider.getMigrations());
  const { rows: table } = await sql<{ present: boolean }>`select to_regclass('kysely_migration') is not null as present`.execute(db);
  // A database that was never migrated has no migration table yet.
  const { rows } = table[0]?.present ? await sql<{ name: string }>`select name from kysely_migration`.execute(db) : { rows: [] };
  const applied = new Set(rows.map((r) => r.name));
  return { pending: known.filter((name) => !applied.has(name)).sort(), unknown: [...applied].filter((name) => !known.includes(name)).sort() };
}

/** One lock for the whole run, so instances that start together migrate one after the other. */
const MIGRATION_LOCK = sql.lit(BigInt('4283916620271801'));

/**
 * Applies the pending migrations in order and returns their names. Refuses (SchemaNewerError) a
 * database migrated by a newer version. Migrations run in a transaction each, except those marked
 * `transactional = false` (concurrent-index.ts: CREATE INDEX CONCURRENTLY cannot run in one), which
 * run on their own. Everything runs on one connection under one advisory lock, so several instances
 * starting at once never run a migration twice or see a half-migrated state as their starting point.
 */
export async function migrateToLatest(db: Database): Promise<string[]> {
  const migrations = await migrationProvider.getMigrations();
  return db.connection().execute(async (connection) => {
    // Asked for again and again rather than waited for in one statement: a statement that waits holds
    // a snapshot, and CREATE INDEX CONCURRENTLY in the instance that migrates waits for every
    // snapshot to end, so the two would wait for each other.
    while (!(await sql<{ got: boolean }>`select pg_try_advisory_lock(${MIGRATION_LOCK}) as got`.execute(connection)).rows[0]?.got) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    try {
      const { pending, unknown } = await migrationState(connection);
      if (unknown.length) throw new SchemaNewerError(unknown);
      const applied: string[] = [];
      // Consecutive migrations of the same kind run in one go; a non-transactional one runs alone.
      for (let i = 0; i < pending.length;) {
        const transactional = !isNonTransactional(migrations[pending[i]!]!);
        let last = i;
        while (transactional && last + 1 < pending.length && !isNonTransactional(migrations[pending[last + 1]!]!)) last++;
        const migrator = new Migrator({ db: connection, provider: migrationProvider, disableTransactions: !transactional });
        const { error, results } = await migrator.migrateTo(pending[last]!);
        if (error) throw error;
        applied.push(...(results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName));
        i = last + 1;
      }
      return applied;
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(connection);
    }
  });
}

/** 'ok' when the database answers; 'busy' when no connection came free in time; 'down' otherwise. */
export async function databaseHealth(db: Database): Promise<'ok' | 'busy' | 'down'> {
  try {
    await sql`select 1`.execute(db);
    return 'ok';
  } catch (err) {
    return databaseUnavailable(err)?.code === 'db_busy' ? 'busy' : 'down';
  }
}
