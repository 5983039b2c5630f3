/**
 * The parts of Open Referral HSDS 3.0 that Korte Lijn writes (the compiled schemas in
 * vendor/hsds-3/ are the reference). Optional fields are left out rather than sent as
 * null: the schemas type them as plain strings, so null would not validate.
 */
export interface HsdsTaxonomyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  taxonomy: string;
  taxonomy_id: string;
  language: string;
}

export interface HsdsAttribute {
  id: string;
  link_id: string;
  link_entity: string;
  link_type: string;
  taxonomy_term_id: string;
  value?: string;
  taxonomy_term: HsdsTaxonomyTerm;
}

export interface HsdsPhone {
  id: string;
  number: string;
}

export interface HsdsSchedule {
  id: string;
  service_id?: string;
  location_id?: string;
  freq: 'WEEKLY';
  byday: string;
  opens_at: string;
  closes_at: string;
  description: string;
  notes?: string;
  attributes: HsdsAttribute[];
}

export interface HsdsContact {
  id: string;
  organization_id: string;
  service_id?: string;
  name: string;
  title?: string;
  email?: string;
  phones: HsdsPhone[];
  attributes: HsdsAttribute[];
}

export interface HsdsAddress {
  id: string;
  location_id: string;
  address_1: string;
  city: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical';
}

/** The one-to-one fields of a location: what a service_at_location list item nests. */
export interface HsdsLocationCore {
  id: string;
  location_type: 'physical';
  organization_id: string;
  name: string;
  description?: string;
}

export interface HsdsLocation extends HsdsLocationCore {
  addresses: HsdsAddress[];
  accessibility: Array<{ id: string; location_id: string; description: string }>;
  schedules: HsdsSchedule[];
  attributes: HsdsAttribute[];
}

export interface HsdsServiceArea {
  id: string;
  service_id: string;
  name: string;
  description: string;
  extent: string;
  extent_type: 'text';
}

export interface HsdsServiceAtLocation {
  id: string;
  service_id: string;
  location_id: string;
  location: HsdsLocation;
}

/** One item of GET /service_at_locations (service_at_location_list.json): the link with its location's and service's one-to-one fields. */
export interface HsdsServiceAtLocationItem {
  id: string;
  service_id: string;
  location_id: string;
  location: HsdsLocationCore;
  service: HsdsServiceCore;
}

export interface HsdsCostOption {
  id: string;
  service_id: string;
  option: string;
  currency: 'EUR';
  amount?: number;
}

export interface HsdsLanguage {
  id: string;
  service_id: string;
  name: string;
  code: string;
}

/** The one-to-one fields of a service: what a list of services shows (service_list.json). */
export interface HsdsServiceCore {
  id: string;
  organization_id: string;
  name: string;
  description?: string;
  url?: string;
  email?: string;
  status: 'active' | 'inactive';
  application_process?: string;
  fees_description?: string;
  eligibility_description?: string;
  assured_date?: string;
  last_modified: string;
}

export interface HsdsService extends HsdsServiceCore {
  organization?: HsdsOrganizationCore;
  phones: HsdsPhone[];
  schedules: HsdsSchedule[];
  service_areas: HsdsServiceArea[];
  service_at_locations: HsdsServiceAtLocation[];
  languages: HsdsLanguage[];
  cost_options: HsdsCostOption[];
  contacts: HsdsContact[];
  attributes: HsdsAttribute[];
}

/** The one-to-one fields of an organisation: what a list of organisations shows (organization_list.json). */
export interface HsdsOrganizationCore {
  id: string;
  name: string;
  description: string;
  email?: string;
  website?: string;
}

export interface HsdsOrganization extends HsdsOrganizationCore {
  organization_identifiers: Array<{ id: string; organization_id: string; identifier_type: string; identifier: string }>;
  phones: HsdsPhone[];
  contacts: HsdsContact[];
  locations: HsdsLocation[];
  services: HsdsService[];
  attributes: HsdsAttribute[];
}

/** The export file: the whole map as fully nested organisations. */
export interface HsdsExportDocument {
  /** HSDS version the objects follow. */
  version: '3.0';
  /** Where the Korte Lijn profile of HSDS (the mapping) is described. */
  profile: string;
  /** When the export was made. The only field that differs between two exports of the same data. */
  exported_at: string;
  organizations: HsdsOrganization[];
}

/** The HSDS API's paginated answer (openapi.json, components.schemas.Page). */
export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  per_page: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}
