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

/**
 * What a staff search result shows of a service (search-pages.tsx): name, organisation, kinds of
 * help, freshness, capacity, phone and e-mail, each location's address and today's hours, each
 * contact's line. The description, conditions, fees and languages are on the service page; a result
 * does not load them (issue #11 §4: the cards carry only what the result page shows).
 */
export type ResultCard = Pick<
  ServiceCard,
  'id' | 'teamId' | 'organisationName' | 'name' | 'email' | 'phone' | 'status' | 'categories' | 'lastVerifiedAt' | 'capacity' | 'phoneHours'
> & {
  locations: Array<Pick<LocationCard, 'name' | 'street' | 'houseNumber' | 'postcode' | 'city' | 'isWalkIn' | 'openingHours' | 'walkInHours'>>;
  contacts: Array<Pick<ContactCard, 'name' | 'jobTitle' | 'phone' | 'email' | 'phoneHours'>>;
};

type Slot = TimeSlot & { kind: ScheduleKind };

/** A row of `cardColumns`: the service's own columns, names joined in, its details as JSON. */
export type CardRow = Omit<Selectable<ServiceTable>, 'search_vector' | 'created_at' | 'updated_at'> & {
  organisation_name: string;
  team_name: string | null;
  phone_hours: TimeSlot[];
  locations: Array<
    ResultCardRow['locations'][number] & {
      id: string;
      description: string | null;
      municipality_code: string | null;
      accessibility: string | null;
      last_verified_at: string | null;
    }
  >;
  contacts: Array<
    ResultCardRow['contacts'][number] & {
      id: string;
      visibility: 'public' | 'professional';
      last_verified_at: string | null;
    }
  >;
};

/** A row of `resultCardColumns`. */
export type ResultCardRow = Pick<
  Selectable<ServiceTable>,
  | 'id'
  | 'team_id'
  | 'name'
  | 'email'
  | 'phone'
  | 'status'
  | 'categories'
  | 'last_verified_at'
  | 'capacity_status'
  | 'capacity_waiting_weeks'
  | 'capacity_confirmed_at'
