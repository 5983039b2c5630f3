import type { Database } from '../../platform/db/database.ts';
import type { OrganisationKind } from '../../platform/db/schema.ts';
import type { MapSnapshot } from './map-snapshot.ts';

/** The organisations that make up the social map. GP practices use the map; they are not on it. */
export const MAP_ORGANISATION_KINDS: readonly OrganisationKind[] = ['municipality', 'social'];

export interface SnapshotScope {
  /** Only these organisations (with all their services). */
  organisationIds?: readonly string[];
  /** Only these services (with their organisation's own fields, locations and contacts). */
  serviceIds?: readonly string[];
  /** Professional contacts (direct lines) only for callers that proved who they are. */
  includeProfessional: boolean;
}

/**
 * Reads (part of) the social map in a fixed number of queries, whatever its size: every table once,
 * narrowed by sub-queries rather than long id lists.
 */
export async function loadMapSnapshot(db: Database, scope: SnapshotScope): Promise<MapSnapshot> {
  const { organisationIds, serviceIds } = scope;
  if ((organisationIds && organisationIds.length === 0) || (serviceIds && serviceIds.length === 0)) return emptySnapshot();

  const orgIds = () => {
    let q = db
      .selectFrom('organisations')
      .select('organisations.id')
      .where('organisations.kind', 'in', [...MAP_ORGANISATION_KINDS]);
    if (organisationIds) q = q.where('organisations.id', 'in', [...organisationIds]);
    if (serviceIds)
      q = q.where(
        'organisations.id',
        'in',
        db
          .selectFrom('services')
          .select('services.organisation_id')
          .where('services.id', 'in', [...serviceIds]),
      );
    return q;
  };
  const svcIds = () => {
    let q = db.selectFrom('services').select('services.id').where('services.organisation_id', 'in', orgIds());
    if (serviceIds) q = q.where('services.id', 'in', [...serviceIds]);
    return q;
  };
  const linkedLocationIds = () =>
    db.selectFrom('service_locations').select('service_locations.location_id').where('service_locations.service_id', 'in', svcIds());
  const locIds = () =>
    db
      .selectFrom('locations')
      .select('locations.id')
      .where((eb) =>
        serviceIds
          ? eb('locations.id', 'in', linkedLocationIds())
          : eb.or([eb('locations.organisation_id', 'in', orgIds()), eb('locations.id', 'in', linkedLocationIds())]),
      );
  const contactIds = () => {
    let q = db
      .selectFrom('contacts')
      .select('contacts.id')
      .where('contacts.ended_at', 'is', null)
      .where((eb) =>
        serviceIds
          ? eb('contacts.service_id', 'in', svcIds())
          : eb.or([eb('contacts.organisation_id', 'in', orgIds()), eb('contacts.service_id', 'in', svcIds())]),
      );
    if (!scope.includeProfessional) q = q.where('contacts.visibility', '=', 'public');
    return q;
  };

  const [organisations, services, locations, serviceLocations, contacts, schedules, serviceAreas, municipalities] = await Promise.all([
    db.selectFrom('organisations').selectAll().where('id', 'in', orgIds()).orderBy('name').orderBy('id').execute(),
    db.selectFrom('services').selectAll().where('id', 'in', svcIds()).orderBy('name').orderBy('id').execute(),
    db.selectFrom('locations').selectAll().where('id', 'in', locIds()).orderBy('name').orderBy('id').execute(),
    db.selectFrom('service_locations').select(['service_id', 'location_id']).where('service_id', 'in', svcIds()).execute(),
    db.selectFrom('contacts').selectAll().where('id', 'in', contactIds()).orderBy('name').orderBy('id').execute(),
    db
      .selectFrom('schedules')
      .selectAll()
      .where((eb) => eb.or([eb('service_id', 'in', svcIds()), eb('location_id', 'in', locIds()), eb('contact_id', 'in', contactIds())]))
      .execute(),
    db.selectFrom('service_areas').selectAll().where('service_id', 'in', svcIds()).execute(),
    db.selectFrom('organisations').select(['cbs_code', 'name']).where('kind', '=', 'municipality').where('cbs_code', 'is not', null).execute(),
  ]);
  const districtCodes = [...new Set(serviceAreas.map((a) => a.district_code).filter((c): c is string => c !== null))];
  const districts = districtCodes.length ? await db.selectFrom('districts').select(['code', 'name']).where('code', 'in', districtCodes).execute() : [];
  return {
    organisations,
    services,
    locations,
    serviceLocations,
    contacts,
    schedules,
    serviceAreas,
    municipalityNames: new Map(municipalities.map((m) => [m.cbs_code!, m.name])),
    districtNames: new Map(districts.map((d) => [d.code, d.name])),
  };
}

function emptySnapshot(): MapSnapshot {
  return {
    organisations: [],
    services: [],
    locations: [],
    serviceLocations: [],
    contacts: [],
    schedules: [],
    serviceAreas: [],
    municipalityNames: new Map(),
    districtNames: new Map(),
  };
}
