import { CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type QueryResult, type Transaction, type TransactionSettings } from 'kysely';

/** Work a transaction does last, on its own connection, just before COMMIT. */
export type CommitHook = () => Promise<void>;

/**
 * Kysely has no commit hook, so `beforeCommit` hands its work to the connection with a marker
 * statement that never reaches the database: the wrapped connection keeps the hook, and the wrapped
 * driver runs the hooks in order right before it sends COMMIT (and drops them on ROLLBACK). Should
 * the marker ever reach a database (a dialect without this wrapper), it fails loudly instead of
 * silently skipping the work: its text names a function that does not exist.
 */
const MARKER = 'select "korte lijn: beforeCommit needs withCommitHooks around the dialect (database.ts)"($1)';

/**
 * Runs `hook` as the last work of `trx`, right before it commits; not at all when it rolls back.
 * Used by the audit log (audit.ts): entries written inside a transaction are appended at its end,
 * so the audit chain head is locked only while the transaction commits, not while it works.
 */
export async function beforeCommit<DB>(trx: Transaction<DB>, hook: CommitHook): Promise<void> {
  await trx.executeQuery(CompiledQuery.raw(MARKER, [hook]));
}

/** The dialect, with `beforeCommit` hooks run by its driver at COMMIT. */
export function withCommitHooks(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => new HookingDriver(dialect.createDriver()),
  };
}

class HookingConnection implements DatabaseConnection {
  hooks: CommitHook[] = [];

  constructor(readonly inner: DatabaseConnection) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (query.sql === MARKER) {
      this.hooks.push(query.parameters[0] as CommitHook);
      return Promise.resolve({ rows: [] });
    }
    return this.inner.executeQuery<R>(query);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class HookingDriver implements Driver {
  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new HookingConnection(await this.inner.acquireConnection());
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(innerOf(connection));
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    hooked(connection).hooks = [];
    return this.inner.beginTransaction(innerOf(connection), settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const conn = hooked(connection);
    // A hook may register another (an audit entry written by a hook): run until none are left.
    for (let hook = conn.hooks.shift(); hook; hook = conn.hooks.shift()) await hook();
    await this.inner.commitTransaction(conn.inner);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    hooked(connection).hooks = [];
    return this.inner.rollbackTransaction(innerOf(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

function hooked(connection: DatabaseConnection): HookingConnection {
  if (connection instanceof HookingConnection) return connection;
  throw new Error('commit hooks: a connection that did not come from this driver');
}

function innerOf(connection: DatabaseConnection): DatabaseConnection {
  return hooked(connection).inner;
}
