import { z } from 'zod';
import type { Actor } from '../platform/context.ts';
import type { AppContext, Services } from '../platform/http/types.ts';
import type { Role } from '../platform/db/schema.ts';
import { referralAccess, type ReferralAccess } from './access.ts';

/** Roles that can work on a referral at all; the scope below narrows it to their own referrals. */
export const referralWorkRoles: readonly Role[] = ['practice_staff', 'practice_admin', 'team_member', 'team_admin'];

const uuid = z.uuid();

/**
 * The data-scope check for routes under /verwijzingen/:id (platform/http/authorize.ts): the actor's
 * access to this referral must be one of `allowed`. Anything else — another practice, another team,
 * a malformed id — answers 404 (audited as a scope denial), so other tenants' referrals do not
 * reveal themselves.
 */
export function referralScope(services: Services, allowed: readonly ReferralAccess[]) {
  return async (actor: Actor, c: AppContext): Promise<boolean> => {
    const id = c.req.param('id');
    if (!id || !uuid.safeParse(id).success) return false;
    return allowed.includes(await referralAccess(services.db, actor, id));
  };
}
