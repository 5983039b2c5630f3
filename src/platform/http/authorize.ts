import { createMiddleware } from 'hono/factory';
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../db/schema.ts';
import type { Actor } from '../context.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { writeAudit } from '../audit/audit.ts';
import type { AppContext, AppEnv, Services } from './types.ts';
import { sessionComplete } from '../auth/sessions.ts';

/**
 * The one access mechanism for every route, keyed on role AND membership.
 * - `roles`: which roles may use the route at all (403 otherwise).
 * - `scope`: the data check — does this resource belong to the actor's practice, team or region?
 *   It answers with what it resolved on the way (e.g. the referral and how the actor reaches it),
 *   which the handler reads as `c.get('scoped')` instead of loading it again; `null` or `false`
 *   means another tenant's resource, and answers 404 so its existence is not revealed.
 * Both denials are audited. Navigation links are never the only guard.
 */
export type Scoped<R> = R | null | false;

export interface AccessPolicy<R> {
  roles: readonly Role[];
  scope?: (actor: Actor, c: AppContext) => Scoped<R> | Promise<Scoped<R>>;
}

/** A route guard; `guard.scoped(c)` is what its scope resolved for this request. */
export type Guard<R> = MiddlewareHandler<AppEnv> & { scoped: (c: AppContext) => R };

export const anyRole: readonly Role[] = ['practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator', 'policy_officer', 'admin'];

export const signInRequired = () => new AppError('sign_in_required', 401, { nl: 'Log eerst in.', en: 'Please sign in first.' });

export function authorize<R = true>(services: Services, policy: AccessPolicy<R>): Guard<R> {
  const guard = createMiddleware<AppEnv>(async (c, next) => {
    const ctx = c.get('ctx');
    const session = c.get('session');
    if (!session || !ctx.actor || !sessionComplete(session)) {
      if (c.req.method === 'GET') {
        const back = encodeURIComponent(new URL(c.req.url).pathname);
        return c.redirect(`/inloggen?terug=${back}`, 303);
      }
      throw signInRequired();
    }
    if (!policy.roles.includes(ctx.actor.role)) {
      await writeAudit(services.db, ctx, {
        action: 'access.denied',
        subjectType: 'route',
        subjectId: c.req.routePath,
        outcome: 'denied',
        details: { reason: 'role' },
      });
      throw forbidden();
    }
    const scoped = policy.scope ? await policy.scope(ctx.actor, c) : (true as R);
    if (scoped === null || scoped === false) {
      await writeAudit(services.db, ctx, {
        action: 'access.denied',
        subjectType: 'route',
        subjectId: c.req.routePath,
        outcome: 'denied',
        details: { reason: 'scope' },
      });
      throw notFound();
    }
    c.set('scoped', scoped);
    await next();
  });
  return Object.assign(guard, { scoped: (c: AppContext) => c.get('scoped') as R });
}
