import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { Kysely, Migrator, PostgresDialect, sql, type PostgresPool, type Transaction } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { DB } from './schema.ts';
import { migrationProvider } from './migrations/index.ts';
import type { Logger } from '../log.ts';
import { ConnectionGate, gatedDialect } from './admission.ts';
import { databaseUnavailable } from './availability.ts';
import { withCommitHooks } from './commit-hooks.ts';

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
    const dialect = waitMs === undefined ? postgres : gatedDialect(postgres, new ConnectionGate(waitMs, POSTGRES_POOL_SIZE));
    // Commit hooks: audit entries written in a transaction are appended as its last statement (platform/audit).
    const db = new Kysely<DB>({ dialect: withCommitHooks(dialect) });
    statementCounters.set(db, counter);
    if (waitMs !== undefined) waitLimits.set(db, waitMs);
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (options.dataDir !== 'memory://') mkdirSync(options.dataDir, { recursive: true });
  // Same value shapes as node-postgres above: int8 and date as strings.
  const parsers = { 20: (v: string) => v, 1082: (v: string) => v };
  const pglite = options.dataDir === 'memory://' ? new PGlite({ parsers }) : new PGlite(options.dataDir, { parsers });
  await pglite.waitReady;
  const counter = { sent: 0 };
  const query = pglite.query.bind(pglite);
  pglite.query = ((...args: Parameters<typeof query>) => {
    counter.sent++;
    return query(...args);
  }) as typeof pglite.query;
  // All statements share PGlite's one connection; the gate bounds how long a statement waits for it.
  const dialect = waitMs === undefined ? new PGliteDialect(pglite) : gatedDialect(new PGliteDialect(pglite), new ConnectionGate(waitMs, 1));
  const db = new Kysely<DB>({ dialect: withCommitHooks(dialect) });
  statementCounters.set(db, counter);
  if (waitMs !== undefined) waitLimits.set(db, waitMs);
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * Every statement with parameters runs as a named prepared statement, so each connection plans it
 * once instead of on every request (planning the team inbox took as long as running it). The name
 * is derived from the SQL text; node-postgres prepares it on first use per connection. Statements
 * without parameters (BEGIN, COMMIT, DDL) run as they are. Needs a direct connection or a
 * session-mode pooler: transaction-mode poolers do not keep prepared statements.
 */
function preparingPool(pool: pg.Pool, counter: { sent: number }): PostgresPool {
  return {
    connect: async () => {
      const client = await pool.connect();
      if (!preparedClients.has(client)) {
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        (client as { query: unknown }).query = (text: unknown, values?: unknown[]) => {
          counter.sent++;
          return typeof text === 'string' && values && values.length > 0 ? query({ name: statementName(text), text, values }) : query(text, values);
        };
        preparedClients.add(client);
      }
      return client;
    },
    end: () => pool.end(),
  };
}

const preparedClients = new WeakSet<pg.PoolClient>();

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

function statementName(text: string): string {
  return `kl_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
}

export async function migrateToLatest(db: Database): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
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
