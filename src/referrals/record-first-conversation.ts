import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { inTransaction, lockForTeam, recordChange, requireTransition } from './change-referral.ts';
import { alreadyRecorded, beforeRequest } from './record-first-contact.ts';
import { dutchDate, tookPlace } from './labels.ts';

/**
 * The first conversation — the Wgs art. 4 milestone (within 4 weeks, or 3 working days in a
 * threatening situation) — held on `date`, or planned for `date` when that day is still to come
 * (an appointment). A planned conversation counts for the term on the day it takes place
 * (labels.ts dueState, escalate-overdue.ts): until then the term runs, and the appointment can be
 * moved. A conversation is also contact: when no first contact was recorded yet, it is set to the
 * day of the conversation, or — for an appointment, which was made with the person — to today.
 */
export async function recordFirstConversation(
  db: Database,
  ctx: RequestContext,
  input: { referralId: string; date: string; today?: string },
  baseUrl: string,
): Promise<void> {
  const today = input.today ?? amsterdamToday();
  await inTransaction(db, async (trx) => {
    const referral = await lockForTeam(trx, ctx, input.referralId);
    const next = requireTransition(referral, 'record-conversation');
    // Held is held; an appointment still to come may be moved (or recorded as held earlier).
    if (tookPlace(referral.first_conversation_on, today)) throw alreadyRecorded();
    const planned = input.date > today;
    const contactOn = referral.first_contact_on ?? (planned ? today : input.date);
    if (input.date < contactOn || input.date < referral.requested_on) throw beforeRequest();
    await trx
      .updateTable('referrals')
      .set({ status: next, first_conversation_on: input.date, first_contact_on: contactOn, updated_at: new Date() })
      .where('id', '=', referral.id)
      .execute();
    await recordChange(trx, ctx, baseUrl, {
      referral,
      type: planned ? 'conversation_planned' : 'first_conversation',
      toStatus: next,
      note: planned ? dutchDate(input.date) : null,
      auditDetails: { on: input.date, ...(referral.first_conversation_on ? { was: referral.first_conversation_on } : {}) },
      // The practice hears of an appointment; a conversation held is news when it changes the status (change-referral.ts).
      ...(planned ? { practiceNotification: 'conversation_planned' as const } : {}),
    });
  });
}
