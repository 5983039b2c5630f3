import { timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import type { Config } from '../config.ts';
import type { AppEnv, Services } from '../http/types.ts';
import { metricsFor } from './metrics.ts';

/**
 * /metrics is never open to the world: on the app's own port it answers only a request with the
 * bearer token METRICS_TOKEN (and is "not found" without one configured); on METRICS_PORT, a port
 * the operator keeps inside the network, it answers without a token unless one is configured.
 */
export function registerMetricsRoute(app: Hono<AppEnv>, services: Services): void {
  app.get('/metrics', async (c) => {
    const token = services.config.metricsToken;
    if (!token) return c.notFound();
    if (!bearerMatches(c.req.header('authorization'), token)) {
      c.header('www-authenticate', 'Bearer realm="metrics"');
      return c.text('Unauthorized: send the METRICS_TOKEN as a bearer token.', 401);
    }
    const { contentType, body } = await metricsFor(services.db).render();
    return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
  });
}

/** The request handler of the separate METRICS_PORT listener: /metrics only. */
export function metricsPortFetch(services: Pick<Services, 'db'> & { config: Pick<Config, 'metricsToken'> }): (request: Request) => Promise<Response> {
  return async (request) => {
    if (new URL(request.url).pathname !== '/metrics' || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const token = services.config.metricsToken;
    if (token && !bearerMatches(request.headers.get('authorization') ?? undefined, token)) {
      return new Response('Unauthorized', { status: 401, headers: { 'www-authenticate': 'Bearer realm="metrics"' } });
    }
    const { contentType, body } = await metricsFor(services.db).render();
    return new Response(body, { status: 200, headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const sent = Buffer.from(/^Bearer (\S+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}
