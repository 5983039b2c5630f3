import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { notFound } from '../platform/errors.ts';
import { locationColumns, pickColumns, type LocationInput } from './entries.ts';
import { replaceSchedules, sameSlots } from './schedules.ts';

export type LocationChanges = Omit<LocationInput, 'organisation_id'>;

/** Changes a location and its opening and walk-in hours; the audit entry names the changed fields. */
export async function updateLocation(db: Database, ctx: RequestContext, id: string, input: LocationChanges): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('locations').select(locationColumns).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('location');
    const hours = await trx.selectFrom('schedules').select(['kind', 'weekday', 'opens_at', 'closes_at']).where('location_id', '=', id).execute();
    const changed: string[] = locationColumns.filter((column) => before[column] !== input[column]);
    if (
      !sameSlots(
        hours.filter((h) => h.kind === 'opening'),
        input.opening_hours,
      )
    )
      changed.push('opening_hours');
    if (
      !sameSlots(
        hours.filter((h) => h.kind === 'walk_in'),
        input.walk_in_hours,
      )
    )
      changed.push('walk_in_hours');
    await trx
      .updateTable('locations')
      .set({
        ...pickColumns(input, locationColumns),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await replaceSchedules(trx, { location_id: id }, 'opening', input.opening_hours);
    await replaceSchedules(trx, { location_id: id }, 'walk_in', input.walk_in_hours);
    await writeAudit(trx, ctx, { action: 'socialmap.location_updated', subjectType: 'location', subjectId: id, details: { changed } });
  });
}
