import { z } from 'zod';
import type { Contact, Location, Organisation, Schedule, ScheduleKind, Service } from '../../platform/db/schema.ts';
import { amsterdamDate } from '../../platform/dates.ts';
import { derivedId } from './ids.ts';
import type { MapSnapshot, ServiceArea } from './map-snapshot.ts';
import { attribute, scheduleKindNames, scheduleKinds, taxonomies } from './taxonomies.ts';
import type {
  HsdsAttribute,
  HsdsContact,
  HsdsLocation,
  HsdsLocationCore,
  HsdsOrganization,
  HsdsOrganizationCore,
  HsdsPhone,
  HsdsSchedule,
  HsdsService,
  HsdsServiceArea,
  HsdsServiceCore,
} from './hsds-types.ts';

/**
 * Korte Lijn rows → HSDS 3.0 objects. Pure and deterministic: the same rows always give the same
 * JSON (ids of derived parts are name-based UUIDs, every list has a fixed order), which is what
 * makes "export → import → export" compare equal. The choices are explained in
 * docs/decisions/003-hsds-mapping.md.
 */

export const ISO_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

const LANGUAGE_NAMES = new Intl.DisplayNames(['nl'], { type: 'language', fallback: 'code' });

function languageName(code: string): string {
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    return code; // not a well-formed language tag
  }
}

/** HSDS types website and url as `uri`: a bare "www.example.nl" gets https:// so it validates. */
export function toUri(value: string | null): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const emailSchema = z.email();
export function toEmail(value: string | null): string | undefined {
  const text = value?.trim();
  return text && emailSchema.safeParse(text).success ? text : undefined;
}

/** Dutch addresses put the house number last: "Oude Markt 12a". */
export function addressLine(street: string | null, houseNumber: string | null): string {
  return [street, houseNumber].filter((p) => p && p.trim()).join(' ');
}

/** The inverse of addressLine: the house number is the last part that starts with a digit. */
export function splitAddressLine(line: string): { street: string | null; houseNumber: string | null } {
  const text = line.trim();
  if (!text) return { street: null, houseNumber: null };
  const match = /^(.*\S)\s+(\d.*)$/.exec(text);
  return match ? { street: match[1]!, houseNumber: match[2]! } : { street: text, houseNumber: null };
}

const opt = <K extends string>(key: K, value: string | null | undefined): Partial<Record<K, string>> =>
  value !== null && value !== undefined && value !== '' ? ({ [key]: value } as Record<K, string>) : {};

function phones(ownerId: string, number: string | null): HsdsPhone[] {
  return number?.trim() ? [{ id: derivedId(ownerId, 'phone'), number: number.trim() }] : [];
}

function lastVerified(entity: 'organization' | 'location' | 'contact', id: string, at: Date | null): HsdsAttribute[] {
  return at ? [attribute(taxonomies.verification, 'last_verified', { entity, id }, { value: amsterdamDate(at) })] : [];
}

const byNameThenId = <T extends { name: string; id: string }>(a: T, b: T) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

export interface ScheduleGroup {
  /** The id of the row of the earliest weekday: stable, and what an import gives that row back. */
  id: string;
  kind: ScheduleKind;
  weekdays: number[];
  opens_at: string;
  closes_at: string;
  note: string | null;
}

/**
 * Our rows are one per weekday; HSDS schedules are weekly rules with `byday`. Rows with the same
 * kind, hours and note become one rule.
 */
