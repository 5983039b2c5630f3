import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { inTransaction, lockForTeam, recordChange, requireTransition } from './change-referral.ts';
import { mayShareFeedback } from './consent.ts';
import { statusForOutcome, type Outcome } from './state-machine.ts';

/**
 * The team closes the referral with an outcome and a short feedback text for the practice
 * (terugkoppeling, docs/product.md loop step 6). "Not reachable after attempts" closes as failed, the
 * other outcomes as completed. The practice is told there is feedback only when the patient
 * allowed it; otherwise only that the status changed.
 */
export async function closeReferral(
  db: Database,
  ctx: RequestContext,
  input: { referralId: string; outcome: Outcome; feedback: string | null },
  baseUrl: string,
): Promise<void> {
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
      .set({ status: next, outcome: input.outcome, feedback: input.feedback, closed_at: now, updated_at: now })
      .where('id', '=', referral.id)
      .execute();
    await recordChange(trx, ctx, baseUrl, {
      referral,
      type: 'closed',
      toStatus: next,
      auditDetails: { outcome: input.outcome, feedbackShared: shared && input.feedback !== null },
      practiceNotification: shared && input.feedback ? 'feedback_given' : 'referral_closed',
    });
  });
}
