import type { Database } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import { serviceColumns, type LocationInput, type ServiceInput } from './entries.ts';
import type { TimeSlot } from './opening-hours.ts';

/**
 * What the edit forms need: the stored entry (with its hours and links) and the choices the
 * organisation has (its teams and locations, the municipalities and districts of its region).
 */
export interface ServiceFormOptions {
  organisation: { id: string; name: string; region_id: string };
  teams: Array<{ id: string; name: string }>;
  locations: Array<{ id: string; name: string; city: string | null }>;
  municipalities: Array<{ code: string; name: string }>;
  districts: Array<{ code: string; name: string; municipalityName: string }>;
}

export async function loadServiceFormOptions(db: Database, organisationId: string): Promise<ServiceFormOptions> {
  const organisation = await db.selectFrom('organisations').select(['id', 'name', 'region_id']).where('id', '=', organisationId).executeTakeFirst();
  if (!organisation) throw notFound('organisation');
  const [teams, locations, municipalityRows] = await Promise.all([
    db.selectFrom('teams').select(['id', 'name']).where('organisation_id', '=', organisationId).orderBy('name').execute(),
    db.selectFrom('locations').select(['id', 'name', 'city']).where('organisation_id', '=', organisationId).orderBy('name').execute(),
    db
      .selectFrom('organisations')
      .select(['cbs_code', 'name', 'city'])
      .where('kind', '=', 'municipality')
      .where('region_id', '=', organisation.region_id)
      .where('cbs_code', 'is not', null)
      .orderBy('name')
      .execute(),
  ]);
  const municipalities = municipalityRows.map((m) => ({ code: m.cbs_code!, name: m.city ?? m.name.replace(/^Gemeente\s+/, '') }));
  const names = new Map(municipalities.map((m) => [m.code, m.name]));
  const districts = municipalities.length
    ? (
        await db
          .selectFrom('districts')
          .select(['code', 'name', 'municipality_code'])
          .where('municipality_code', 'in', [...names.keys()])
          .orderBy('code')
          .execute()
      ).map((d) => ({
        code: d.code,
        name: d.name,
        municipalityName: names.get(d.municipality_code) ?? d.municipality_code,
      }))
    : [];
  return { organisation, teams, locations, municipalities, districts };
}

/** A stored service as its edit form shows it: what ServiceInput takes, with its id (categories as stored). */
export type StoredService = Omit<ServiceInput, 'categories'> & { id: string; categories: string[] };

export async function loadService(db: Database, id: string): Promise<StoredService> {
  const service = await db
    .selectFrom('services')
    .select(['id', 'organisation_id', ...serviceColumns])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!service) throw notFound('service');
  const [areas, links, hours] = await Promise.all([
    db.selectFrom('service_areas').select(['municipality_code', 'district_code', 'pc4']).where('service_id', '=', id).execute(),
    db.selectFrom('service_locations').select('location_id').where('service_id', '=', id).execute(),
    db.selectFrom('schedules').select(['weekday', 'opens_at', 'closes_at']).where('service_id', '=', id).where('kind', '=', 'phone').execute(),
  ]);
  return {
    ...service,
    areas: {
      municipalities: areas.flatMap((a) => (a.municipality_code ? [a.municipality_code] : [])),
      districts: areas.flatMap((a) => (a.district_code ? [a.district_code] : [])),
      pc4s: areas.flatMap((a) => (a.pc4 ? [a.pc4] : [])).sort(),
    },
    location_ids: links.map((l) => l.location_id),
    phone_hours: hours,
  };
}

/** A stored location as its edit form shows it: what LocationInput takes, with its id and verification. */
export type StoredLocation = LocationInput & { id: string; organisation_name: string; last_verified_at: Date | null };

export async function loadLocation(db: Database, id: string): Promise<StoredLocation> {
  const location = await db
    .selectFrom('locations')
    .innerJoin('organisations', 'organisations.id', 'locations.organisation_id')
    .selectAll('locations')
    .select('organisations.name as organisation_name')
    .where('locations.id', '=', id)
    .executeTakeFirst();
  if (!location) throw notFound('location');
  const hours = await db.selectFrom('schedules').select(['kind', 'weekday', 'opens_at', 'closes_at']).where('location_id', '=', id).execute();
  return {
    ...location,
    opening_hours: hours.filter((h) => h.kind === 'opening'),
    walk_in_hours: hours.filter((h) => h.kind === 'walk_in'),
  };
}

export interface StoredContact {
  id: string;
  organisation_id: string;
  service_id: string | null;
  service_name: string | null;
  name: string;
  job_title: string | null;
  phone: string | null;
  email: string | null;
  visibility: 'public' | 'professional';
  ended_at: Date | null;
  last_verified_at: Date | null;
  phone_hours: TimeSlot[];
}

export async function loadContact(db: Database, id: string): Promise<StoredContact> {
  const contact = await db
    .selectFrom('contacts')
    .leftJoin('services', 'services.id', 'contacts.service_id')
    .selectAll('contacts')
    .select('services.name as service_name')
    .where('contacts.id', '=', id)
    .executeTakeFirst();
  if (!contact) throw notFound('contact');
  const hours = await db
    .selectFrom('schedules')
    .select(['weekday', 'opens_at', 'closes_at'])
    .where('contact_id', '=', id)
    .where('kind', '=', 'phone')
    .execute();
  return { ...contact, phone_hours: hours };
}

/** The name of a service and the organisation it belongs to (the header of its sub-forms). */
export async function loadServiceHeader(db: Database, id: string): Promise<{ id: string; name: string; organisation_id: string }> {
  const service = await db.selectFrom('services').select(['id', 'name', 'organisation_id']).where('id', '=', id).executeTakeFirst();
  if (!service) throw notFound('service');
  return service;
}

export async function loadOrganisationHeader(db: Database, id: string): Promise<{ id: string; name: string }> {
  const org = await db.selectFrom('organisations').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  if (!org) throw notFound('organisation');
  return org;
}
