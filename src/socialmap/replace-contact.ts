import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { notFound } from '../platform/errors.ts';
import type { ContactInput } from './entries.ts';
import { insertContact } from './insert-contact.ts';
import { contactEnded } from './update-contact.ts';

/**
 * A contact person leaves and someone takes over: the successor is added, the old contact is ended
 * (ended_at) and points to the successor (replaced_by_id). Nothing is deleted, so the service page
 * shows who used to be the contact and since when the new one is. One transaction, audited.
 */
export async function replaceContact(db: Database, ctx: RequestContext, oldId: string, input: ContactInput): Promise<{ id: string }> {
  return db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('contacts').selectAll().where('id', '=', oldId).forUpdate().executeTakeFirst();
    if (!old) throw notFound('contact');
    if (old.ended_at) throw contactEnded();
    const successor = await insertContact(trx, { organisationId: old.organisation_id, serviceId: old.service_id }, input);
    const now = new Date();
    await trx.updateTable('contacts').set({ ended_at: now, replaced_by_id: successor.id, updated_at: now }).where('id', '=', oldId).execute();
    await writeAudit(trx, ctx, {
      action: 'socialmap.contact_replaced',
      subjectType: 'contact',
      subjectId: oldId,
      details: { replaced_by: successor.id, service_id: old.service_id },
    });
    return successor;
  });
}
