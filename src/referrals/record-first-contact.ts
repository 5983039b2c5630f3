import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { inTransaction, lockForTeam, recordChange, requireTransition } from './change-referral.ts';

export const alreadyRecorded = () => new AppError('already_recorded', 409, { nl: 'Deze datum is al vastgelegd.', en: 'This date has already been recorded.' });

export const beforeRequest = () =>
  new AppError('date_before_request', 422, { nl: 'De datum ligt vóór de dag van de verwijzing.', en: 'The date is before the day of the referral.' });

/**
 * The first contact with the patient was made on `date` (the "first contact" term of the
 * practice–team agreement). Moves the referral to in-progress. The date is stored as given, so a
 * call made yesterday and entered today still counts for yesterday.
 */
export async function recordFirstContact(db: Database, ctx: RequestContext, input: { referralId: string; date: string }, baseUrl: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const referral = await lockForTeam(trx, ctx, input.referralId);
    const next = requireTransition(referral, 'record-contact');
    if (referral.first_contact_on) throw alreadyRecorded();
    if (input.date < referral.requested_on) throw beforeRequest();
    await trx.updateTable('referrals').set({ status: next, first_contact_on: input.date, updated_at: new Date() }).where('id', '=', referral.id).execute();
    await recordChange(trx, ctx, baseUrl, { referral, type: 'first_contact', toStatus: next, auditDetails: { on: input.date } });
  });
}
