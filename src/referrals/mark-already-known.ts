import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { inTransaction, lockForTeam, recordChange } from './change-referral.ts';
import { illegalTransition } from './referral-errors.ts';
import { isClosed } from './state-machine.ts';

/**
 * "Already known to us": the resident was already in touch with the team. Monitoring counts new
 * versus already-known residents (docs/product.md loop step 11). Allowed while the referral is open.
 */
export async function markAlreadyKnown(db: Database, ctx: RequestContext, input: { referralId: string; known: boolean }, baseUrl: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const referral = await lockForTeam(trx, ctx, input.referralId);
    if (isClosed(referral.status)) throw illegalTransition(referral.status);
    await trx.updateTable('referrals').set({ already_known: input.known, updated_at: new Date() }).where('id', '=', referral.id).execute();
    await recordChange(trx, ctx, baseUrl, { referral, type: 'already_known', toStatus: referral.status, note: null, auditDetails: { known: input.known } });
  });
}