> & {
  organisation_name: string;
  phone_hours: TimeSlot[];
  locations: Array<{
    name: string;
    street: string | null;
    house_number: string | null;
    postcode: string | null;
    city: string | null;
    is_walk_in: boolean;
    hours: Slot[];
  }>;
  contacts: Array<{
    name: string;
    job_title: string | null;
    phone: string | null;
    email: string | null;
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
  return cardSelect(audience, 'full');
}

/** The select list of a `ResultCard`: only what a staff search result shows (issue #11 §4: smaller rows). */
export function resultCardColumns(audience: Audience): RawBuilder<unknown> {
  return cardSelect(audience, 'result');
}

function cardSelect(audience: Audience, detail: 'full' | 'result'): RawBuilder<unknown> {
  const full = detail === 'full';
  const publicOnly = audience === 'public' ? sql`and c.visibility = 'public'` : sql``;
  // Only the residents' page orders walk-in points by municipality; staff pages skip the lookup.
  const municipality =
    audience === 'public' ? sql`(select pa.municipality_code from postcode_areas pa where pa.pc4 = left(replace(l.postcode, ' ', ''), 4))` : sql`null`;
  const service = full
    ? sql`s.organisation_id, s.description, s.url, s.is_free, s.fees_description, s.eligibility_description, s.application_process, s.languages,
      t.name as team_name,`
    : sql``;
  const location = full
    ? sql`'id', l.id, 'description', l.description, 'accessibility', l.accessibility, 'last_verified_at', l.last_verified_at, 'municipality_code', ${municipality},`
    : sql``;
  const contact = full ? sql`'id', c.id, 'visibility', c.visibility, 'last_verified_at', c.last_verified_at,` : sql``;
  return sql`s.id, s.team_id, s.name, s.email, s.phone, s.status, s.categories, s.last_verified_at,
    s.capacity_status, s.capacity_waiting_weeks, s.capacity_confirmed_at, ${service}
    o.name as organisation_name,
    (select ${slotJson('h')} from schedules h where h.service_id = s.id and h.kind = 'phone') as phone_hours,
    (select coalesce(json_agg(json_build_object(${location}
        'name', l.name, 'street', l.street, 'house_number', l.house_number, 'postcode', l.postcode, 'city', l.city, 'is_walk_in', l.is_walk_in,
        'hours', (select ${slotJson('h')} from schedules h where h.location_id = l.id)
      ) order by l.name, l.id), '[]')
      from service_locations sl join locations l on l.id = sl.location_id where sl.service_id = s.id) as locations,
    (select coalesce(json_agg(json_build_object(${contact}
        'name', c.name, 'job_title', c.job_title, 'phone', c.phone, 'email', c.email,
        'phone_hours', (select ${slotJson('h')} from schedules h where h.contact_id = c.id and h.kind = 'phone')
      ) order by c.name, c.id), '[]')
      from contacts c where c.service_id = s.id and c.ended_at is null ${publicOnly}) as contacts`;
}

/**
 * The columns of `services s` that `resultCardColumns` reads, for a statement that carries them
 * through its ranking instead of joining services again (search-services.ts).
 */
export const resultCardServiceColumns = sql`s.id, s.organisation_id, s.team_id, s.name, s.email, s.phone, s.status, s.categories, s.last_verified_at,
  s.capacity_status, s.capacity_waiting_weeks, s.capacity_confirmed_at`;

/** The columns of `services s` that `cardColumns` reads (see resultCardServiceColumns). */
export const cardServiceColumns = sql`${resultCardServiceColumns}, s.description, s.url, s.is_free, s.fees_description,
  s.eligibility_description, s.application_process, s.languages`;

/** The joins `cardColumns` reads from, after `from services s`. */
export const cardJoins = sql`join organisations o on o.id = s.organisation_id left join teams t on t.id = s.team_id`;

/** The joins `resultCardColumns` reads from, after `from services s` (no team name: a result does not show it). */
export const resultCardJoins = sql`join organisations o on o.id = s.organisation_id`;

const slots = (list: readonly Slot[], kind: ScheduleKind): TimeSlot[] =>
  list.filter((h) => h.kind === kind).map((h) => ({ weekday: h.weekday, opens_at: h.opens_at, closes_at: h.closes_at }));
/** A timestamp as JSON or a date column's text gives it, as a Date. */
export const instant = (value: string | null): Date | null => (value === null ? null : new Date(value));

export function toResultCard(s: ResultCardRow): ResultCard {
  return {
    id: s.id,
    organisationName: s.organisation_name,
    teamId: s.team_id,
    name: s.name,
    email: s.email,
    phone: s.phone,
    status: s.status,
    categories: s.categories,
    lastVerifiedAt: s.last_verified_at,
    capacity: { status: s.capacity_status, waitingWeeks: s.capacity_waiting_weeks, confirmedAt: s.capacity_confirmed_at },
    phoneHours: s.phone_hours.map(({ weekday, opens_at, closes_at }) => ({ weekday, opens_at, closes_at })),
    locations: s.locations.map((l) => ({
      name: l.name,
      street: l.street,
      houseNumber: l.house_number,
      postcode: l.postcode,
      city: l.city,
      isWalkIn: l.is_walk_in,
      openingHours: slots(l.hours, 'opening'),
      walkInHours: slots(l.hours, 'walk_in'),
    })),
    contacts: s.contacts.map((c) => ({
      name: c.name,
      jobTitle: c.job_title,
      phone: c.phone,
      email: c.email,
      phoneHours: c.phone_hours.map(({ weekday, opens_at, closes_at }) => ({ weekday, opens_at, closes_at })),
    })),
  };
}

export function toServiceCard(s: CardRow): ServiceCard {
  const shown = toResultCard(s);
  return {
    ...shown,
    organisationId: s.organisation_id,
    teamName: s.team_name,
    description: s.description,
    url: s.url,
    isFree: s.is_free,
    feesDescription: s.fees_description,
    eligibility: s.eligibility_description,
    applicationProcess: s.application_process,
    languages: s.languages,
    locations: s.locations.map((l, i): LocationCard => ({
      ...shown.locations[i]!,
      id: l.id,
      description: l.description,
      municipalityCode: l.municipality_code,
      accessibility: l.accessibility,
      lastVerifiedAt: instant(l.last_verified_at),
    })),
    contacts: s.contacts.map((c, i): ContactCard => ({
      ...shown.contacts[i]!,
      id: c.id,
      visibility: c.visibility,
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
