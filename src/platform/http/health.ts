import type { Hono } from 'hono';
import { pingDatabase } from '../db/database.ts';
import type { AppEnv, Services } from './types.ts';

/** For load balancers and monitoring: 200 when the database answers, 503 otherwise. No personal data. */
export function registerHealthRoute(app: Hono<AppEnv>, services: Services): void {
  app.get('/healthz', async (c) => {
    const dbOk = await pingDatabase(services.db);
    c.header('cache-control', 'no-store');
    return c.json({ status: dbOk ? 'ok' : 'unavailable', db: dbOk ? 'ok' : 'unavailable' }, dbOk ? 200 : 503);
  });
}
