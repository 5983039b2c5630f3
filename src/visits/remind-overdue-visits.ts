import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { amsterdamDate, amsterdamToday } from '../platform/dates.ts';
import { notifyUsers } from '../platform/notifications/notify.ts';
import { visitDueSince, visitOverdue } from './visit-rules.ts';
import { practiceVisitDates } from './read-visits.ts';

/**
 * Background job: a practice that had no visit for twelve months (and has none planned) is brought
 * to the attention of the regional coordinator and the coordinators of the teams that have an
 * agreement with it — in-app and by mail through the outbox, saying only that a visit is due. Once
 * per lapse: the reminder row (practice, due since) is claimed by the insert that sends it.
 */
export async function remindOverdueVisits(db: Database, ctx: RequestContext, options: { baseUrl: string; today?: string }): Promise<number> {
  const today = options.today ?? amsterdamToday();
  const practices = await practiceVisitDates(db, today).execute();
  let sent = 0;
  for (const p of practices) {
    const joinedOn = amsterdamDate(p.created_at);
    if (!visitOverdue({ lastHeldOn: p.last_held_on, joinedOn, nextPlannedOn: p.next_planned_on }, today)) continue;
    const dueSince = visitDueSince(p.last_held_on, joinedOn);
    const reminded = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto('visit_reminders')
        .values({ practice_id: p.id, due_since: dueSince })
        .onConflict((oc) => oc.columns(['practice_id', 'due_since']).doNothing())
        .returning('practice_id')
        .executeTakeFirst();
      if (!claimed) return false;
      const recipients = await trx
        .selectFrom('users')
        .select('users.id')
        .where('users.disabled_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb.and([eb('users.role', '=', 'region_coordinator'), eb('users.region_id', '=', p.region_id)]),
            eb.and([
              eb('users.role', '=', 'team_admin'),
              eb('users.team_id', 'in', eb.selectFrom('agreements').select('agreements.team_id').where('agreements.practice_id', '=', p.id)),
            ]),
          ]),
        )
        .execute();
      await notifyUsers(trx, options.baseUrl, {
        userIds: recipients.map((r) => r.id),
        kind: 'visit_due',
        link: `/bezoeken/praktijk/${p.id}`,
        dedupeKey: `visit-due:${p.id}:${dueSince}`,
      });
      await writeAudit(trx, ctx, {
        action: 'visit.reminder_sent',
        subjectType: 'practice',
        subjectId: p.id,
        details: { due_since: dueSince, recipients: recipients.length },
      });
      return true;
    });
    if (reminded) sent++;
  }
  return sent;
}
