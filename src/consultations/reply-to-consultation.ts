import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { notifyUsers, practiceRecipients, teamUserIds } from '../platform/notifications/notify.ts';
import { consultationSide } from './consultation-access.ts';
import { insertMessageOnce } from '../messages/insert-message.ts';
import type { ConsultationReplyInput } from './consultation-schemas.ts';

export const consultationClosed = () =>
  new AppError('consultation_closed', 409, {
    nl: 'Dit overleg is afgesloten. Stel een nieuwe vraag als u verder wilt.',
    en: 'This consultation is closed. Ask a new question if you want to continue.',
  });

/**
 * A message in a consultation's thread. The team's message answers the question (status answered,
 * the practice is told: consultation_answered — the colleague who asked, or the whole practice when
 * that person is no longer active); a practice's follow-up opens it again for the team
 * (status open, consultation_asked). A closed consultation takes no more messages; the same form
 * sent twice stores one.
 */
export async function replyToConsultation(
  db: Database,
  ctx: RequestContext,
  input: ConsultationReplyInput & { consultationId: string; baseUrl: string },
): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw notFound('consultation');
  const side = await consultationSide(db, actor, input.consultationId);
  if (!side) throw notFound('consultation');
  await db.transaction().execute(async (trx) => {
    const consultation = await trx
      .selectFrom('consultations')
      .select(['id', 'status', 'practice_id', 'team_id', 'asked_by'])
      .where('id', '=', input.consultationId)
      .forUpdate()
      .executeTakeFirst();
    if (!consultation) throw notFound('consultation');
    if (consultation.status === 'closed') throw consultationClosed();
    const message = await insertMessageOnce(trx, {
      consultation_id: consultation.id,
      author_id: actor.userId,
      author_side: side,
      body: input.body,
      form_key: input.form_key ?? null,
    });
    // The same form sent again: the message is there already, and its notifications went out.
    if (message.repeated) return;
    const status = side === 'team' ? 'answered' : 'open';
    await trx.updateTable('consultations').set({ status, updated_at: new Date() }).where('id', '=', consultation.id).execute();
    if (side === 'team') {
      const recipients = await practiceRecipients(trx, consultation.practice_id, consultation.asked_by);
      await notifyUsers(trx, input.baseUrl, {
        userIds: recipients.filter((id) => id !== actor.userId),
        kind: 'consultation_answered',
        consultationId: consultation.id,
      });
    } else {
      const team = await teamUserIds(trx, consultation.team_id);
      await notifyUsers(trx, input.baseUrl, { userIds: team.filter((id) => id !== actor.userId), kind: 'consultation_asked', consultationId: consultation.id });
    }
    await writeAudit(trx, ctx, { action: 'consultation.message_added', subjectType: 'consultation', subjectId: consultation.id, details: { side, status } });
  });
}
