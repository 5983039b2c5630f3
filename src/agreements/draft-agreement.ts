import type { Database, Executor } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import { notifyUsers } from '../platform/notifications/notify.ts';
import { draftablePair, findAgreement } from './agreement-access.ts';
import { changedParts, contentOfColumns, type AgreementContent } from './agreement-rules.ts';
import { notATeamContact } from './agreement-errors.ts';

/**
 * The team coordinator or the regional coordinator writes the agreement down (or changes it). It
 * becomes a proposal: nothing of it applies until the practice manager confirms it
 * (confirm-agreement.ts), and an agreement in force stays in force meanwhile. The proposal, its
 * history line, the audit entry and the practice managers' notification commit together.
 */
export type DraftTarget = { practiceId: string; teamId: string } | { agreementId: string };

export async function draftAgreement(
  db: Database,
  ctx: RequestContext,
  target: DraftTarget,
  content: AgreementContent,
  baseUrl: string,
): Promise<{ id: string }> {
  const actor = ctx.actor;
  if (!actor) throw forbidden();
  const pair = 'agreementId' in target ? await existingPair(db, ctx, target.agreementId) : await draftablePair(db, actor, target.practiceId, target.teamId);
  if (!pair) throw notFound('agreement');
  if (content.teamContactId && !(await isActiveTeamContact(db, pair.teamId, content.teamContactId))) throw notATeamContact();

  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const proposal = JSON.stringify(content);
    const row = await trx
      .insertInto('agreements')
      // A new pair starts as a concept: nothing in force until the practice confirms.
      .values({
        practice_id: pair.practiceId,
        team_id: pair.teamId,
        agreed_at: null,
        review_due_on: null,
        proposal,
        proposed_by: actor.userId,
        proposed_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['practice_id', 'team_id']).doUpdateSet({ proposal, proposed_by: actor.userId, proposed_at: now, updated_at: now }))
      .returningAll()
      .executeTakeFirstOrThrow();
    const inForce = row.agreed_at ? contentOfColumns(row) : null;
    await trx.insertInto('agreement_history').values({ agreement_id: row.id, actor_user_id: actor.userId, kind: 'drafted', content: proposal }).execute();
    await writeAudit(trx, ctx, {
      action: 'agreement.drafted',
      subjectType: 'agreement',
      subjectId: row.id,
      details: { practice_id: pair.practiceId, team_id: pair.teamId, changed: changedParts(inForce, content) },
    });
    await notifyUsers(trx, baseUrl, { userIds: await practiceAdminIds(trx, pair.practiceId), kind: 'agreement_proposed', link: `/afspraken/${row.id}` });
    return { id: row.id };
  });
}

async function existingPair(db: Database, ctx: RequestContext, agreementId: string) {
  const found = await findAgreement(db, ctx.actor!, agreementId);
  if (!found || found.access === 'practice') return null;
  return { practiceId: found.agreement.practice_id, teamId: found.agreement.team_id };
}

/** A contact person on the social map who still works for one of the team's active services. */
export async function isActiveTeamContact(db: Executor, teamId: string, contactId: string): Promise<boolean> {
  const row = await teamContactsQuery(db, teamId).where('contacts.id', '=', contactId).executeTakeFirst();
  return row !== undefined;
}

/** The team's contact persons to choose the fixed contact from: active, of the team's active services. */
export function teamContactsQuery(db: Executor, teamId: string) {
  return db
    .selectFrom('contacts')
    .innerJoin('services', 'services.id', 'contacts.service_id')
    .select(['contacts.id', 'contacts.name', 'contacts.job_title', 'contacts.phone'])
    .distinct()
    .where('services.team_id', '=', teamId)
    .where('services.status', '=', 'active')
    .where('contacts.ended_at', 'is', null)
    .orderBy('contacts.name');
}

export async function practiceAdminIds(db: Executor, practiceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('role', '=', 'practice_admin')
    .where('disabled_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}
