import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { inTransaction, lockForTeam, recordChange, requireTransition } from './change-referral.ts';

/**
 * A try to reach the patient that did not (yet) succeed: counted, with a short note. Allowed when
 * recording contact is (after accepting); the status does not change. "Not reachable after
 * attempts" is an outcome of its own (close-referral.ts), so the count backs that up.
 */
export async function recordContactAttempt(
  db: Database,
  ctx: RequestContext,
  input: { referralId: string; note: string | null },
  baseUrl: string,
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const referral = await lockForTeam(trx, ctx, input.referralId);
    requireTransition(referral, 'record-contact');
    const attempts = referral.contact_attempts + 1;
    await trx.updateTable('referrals').set({ contact_attempts: attempts, updated_at: new Date() }).where('id', '=', referral.id).execute();
    await recordChange(trx, ctx, baseUrl, { referral, type: 'contact_attempt', toStatus: referral.status, note: input.note, auditDetails: { attempts } });
    return attempts;
  });
}
