import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { pickColumns, serviceColumns, type ServiceInput } from './entries.ts';
import { replaceSchedules } from './schedules.ts';
import { assertServiceReferences, replaceServiceLinks } from './service-references.ts';

/**
 * Adds a service to an organisation's part of the social map. The author has just checked it, so a
 * new service starts as verified. The caller has checked that the actor may edit the organisation.
 */
export async function createService(db: Database, ctx: RequestContext, input: ServiceInput): Promise<{ id: string }> {
  await assertServiceReferences(db, input.organisation_id, input);
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const service = await trx
      .insertInto('services')
      .values({
        organisation_id: input.organisation_id,
        ...pickColumns(input, serviceColumns),
        last_verified_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceServiceLinks(trx, service.id, input);
    await replaceSchedules(trx, { service_id: service.id }, 'phone', input.phone_hours);
    await writeAudit(trx, ctx, {
      action: 'socialmap.service_created',
      subjectType: 'service',
      subjectId: service.id,
      details: { organisation_id: input.organisation_id },
    });
    return service;
  });
}
