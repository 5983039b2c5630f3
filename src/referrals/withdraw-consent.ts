import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { notFound } from '../platform/errors.ts';
import { notifyUsers, practiceRecipients, teamUserIds } from '../platform/notifications/notify.ts';
import { requireWritingSide } from './access.ts';
import { nextStatus } from './state-machine.ts';
import { eraseAttachedText, erasedPersonalFields } from './purge-retention.ts';

/**
 * The patient withdraws consent (AVG art. 7(3): withdrawing must be as easy as giving; WGBO
 * art. 7:457 BW: no sharing without consent). The practice that sent the referral or the team that
 * holds it records it. From that moment processing stops:
 * - an open referral is cancelled (state machine: cancel), its history shows why;
 * - the consent records get withdrawn_at and who recorded the withdrawal;
 * - the personal data is erased at once (the same fields as the retention purge); counts, needs,
 *   municipality and outcome stay for monitoring;
 * - the other side is told (notification consent_withdrawn, no patient data), and when the team
 *   records it, also the colleague the referral was assigned to;
 * - all of it in one transaction with the audit entry.
 * Recording it twice changes nothing the second time.
 */
export interface WithdrawalResult {
  alreadyWithdrawn: boolean;
  cancelled: boolean;
}

export async function withdrawConsent(db: Database, ctx: RequestContext, input: { referralId: string; baseUrl: string }): Promise<WithdrawalResult> {
  const side = await requireWritingSide(db, ctx.actor, input.referralId);
  const actor = ctx.actor!;

  return db.transaction().execute(async (trx) => {
    const referral = await trx
      .selectFrom('referrals')
      .select(['id', 'status', 'team_id', 'practice_id', 'created_by', 'assigned_to', 'consent_withdrawn_at'])
      .where('id', '=', input.referralId)
      .forUpdate()
      .executeTakeFirst();
    if (!referral) throw notFound('referral');
    if (referral.consent_withdrawn_at) return { alreadyWithdrawn: true, cancelled: false };

    const now = new Date();
    const to = nextStatus(referral.status, 'cancel');
    await trx
      .updateTable('referrals')
      .set({ ...erasedPersonalFields(now), consent_withdrawn_at: now, ...(to ? { status: to, closed_at: now } : {}) })
      .where('id', '=', referral.id)
      .execute();
    await eraseAttachedText(trx, [referral.id]);
    const consents = await trx
      .updateTable('consents')
      .set({ withdrawn_at: now, withdrawal_recorded_by: actor.userId })
      .where('referral_id', '=', referral.id)
      .where('withdrawn_at', 'is', null)
      .returning('id')
      .execute();
    await trx
      .insertInto('referral_events')
      .values({
        referral_id: referral.id,
        actor_user_id: actor.userId,
        type: 'consent_withdrawn',
        from_status: referral.status,
        to_status: to ?? referral.status,
      })
      .execute();

    const recipients =
      side === 'practice'
        ? await teamUserIds(trx, referral.team_id)
        : [
            ...(referral.practice_id ? await practiceRecipients(trx, referral.practice_id, referral.created_by) : []),
            ...(referral.assigned_to ? [referral.assigned_to] : []),
          ];
    await notifyUsers(trx, input.baseUrl, {
      userIds: recipients.filter((id) => id !== actor.userId),
      kind: 'consent_withdrawn',
      referralId: referral.id,
      dedupeKey: `consent-withdrawn:${referral.id}`,
    });
    await writeAudit(trx, ctx, {
      action: 'referral.consent_withdrawn',
      subjectType: 'referral',
      subjectId: referral.id,
      patientRef: referral.id,
      details: {
        recorded_by_side: side,
        from_status: referral.status,
        to_status: to ?? referral.status,
        consents_withdrawn: consents.length,
        personal_data_erased: true,
      },
    });
    return { alreadyWithdrawn: false, cancelled: to !== null };
  });
}
