import type { Database } from '../platform/db/database.ts';
import type { ScheduleKind } from '../platform/db/schema.ts';
import type { TimeSlot } from './opening-hours.ts';

/**
 * The read model of a service as the pages show it: the service, where it is (locations with
 * opening and walk-in hours), how to reach it (phone hours) and who to ask (current contacts with
 * their phone hours). For residents (`public`) only contacts marked public are loaded: staff
 * direct lines never leave the professional pages.
 */
export type Audience = 'professional' | 'public';

export interface LocationCard {
  id: string;
  name: string;
  description: string | null;
  street: string | null;
  houseNumber: string | null;
  postcode: string | null;
  city: string | null;
  accessibility: string | null;
  isWalkIn: boolean;
  openingHours: TimeSlot[];
  walkInHours: TimeSlot[];
  lastVerifiedAt: Date | null;
}

export interface ContactCard {
  id: string;
  name: string;
  jobTitle: string | null;
  phone: string | null;
  email: string | null;
  visibility: 'public' | 'professional';
  phoneHours: TimeSlot[];
  lastVerifiedAt: Date | null;
}

export interface ServiceCard {
  id: string;
  organisationId: string;
  organisationName: string;
  teamId: string | null;
  teamName: string | null;
  name: string;
  description: string;
  url: string | null;
  email: string | null;
  phone: string | null;
  status: 'active' | 'inactive';
  categories: string[];
  isFree: boolean;
  feesDescription: string | null;
  eligibility: string | null;
  applicationProcess: string | null;
  languages: string[];
  lastVerifiedAt: Date | null;
  phoneHours: TimeSlot[];
  locations: LocationCard[];
  contacts: ContactCard[];
}

type ScheduleRow = {
  service_id: string | null;
  location_id: string | null;
  contact_id: string | null;
  kind: ScheduleKind;
  weekday: number;
  opens_at: string;
  closes_at: string;
};

function slotsOf(rows: readonly ScheduleRow[], owner: 'service_id' | 'location_id' | 'contact_id', id: string, kind: ScheduleKind): TimeSlot[] {
  return rows.filter((r) => r[owner] === id && r.kind === kind).map((r) => ({ weekday: r.weekday, opens_at: r.opens_at, closes_at: r.closes_at }));
}

/** Loads the cards of the given services, in the order of `ids`. Unknown ids are skipped. */
export async function loadServiceCards(db: Database, ids: readonly string[], audience: Audience): Promise<ServiceCard[]> {
  if (ids.length === 0) return [];
  // Four independent queries, run side by side (the pool gives each its own connection).
  let contactQuery = db.selectFrom('contacts').selectAll().where('service_id', 'in', ids).where('ended_at', 'is', null).orderBy('name');
  if (audience === 'public') contactQuery = contactQuery.where('visibility', '=', 'public');
  const [services, links, contacts, schedules] = await Promise.all([
    db
      .selectFrom('services')
      .innerJoin('organisations', 'organisations.id', 'services.organisation_id')
      .leftJoin('teams', 'teams.id', 'services.team_id')
      .selectAll('services')
      .select(['organisations.name as organisation_name', 'teams.name as team_name'])
      .where('services.id', 'in', ids)
      .execute(),
    db
      .selectFrom('service_locations')
      .innerJoin('locations', 'locations.id', 'service_locations.location_id')
      .selectAll('locations')
      .select('service_locations.service_id')
      .where('service_locations.service_id', 'in', ids)
      .orderBy('locations.name')
      .execute(),
    contactQuery.execute(),
    // Three index-friendly selects in one statement (an OR over sub-selects would scan the table).
    db
      .selectFrom('schedules')
      .select([
        'schedules.id',
        'schedules.service_id',
        'schedules.location_id',
        'schedules.contact_id',
        'schedules.kind',
        'schedules.weekday',
        'schedules.opens_at',
        'schedules.closes_at',
      ])
      .where('schedules.service_id', 'in', ids)
      .union(
        db
          .selectFrom('schedules')
          .innerJoin('service_locations', 'service_locations.location_id', 'schedules.location_id')
          .select([
            'schedules.id',
            'schedules.service_id',
            'schedules.location_id',
            'schedules.contact_id',
            'schedules.kind',
            'schedules.weekday',
            'schedules.opens_at',
            'schedules.closes_at',
          ])
          .where('service_locations.service_id', 'in', ids),
      )
      .union(
        db
          .selectFrom('schedules')
          .innerJoin('contacts', 'contacts.id', 'schedules.contact_id')
          .select([
            'schedules.id',
            'schedules.service_id',
            'schedules.location_id',
            'schedules.contact_id',
            'schedules.kind',
            'schedules.weekday',
            'schedules.opens_at',
            'schedules.closes_at',
          ])
          .where('contacts.service_id', 'in', ids),
      )
      .execute() as Promise<ScheduleRow[]>,
  ]);

  const byId = new Map(
    services.map((s) => [
      s.id,
      {
        id: s.id,
        organisationId: s.organisation_id,
        organisationName: s.organisation_name,
        teamId: s.team_id,
        teamName: s.team_name,
        name: s.name,
        description: s.description,
        url: s.url,
        email: s.email,
        phone: s.phone,
        status: s.status,
        categories: s.categories,
        isFree: s.is_free,
        feesDescription: s.fees_description,
        eligibility: s.eligibility_description,
        applicationProcess: s.application_process,
        languages: s.languages,
        lastVerifiedAt: s.last_verified_at,
        phoneHours: slotsOf(schedules, 'service_id', s.id, 'phone'),
        locations: links
          .filter((l) => l.service_id === s.id)
          .map((l): LocationCard => ({
            id: l.id,
            name: l.name,
            description: l.description,
            street: l.street,
            houseNumber: l.house_number,
            postcode: l.postcode,
            city: l.city,
            accessibility: l.accessibility,
            isWalkIn: l.is_walk_in,
            openingHours: slotsOf(schedules, 'location_id', l.id, 'opening'),
            walkInHours: slotsOf(schedules, 'location_id', l.id, 'walk_in'),
            lastVerifiedAt: l.last_verified_at,
          })),
        contacts: contacts
          .filter((c) => c.service_id === s.id)
          .map((c): ContactCard => ({
            id: c.id,
            name: c.name,
            jobTitle: c.job_title,
            phone: c.phone,
            email: c.email,
            visibility: c.visibility,
            phoneHours: slotsOf(schedules, 'contact_id', c.id, 'phone'),
            lastVerifiedAt: c.last_verified_at,
          })),
      } satisfies ServiceCard,
    ]),
  );
  return ids.map((id) => byId.get(id)).filter((s): s is ServiceCard => Boolean(s));
}
