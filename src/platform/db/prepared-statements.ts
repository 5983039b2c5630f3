import { createHash } from 'node:crypto';
import type { PostgresPool } from 'kysely';
import type pg from 'pg';
import { protocol, types, type PGlite, type Results } from '@electric-sql/pglite';

/**
 * Every statement with parameters runs as a named prepared statement, so each connection plans it
 * once instead of on every request (planning the team inbox took as long as running it). The name
 * is derived from the SQL text; node-postgres prepares it on first use per connection. Statements
 * without parameters (BEGIN, COMMIT, DDL) run as they are. Needs a direct connection or a
 * session-mode pooler: transaction-mode poolers do not keep prepared statements.
 *
 * When a table a prepared statement reads changes shape (a migration by another instance adds a
 * column to a `select *`), PostgreSQL refuses to run it ("cached plan must not change result type"):
 * the statement is prepared again under a new name and run again, unless the refusal ended the
 * transaction the caller is in.
 */
export function preparingPool(pool: pg.Pool, counter: { sent: number }): PostgresPool {
  return {
    connect: async () => {
      const client = await pool.connect();
      if (!preparedClients.has(client)) {
        const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
        // Texts prepared again on this connection, and how often: part of their statement's name.
        const generations = new Map<string, number>();
        const run = (text: string, values: unknown[]) => query({ name: statementName(text, generations.get(text)), text, values });
        (client as { query: unknown }).query = async (text: unknown, values?: unknown[]) => {
          counter.sent++;
          if (typeof text !== 'string' || !values || values.length === 0) return query(text, values);
          try {
            return await run(text, values);
          } catch (err) {
            if (!resultTypeChanged(err)) throw err;
            const stale = statementName(text, generations.get(text));
            generations.set(text, (generations.get(text) ?? 0) + 1);
            // Freed at once; in a transaction the refusal ended, this fails too and the name stays until the connection closes.
            await query(`deallocate ${stale}`).catch(() => undefined);
            try {
              return await run(text, values);
            } catch (retryErr) {
              // In a transaction the refusal ended it: the caller gets the refusal, not "transaction aborted".
              throw (retryErr as { code?: string }).code === TRANSACTION_ABORTED ? err : retryErr;
            }
          }
        };
        preparedClients.add(client);
      }
      return client;
    },
    end: () => pool.end(),
  };
}

const preparedClients = new WeakSet<pg.PoolClient>();

