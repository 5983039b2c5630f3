import { z } from 'zod';
import type { Actor } from '../platform/context.ts';
import type { AppContext, Services } from '../platform/http/types.ts';
import type { Role } from '../platform/db/schema.ts';
import { findReferral, type FoundReferral, type ReferralAccess } from './access.ts';

/** Roles that can work on a referral at all; the scope below narrows it to their own referrals. */
export const referralWorkRoles: readonly Role[] = ['practice_staff', 'practice_admin', 'team_member', 'team_admin'];

const uuid = z.uuid();

/**
 * The data-scope check for routes under /verwijzingen/:id (platform/http/authorize.ts): the actor's
 * access to this referral must be one of `allowed`. Anything else — another practice, another team,
 * a malformed id — answers 404 (audited as a scope denial), so other tenants' referrals do not
 * reveal themselves. What it found (the referral and how the actor reaches it) goes to the handler.
 */
export function referralScope(services: Services, allowed: readonly ReferralAccess[]) {
  return async (actor: Actor, c: AppContext): Promise<FoundReferral | null> => {
    const id = c.req.param('id');
    if (!id || !uuid.safeParse(id).success) return null;
    const found = await findReferral(services.db, actor, id);
    return found && allowed.includes(found.access) ? found : null;
  };
}
