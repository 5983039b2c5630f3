import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The region an import puts new organisations in, by name ("Twente") or id. */
export async function findRegionId(db: Database, nameOrId: string): Promise<string> {
  const value = nameOrId.trim();
  const row = await db
    .selectFrom('regions')
    .select('id')
    .where((eb) => (UUID.test(value) ? eb.or([eb('id', '=', value.toLowerCase()), eb('name', '=', value)]) : eb('name', '=', value)))
    .executeTakeFirst();
  if (!row) throw new AppError('unknown_region', 422, { nl: `Er is geen regio '${value.slice(0, 60)}'.`, en: `There is no region '${value.slice(0, 60)}'.` });
  return row.id;
}
