import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError, forbidden } from '../platform/errors.ts';
import { notifyUsers, teamUserIds } from '../platform/notifications/notify.ts';
import type { ConsultationInput } from './consultation-schemas.ts';

export const unknownTeam = () => new AppError('consultation_unknown_team', 422, { nl: 'Kies een team uit de lijst.', en: 'Choose a team from the list.' });

/**
 * A practice asks a team a question without naming a patient (casuïstiek, docs/product.md step 7). The
 * question is the first message of the consultation's thread; the team is notified
 * (consultation_asked). Consultation, message, notifications, mail and audit entry commit together;
 * the same form sent twice asks once.
 */
export async function askConsultation(db: Database, ctx: RequestContext, input: ConsultationInput & { baseUrl: string }): Promise<{ id: string }> {
  const actor = ctx.actor;
  if (!actor?.practiceId) throw forbidden();
  const practiceId = actor.practiceId;
  return db.transaction().execute(async (trx) => {
    const team = await trx.selectFrom('teams').select('id').where('id', '=', input.team_id).executeTakeFirst();
    if (!team) throw unknownTeam();
    const now = new Date();
    const ask = (formKey: string | null) =>
      trx
        .insertInto('consultations')
        .values({
          practice_id: practiceId,
          team_id: team.id,
          asked_by: actor.userId,
          subject: input.subject,
          status: 'open',
          form_key: formKey,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(['asked_by', 'form_key']).where('form_key', 'is not', null).doNothing())
        .returning('id')
        .executeTakeFirst();
    let consultation = await ask(input.form_key ?? null);
    if (!consultation) {
      const earlier = await trx
        .selectFrom('consultations')
        .select(['id', 'team_id', 'subject'])
        .where('asked_by', '=', actor.userId)
        .where('form_key', '=', input.form_key!)
        .executeTakeFirstOrThrow();
      // The same form sent again: the question is there already, and the team was told.
      if (earlier.team_id === team.id && earlier.subject === input.subject) return { id: earlier.id };
      // An old form filled in anew (the Back button): a new question.
      consultation = (await ask(null))!;
    }
    await trx
      .insertInto('messages')
      .values({ consultation_id: consultation.id, author_id: actor.userId, author_side: 'practice', body: input.question })
      .execute();
    await notifyUsers(trx, input.baseUrl, { userIds: await teamUserIds(trx, team.id), kind: 'consultation_asked', consultationId: consultation.id });
    await writeAudit(trx, ctx, { action: 'consultation.asked', subjectType: 'consultation', subjectId: consultation.id, details: { team_id: team.id } });
    return { id: consultation.id };
  });
}
