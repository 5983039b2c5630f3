import type { Transaction } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import type { ServiceAreas } from './entries.ts';

/**
 * Checks what a service points to: its team and locations belong to the same organisation, its
 * districts exist. Throws a 422 with a Dutch explanation otherwise.
 */
export async function assertServiceReferences(
  db: Database | Transaction<DB>,
  organisationId: string,
  input: { team_id: string | null; location_ids: string[]; areas: ServiceAreas },
): Promise<void> {
  if (input.team_id) {
    const team = await db.selectFrom('teams').select('organisation_id').where('id', '=', input.team_id).executeTakeFirst();
    if (team?.organisation_id !== organisationId) {
      throw new AppError('service_team_mismatch', 422, { nl: 'Kies een team van deze organisatie.', en: 'Choose a team of this organisation.' });
    }
  }
  if (input.location_ids.length) {
    const found = await db.selectFrom('locations').select('id').where('id', 'in', input.location_ids).where('organisation_id', '=', organisationId).execute();
    if (found.length !== new Set(input.location_ids).size) {
      throw new AppError('service_location_mismatch', 422, { nl: 'Kies locaties van deze organisatie.', en: 'Choose locations of this organisation.' });
    }
  }
  if (input.areas.districts.length) {
    const found = await db.selectFrom('districts').select('code').where('code', 'in', input.areas.districts).execute();
    if (found.length !== new Set(input.areas.districts).size) {
      throw new AppError('service_district_unknown', 422, { nl: 'Een van de gekozen wijken bestaat niet.', en: 'One of the chosen districts does not exist.' });
    }
  }
}

/** Replaces the service's areas and locations inside the caller's transaction. */
export async function replaceServiceLinks(trx: Transaction<DB>, serviceId: string, input: { location_ids: string[]; areas: ServiceAreas }): Promise<void> {
  await trx.deleteFrom('service_areas').where('service_id', '=', serviceId).execute();
  const areas = [
    ...input.areas.pc4s.map((pc4) => ({ service_id: serviceId, pc4, district_code: null, municipality_code: null })),
    ...input.areas.districts.map((district_code) => ({ service_id: serviceId, pc4: null, district_code, municipality_code: null })),
    ...input.areas.municipalities.map((municipality_code) => ({ service_id: serviceId, pc4: null, district_code: null, municipality_code })),
  ];
  if (areas.length) await trx.insertInto('service_areas').values(areas).execute();
  await trx.deleteFrom('service_locations').where('service_id', '=', serviceId).execute();
  const locationIds = [...new Set(input.location_ids)];
  if (locationIds.length)
    await trx
      .insertInto('service_locations')
      .values(locationIds.map((location_id) => ({ service_id: serviceId, location_id })))
      .execute();
}
