import type { Hono } from 'hono';
import { databaseHealth, migrationState, type Database } from '../db/database.ts';
import { RETRY_AFTER_BUSY_SECONDS, RETRY_AFTER_DOWN_SECONDS } from '../db/availability.ts';
import { outboxBacklog } from '../mail/outbox.ts';
import type { Config } from '../config.ts';
import type { AppEnv, Services } from './types.ts';

/**
 * For load balancers and monitoring, no personal data in either answer.
 *
 * /healthz, liveness: 200 when the database answers; 503 with Retry-After otherwise, `db` saying
 * whether it is "down" (restarting, failing over, unreachable) or "busy" (no connection came free
 * within DB_WAIT_SECONDS).
 *
 * /readyz, readiness: may this instance get traffic? Only when the database answers, its schema is
 * exactly the one this code knows (not behind: migrations pending; not ahead: a newer version
 * migrated it, see SchemaNewerError), and the outbox is moving: the oldest mail waiting to be sent
 * is younger than READY_OUTBOX_MINUTES (checked only when SMTP_URL is set; 0 switches it off).
 * During a shutdown the instance answers 503 before any route runs (platform/http/drain.ts).
 */
export function registerHealthRoute(app: Hono<AppEnv>, services: Services): void {
  app.get('/healthz', async (c) => {
    const db = await databaseHealth(services.db);
    c.header('cache-control', 'no-store');
    if (db === 'ok') return c.json({ status: 'ok', db }, 200);
    c.header('retry-after', String(db === 'busy' ? RETRY_AFTER_BUSY_SECONDS : RETRY_AFTER_DOWN_SECONDS));
    return c.json({ status: 'unavailable', db }, 503);
  });

  app.get('/readyz', async (c) => {
    const report = await readiness(services.db, services.config);
    c.header('cache-control', 'no-store');
    if (report.ready) return c.json({ status: 'ready', checks: report.checks }, 200);
    c.header('retry-after', String(report.checks.database === 'busy' ? RETRY_AFTER_BUSY_SECONDS : RETRY_AFTER_DOWN_SECONDS));
    return c.json({ status: 'not_ready', checks: report.checks }, 503);
  });
}

export interface Readiness {
  ready: boolean;
  checks: {
    database: 'ok' | 'busy' | 'down';
    /** 'pending': this code has migrations the database lacks; 'newer': the database has migrations this code does not know. */
    migrations: 'current' | 'pending' | 'newer' | 'unknown';
    outbox: 'ok' | 'stuck' | 'not_checked' | 'unknown';
  };
}

export async function readiness(db: Database, config: Pick<Config, 'smtpUrl' | 'readyOutboxMinutes'>, now = new Date()): Promise<Readiness> {
  const database = await databaseHealth(db);
  if (database !== 'ok') return { ready: false, checks: { database, migrations: 'unknown', outbox: 'unknown' } };
  const state = await migrationState(db);
  const migrations = state.unknown.length ? 'newer' : state.pending.length ? 'pending' : 'current';
  let outbox: Readiness['checks']['outbox'] = 'not_checked';
  if (config.smtpUrl && config.readyOutboxMinutes > 0) {
    const { oldestPendingAt } = await outboxBacklog(db);
    outbox = oldestPendingAt && now.getTime() - oldestPendingAt.getTime() > config.readyOutboxMinutes * 60_000 ? 'stuck' : 'ok';
  }
  return { ready: migrations === 'current' && outbox !== 'stuck', checks: { database, migrations, outbox } };
}
