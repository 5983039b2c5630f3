import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { ScheduleKind, ServiceTable } from '../platform/db/schema.ts';
import type { Selectable } from 'kysely';
import type { TimeSlot } from './opening-hours.ts';
import type { StoredCapacity } from './capacity.ts';

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
  /** The municipality the location's postcode lies in (CBS code), to show residents what is near first; loaded for residents only. */
  municipalityCode: string | null;
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
  /** As stored; what to show at a moment is capacity.ts currentCapacity (a status lapses after 30 days). */
  capacity: StoredCapacity;
  phoneHours: TimeSlot[];
  locations: LocationCard[];
  contacts: ContactCard[];
}

type Slot = TimeSlot & { kind: ScheduleKind };

/** A row of `cardColumns`: the service's own columns, names joined in, its details as JSON. */
export type CardRow = Omit<Selectable<ServiceTable>, 'search_vector' | 'created_at' | 'updated_at'> & {
  organisation_name: string;
  team_name: string | null;
  phone_hours: TimeSlot[];
  locations: Array<{
    id: string;
    name: string;
    description: string | null;
    street: string | null;
    house_number: string | null;
    postcode: string | null;
    city: string | null;
    municipality_code: string | null;
    accessibility: string | null;
    is_walk_in: boolean;
    last_verified_at: string | null;
    hours: Slot[];
  }>;
  contacts: Array<{
    id: string;
    name: string;
    job_title: string | null;
    phone: string | null;
    email: string | null;
    visibility: 'public' | 'professional';
    last_verified_at: string | null;
    phone_hours: TimeSlot[];
  }>;
};

const slotJson = (alias: string) =>
  sql.raw(
    `coalesce(json_agg(json_build_object('weekday', ${alias}.weekday, 'opens_at', ${alias}.opens_at, 'closes_at', ${alias}.closes_at, 'kind', ${alias}.kind)), '[]')`,
  );

/**
 * The select list of a card, for a statement over `services s` joined to `organisations o` and
 * (left) `teams t`: the whole card in one row, its locations, contacts and hours as JSON, so a list
 * of cards is one statement and one round trip (issue #11: the search loaded them in four). A
 * location's municipality comes from its postcode, so the residents' page can put walk-in points
 * in their own municipality first.
 */
export function cardColumns(audience: Audience): RawBuilder<unknown> {
  const publicOnly = audience === 'public' ? sql`and c.visibility = 'public'` : sql``;
  // Only the residents' page orders walk-in points by municipality; staff pages skip the lookup.
  const municipality =
    audience === 'public' ? sql`(select pa.municipality_code from postcode_areas pa where pa.pc4 = left(replace(l.postcode, ' ', ''), 4))` : sql`null`;
  return sql`s.id, s.organisation_id, s.team_id, s.name, s.description, s.url, s.email, s.phone, s.status, s.categories, s.is_free,
    s.fees_description, s.eligibility_description, s.application_process, s.languages, s.last_verified_at,
    s.capacity_status, s.capacity_waiting_weeks, s.capacity_confirmed_at,
    o.name as organisation_name, t.name as team_name,
    (select ${slotJson('h')} from schedules h where h.service_id = s.id and h.kind = 'phone') as phone_hours,
    (select coalesce(json_agg(json_build_object(
        'id', l.id, 'name', l.name, 'description', l.description, 'street', l.street, 'house_number', l.house_number,
        'postcode', l.postcode, 'city', l.city, 'accessibility', l.accessibility, 'is_walk_in', l.is_walk_in,
        'last_verified_at', l.last_verified_at,
        'municipality_code', ${municipality},
        'hours', (select ${slotJson('h')} from schedules h where h.location_id = l.id)
      ) order by l.name, l.id), '[]')
      from service_locations sl join locations l on l.id = sl.location_id where sl.service_id = s.id) as locations,
    (select coalesce(json_agg(json_build_object(
        'id', c.id, 'name', c.name, 'job_title', c.job_title, 'phone', c.phone, 'email', c.email,
        'visibility', c.visibility, 'last_verified_at', c.last_verified_at,
        'phone_hours', (select ${slotJson('h')} from schedules h where h.contact_id = c.id and h.kind = 'phone')
      ) order by c.name, c.id), '[]')
      from contacts c where c.service_id = s.id and c.ended_at is null ${publicOnly}) as contacts`;
}

/** The joins `cardColumns` reads from, after `from services s`. */
export const cardJoins = sql`join organisations o on o.id = s.organisation_id left join teams t on t.id = s.team_id`;

const slots = (list: readonly Slot[], kind: ScheduleKind): TimeSlot[] =>
  list.filter((h) => h.kind === kind).map((h) => ({ weekday: h.weekday, opens_at: h.opens_at, closes_at: h.closes_at }));
const instant = (value: string | null): Date | null => (value === null ? null : new Date(value));

export function toServiceCard(s: CardRow): ServiceCard {
  return {
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
    capacity: { status: s.capacity_status, waitingWeeks: s.capacity_waiting_weeks, confirmedAt: s.capacity_confirmed_at },
    phoneHours: s.phone_hours.map(({ weekday, opens_at, closes_at }) => ({ weekday, opens_at, closes_at })),
    locations: s.locations.map((l): LocationCard => ({
      id: l.id,
      name: l.name,
      description: l.description,
      street: l.street,
      houseNumber: l.house_number,
      postcode: l.postcode,
      city: l.city,
      municipalityCode: l.municipality_code,
      accessibility: l.accessibility,
      isWalkIn: l.is_walk_in,
      openingHours: slots(l.hours, 'opening'),
      walkInHours: slots(l.hours, 'walk_in'),
      lastVerifiedAt: instant(l.last_verified_at),
    })),
    contacts: s.contacts.map((c): ContactCard => ({
      id: c.id,
      name: c.name,
      jobTitle: c.job_title,
      phone: c.phone,
      email: c.email,
      visibility: c.visibility,
      phoneHours: c.phone_hours.map(({ weekday, opens_at, closes_at }) => ({ weekday, opens_at, closes_at })),
      lastVerifiedAt: instant(c.last_verified_at),
    })),
  };
}

/** Loads the cards of the given services, in the order of `ids`, in one statement. Unknown ids are skipped. */
export async function loadServiceCards(db: Database, ids: readonly string[], audience: Audience): Promise<ServiceCard[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<CardRow>`select ${cardColumns(audience)} from services s ${cardJoins} where s.id = any(${sql.val([...ids])}::uuid[])`.execute(db);
  const byId = new Map(rows.map((row) => [row.id, toServiceCard(row)]));
  return ids.map((id) => byId.get(id)).filter((s): s is ServiceCard => Boolean(s));
}
