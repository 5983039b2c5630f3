import type { Database, Executor } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { notifyUsers, practiceUserIds, teamUserIds } from '../platform/notifications/notify.ts';
import { monthsBefore } from '../socialmap/freshness.ts';
import { CONTACT_CONFIRM_MONTHS, contentOfColumns } from './agreement-rules.ts';
import { practiceAdminIds } from './draft-agreement.ts';

/**
 * Keeps the fixed faces right (background job). The action study's first recommendation: "update
 * always at staff changes". The social map keeps who replaced whom (socialmap/replace-contact.ts);
 * this job moves every agreement that names a person who left to their successor, and tells the
 * practice ("uw vaste contactpersoon is veranderd") — or, when nobody took over, tells the practice
 * and the team's coordinators that a new contact is needed. Contacts not confirmed for six months
 * prompt their side: the team's coordinators for the team's person (confirmed on the social map),
 * the practice manager for the practice's own contact. A prompt is repeated at most every 30 days.
 * Idempotent: every change is claimed by the statement that makes it.
 */
export interface ContactReport {
  replaced: number;
  left: number;
  prompted: number;
}

const REPROMPT_DAYS = 30;

export async function followContactChanges(db: Database, ctx: RequestContext, options: { baseUrl: string; now?: Date }): Promise<ContactReport> {
  const now = options.now ?? new Date();
  const report: ContactReport = { replaced: 0, left: 0, prompted: 0 };
  const moved = await db
    .selectFrom('agreements')
    .innerJoin('contacts', 'contacts.id', 'agreements.team_contact_id')
    .select(['agreements.id'])
    .where('agreements.agreed_at', 'is not', null)
    .where('contacts.ended_at', 'is not', null)
    .execute();
  for (const { id } of moved) {
    const outcome = await db.transaction().execute((trx) => moveToSuccessor(trx, ctx, id, options.baseUrl));
    if (outcome) report[outcome]++;
  }
  report.prompted = await promptUnconfirmed(db, ctx, now, options.baseUrl);
  return report;
}

async function moveToSuccessor(trx: Executor, ctx: RequestContext, agreementId: string, baseUrl: string): Promise<'replaced' | 'left' | null> {
  const row = await trx.selectFrom('agreements').selectAll().where('id', '=', agreementId).forUpdate().executeTakeFirst();
  if (!row?.team_contact_id) return null;
  const named = await trx.selectFrom('contacts').select(['id', 'ended_at', 'replaced_by_id']).where('id', '=', row.team_contact_id).executeTakeFirst();
  if (!named?.ended_at) return null; // another run moved it already
  const successor = await activeSuccessor(trx, named.replaced_by_id);
  const now = new Date();
  await trx.updateTable('agreements').set({ team_contact_id: successor, team_contact_prompted_at: null, updated_at: now }).where('id', '=', row.id).execute();
  const content = contentOfColumns({ ...row, team_contact_id: successor });
  const kind = successor ? 'team_contact_replaced' : 'team_contact_left';
  await trx
    .insertInto('agreement_history')
    .values({ agreement_id: row.id, actor_user_id: null, kind, content: JSON.stringify(content) })
    .execute();
  await writeAudit(trx, ctx, {
    action: successor ? 'agreement.team_contact_replaced' : 'agreement.team_contact_left',
    subjectType: 'agreement',
    subjectId: row.id,
    details: { from: named.id, to: successor },
  });
  const practice = await practiceUserIds(trx, row.practice_id);
  if (successor) {
    await notifyUsers(trx, baseUrl, { userIds: practice, kind: 'contact_replaced', link: '/vaste-contactpersonen' });
    return 'replaced';
  }
  await notifyUsers(trx, baseUrl, { userIds: practice, kind: 'contact_left', link: '/vaste-contactpersonen' });
  await notifyUsers(trx, baseUrl, { userIds: await teamUserIds(trx, row.team_id, 'team_admin'), kind: 'contact_left', link: `/afspraken/${row.id}/wijzigen` });
  return 'left';
}

/** The first person in the chain of replacements who still works there, or null. */
async function activeSuccessor(trx: Executor, startId: string | null): Promise<string | null> {
  let id = startId;
  for (let hops = 0; id && hops < 20; hops++) {
    const next = await trx.selectFrom('contacts').select(['id', 'ended_at', 'replaced_by_id']).where('id', '=', id).executeTakeFirst();
    if (!next) return null;
    if (!next.ended_at) return next.id;
    id = next.replaced_by_id;
  }
  return null;
}

async function promptUnconfirmed(db: Database, ctx: RequestContext, now: Date, baseUrl: string): Promise<number> {
  const cutoff = monthsBefore(now, CONTACT_CONFIRM_MONTHS);
  const repromptBefore = new Date(now.getTime() - REPROMPT_DAYS * 86_400_000);
  return db.transaction().execute(async (trx) => {
    const teamSide = await trx
      .updateTable('agreements')
      .set({ team_contact_prompted_at: now })
      .where('agreed_at', 'is not', null)
      .where((eb) => eb.or([eb('team_contact_prompted_at', 'is', null), eb('team_contact_prompted_at', '<=', repromptBefore)]))
      .where('team_contact_id', 'in', (eb) =>
        eb
          .selectFrom('contacts')
          .select('contacts.id')
          .where('contacts.ended_at', 'is', null)
          .where((w) => w.or([w('contacts.last_verified_at', 'is', null), w('contacts.last_verified_at', '<=', cutoff)])),
      )
      .returning(['id', 'team_id'])
      .execute();
    const practiceSide = await trx
      .updateTable('agreements')
      .set({ practice_contact_prompted_at: now })
      .where('agreed_at', 'is not', null)
      .where((eb) => eb.or([eb('practice_contact_confirmed_at', 'is', null), eb('practice_contact_confirmed_at', '<=', cutoff)]))
      .where((eb) => eb.or([eb('practice_contact_prompted_at', 'is', null), eb('practice_contact_prompted_at', '<=', repromptBefore)]))
      .returning(['id', 'practice_id'])
      .execute();
    for (const a of teamSide) {
      await notifyUsers(trx, baseUrl, { userIds: await teamUserIds(trx, a.team_id, 'team_admin'), kind: 'contact_unconfirmed', link: `/afspraken/${a.id}` });
    }
    for (const a of practiceSide) {
      await notifyUsers(trx, baseUrl, { userIds: await practiceAdminIds(trx, a.practice_id), kind: 'contact_unconfirmed', link: `/afspraken/${a.id}` });
    }
    if (teamSide.length + practiceSide.length > 0) {
      await writeAudit(trx, ctx, {
        action: 'agreement.contacts_prompted',
        subjectType: 'agreement',
        details: { team_side: teamSide.map((a) => a.id), practice_side: practiceSide.map((a) => a.id) },
      });
    }
    return teamSide.length + practiceSide.length;
  });
}
