import type { Contact, ContactTable, Location, LocationTable, Service, ServiceTable } from '../platform/db/schema.ts';
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

/**
 * Each entry's own columns: what its editors fill in and an HSDS import brings. One list per entry,
 * which creating and changing it write, its edit form reads back and the import upserts. Ids,
 * owners, verification and timestamps stay apart, and so do links, areas and hours (their own tables).
 */
export const serviceColumns = [
  'team_id',
  'name',
  'description',
  'url',
  'email',
  'phone',
  'status',
  'categories',
  'is_free',
  'fees_description',
  'eligibility_description',
  'application_process',
  'languages',
] as const satisfies ReadonlyArray<keyof ServiceTable>;
export type ServiceColumn = (typeof serviceColumns)[number];

export const locationColumns = [
  'name',
  'description',
  'street',
  'house_number',
  'postcode',
  'city',
  'is_walk_in',
  'accessibility',
] as const satisfies ReadonlyArray<keyof LocationTable>;
export type LocationColumn = (typeof locationColumns)[number];

export const contactColumns = ['name', 'job_title', 'phone', 'email', 'visibility'] as const satisfies ReadonlyArray<keyof ContactTable>;
export type ContactColumn = (typeof contactColumns)[number];

export interface ServiceInput extends Omit<Pick<Service, ServiceColumn>, 'categories'> {
  organisation_id: string;
  /** Known kinds of help only; the column itself takes any text. */
  categories: Category[];
  areas: ServiceAreas;
  location_ids: string[];
  phone_hours: TimeSlot[];
}

export interface LocationInput extends Pick<Location, LocationColumn> {
  organisation_id: string;
  opening_hours: TimeSlot[];
  walk_in_hours: TimeSlot[];
}

/** Its visibility: public is shown to residents on /hulp; professional only to signed-in staff (direct lines). */
export interface ContactInput extends Pick<Contact, ContactColumn> {
  phone_hours: TimeSlot[];
}

export type EntryKind = 'service' | 'location' | 'contact';

/** Only the given columns of a row: what an insert or update writes of an input that also carries links and hours. */
export function pickColumns<Row, Column extends keyof Row>(row: Row, columns: readonly Column[]): Pick<Row, Column> {
  return Object.fromEntries(columns.map((column) => [column, row[column]])) as Pick<Row, Column>;
}
