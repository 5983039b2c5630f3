import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { notifyUsers, practiceRecipients, teamUserIds } from '../platform/notifications/notify.ts';
import { requireWritingSide } from './access.ts';
import { insertMessageOnce } from '../messages/insert-message.ts';
import type { ReferralMessageInput } from './message-schema.ts';

export const threadClosed = () =>
  new AppError('thread_closed', 409, {
    nl: 'Bij deze verwijzing kunt u geen berichten meer sturen: de patiënt heeft de toestemming ingetrokken of de gegevens zijn gewist.',
    en: 'You can no longer send messages on this referral: the patient withdrew consent or the data has been erased.',
  });

export const noPracticeSide = () =>
  new AppError('thread_no_practice', 409, {
    nl: 'Deze verwijzing komt niet van een huisartsenpraktijk. Er is dus niemand aan wie u een bericht kunt sturen.',
    en: 'This referral did not come from a GP practice, so there is nobody to send a message to.',
  });

/**
 * Adds a message to a referral's thread (docs/product.md step 7, "short lines"). The practice that sent it
 * writes as the practice, the team that holds it as the team (author_side follows from the access,
 * never from the form). The other side gets a notification (message_received, no content; on the
 * team side the assigned colleague, or the whole team when nobody is assigned; on the practice side
 * the colleague who sent the referral, or the whole practice when that person has left). Message, notification,
 * mail and audit entry commit together; the same form sent twice stores one message.
 */
export async function addReferralMessage(
  db: Database,
  ctx: RequestContext,
  input: ReferralMessageInput & { referralId: string; baseUrl: string },
): Promise<{ id: string }> {
  const side = await requireWritingSide(db, ctx.actor, input.referralId);
  const actor = ctx.actor!;

  return db.transaction().execute(async (trx) => {
    // Locked, so a consent withdrawal cannot slip in between the check and the insert.
    const referral = await trx
      .selectFrom('referrals')
      .select(['id', 'team_id', 'practice_id', 'created_by', 'assigned_to', 'consent_withdrawn_at', 'personal_data_erased_at'])
      .where('id', '=', input.referralId)
      .forUpdate()
      .executeTakeFirst();
    if (!referral) throw notFound('referral');
    if (referral.consent_withdrawn_at || referral.personal_data_erased_at) throw threadClosed();
    if (!referral.practice_id) throw noPracticeSide();

    const message = await insertMessageOnce(trx, {
      referral_id: referral.id,
      author_id: actor.userId,
      author_side: side,
      body: input.body,
      form_key: input.form_key ?? null,
    });
    // The same form sent again: the message is there already, and its notifications went out.
    if (message.repeated) return { id: message.id };

    let recipients: string[];
    if (side === 'practice') {
      const team = await teamUserIds(trx, referral.team_id);
      recipients = referral.assigned_to && team.includes(referral.assigned_to) ? [referral.assigned_to] : team;
    } else {
      recipients = await practiceRecipients(trx, referral.practice_id, referral.created_by);
    }
    await notifyUsers(trx, input.baseUrl, { userIds: recipients.filter((id) => id !== actor.userId), kind: 'message_received', referralId: referral.id });
    await writeAudit(trx, ctx, {
      action: 'referral.message_added',
      subjectType: 'message',
      subjectId: message.id,
      patientRef: referral.id,
      details: { side, length: input.body.length },
    });
    return { id: message.id };
  });
}
