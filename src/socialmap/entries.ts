import type { Category } from './categories.ts';
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
