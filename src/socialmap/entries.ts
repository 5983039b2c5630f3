import type { Category } from '../needs/categories.ts';
import type { TimeSlot } from './opening-hours.ts';

/**
 * What the use cases take to create or change social map entries: already validated (see
 * entry-forms.ts for the form boundary), shaped after HSDS 3 (service, service_area, location,
 * service_at_location, contact, schedule) but stored in our own tables.
 */
export interface ServiceAreas {
  /** CBS municipality codes, GMxxxx. */
  municipalities: string[];
  /** CBS district codes, WKxxxxxx. */
  districts: string[];
  /** Four-digit postcodes. */
  pc4s: string[];
}

export interface ServiceInput {
  organisation_id: string;
  team_id: string | null;
  name: string;
  description: string;
  url: string | null;
  email: string | null;
  phone: string | null;
  status: 'active' | 'inactive';
  categories: Category[];
  is_free: boolean;
  fees_description: string | null;
  eligibility_description: string | null;
  application_process: string | null;
  languages: string[];
  areas: ServiceAreas;
  location_ids: string[];
  phone_hours: TimeSlot[];
}

export interface LocationInput {
  organisation_id: string;
  name: string;
  description: string | null;
  street: string | null;
  house_number: string | null;
  postcode: string | null;
  city: string | null;
  is_walk_in: boolean;
  accessibility: string | null;
  opening_hours: TimeSlot[];
  walk_in_hours: TimeSlot[];
}

export interface ContactInput {
  name: string;
  job_title: string | null;
  phone: string | null;
  email: string | null;
  /** public: shown to residents on /hulp; professional: only to signed-in staff (direct lines). */
  visibility: 'public' | 'professional';
  phone_hours: TimeSlot[];
}

export type EntryKind = 'service' | 'location' | 'contact';

/** The service's own columns, as creating and changing it write them (links and hours apart). */
export function serviceColumns(input: Omit<ServiceInput, 'organisation_id'>) {
  return {
    team_id: input.team_id,
    name: input.name,
    description: input.description,
    url: input.url,
    email: input.email,
    phone: input.phone,
    status: input.status,
    categories: input.categories,
    is_free: input.is_free,
    fees_description: input.fees_description,
    eligibility_description: input.eligibility_description,
    application_process: input.application_process,
    languages: input.languages,
  };
}

/** The location's own columns, as creating and changing it write them (hours apart). */
export function locationColumns(input: Omit<LocationInput, 'organisation_id'>) {
  return {
    name: input.name,
    description: input.description,
    street: input.street,
    house_number: input.house_number,
    postcode: input.postcode,
    city: input.city,
    is_walk_in: input.is_walk_in,
    accessibility: input.accessibility,
  };
}
