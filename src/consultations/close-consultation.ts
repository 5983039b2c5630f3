import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { notFound } from '../platform/errors.ts';
import { consultationSide } from './consultation-access.ts';

/** Either side closes a consultation when the question is settled. Closing twice is harmless. */
export async function closeConsultation(db: Database, ctx: RequestContext, consultationId: string): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw notFound('consultation');
  const side = await consultationSide(db, actor, consultationId);
  if (!side) throw notFound('consultation');
  await db.transaction().execute(async (trx) => {
    const closed = await trx
      .updateTable('consultations')
      .set({ status: 'closed', updated_at: new Date() })
      .where('id', '=', consultationId)
      .where('status', '!=', 'closed')
      .returning('id')
      .executeTakeFirst();
    if (closed) await writeAudit(trx, ctx, { action: 'consultation.closed', subjectType: 'consultation', subjectId: consultationId, details: { side } });
  });
}
