import type { Database } from '../../platform/db/database.ts';
import { badRequest } from '../../platform/errors.ts';
import { changedSince, coverageOf, parseModifiedAfter, servesArea } from './filters.ts';
import { MAP_ORGANISATION_KINDS } from './load-map.ts';
import { parsePageRequest, toPage } from './pagination.ts';
import { locationCore, serviceAtLocationId, serviceCore } from './to-hsds.ts';
import type { HsdsPage, HsdsServiceAtLocationItem } from './hsds-types.ts';

export interface ServiceAtLocationListQuery {
  page?: string | undefined;
  per_page?: string | undefined;
  /** PC4 or PC6: only services whose service area covers the address. */
  postcode?: string | undefined;
  /** Dutch profile: with a PC6 postcode, the house number picks the exact district. */
  house_number?: string | undefined;
  /** ISO 8601 date-time or date: only links whose service, organisation, locations or contacts changed on or after it. */
  modified_after?: string | undefined;
  /** Only the services of this organisation. */
  organization_id?: string | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * GET /service_at_locations of the HSDS API: each service at each location where it is offered
 * (where to go), with the one-to-one fields of both, filtered and paginated like /services. A
 * service without a location (phone or home visits only) has no item here; /services lists it.
 */
export async function listServiceAtLocations(db: Database, query: ServiceAtLocationListQuery): Promise<HsdsPage<HsdsServiceAtLocationItem>> {
  const request = parsePageRequest(query);
  const since = parseModifiedAfter(query.modified_after);
  if (query.organization_id !== undefined && !UUID.test(query.organization_id))
    throw badRequest({ nl: 'organization_id moet een UUID zijn.', en: 'organization_id must be a UUID.' }, 'bad organization_id');
  const area = await coverageOf(db, query);

  let base = db
    .selectFrom('service_locations')
    .innerJoin('services', 'services.id', 'service_locations.service_id')
    .innerJoin('locations', 'locations.id', 'service_locations.location_id')
    .innerJoin('organisations', 'organisations.id', 'services.organisation_id')
    .where('organisations.kind', 'in', [...MAP_ORGANISATION_KINDS]);
  if (query.organization_id !== undefined) base = base.where('services.organisation_id', '=', query.organization_id.toLowerCase());
  if (area) base = base.where(servesArea(area));
  if (since) base = base.where(changedSince(since));
  const [{ total }, links] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
    base
      .select(['service_locations.service_id', 'service_locations.location_id'])
      .orderBy('services.name')
      .orderBy('services.id')
      .orderBy('locations.name')
      .orderBy('locations.id')
      .limit(request.perPage)
      .offset((request.page - 1) * request.perPage)
      .execute(),
  ]);
  if (links.length === 0) return toPage(request, Number(total), []);
  const [services, locations] = await Promise.all([
    db
      .selectFrom('services')
      .selectAll()
      .where('id', 'in', [...new Set(links.map((l) => l.service_id))])
      .execute(),
    db
      .selectFrom('locations')
      .selectAll()
      .where('id', 'in', [...new Set(links.map((l) => l.location_id))])
      .execute(),
  ]);
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const locationById = new Map(locations.map((l) => [l.id, l]));
  const items = links.flatMap((link): HsdsServiceAtLocationItem[] => {
    const service = serviceById.get(link.service_id);
    const location = locationById.get(link.location_id);
    if (!service || !location) return []; // removed between the two reads
    return [
      {
        id: serviceAtLocationId(service.id, location.id),
        service_id: service.id,
        location_id: location.id,
        location: locationCore(location),
        service: serviceCore(service),
      },
    ];
  });
  return toPage(request, Number(total), items);
}
