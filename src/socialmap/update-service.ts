import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { notFound } from '../platform/errors.ts';
import { pickColumns, serviceColumns, type ServiceColumn, type ServiceInput } from './entries.ts';
import { replaceSchedules, sameSlots } from './schedules.ts';
import { assertServiceReferences, replaceServiceLinks } from './service-references.ts';

export type ServiceChanges = Omit<ServiceInput, 'organisation_id'>;

/** The list columns (kinds of help, languages) compare as sets; every other column as it is. */
const singleValueColumns = serviceColumns.filter(
  (column): column is Exclude<ServiceColumn, 'categories' | 'languages'> => column !== 'categories' && column !== 'languages',
);

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

/**
 * Changes a service: its fields, areas, locations and phone hours, in one transaction with an audit
 * entry naming the changed fields (never their values). The organisation does not change. Editing
 * is not verifying: "klopt nog" is a separate, deliberate confirmation.
 */
export async function updateService(db: Database, ctx: RequestContext, id: string, input: ServiceChanges): Promise<void> {
  const current = await db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
  if (!current) throw notFound('service');
  await assertServiceReferences(db, current.organisation_id, input);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('services').select(serviceColumns).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('service');
    const [areas, links, hours] = await Promise.all([
      trx.selectFrom('service_areas').select(['municipality_code', 'district_code', 'pc4']).where('service_id', '=', id).execute(),
      trx.selectFrom('service_locations').select('location_id').where('service_id', '=', id).execute(),
      trx.selectFrom('schedules').select(['weekday', 'opens_at', 'closes_at']).where('service_id', '=', id).where('kind', '=', 'phone').execute(),
    ]);
    const changed: string[] = singleValueColumns.filter((column) => before[column] !== input[column]);
    if (!sameList(before.categories, input.categories)) changed.push('categories');
    if (!sameList(before.languages, input.languages)) changed.push('languages');
    const areaKeys = areas.map((a) => a.pc4 ?? a.district_code ?? a.municipality_code ?? '');
    if (!sameList(areaKeys, [...input.areas.pc4s, ...input.areas.districts, ...input.areas.municipalities])) changed.push('areas');
    if (
      !sameList(
        links.map((l) => l.location_id),
        input.location_ids,
      )
    )
      changed.push('locations');
    if (!sameSlots(hours, input.phone_hours)) changed.push('phone_hours');

    await trx
      .updateTable('services')
      .set({
        ...pickColumns(input, serviceColumns),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await replaceServiceLinks(trx, id, input);
    await replaceSchedules(trx, { service_id: id }, 'phone', input.phone_hours);
    await writeAudit(trx, ctx, { action: 'socialmap.service_updated', subjectType: 'service', subjectId: id, details: { changed } });
  });
}
