import type { Database } from '../platform/db/database.ts';
import type { Actor } from '../platform/context.ts';
import { membershipKindOf } from '../platform/auth/roles.ts';
import { notFound } from '../platform/errors.ts';

/**
 * Data-scoped access to a referral (docs/product.md: authorisation is data-scoped). A practice sees the
 * referrals it sent; a team sees those it holds, and — read-only — those it held before forwarding.
 * Regional coordinators and administrators never see a referral.
 */
export type ReferralAccess = 'none' | 'practice' | 'team-holder' | 'team-former';

export async function referralAccess(db: Database, actor: Actor, referralId: string): Promise<ReferralAccess> {
  const kind = membershipKindOf(actor.role);
  if (kind !== 'practice' && kind !== 'team') return 'none';
  const referral = await db.selectFrom('referrals').select(['practice_id', 'team_id']).where('id', '=', referralId).executeTakeFirst();
  if (!referral) return 'none';
  if (kind === 'practice') return referral.practice_id !== null && referral.practice_id === actor.practiceId ? 'practice' : 'none';
  if (referral.team_id === actor.teamId) return 'team-holder';
  const held = await db
    .selectFrom('referral_events')
    .select('id')
    .where('referral_id', '=', referralId)
    .where('type', '=', 'forwarded')
    .where('from_team_id', '=', actor.teamId)
    .limit(1)
    .executeTakeFirst();
  return held ? 'team-former' : 'none';
}

/**
 * The side that may write on a referral (message, consent withdrawal): the practice that sent it or
 * the team that holds it. Anyone else gets 404, so the referral's existence is not revealed.
 */
export async function requireWritingSide(db: Database, actor: Actor | null, referralId: string): Promise<'practice' | 'team'> {
  const access = actor ? await referralAccess(db, actor, referralId) : 'none';
  if (access !== 'practice' && access !== 'team-holder') throw notFound('referral');
  return access === 'practice' ? 'practice' : 'team';
}
