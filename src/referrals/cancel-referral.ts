import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { notifyUsers, teamUserIds } from '../platform/notifications/notify.ts';
import { checkActionText, inTransaction, lockForPractice, recordChange, requireTransition } from './change-referral.ts';
import { illegalTransition } from './referral-errors.ts';
import type { ReferralStatus } from './state-machine.ts';

/** Before a team has taken it on, the practice may withdraw its referral (after that: talk to the team). */
const cancellableByPractice: readonly ReferralStatus[] = ['requested', 'received'];

export async function cancelReferral(db: Database, ctx: RequestContext, input: { referralId: string; reason: string | null }, baseUrl: string): Promise<void> {
  checkActionText(input.reason, 300);
  await inTransaction(db, async (trx) => {
    const referral = await lockForPractice(trx, ctx, input.referralId);
    if (!cancellableByPractice.includes(referral.status)) throw illegalTransition(referral.status);
    const next = requireTransition(referral, 'cancel');
    const now = new Date();
    await trx.updateTable('referrals').set({ status: next, closed_at: now, updated_at: now }).where('id', '=', referral.id).execute();
    // The practice did this itself: no notification to the practice.
    await recordChange(trx, ctx, baseUrl, { referral, type: 'cancelled', toStatus: next, note: input.reason, practiceNotification: null });
    // The team that holds it stops: it is told (no patient data in the notification or mail).
    await notifyUsers(trx, baseUrl, { userIds: await teamUserIds(trx, referral.team_id), kind: 'referral_cancelled', referralId: referral.id });
  });
}
