import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { connectionUse, type Database } from '../db/database.ts';
import { outboxBacklog, type OutboxBacklog } from '../mail/outbox.ts';
import { jobStatuses } from '../jobs/runner.ts';

/**
 * What monitoring reads at /metrics, in Prometheus' text format (prom-client): per instance,
 * requests and their latency per route PATTERN (never the URL itself: it may carry an id or a
 * search), the database connections in use and waiting, the outbox, the background jobs' last
 * success, sign-in failures, and figures capabilities add (referrals overdue per team). Counts and
 * ids of organisations only: no personal data, no free text, no ids of patients or referrals.
 *
 * Figures read from the database are read at most once per FIGURES_TTL_MS however often (and by
 * however many scrapers) /metrics is asked, with bounded queries over partial indexes.
 */
export const FIGURES_TTL_MS = 10_000;

export interface DatabaseGauge {
  name: string;
  help: string;
  labelNames: readonly string[];
  /** One sample per label combination; read at scrape time (cached FIGURES_TTL_MS). */
  read(db: Database): Promise<Array<{ labels: Record<string, string>; value: number }>>;
}

export interface AppMetrics {
  registry: Registry;
  /** One answered request: its route pattern (e.g. /verwijzingen/:id), status and duration. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** A refused sign-in step. */
  countLoginFailure(step: 'password' | 'second_factor', outcome: 'failed' | 'throttled'): void;
  /** A figure a capability adds (once per name); read from the database at scrape time. */
  addDatabaseGauge(gauge: DatabaseGauge): void;
  /** The text for /metrics. */
  render(): Promise<{ contentType: string; body: string }>;
}

const byDatabase = new WeakMap<Database, AppMetrics>();

/** The metrics of the app on this database (one set per database handle, so per instance). */
export function metricsFor(db: Database): AppMetrics {
  let metrics = byDatabase.get(db);
  if (!metrics) {
    metrics = createMetrics(db);
    byDatabase.set(db, metrics);
  }
  return metrics;
}

/**
 * Reads `read` at most once per ttl; concurrent callers share one read. A failed read (the database
 * is down) gives null, so /metrics still answers, with korte_lijn_database_reachable at 0.
 */
function cached<T>(read: () => Promise<T>, ttlMs = FIGURES_TTL_MS): () => Promise<T | null> {
  let value: Promise<T | null> | null = null;
  let at = 0;
  return () => {
    if (!value || performance.now() - at > ttlMs) {
      at = performance.now();
      value = read().catch(() => null);
    }
    return value;
  };
}

function createMetrics(db: Database): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'korte_lijn_' });

  const requests = new Histogram({
    name: 'korte_lijn_http_request_duration_seconds',
    help: 'Answered HTTP requests by method, route pattern and status, and how long they took.',
    labelNames: ['method', 'route', 'status'] as const,
    // Pages answer in milliseconds; 503s under overload come after DB_WAIT_SECONDS (5 s by default).
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const loginFailures = new Counter({
    name: 'korte_lijn_login_failures_total',
    help: 'Refused sign-in steps: a wrong password or code (failed), or too many attempts (throttled).',
    labelNames: ['step', 'outcome'] as const,
    registers: [registry],
  });

  new Gauge({
    name: 'korte_lijn_db_connections_in_use',
    help: 'Database connections in use by this instance now.',
    registers: [registry],
    collect() {
      this.set(connectionUse(db)?.inUse ?? 0);
    },
  });
  new Gauge({
    name: 'korte_lijn_db_connections_waiting',
    help: 'Statements of this instance waiting for a database connection now.',
    registers: [registry],
    collect() {
      this.set(connectionUse(db)?.waiting ?? 0);
    },
  });
  new Gauge({
    name: 'korte_lijn_db_connections_max',
    help: 'Database connections this instance may use (1 for the embedded database).',
    registers: [registry],
    collect() {
      this.set(connectionUse(db)?.capacity ?? 0);
    },
  });

  const backlog = cached(() => outboxBacklog(db));
  new Gauge({
    name: 'korte_lijn_database_reachable',
    help: '1 when the database answered the last read of these figures, 0 when it did not.',
    registers: [registry],
    async collect() {
      this.set((await backlog()) === null ? 0 : 1);
    },
  });
  /** A gauge without labels read from the outbox figures; absent while the database does not answer. */
  const outboxGauge = (name: string, help: string, value: (b: OutboxBacklog) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.reset();
        const figures = await backlog();
        if (figures) this.set(value(figures));
      },
    });
  outboxGauge('korte_lijn_outbox_pending', 'Mail waiting in the outbox to be sent.', (b) => b.pending);
  outboxGauge('korte_lijn_outbox_oldest_pending_age_seconds', 'Age of the oldest mail waiting to be sent (0 when none waits).', (b) =>
    b.oldestPendingAt ? Math.max(0, (Date.now() - b.oldestPendingAt.getTime()) / 1000) : 0,
  );
  outboxGauge('korte_lijn_outbox_failed', 'Mail given up on after the maximum number of attempts.', (b) => b.failed);

  const jobs = cached(() => jobStatuses(db));
  new Gauge({
    name: 'korte_lijn_job_last_success_age_seconds',
    help: 'Seconds since each background job last finished without an error (absent: never yet).',
    labelNames: ['job'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const job of (await jobs()) ?? []) {
        if (job.lastSucceededAt) this.set({ job: job.name }, Math.max(0, (Date.now() - job.lastSucceededAt.getTime()) / 1000));
      }
    },
  });
  new Gauge({
    name: 'korte_lijn_job_failing',
    help: '1 when the last run of the job ended with an error.',
    labelNames: ['job'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const job of (await jobs()) ?? []) this.set({ job: job.name }, job.failing ? 1 : 0);
    },
  });

  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.observe({ method, route, status: String(status) }, seconds);
    },
    countLoginFailure(step, outcome) {
      loginFailures.inc({ step, outcome });
    },
    addDatabaseGauge(gauge) {
      if (registry.getSingleMetric(gauge.name)) return;
      const read = cached(() => gauge.read(db));
      new Gauge({
        name: gauge.name,
        help: gauge.help,
        labelNames: gauge.labelNames,
        registers: [registry],
        async collect() {
          this.reset();
          for (const sample of (await read()) ?? []) this.set(sample.labels, sample.value);
        },
      });
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