export function groupSchedules(rows: readonly Schedule[]): ScheduleGroup[] {
  const sorted = [...rows].sort((a, b) => a.weekday - b.weekday || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const groups = new Map<string, ScheduleGroup>();
  for (const row of sorted) {
    const key = JSON.stringify([row.kind, row.opens_at, row.closes_at, row.note ?? '']);
    const group = groups.get(key);
    if (!group)
      groups.set(key, { id: row.id, kind: row.kind, weekdays: [row.weekday], opens_at: row.opens_at, closes_at: row.closes_at, note: row.note || null });
    else if (!group.weekdays.includes(row.weekday)) group.weekdays.push(row.weekday);
  }
  return [...groups.values()].sort(
    (a, b) =>
      scheduleKinds.indexOf(a.kind) - scheduleKinds.indexOf(b.kind) ||
      a.weekdays[0]! - b.weekdays[0]! ||
      a.opens_at.localeCompare(b.opens_at) ||
      a.closes_at.localeCompare(b.closes_at) ||
      (a.note ?? '').localeCompare(b.note ?? ''),
  );
}

export const byday = (weekdays: readonly number[]) => weekdays.map((d) => ISO_DAYS[d - 1]).join(',');

function toSchedules(rows: readonly Schedule[], owner: { service_id: string } | { location_id: string }): HsdsSchedule[] {
  return groupSchedules(rows).map((g) => ({
    id: g.id,
    ...owner,
    freq: 'WEEKLY',
    byday: byday(g.weekdays),
    opens_at: g.opens_at,
    closes_at: g.closes_at,
    description: scheduleKindNames[g.kind].name,
    ...opt('notes', g.note),
    attributes: [attribute(taxonomies.scheduleKind, g.kind, { entity: 'schedule', id: g.id })],
  }));
}

/** HSDS contacts have no schedules: a contact's hours travel as attributes holding a schedule as JSON. */
function contactHours(contact: Contact, rows: readonly Schedule[]): HsdsAttribute[] {
  return groupSchedules(rows).map((g) =>
    attribute(
      taxonomies.contactHours,
      g.kind,
      { entity: 'contact', id: contact.id },
      {
        id: g.id,
        value: JSON.stringify({ byday: byday(g.weekdays), opens_at: g.opens_at, closes_at: g.closes_at, ...opt('notes', g.note) }),
      },
    ),
  );
}

export function organizationCore(org: Organisation): HsdsOrganizationCore {
  return { id: org.id, name: org.name, description: org.description ?? '', ...opt('email', toEmail(org.email)), ...opt('website', toUri(org.website)) };
}

export function serviceCore(service: Service): HsdsServiceCore {
  return {
    id: service.id,
    organization_id: service.organisation_id,
    name: service.name,
    ...opt('description', service.description),
    ...opt('url', toUri(service.url)),
    ...opt('email', toEmail(service.email)),
    status: service.status,
    ...opt('application_process', service.application_process),
    ...opt('fees_description', service.fees_description),
    ...opt('eligibility_description', service.eligibility_description),
    ...opt('assured_date', service.last_verified_at ? amsterdamDate(service.last_verified_at) : null),
    last_modified: service.updated_at.toISOString(),
  };
}

const areaKindOrder = (a: ServiceArea) => (a.municipality_code ? 0 : a.district_code ? 1 : 2);
const areaCode = (a: ServiceArea) => a.municipality_code ?? a.district_code ?? a.pc4 ?? '';

/**
 * Service areas are CBS areas or PC4 postcodes. HSDS has no field for an area code, so the code
 * goes in `extent` with extent_type "text" (the spec's value for non-geometric extents); its
 * pattern tells the kind: GM + 4 digits, WK + 6, or a 4-digit postcode.
 */
export function toServiceArea(area: ServiceArea, snapshot: Pick<MapSnapshot, 'municipalityNames' | 'districtNames'>): HsdsServiceArea {
  const base = { id: area.id, service_id: area.service_id, extent_type: 'text' as const };
  if (area.municipality_code) {
    const code = area.municipality_code;
    return { ...base, name: snapshot.municipalityNames.get(code) ?? code, description: `Gemeente, CBS-code ${code}`, extent: code };
  }
  if (area.district_code) {
    const code = area.district_code;
    const district = snapshot.districtNames.get(code);
    const municipality = snapshot.municipalityNames.get(`GM${code.slice(2, 6)}`);
    const name = district ? `Wijk ${district}${municipality ? `, ${municipality}` : ''}` : code;
    return { ...base, name, description: `Wijk, CBS-code ${code}`, extent: code };
  }
  const pc4 = area.pc4 ?? '';
  return { ...base, name: `Postcode ${pc4}`, description: 'Postcodegebied (PC4)', extent: pc4 };
}

/** Indexes over a snapshot, built once per export. */
class SnapshotIndex {
  readonly schedulesByService: Map<string, Schedule[]>;
  readonly schedulesByLocation: Map<string, Schedule[]>;
  readonly schedulesByContact: Map<string, Schedule[]>;
  readonly contactsByService: Map<string, Contact[]>;
  readonly contactsByOrganisation: Map<string, Contact[]>;
  readonly areasByService: Map<string, ServiceArea[]>;
  readonly locationIdsByService: Map<string, string[]>;
  readonly locationsById: Map<string, Location>;
  readonly locationsByOrganisation: Map<string, Location[]>;
  readonly servicesByOrganisation: Map<string, Service[]>;
  readonly organisationsById: Map<string, Organisation>;

  constructor(readonly snapshot: MapSnapshot) {
    this.schedulesByService = groupBy(snapshot.schedules, (s) => s.service_id);
    this.schedulesByLocation = groupBy(snapshot.schedules, (s) => s.location_id);
    this.schedulesByContact = groupBy(snapshot.schedules, (s) => s.contact_id);
    this.contactsByService = groupBy(snapshot.contacts, (c) => c.service_id);
    this.contactsByOrganisation = groupBy(snapshot.contacts, (c) => (c.service_id ? null : c.organisation_id));
    this.areasByService = groupBy(snapshot.serviceAreas, (a) => a.service_id);
    this.locationIdsByService = new Map([...groupBy(snapshot.serviceLocations, (sl) => sl.service_id)].map(([k, v]) => [k, v.map((sl) => sl.location_id)]));
    this.locationsById = new Map(snapshot.locations.map((l) => [l.id, l]));
    this.locationsByOrganisation = groupBy(snapshot.locations, (l) => l.organisation_id);
    this.servicesByOrganisation = groupBy(snapshot.services, (s) => s.organisation_id);
    this.organisationsById = new Map(snapshot.organisations.map((o) => [o.id, o]));
  }
}

function toContact(contact: Contact, index: SnapshotIndex): HsdsContact {
  return {
    id: contact.id,
    organization_id: contact.organisation_id,
    ...opt('service_id', contact.service_id),
    name: contact.name,
    ...opt('title', contact.job_title),
    ...opt('email', toEmail(contact.email)),
    phones: phones(contact.id, contact.phone),
    attributes: [
      attribute(taxonomies.contactVisibility, contact.visibility, { entity: 'contact', id: contact.id }),
      ...lastVerified('contact', contact.id, contact.last_verified_at),
      ...contactHours(contact, index.schedulesByContact.get(contact.id) ?? []),
    ],
  };
}

export function locationCore(location: Location): HsdsLocationCore {
  return {
    id: location.id,
    location_type: 'physical',
    organization_id: location.organisation_id,
    name: location.name,
    ...opt('description', location.description),
  };
}

/** The id of a service offered at a location: derived, since the link has no row id of its own. */
export const serviceAtLocationId = (serviceId: string, locationId: string) => derivedId(serviceId, `location/${locationId}`);

function toLocation(location: Location, index: SnapshotIndex): HsdsLocation {
  const line = addressLine(location.street, location.house_number);
  const hasAddress = Boolean(line || location.postcode?.trim() || location.city?.trim());
  return {
    ...locationCore(location),
    addresses: hasAddress
      ? [
          {
            id: derivedId(location.id, 'address'),
            location_id: location.id,
            address_1: line,
            city: location.city?.trim() ?? '',
            // HSDS requires the field; Korte Lijn does not keep the province.
            state_province: '',
            postal_code: location.postcode?.trim() ?? '',
            country: 'NL',
            address_type: 'physical',
          },
        ]
      : [],
    accessibility: location.accessibility?.trim()
      ? [{ id: derivedId(location.id, 'accessibility'), location_id: location.id, description: location.accessibility.trim() }]
      : [],
    schedules: toSchedules(index.schedulesByLocation.get(location.id) ?? [], { location_id: location.id }),
    attributes: [
      ...(location.is_walk_in ? [attribute(taxonomies.locationFeature, 'walk_in', { entity: 'location', id: location.id })] : []),
      ...lastVerified('location', location.id, location.last_verified_at),
    ],
  };
}

function toService(service: Service, index: SnapshotIndex, withOrganization: boolean): HsdsService {
  const organisation = index.organisationsById.get(service.organisation_id);
  const locations = (index.locationIdsByService.get(service.id) ?? [])
    .map((id) => index.locationsById.get(id))
    .filter((l): l is Location => Boolean(l))
    .sort(byNameThenId);
  return {
    ...serviceCore(service),
    ...(withOrganization && organisation ? { organization: organizationCore(organisation) } : {}),
    phones: phones(service.id, service.phone),
    schedules: toSchedules(index.schedulesByService.get(service.id) ?? [], { service_id: service.id }),
    service_areas: [...(index.areasByService.get(service.id) ?? [])]
      .sort((a, b) => areaKindOrder(a) - areaKindOrder(b) || areaCode(a).localeCompare(areaCode(b)) || a.id.localeCompare(b.id))
      .map((a) => toServiceArea(a, index.snapshot)),
    service_at_locations: locations.map((l) => ({
      id: serviceAtLocationId(service.id, l.id),
      service_id: service.id,
      location_id: l.id,
      location: toLocation(l, index),
    })),
    languages: service.languages.map((code) => ({ id: derivedId(service.id, `language/${code}`), service_id: service.id, name: languageName(code), code })),
    cost_options: [
      service.is_free
        ? { id: derivedId(service.id, 'cost'), service_id: service.id, option: 'Gratis', currency: 'EUR', amount: 0 }
        : { id: derivedId(service.id, 'cost'), service_id: service.id, option: 'Niet gratis', currency: 'EUR' },
    ],
    contacts: [...(index.contactsByService.get(service.id) ?? [])].sort(byNameThenId).map((c) => toContact(c, index)),
    attributes: service.categories.map((code) => attribute(taxonomies.need, code, { entity: 'service', id: service.id })),
  };
}

function toOrganization(org: Organisation, index: SnapshotIndex): HsdsOrganization {
  return {
    ...organizationCore(org),
    organization_identifiers: org.cbs_code
      ? [{ id: derivedId(org.id, 'cbs'), organization_id: org.id, identifier_type: 'CBS-gemeentecode', identifier: org.cbs_code }]
      : [],
    phones: phones(org.id, org.phone),
    contacts: [...(index.contactsByOrganisation.get(org.id) ?? [])].sort(byNameThenId).map((c) => toContact(c, index)),
    locations: [...(index.locationsByOrganisation.get(org.id) ?? [])].sort(byNameThenId).map((l) => toLocation(l, index)),
    services: [...(index.servicesByOrganisation.get(org.id) ?? [])].sort(byNameThenId).map((s) => toService(s, index, false)),
    attributes: [
      ...(org.kind === 'practice' ? [] : [attribute(taxonomies.organisationKind, org.kind, { entity: 'organization', id: org.id })]),
      ...lastVerified('organization', org.id, org.last_verified_at),
    ],
  };
}

/** Every organisation of the snapshot, fully nested (organization.json), in a fixed order. */
export function toHsdsOrganizations(snapshot: MapSnapshot): HsdsOrganization[] {
  const index = new SnapshotIndex(snapshot);
  return [...snapshot.organisations].sort(byNameThenId).map((o) => toOrganization(o, index));
}

/** Every service of the snapshot, in the snapshot's order, as a full service (service.json) with its organisation's own fields. */
export function toHsdsServices(snapshot: MapSnapshot): HsdsService[] {
  const index = new SnapshotIndex(snapshot);
  return snapshot.services.map((s) => toService(s, index, true));
}
