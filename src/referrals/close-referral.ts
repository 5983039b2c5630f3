import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { checkActionText, inTransaction, lockForTeam, recordChange, requireTransition } from './change-referral.ts';
import { mayShareFeedback } from './consent.ts';
import { statusForOutcome, type Outcome } from './state-machine.ts';
import { closeReason, STRAIN_MAX, type ReasonCode } from './reasons.ts';
import { AppError } from '../platform/errors.ts';

/**
 * The team closes the referral with an outcome and a short feedback text for the practice
 * (terugkoppeling, docs/product.md loop step 6). "Not reachable after attempts" closes as failed, the
 * other outcomes as completed. The practice is told there is feedback only when the patient
 * allowed it; otherwise only that the status changed.
 *
 * Closing without help (reasons.ts: sent elsewhere, declined, not reached) needs a reason code,
 * which the practice always sees. The team may record the strain question again (0–4, optional):
 * with the practice's answer at referral, the figures show the change (issue 12).
 */
export async function closeReferral(
  db: Database,
  ctx: RequestContext,
  input: { referralId: string; outcome: Outcome; feedback: string | null; closeReason?: ReasonCode | null; strainAtClose?: number | null },
  baseUrl: string,
): Promise<void> {
  const reason = closeReason(input.outcome, input.closeReason ?? null);
  if (!reason.ok) throw closeReasonMissing();
  checkActionText(input.feedback, 500);
  const strain = input.strainAtClose ?? null;
  if (strain !== null && !(Number.isInteger(strain) && strain >= 0 && strain <= STRAIN_MAX)) throw strainOutOfRange();
  await inTransaction(db, async (trx) => {
    const referral = await lockForTeam(trx, ctx, input.referralId);
    const next = requireTransition(referral, statusForOutcome(input.outcome) === 'failed' ? 'fail' : 'complete');
    const consent = await trx
      .selectFrom('consents')
      .select(['feedback_allowed', 'withdrawn_at'])
      .where('referral_id', '=', referral.id)
      .orderBy('given_at', 'desc')
      .executeTakeFirst();
    const shared = consent ? mayShareFeedback(consent.feedback_allowed, Boolean(consent.withdrawn_at || referral.consent_withdrawn_at)) : false;
    const now = new Date();
    await trx
      .updateTable('referrals')
      .set({
        status: next,
        outcome: input.outcome,
        close_reason: reason.reason,
        strain_at_close: strain,
        feedback: input.feedback,
        closed_at: now,
        updated_at: now,
      })
      .where('id', '=', referral.id)
      .execute();
    await recordChange(trx, ctx, baseUrl, {
      referral,
      type: 'closed',
      toStatus: next,
      auditDetails: { outcome: input.outcome, reason: reason.reason, feedbackShared: shared && input.feedback !== null },
      practiceNotification: shared && input.feedback ? 'feedback_given' : 'referral_closed',
    });
  });
}

function closeReasonMissing(): AppError {
  return new AppError('close_reason_missing', 422, {
    nl: 'U stuurt de inwoner door naar andere hulp. Kies waarom.',
    en: 'You refer the resident to other help. Choose why.',
  });
}

function strainOutOfRange(): AppError {
  return new AppError('strain_out_of_range', 422, {
    nl: 'Kies een van de antwoorden op de vraag over rondkomen.',
    en: 'Choose one of the answers to the question about making ends meet.',
  });
}
