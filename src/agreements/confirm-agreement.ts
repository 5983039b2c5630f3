import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import { notifyUsers, teamUserIds } from '../platform/notifications/notify.ts';
import { agreementContentSchema, columnsOfContent, contentOfColumns, reviewDueOn, type AgreementContent } from './agreement-rules.ts';
import { notAgreedYet, nothingToConfirm, proposalChanged, teamContactGone } from './agreement-errors.ts';
import type { ConfirmInput } from './agreement-form.ts';
import { isActiveTeamContact } from './draft-agreement.ts';

/**
 * The practice manager confirms the proposal and names the practice's own fixed contact. From then
 * on the agreement is in force: new referrals get its terms (send-referral.ts reads them), the
 * referral pages show its contacts, and its yearly review is due a year from today. `proposedAt`
 * is the version the manager read: a proposal changed since is refused, so nobody confirms what
 * they did not see. One transaction with its history line, audit entry and the team's notification.
 */
export async function confirmAgreement(
  db: Database,
  ctx: RequestContext,
  input: { agreementId: string; proposedAt: string | undefined; contact: ConfirmInput },
  baseUrl: string,
): Promise<void> {
  const actor = ctx.actor;
  if (actor?.role !== 'practice_admin' || !actor.practiceId) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('agreements').selectAll().where('id', '=', input.agreementId).forUpdate().executeTakeFirst();
    if (!row || row.practice_id !== actor.practiceId) throw notFound('agreement');
    if (!row.proposal || !row.proposed_at) throw nothingToConfirm();
    if (input.proposedAt !== row.proposed_at.toISOString()) throw proposalChanged();
    const parsed = agreementContentSchema.safeParse(row.proposal);
    if (!parsed.success) throw proposalChanged();
    if (parsed.data.teamContactId && !(await isActiveTeamContact(trx, row.team_id, parsed.data.teamContactId))) throw teamContactGone();
    const content: AgreementContent = {
      ...parsed.data,
      practiceContactName: input.contact.practice_contact_name,
      practiceContactRole: input.contact.practice_contact_role,
      practiceContactPhone: input.contact.practice_contact_phone,
      practiceContactHours: input.contact.practice_contact_hours,
    };
    const now = new Date();
    await trx
      .updateTable('agreements')
      .set({
        ...columnsOfContent(content),
        agreed_at: now,
        agreed_by: actor.userId,
        review_due_on: reviewDueOn(amsterdamToday(now)),
        practice_contact_confirmed_at: now,
        practice_contact_prompted_at: null,
        proposal: null,
        proposed_by: null,
        proposed_at: null,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    await trx
      .insertInto('agreement_history')
      .values({ agreement_id: row.id, actor_user_id: actor.userId, kind: 'confirmed', content: JSON.stringify(content) })
      .execute();
    await writeAudit(trx, ctx, { action: 'agreement.confirmed', subjectType: 'agreement', subjectId: row.id, details: { team_id: row.team_id } });
    const recipients = [...(await teamUserIds(trx, row.team_id, 'team_admin')), ...(row.proposed_by ? [row.proposed_by] : [])];
    await notifyUsers(trx, baseUrl, { userIds: recipients, kind: 'agreement_confirmed', link: `/afspraken/${row.id}` });
  });
}

/**
 * "Klopt nog": the practice manager confirms that the practice's fixed contact is still right. The
 * network view shows how fresh both contacts are; an unconfirmed one is chased after six months.
 */
export async function confirmPracticeContact(db: Database, ctx: RequestContext, agreementId: string): Promise<void> {
  const actor = ctx.actor;
  if (actor?.role !== 'practice_admin' || !actor.practiceId) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('agreements').selectAll().where('id', '=', agreementId).forUpdate().executeTakeFirst();
    if (!row || row.practice_id !== actor.practiceId) throw notFound('agreement');
    if (!row.agreed_at) throw notAgreedYet();
    const now = new Date();
    await trx
      .updateTable('agreements')
      .set({ practice_contact_confirmed_at: now, practice_contact_prompted_at: null, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await trx
      .insertInto('agreement_history')
      .values({ agreement_id: row.id, actor_user_id: actor.userId, kind: 'practice_contact_confirmed', content: JSON.stringify(contentOfColumns(row)) })
      .execute();
    await writeAudit(trx, ctx, { action: 'agreement.practice_contact_confirmed', subjectType: 'agreement', subjectId: row.id });
  });
}
