import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import { practiceInScope } from '../visits/visit-access.ts';
import type { ManualItem } from './checklist.ts';

/** Ticks (or unticks) a manual item of this year's checklist for a practice. Audited. */
export async function tickChecklist(db: Database, ctx: RequestContext, practiceId: string, item: ManualItem, done: boolean): Promise<void> {
  const actor = ctx.actor;
  if (!actor || !['region_coordinator', 'team_admin', 'practice_admin'].includes(actor.role)) throw forbidden();
  const practice = await practiceInScope(db, actor, practiceId);
  if (!practice) throw notFound('practice');
  const today = amsterdamToday();
  const year = Number(today.slice(0, 4));
  await db.transaction().execute(async (trx) => {
    if (done) {
      await trx
        .insertInto('practice_checklist')
        .values({ practice_id: practice.id, year, item, done_on: today, done_by: actor.userId })
        .onConflict((oc) => oc.columns(['practice_id', 'year', 'item']).doNothing())
        .execute();
    } else {
      await trx.deleteFrom('practice_checklist').where('practice_id', '=', practice.id).where('year', '=', year).where('item', '=', item).execute();
    }
    await writeAudit(trx, ctx, {
      action: done ? 'network.checklist_ticked' : 'network.checklist_unticked',
      subjectType: 'practice',
      subjectId: practice.id,
      details: { item, year },
    });
  });
}