function statementName(text: string, generation = 0): string {
  const name = `kl_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
  return generation === 0 ? name : `${name}_${generation}`;
}

const TRANSACTION_ABORTED = '25P02';

/**
 * PostgreSQL's refusal to run a prepared statement whose result columns changed ("cached plan must
 * not change result type"). Its code, 0A000, is the general "feature not supported", so the routine
 * that raises it is checked too (not the message: the server may speak another language).
 */
function resultTypeChanged(err: unknown): boolean {
  const { code, routine } = err as { code?: string; routine?: string };
  return code === '0A000' && routine === 'RevalidateCachedQuery';
}

/**
 * Named prepared statements on PGlite, as the PostgreSQL pool has them (preparingPool above).
 *
 * PGlite's own `query` sends every statement unnamed, so its one connection parses and plans each
 * request again: for the staff search about a third of its CPU time, and every other statement
 * waits for it, because PGlite runs one statement at a time. Here a statement with parameters is
 * parsed and described once under a name derived from its text, and each later call only binds
 * the values and executes: one message to the database instead of six.
 *
 * Statements without parameters (BEGIN, COMMIT, DDL) and calls with options go through PGlite's
 * own `query`, as do new texts once MAX_PREPARED are kept (a bound on memory should a caller ever
 * produce unbounded distinct texts).
 */
const MAX_PREPARED = 2000;

interface Prepared {
  name: string;
  /** The type of each parameter as the database inferred it: picks the serializer for each value. */
  paramTypes: number[];
  /** The result columns, or none for a statement without rows (INSERT without RETURNING). */
  fields: Array<{ name: string; dataTypeID: number }>;
}

type Query = PGlite['query'];

export function preparingQuery(pglite: PGlite, unnamed: Query): Query {
  const prepared = new Map<string, Prepared>();
  const { serialize } = protocol;

  async function prepare(text: string): Promise<Prepared> {
    const known = prepared.get(text);
    if (known) return known;
    const name = statementName(text);
    const messages = await exchange(serialize.parse({ name, text }), serialize.describe({ type: 'S', name }));
    let paramTypes: number[] = [];
    let fields: Prepared['fields'] = [];
    for (const message of messages) {
      if (message instanceof protocol.messages.ParameterDescriptionMessage) paramTypes = message.dataTypeIDs;
      if (message instanceof protocol.messages.RowDescriptionMessage) fields = message.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }));
    }
    const statement = { name, paramTypes, fields };
    prepared.set(text, statement);
    return statement;
  }

  async function run(statement: Prepared, params: unknown[]): Promise<Results> {
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pglite.serializers[statement.paramTypes[i] ?? 0];
      return serializer ? serializer(value as never) : String(value);
    });
    const messages = await exchange(serialize.bind({ statement: statement.name, values }), serialize.execute({}));
    const rows: Record<string, unknown>[] = [];
    let affectedRows = 0;
    for (const message of messages) {
      if (message instanceof protocol.messages.DataRowMessage) {
        const row: Record<string, unknown> = {};
        message.fields.forEach((value, i) => {
          const field = statement.fields[i]!;
          row[field.name] = types.parseType(value, field.dataTypeID, pglite.parsers);
        });
        rows.push(row);
      } else if (message instanceof protocol.messages.CommandCompleteMessage) {
        affectedRows += rowsAffected(message.text);
      }
    }
    return { rows, affectedRows, fields: [...statement.fields] };
  }

  async function forget(text: string, statement: Prepared): Promise<void> {
    prepared.delete(text);
    await exchange(serialize.close({ type: 'S', name: statement.name }));
  }

  /**
   * The messages, then Sync, in one call: the database answers them all, and after an error skips
   * to the Sync, so the connection is ready again whatever happened. Only the parsed answers are
   * kept (PGlite's own query does the same), not a copy of the raw response.
   */
  function exchange(...messages: Uint8Array[]) {
    return pglite.execProtocolStream(concat(...messages, serialize.sync()), { syncToFs: false });
  }

  return (async (text: string, params?: unknown[], options?: unknown) => {
    if (!params || params.length === 0 || options !== undefined) return unnamed(text, params, options as never);
    if (prepared.size >= MAX_PREPARED && !prepared.has(text)) return unnamed(text, params);
    const result = await pglite.runExclusive(async () => {
      // Checked in turn: a close that began while this call waited has removed what it would run on.
      if (!pglite.ready) throw new Error('PGlite is closed');
      const statement = await prepare(text);
      try {
        return await run(statement, params);
      } catch (err) {
        // A table changed shape since the statement was prepared: prepare it again, and run it
        // again unless the refusal ended a transaction the caller is in.
        if (!resultTypeChanged(err)) throw err;
        await forget(text, statement);
        if (pglite.isInTransaction()) throw err;
        return run(await prepare(text), params);
      }
    });
    // Written to the data folder after each statement, as PGlite's own query does outside its transaction().
    await pglite.syncToFs();
    return result;
  }) as Query;
}

/** Rows an INSERT, UPDATE, DELETE, MERGE or COPY reports ("INSERT 0 3", "UPDATE 2"); 0 for others. */
function rowsAffected(commandTag: string): number {
  const [command, first, second] = commandTag.split(' ');
  if (command === 'INSERT') return Number(second ?? 0);
  if (command === 'UPDATE' || command === 'DELETE' || command === 'MERGE' || command === 'COPY') return Number(first ?? 0);
  return 0;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
