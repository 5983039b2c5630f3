import type { Hono } from 'hono';
import { databaseHealth } from '../db/database.ts';
import { RETRY_AFTER_BUSY_SECONDS, RETRY_AFTER_DOWN_SECONDS } from '../db/availability.ts';
import type { AppEnv, Services } from './types.ts';

/**
 * For load balancers and monitoring: 200 when the database answers; 503 with Retry-After otherwise,
 * `db` saying whether it is "down" (restarting, failing over, unreachable) or "busy" (no connection
 * came free within DB_WAIT_SECONDS). No personal data.
 */
export function registerHealthRoute(app: Hono<AppEnv>, services: Services): void {
  app.get('/healthz', async (c) => {
    const db = await databaseHealth(services.db);
    c.header('cache-control', 'no-store');
    if (db === 'ok') return c.json({ status: 'ok', db }, 200);
    c.header('retry-after', String(db === 'busy' ? RETRY_AFTER_BUSY_SECONDS : RETRY_AFTER_DOWN_SECONDS));
    return c.json({ status: 'unavailable', db }, 503);
  });
}
