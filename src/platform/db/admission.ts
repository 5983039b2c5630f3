import { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseConnection, Dialect, Driver, QueryCompiler, TransactionSettings } from 'kysely';
import { databaseBusy } from './availability.ts';

/** How long the statements of one request have waited for a connection so far. */
export interface WaitBudget {
  waitedMs: number;
}

const budgets = new AsyncLocalStorage<WaitBudget>();

/**
 * Runs `work` (one HTTP request) with one wait budget for all its statements: a request that has
 * waited the limit in total, over however many statements, is refused with 503 rather than
 * waiting the limit again for each one. Work outside it (background jobs) gets the limit per statement.
 */
export function withWaitBudget<T>(budget: WaitBudget, work: () => T): T {
  return budgets.run(budget, work);
}

/**
 * Counts the time this request waits for its turn against its budget, and refuses it with
 * databaseBusy() once the budget is used up. PGlite runs every statement synchronously on the event
 * loop, so under load the queue for the database is the event loop itself: left alone, Node reads
 * one waiting request and runs it to its end before it reads the next, so no wait would ever be
 * seen. Yielding once lets Node read every waiting request first, so each one's wait is timed from
 * when it was read, and one that waited too long is answered at once without running. (Time spent
 * in the network buffers before Node read the request cannot be seen from here: README, "When to
 * move from the embedded database to PostgreSQL".)
 */
export async function waitForTurn(limitMs: number | undefined): Promise<void> {
  if (limitMs === undefined) return;
  const readAt = performance.now();
  await new Promise((resolve) => setImmediate(resolve));
  const budget = budgets.getStore();
  if (!budget) return;
  budget.waitedMs += performance.now() - readAt;
  if (budget.waitedMs > limitMs) throw databaseBusy();
}

interface Waiter {
  deadline: number;
  admit(): void;
  refuse(): void;
  timer: NodeJS.Timeout;
}

/**
 * Admission to the database's connections, first come first served, with a bound on the wait: a
 * caller that has not got a connection within `waitMs` (less what its request already waited) is
 * refused with databaseBusy(), 503 + Retry-After, instead of queueing for as long as it takes.
 * Only the wait is bounded: a holder keeps its connection until it leaves, so a statement or a
 * transaction that started is never cut off.
 *
 * PGlite runs each statement synchronously on the event loop, so a timer cannot fire while one
 * runs; the deadline is therefore checked again when a connection is handed on.
 */
export class ConnectionGate {
  #holders = 0;
  readonly #waiting: Waiter[] = [];

  constructor(
    readonly waitMs: number,
    /** Connections there are: 1 for PGlite, the pool size for PostgreSQL. */
    readonly capacity = 1,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Resolves once the caller holds a connection; rejects with databaseBusy() when the wait runs out. */
  enter(): Promise<void> {
    if (this.#holders < this.capacity) {
      this.#holders++;
      return Promise.resolve();
    }
    const budget = budgets.getStore();
    const allowed = this.waitMs - (budget?.waitedMs ?? 0);
    if (allowed <= 0) return Promise.reject(databaseBusy());
    const since = this.now();
    return new Promise<void>((resolve, reject) => {
      const settle = (admitted: boolean) => {
        if (budget) budget.waitedMs += this.now() - since;
        if (admitted) resolve();
        else reject(databaseBusy());
      };
      const waiter: Waiter = {
        deadline: since + allowed,
        admit: () => settle(true),
        refuse: () => settle(false),
        timer: setTimeout(() => {
          this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
          waiter.refuse();
        }, allowed),
      };
      this.#waiting.push(waiter);
    });
  }

  /** Hands the connection to the longest waiter still within its deadline; refuses the late ones. */
  leave(): void {
    for (let waiter = this.#waiting.shift(); waiter; waiter = this.#waiting.shift()) {
      clearTimeout(waiter.timer);
      if (this.now() <= waiter.deadline) return waiter.admit();
      waiter.refuse();
    }
    this.#holders--;
  }

  /** Callers waiting for a connection now (for tests, diagnostics and metrics). */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Connections held now (metrics). */
  get inUse(): number {
    return this.#holders;
  }
}

/**
 * The dialect with every connection checkout going through a ConnectionGate. Kysely checks a
 * connection out once per statement, or once for a whole transaction, so the gate never splits a
 * transaction: it only decides who may start.
 */
export function gatedDialect(dialect: Dialect, gate: ConnectionGate): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => new GatedDriver(dialect.createDriver(), gate),
  };
}

type CompileQuery = QueryCompiler['compileQuery'];

class GatedDriver implements Driver {
  savepoint?: (connection: DatabaseConnection, name: string, compile: CompileQuery) => Promise<void>;
  rollbackToSavepoint?: (connection: DatabaseConnection, name: string, compile: CompileQuery) => Promise<void>;
  releaseSavepoint?: (connection: DatabaseConnection, name: string, compile: CompileQuery) => Promise<void>;

  constructor(
    private readonly inner: Driver,
    private readonly gate: ConnectionGate,
  ) {
    // Kysely offers savepoints only when the driver has them: keep exactly the inner driver's.
    if (inner.savepoint) this.savepoint = inner.savepoint.bind(inner);
    if (inner.rollbackToSavepoint) this.rollbackToSavepoint = inner.rollbackToSavepoint.bind(inner);
    if (inner.releaseSavepoint) this.releaseSavepoint = inner.releaseSavepoint.bind(inner);
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.gate.enter();
    try {
      return await this.inner.acquireConnection();
    } catch (err) {
      this.gate.leave();
      throw err;
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(connection);
    } finally {
      this.gate.leave();
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
