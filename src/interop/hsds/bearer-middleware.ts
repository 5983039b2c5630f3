import { createMiddleware } from 'hono/factory';
import type { AppContext, AppEnv, Services } from '../../platform/http/types.ts';
import { checkBearerToken } from './authenticate-api-token.ts';

/** How an API answers a refused or throttled token (HSDS: plain JSON; FHIR: an OperationOutcome). */
export interface BearerRefusals {
  throttled: (c: AppContext, retryAfterSeconds: number) => Response;
  refused: (c: AppContext) => Response;
}

/**
 * Reads `Authorization: Bearer <token>` for the HSDS and FHIR APIs. No header: an anonymous caller
 * (ctx.actor null, whatever the cookies say: a browser session counts for nothing here). A header
 * with a bad, revoked or blocked token: refused, audited; after too many of those from one address:
 * throttled, no longer audited (authenticate-api-token.ts). `noStoreAnonymous` also keeps answers
 * without a token out of caches.
 */
export function bearerToken(services: Services, answer: BearerRefusals, options: { noStoreAnonymous: boolean }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const ctx = c.get('ctx');
    ctx.actor = null;
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const check = await checkBearerToken(services.db, ctx, header, c.req.path);
      if (check.kind === 'throttled') return answer.throttled(c, check.retryAfterSeconds);
      if (check.kind === 'refused') return answer.refused(c);
      ctx.actor = check.actor;
    }
    await next();
    // Answers differ with and without a token: keep shared caches from mixing them up.
    c.header('Vary', 'Authorization');
    if (ctx.actor || options.noStoreAnonymous) c.header('Cache-Control', 'no-store');
  });
}
