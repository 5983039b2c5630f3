import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { checkActionText, inTransaction, lockForTeam, recordChange, requireTransition } from './change-referral.ts';
import type { ReasonCode } from './reasons.ts';

/**
 * The holding team declines the referral before accepting it (FHIR Task.status `rejected`,
 * statusReason), with a reason code from the fixed list (reasons.ts) and, if it wants, a short
 * explanation. The practice always sees the code: it is the team's decision, not patient data. The
 * explanation may say more about the patient, so the practice reads it only when the patient
 * allowed feedback. A caller without a code (the FHIR Task update, which may carry only text) must
 * give the explanation instead.
 */
export async function rejectReferral(
  db: Database,
  ctx: RequestContext,
  input: { referralId: string; code?: ReasonCode | null; reason?: string | null },
  baseUrl: string,
): Promise<void> {
  const code = input.code ?? null;
  const note = input.reason ?? null;
  if (!code && !note) throw reasonMissing();
  checkActionText(note, 500);
  await inTransaction(db, async (trx) => {
    const referral = await lockForTeam(trx, ctx, input.referralId);
    const next = requireTransition(referral, 'reject');
    const now = new Date();
    await trx.updateTable('referrals').set({ status: next, reject_reason: code, closed_at: now, updated_at: now }).where('id', '=', referral.id).execute();
    await recordChange(trx, ctx, baseUrl, { referral, type: 'rejected', toStatus: next, note, auditDetails: { reason: code } });
  });
}

function reasonMissing(): AppError {
  return new AppError('reject_reason_missing', 422, {
    nl: 'Kies waarom u de verwijzing afwijst.',
    en: 'Choose why you decline the referral.',
  });
}
