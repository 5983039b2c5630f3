import type { RequestContext } from '../platform/context.ts';
import type { Referral } from '../platform/db/schema.ts';
import { recordChange, type Trx } from './change-referral.ts';
import type { ReferralStatus } from './state-machine.ts';

/**
 * The first conversation is planned — for example a slot booked in the team's on-site hours at the
 * practice ("Kennismaking in de praktijk", src/onsite) — or the plan is dropped again. Both sides
 * see the planned time and place on the referral; the Wgs term (first_conversation_due) is not
 * changed by a plan, only by the conversation being held. Written in the caller's transaction,
 * with its history event and audit entry; no status change, so no notification from here.
 */
export async function planFirstConversation(
  trx: Trx,
  ctx: RequestContext,
  referral: Referral,
  plan: { at: Date; place: string } | null,
  baseUrl: string,
): Promise<void> {
  await trx
    .updateTable('referrals')
    .set({ first_conversation_planned_at: plan?.at ?? null, first_conversation_place: plan?.place ?? null, updated_at: new Date() })
    .where('id', '=', referral.id)
    .execute();
  await recordChange(trx, ctx, baseUrl, {
    referral,
    type: plan ? 'onsite_meeting_booked' : 'onsite_meeting_cancelled',
    toStatus: referral.status as ReferralStatus,
    practiceNotification: null,
    auditDetails: plan ? { at: plan.at.toISOString() } : {},
  });
}
