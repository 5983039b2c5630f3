import { sql, type Expression, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../platform/db/database.ts';
import { startOfAmsterdamDay } from '../../platform/dates.ts';
import { badRequest } from '../../platform/errors.ts';
import { parseHouseNumber, parsePostcode } from '../../routing/postcode.ts';
import { resolveAddress } from '../../routing/resolve-address.ts';

/** The areas an address lies in: its PC4 always, its CBS district and municipality when known. */
export interface Coverage {
  pc4: string;
  districtCode: string | null;
  municipalityCode: string | null;
}

/**
 * The `postcode` query parameter (PC4 or PC6, spaces and case free) → the areas it lies in, or null
 * when absent. HSDS: "only return results where the postcode exists within the service_area"; our
 * service areas are PC4s and CBS district and municipality codes (docs/hsds-profile.md). The Dutch
 * profile adds `house_number`: with a PC6 it picks the exact district from the CBS table, since a
 * PC6 can straddle a district border.
 */
export async function coverageOf(db: Database, query: { postcode?: string | undefined; house_number?: string | undefined }): Promise<Coverage | null> {
  if (query.postcode === undefined) {
    if (query.house_number !== undefined)
      throw badRequest({ nl: 'house_number werkt alleen samen met postcode.', en: 'house_number only works together with postcode.' }, 'bad house_number');
    return null;
  }
  const parsed = parsePostcode(query.postcode);
  if (!parsed)
    throw badRequest(
      { nl: 'postcode moet een geldige postcode zijn, zoals 7511 AB of 7511.', en: 'postcode must be a valid postcode, such as 7511 AB or 7511.' },
      'bad postcode',
    );
  const houseNumber = query.house_number === undefined ? null : parseHouseNumber(query.house_number);
  if (query.house_number !== undefined && houseNumber === null)
    throw badRequest({ nl: 'house_number moet een huisnummer zijn, zoals 12.', en: 'house_number must be a house number, such as 12.' }, 'bad house_number');
  const address = await resolveAddress(db, parsed, houseNumber);
  return { pc4: parsed.pc4, districtCode: address.districtCode, municipalityCode: address.municipalityCode };
}

/** True for a row of `services` with a service area that covers the address. */
export function servesArea(coverage: Coverage): Expression<SqlBool> {
  const matches = [
    sql`service_areas.pc4 = ${coverage.pc4}`,
    ...(coverage.districtCode ? [sql`service_areas.district_code = ${coverage.districtCode}`] : []),
    ...(coverage.municipalityCode ? [sql`service_areas.municipality_code = ${coverage.municipalityCode}`] : []),
  ];
  return sql<SqlBool>`exists (select 1 from service_areas where service_areas.service_id = services.id and (${sql.join(matches, sql` or `)}))`;
}

const dateTime = z.iso.datetime({ offset: true });
const date = z.iso.date();

/**
 * The `modified_after` query parameter: an ISO 8601 date-time with a zone ("2026-11-01T08:00:00Z",
 * "2026-11-01T09:00:00+01:00") or a calendar day (the start of that day in Amsterdam). Null when absent.
 */
export function parseModifiedAfter(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (dateTime.safeParse(text).success) return new Date(text);
  if (date.safeParse(text).success) return startOfAmsterdamDay(text);
  throw badRequest(
    {
      nl: 'modified_after moet een datum met tijd en tijdzone zijn, zoals 2026-11-01T08:00:00Z, of een datum zoals 2026-11-01.',
      en: 'modified_after must be a date and time with a time zone, such as 2026-11-01T08:00:00Z, or a date such as 2026-11-01.',
    },
    'bad modified_after',
  );
}

/**
 * True for a row of `services` whose data as the API shows it changed on or after `since`: the
 * service itself, its organisation, a location it is offered at or one of its contacts. Incremental
 * sync (HSDS `modified_after`) must not miss a service whose address or contact person changed.
 */
export function changedSince(since: Date): Expression<SqlBool> {
  return sql<SqlBool>`(services.updated_at >= ${since}
    or exists (select 1 from organisations o where o.id = services.organisation_id and o.updated_at >= ${since})
    or exists (select 1 from service_locations sl join locations l on l.id = sl.location_id where sl.service_id = services.id and l.updated_at >= ${since})
    or exists (select 1 from contacts c where c.service_id = services.id and c.updated_at >= ${since}))`;
}
