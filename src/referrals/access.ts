import type { Executor } from '../platform/db/database.ts';
import type { Referral } from '../platform/db/schema.ts';
import type { Actor } from '../platform/context.ts';
import { membershipKindOf } from '../platform/auth/roles.ts';
import { notFound } from '../platform/errors.ts';

/**
 * Data-scoped access to a referral (docs/product.md: authorisation is data-scoped). A practice sees the
 * referrals it sent; a team sees those it holds, and — read-only — those it held before forwarding.
 * Regional coordinators and administrators never see a referral.
 */
export type ReferralAccess = 'none' | 'practice' | 'team-holder' | 'team-former';

/** A referral as one actor reaches it: how, and the row itself. */
export interface FoundReferral {
  access: Exclude<ReferralAccess, 'none'>;
  referral: Referral;
}

/**
 * The referral and the actor's access to it, read in one statement; null when the actor has no
 * access (another practice or team, a coordinator, an administrator) or it does not exist.
 */
export async function findReferral(db: Executor, actor: Actor, referralId: string): Promise<FoundReferral | null> {
  const kind = membershipKindOf(actor.role);
  if (kind !== 'practice' && kind !== 'team') return null;
  const row = await db
    .selectFrom('referrals')
    .selectAll('referrals')
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('referral_events')
            .select('referral_events.id')
            .whereRef('referral_events.referral_id', '=', 'referrals.id')
            .where('referral_events.type', '=', 'forwarded')
            .where('referral_events.from_team_id', '=', actor.teamId),
        )
        .as('held_before'),
    )
    .where('referrals.id', '=', referralId)
    .executeTakeFirst();
  if (!row) return null;
  const { held_before: heldBefore, ...referral } = row;
  const access: ReferralAccess =
    kind === 'practice'
      ? referral.practice_id !== null && referral.practice_id === actor.practiceId
        ? 'practice'
        : 'none'
      : referral.team_id === actor.teamId
        ? 'team-holder'
        : heldBefore
          ? 'team-former'
          : 'none';
  return access === 'none' ? null : { access, referral };
}

export async function referralAccess(db: Executor, actor: Actor, referralId: string): Promise<ReferralAccess> {
  return (await findReferral(db, actor, referralId))?.access ?? 'none';
}

/**
 * The side that may write on a referral (message, consent withdrawal): the practice that sent it or
 * the team that holds it. Anyone else gets 404, so the referral's existence is not revealed.
 */
export async function requireWritingSide(db: Executor, actor: Actor | null, referralId: string): Promise<'practice' | 'team'> {
  const access = actor ? await referralAccess(db, actor, referralId) : 'none';
  if (access !== 'practice' && access !== 'team-holder') throw notFound('referral');
  return access === 'practice' ? 'practice' : 'team';
}
