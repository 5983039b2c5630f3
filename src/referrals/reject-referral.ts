import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { inTransaction, lockForTeam, recordChange, requireTransition } from './change-referral.ts';

/**
 * The holding team declines the referral before accepting it, with a reason (FHIR Task.status
 * `rejected`, statusReason). The practice is told the status; it reads the reason only when the
 * patient allowed feedback.
 */
export async function rejectReferral(db: Database, ctx: RequestContext, input: { referralId: string; reason: string }, baseUrl: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const referral = await lockForTeam(trx, ctx, input.referralId);
    const next = requireTransition(referral, 'reject');
    const now = new Date();
    await trx.updateTable('referrals').set({ status: next, closed_at: now, updated_at: now }).where('id', '=', referral.id).execute();
    await recordChange(trx, ctx, baseUrl, { referral, type: 'rejected', toStatus: next, note: input.reason });
  });
}
