import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { notFound } from '../platform/errors.ts';
import type { ContactInput } from './entries.ts';
import { insertContact } from './insert-contact.ts';

/** Adds a named contact person to a service (organisation taken from the service). Starts as verified. */
export async function createContact(db: Database, ctx: RequestContext, serviceId: string, input: ContactInput): Promise<{ id: string }> {
  return db.transaction().execute(async (trx) => {
    const service = await trx.selectFrom('services').select(['id', 'organisation_id']).where('id', '=', serviceId).executeTakeFirst();
    if (!service) throw notFound('service');
    const contact = await insertContact(trx, { organisationId: service.organisation_id, serviceId: service.id }, input);
    // Contact details are personal data: the audit entry names the contact by id only.
    await writeAudit(trx, ctx, {
      action: 'socialmap.contact_created',
      subjectType: 'contact',
      subjectId: contact.id,
      details: { service_id: service.id, visibility: input.visibility },
    });
    return contact;
  });
}
