import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Text } from '../platform/i18n.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { membershipKindOf } from '../platform/auth/roles.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { lockForPractice, lockForTeam } from '../referrals/change-referral.ts';
import { eraseAttachedText, erasedPersonalFields } from '../referrals/purge-retention.ts';
import { isClosed } from '../referrals/state-machine.ts';
import { alreadyErased } from './correct-contact-data.ts';

/**
 * Erasure on request (AVG art. 17), before the retention term: the personal data of a closed
 * referral are erased exactly as the retention purge erases them (referrals/purge-retention.ts:
 * the patient fields, the question, the route explanation, the feedback, the messages' text and the
 * history's notes), now. The referral row stays for the figures, without anything that identifies
 * the person. The audit log records that it happened, by whom and on which ground (a code from the
 * list below, never free text that could hold personal data), and never the erased data.
 *
 * Only a closed referral: while help is under way the team needs the data, and a person who wants
 * that to stop withdraws consent first (the referral then closes).
 */
export const erasureGrounds = ['request', 'consent_withdrawn', 'no_longer_needed', 'unlawful'] as const;
export type ErasureGround = (typeof erasureGrounds)[number];

/** The grounds of AVG art. 17 lid 1 that apply here. */
export const erasureGroundLabels: Record<ErasureGround, Text> = {
  request: { nl: 'De persoon vraagt erom (AVG artikel 17)', en: 'The person asks for it (GDPR article 17)' },
  consent_withdrawn: { nl: 'De persoon trok de toestemming in (artikel 17 lid 1 b)', en: 'The person withdrew consent (article 17(1)(b))' },
  no_longer_needed: { nl: 'De gegevens zijn niet meer nodig (artikel 17 lid 1 a)', en: 'The data are no longer needed (article 17(1)(a))' },
  unlawful: { nl: 'De gegevens zijn onrechtmatig verwerkt (artikel 17 lid 1 d)', en: 'The data were processed unlawfully (article 17(1)(d))' },
};

export const notClosedYet = () =>
  new AppError('referral_open', 409, {
    nl: 'Deze verwijzing loopt nog. Wissen kan pas als ze is afgesloten. Wil de persoon stoppen? Trek dan eerst de toestemming in.',
    en: 'This referral is still open. Erasing is possible once it is closed. Does the person want to stop? Then first withdraw the consent.',
  });

export async function erasePersonalDataOnRequest(db: Database, ctx: RequestContext, input: { referralId: string; ground: ErasureGround }): Promise<void> {
  const kind = ctx.actor ? membershipKindOf(ctx.actor.role) : null;
  if (kind !== 'practice' && kind !== 'team') throw notFound();
  await db.transaction().execute(async (trx) => {
    const referral = kind === 'practice' ? await lockForPractice(trx, ctx, input.referralId) : await lockForTeam(trx, ctx, input.referralId);
    if (referral.personal_data_erased_at) throw alreadyErased();
    if (!isClosed(referral.status)) throw notClosedYet();
    const now = new Date();
    await trx.updateTable('referrals').set(erasedPersonalFields(now)).where('id', '=', referral.id).execute();
    await eraseAttachedText(trx, [referral.id]);
    await trx
      .insertInto('referral_events')
      .values({
        referral_id: referral.id,
        actor_user_id: ctx.actor!.userId,
        type: 'personal_data_erased',
        from_status: referral.status,
        to_status: referral.status,
      })
      .execute();
    await writeAudit(trx, ctx, {
      action: 'referral.personal_data_erased',
      subjectType: 'referral',
      subjectId: referral.id,
      patientRef: referral.id,
      details: { reason: 'request', ground: input.ground },
    });
  });
}
