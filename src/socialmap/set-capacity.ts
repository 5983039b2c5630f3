import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { notFound } from '../platform/errors.ts';
import type { CapacityInput } from './capacity.ts';

/**
 * The team or organisation sets a service's capacity; saving it again, changed or not, confirms it
 * for another 30 days (capacity.ts). Audited with the status, never anything personal. The route
 * checked that the actor may edit this service (editor-scope.ts).
 */
export async function setCapacity(db: Database, ctx: RequestContext, serviceId: string, input: CapacityInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    const updated = await trx
      .updateTable('services')
      .set({ capacity_status: input.status, capacity_waiting_weeks: input.waitingWeeks, capacity_confirmed_at: now, updated_at: now })
      .where('id', '=', serviceId)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw notFound('service');
    await writeAudit(trx, ctx, {
      action: 'socialmap.capacity_set',
      subjectType: 'service',
      subjectId: serviceId,
      details: { status: input.status, waitingWeeks: input.waitingWeeks },
    });
  });
}
