import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { locationColumns, pickColumns, type LocationInput } from './entries.ts';
import { replaceSchedules } from './schedules.ts';

/** Adds a location (an address, with opening and walk-in hours) to an organisation. Starts as verified. */
export async function createLocation(db: Database, ctx: RequestContext, input: LocationInput): Promise<{ id: string }> {
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const location = await trx
      .insertInto('locations')
      .values({
        organisation_id: input.organisation_id,
        ...pickColumns(input, locationColumns),
        last_verified_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceSchedules(trx, { location_id: location.id }, 'opening', input.opening_hours);
    await replaceSchedules(trx, { location_id: location.id }, 'walk_in', input.walk_in_hours);
    await writeAudit(trx, ctx, {
      action: 'socialmap.location_created',
      subjectType: 'location',
      subjectId: location.id,
      details: { organisation_id: input.organisation_id },
    });
    return location;
  });
}
