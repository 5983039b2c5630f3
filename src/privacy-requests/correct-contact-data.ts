import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { membershipKindOf } from '../platform/auth/roles.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { notifyUsers, practiceRecipients, teamUserIds } from '../platform/notifications/notify.ts';
import { lockForPractice, lockForTeam } from '../referrals/change-referral.ts';
import { isClosed } from '../referrals/state-machine.ts';
import type { ContactData } from './contact-data-form.ts';

/**
 * Rectification (AVG art. 16): the person asks to correct how they are reached — phone, e-mail,
 * language, best time, channel. The practice that sent the referral or the team that holds it
 * corrects it; the history records that it happened (not the values), the audit log which fields,
 * and the other side of an open referral is told there is something new (without the data).
 */
export const alreadyErased = () =>
  new AppError('personal_data_erased', 409, {
    nl: 'De persoonsgegevens van deze verwijzing zijn gewist. Er is niets meer te verbeteren.',
    en: 'The personal data of this referral have been erased. There is nothing left to correct.',
  });

const columns = {
  phone: 'patient_phone',
  email: 'patient_email',
  preferred_language: 'preferred_language',
  best_time_to_call: 'best_time_to_call',
  contact_channel: 'contact_channel',
} as const;

/** Returns the fields that changed (none: nothing is written). */
export async function correctContactData(
  db: Database,
  ctx: RequestContext,
  input: { referralId: string; data: ContactData },
  baseUrl: string,
): Promise<{ changed: string[] }> {
  const kind = ctx.actor ? membershipKindOf(ctx.actor.role) : null;
  if (kind !== 'practice' && kind !== 'team') throw notFound();
  return db.transaction().execute(async (trx) => {
    // The practice that sent it, or the team that holds it now (the lock re-checks, inside the transaction).
    const referral = kind === 'practice' ? await lockForPractice(trx, ctx, input.referralId) : await lockForTeam(trx, ctx, input.referralId);
    if (referral.personal_data_erased_at) throw alreadyErased();
    const changed = (Object.keys(columns) as Array<keyof typeof columns>).filter((field) => referral[columns[field]] !== input.data[field]);
    if (changed.length === 0) return { changed: [] };
    await trx
      .updateTable('referrals')
      .set({
        patient_phone: input.data.phone,
        patient_email: input.data.email,
        preferred_language: input.data.preferred_language,
        best_time_to_call: input.data.best_time_to_call,
        contact_channel: input.data.contact_channel,
        updated_at: new Date(),
      })
      .where('id', '=', referral.id)
      .execute();
    await trx
      .insertInto('referral_events')
      .values({
        referral_id: referral.id,
        actor_user_id: ctx.actor!.userId,
        type: 'contact_data_corrected',
        from_status: referral.status,
        to_status: referral.status,
      })
      .execute();
    await writeAudit(trx, ctx, {
      action: 'referral.contact_data_corrected',
      subjectType: 'referral',
      subjectId: referral.id,
      patientRef: referral.id,
      // Which fields, never their values.
      details: { fields: changed.map((field) => columns[field]) },
    });
    if (!isClosed(referral.status)) {
      const others =
        kind === 'practice'
          ? referral.assigned_to
            ? [referral.assigned_to]
            : await teamUserIds(trx, referral.team_id)
          : referral.practice_id
            ? await practiceRecipients(trx, referral.practice_id, referral.created_by)
            : [];
      await notifyUsers(trx, baseUrl, { userIds: others, kind: 'contact_data_corrected', referralId: referral.id });
    }
    return { changed };
  });
}
