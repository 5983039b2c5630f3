import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { inTransaction, lockForTeam, recordChange, requireTransition } from './change-referral.ts';
import { alreadyRecorded, beforeRequest } from './record-first-contact.ts';

/**
 * The first conversation was held on `date` — the Wgs art. 4 milestone (within 4 weeks, or 3
 * working days in a threatening situation). A conversation is also contact: when no first contact
 * was recorded yet, it is set to the same day.
 */
export async function recordFirstConversation(db: Database, ctx: RequestContext, input: { referralId: string; date: string }, baseUrl: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const referral = await lockForTeam(trx, ctx, input.referralId);
    const next = requireTransition(referral, 'record-conversation');
    if (referral.first_conversation_on) throw alreadyRecorded();
    if (input.date < (referral.first_contact_on ?? referral.requested_on)) throw beforeRequest();
    await trx
      .updateTable('referrals')
      .set({ status: next, first_conversation_on: input.date, first_contact_on: referral.first_contact_on ?? input.date, updated_at: new Date() })
      .where('id', '=', referral.id)
      .execute();
    await recordChange(trx, ctx, baseUrl, { referral, type: 'first_conversation', toStatus: next, auditDetails: { on: input.date } });
  });
}
