import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { Kysely, Migrator, PostgresDialect, sql, type PostgresPool, type Transaction } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { DB } from './schema.ts';
import { migrationProvider } from './migrations/index.ts';

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

/**
 * Opens the database: PostgreSQL when a URL is given, otherwise the embedded PGlite in `dataDir`
 * ("memory://" for an in-memory database in tests). One dialect, one migration set.
 */
export async function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string }): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const counter = { sent: 0 };
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool, counter) }) });
    statementCounters.set(db, counter);
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
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  statementCounters.set(db, counter);
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

function statementName(text: string): string {
  return `kl_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
}

export async function migrateToLatest(db: Database): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function pingDatabase(db: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
