import { z } from 'zod';
import type { Contact, Location, ScheduleKind, Service } from '../../platform/db/schema.ts';
import { startOfAmsterdamDay } from '../../platform/dates.ts';
import type { Text } from '../../platform/i18n.ts';
import { isCategory } from '../../needs/categories.ts';
import { serviceColumns, type ContactColumn, type LocationColumn, type ServiceColumn } from '../../socialmap/entries.ts';
import { derivedId } from './ids.ts';
import {
  clockTime,
  parseByday,
  type ParsedAttribute,
  type ParsedContact,
  type ParsedDocument,
  type ParsedLocation,
  type ParsedSchedule,
} from './import-schema.ts';
import { recogniseAttribute, scheduleKinds, type TaxonomyName } from './taxonomies.ts';
import { splitAddressLine } from './to-hsds.ts';

/**
 * A validated HSDS document → the rows to upsert. Pure: reads attributes of the Korte Lijn
 * taxonomies back into columns and reports what does not make sense, with the path in the document.
 */

export interface PlannedOrganisation {
  id: string;
  name: string;
  description: string | null;
  email: string | null;
  website: string | null;
  phone: string | null;
  /** Used only when the organisation is new: an import never changes an organisation's kind or CBS code. */
  kind: 'municipality' | 'social';
  cbs_code: string | null;
  last_verified_at: Date | null;
}

/** A service's columns that HSDS carries: team_id is Korte Lijn's own (who takes referrals), an import leaves it as it is. */
export const importedServiceColumns = serviceColumns.filter((column): column is Exclude<ServiceColumn, 'team_id'> => column !== 'team_id');
export type ImportedServiceColumn = (typeof importedServiceColumns)[number];

export interface PlannedService extends Pick<Service, ImportedServiceColumn> {
  id: string;
  organisation_id: string;
  last_verified_at: Date | null;
  /** HSDS last_modified; null: now. */
  updated_at: Date | null;
}

export interface PlannedLocation extends Pick<Location, LocationColumn> {
  id: string;
  organisation_id: string;
  last_verified_at: Date | null;
}

export interface PlannedContact extends Pick<Contact, ContactColumn> {
  id: string;
  organisation_id: string;
  service_id: string | null;
  last_verified_at: Date | null;
}

export interface PlannedScheduleRow {
  id: string;
  service_id: string | null;
  location_id: string | null;
  contact_id: string | null;
  kind: ScheduleKind;
  weekday: number;
  opens_at: string;
  closes_at: string;
  note: string | null;
}

export interface PlannedArea {
  id: string;
  service_id: string;
  municipality_code: string | null;
  district_code: string | null;
  pc4: string | null;
}

export interface ImportPlan {
  organisations: PlannedOrganisation[];
  services: PlannedService[];
  locations: PlannedLocation[];
  /** Locations a service is offered at that the document names only by id: they must exist already. */
  referencedLocationIds: Array<{ id: string; path: string }>;
  serviceLocations: Array<{ service_id: string; location_id: string }>;
  contacts: PlannedContact[];
  /** Every service, location and contact in the plan: their schedules are replaced by these rows. */
  schedules: PlannedScheduleRow[];
  areas: PlannedArea[];
}

export interface ImportIssue {
  path: string;
  message: Text;
}

export type PlanResult = { ok: true; plan: ImportPlan } | { ok: false; issues: ImportIssue[] };

export function planImport(doc: ParsedDocument): PlanResult {
  const issues: ImportIssue[] = [];
  const plan: ImportPlan = {
    organisations: [],
    services: [],
    locations: [],
    referencedLocationIds: [],
    serviceLocations: [],
    contacts: [],
    schedules: [],
    areas: [],
  };
  const seen = {
    organisation: new Map<string, string>(),
    service: new Map<string, string>(),
    location: new Map<string, string>(),
    contact: new Map<string, string>(),
    schedule: new Map<string, string>(),
    area: new Map<string, string>(),
  };
  const unique = (kind: keyof typeof seen, id: string, path: string): boolean => {
    const first = seen[kind].get(id);
    if (first !== undefined) {
      issues.push({ path, message: { nl: `dit id komt al voor bij ${first}`, en: `this id is already used at ${first}` } });
      return false;
    }
    seen[kind].set(id, path);
    return true;
  };

  /** Our taxonomies' terms on an entity, by taxonomy; unknown taxonomies are ignored. */
  const termsOf = (attrs: readonly ParsedAttribute[]) => {
    const found: Array<{ taxonomy: TaxonomyName; code: string; value: string | null; id: string | null; index: number }> = [];
    attrs.forEach((a, index) => {
      const r = recogniseAttribute(a);
      if (r) found.push({ ...r, value: a.value ?? null, id: a.id ?? null, index });
    });
    return found;
  };

  const verifiedAt = (attrs: readonly ParsedAttribute[], path: string): Date | null => {
    const term = termsOf(attrs).find((t) => t.taxonomy === 'verification');
    if (!term) return null;
    const date = term.value?.trim() ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      issues.push({
        path: `${path}.attributes[${term.index}].value`,
        message: { nl: 'moet een datum zijn zoals 2026-03-01', en: 'must be a date like 2026-03-01' },
      });
      return null;
    }
    return startOfAmsterdamDay(date);
  };

  const addSchedules = (schedules: readonly ParsedSchedule[], owner: Pick<PlannedScheduleRow, 'service_id' | 'location_id' | 'contact_id'>, path: string) => {
    schedules.forEach((s, i) => {
      const at = `${path}.schedules[${i}]`;
      if (!unique('schedule', s.id, at)) return;
      const kindTerm = termsOf(s.attributes).find((t) => t.taxonomy === 'scheduleKind');
      let kind: ScheduleKind = 'opening';
      if (kindTerm) {
        if (!(scheduleKinds as readonly string[]).includes(kindTerm.code)) {
          issues.push({
            path: `${at}.attributes[${kindTerm.index}]`,
            message: {
              nl: `onbekende soort tijden '${kindTerm.code}' (opening, walk_in, phone of on_site)`,
              en: `unknown kind of hours '${kindTerm.code}' (opening, walk_in, phone or on_site)`,
            },
          });
          return;
        }
        kind = kindTerm.code as ScheduleKind;
      }
      addRows(s.id, kind, s.weekdays, s.opens_at, s.closes_at, s.notes, owner);
    });
  };

  const addRows = (
    groupId: string,
    kind: ScheduleKind,
    weekdays: readonly number[],
    opens: string,
    closes: string,
    note: string | null,
    owner: Pick<PlannedScheduleRow, 'service_id' | 'location_id' | 'contact_id'>,
  ) => {
    // The earliest weekday keeps the HSDS schedule id, so exporting again gives the same id.
    weekdays.forEach((weekday, i) => {
      plan.schedules.push({
        id: i === 0 ? groupId : derivedId(groupId, `weekday/${weekday}`),
        ...owner,
        kind,
        weekday,
        opens_at: opens,
        closes_at: closes,
        note,
      });
    });
  };

  const addContact = (c: ParsedContact, organisationId: string, serviceId: string | null, path: string) => {
    if (!unique('contact', c.id, path)) return;
    const terms = termsOf(c.attributes);
    const visibility = terms.find((t) => t.taxonomy === 'contactVisibility');
    if (visibility && visibility.code !== 'public' && visibility.code !== 'professional') {
      issues.push({
        path: `${path}.attributes[${visibility.index}]`,
        message: {
          nl: `onbekende zichtbaarheid '${visibility.code}' (public of professional)`,
          en: `unknown visibility '${visibility.code}' (public or professional)`,
        },
      });
    }
    plan.contacts.push({
      id: c.id,
      organisation_id: organisationId,
      service_id: serviceId,
      name: c.name,
      job_title: c.title,
      email: c.email,
      phone: c.phones[0]?.number ?? null,
      // Without our attribute a contact counts as professional: direct lines are not shown to residents unless marked public.
      visibility: visibility?.code === 'public' ? 'public' : 'professional',
      last_verified_at: verifiedAt(c.attributes, path),
    });
    for (const hours of terms.filter((t) => t.taxonomy === 'contactHours')) {
      const at = `${path}.attributes[${hours.index}]`;
      const parsed = contactHoursValue.safeParse(safeJson(hours.value));
      const id = hours.id && z.guid().safeParse(hours.id).success ? hours.id.toLowerCase() : null;
      const weekdays = parsed.success ? parseByday(parsed.data.byday) : null;
      if (!parsed.success || !weekdays || !id || parsed.data.opens_at >= parsed.data.closes_at || !(scheduleKinds as readonly string[]).includes(hours.code)) {
        issues.push({
          path: at,
          message: {
            nl: 'bereikbaarheid klopt niet: verwacht een id (UUID), een bekende soort en als value JSON met byday, opens_at en closes_at',
            en: 'hours are not valid: expected an id (UUID), a known kind and as value JSON with byday, opens_at and closes_at',
          },
        });
        continue;
      }
      if (!unique('schedule', id, at)) continue;
      addRows(id, hours.code as ScheduleKind, weekdays, parsed.data.opens_at, parsed.data.closes_at, parsed.data.notes ?? null, {
        service_id: null,
        location_id: null,
        contact_id: c.id,
      });
    }
  };

  const addLocation = (l: ParsedLocation, organisationId: string, path: string) => {
    const address = l.addresses.find((a) => !a.address_type || a.address_type === 'physical') ?? l.addresses[0];
    const { street, houseNumber } = splitAddressLine(address?.address_1 ?? '');
    plan.locations.push({
      id: l.id,
      organisation_id: organisationId,
      name: l.name,
      description: l.description,
      street,
      house_number: houseNumber,
      postcode: blankToNull(address?.postal_code),
      city: blankToNull(address?.city),
      is_walk_in: termsOf(l.attributes).some((t) => t.taxonomy === 'locationFeature' && t.code === 'walk_in'),
      accessibility: l.accessibility.find((a) => a.description)?.description ?? null,
      last_verified_at: verifiedAt(l.attributes, path),
    });
    addSchedules(l.schedules, { service_id: null, location_id: l.id, contact_id: null }, path);
  };

  const organisationIds = new Set(doc.organizations.map((o) => o.id));
  doc.organizations.forEach((o, oi) => {
    const opath = `organizations[${oi}]`;
    if (!unique('organisation', o.id, opath)) return;
    const kindTerm = termsOf(o.attributes).find((t) => t.taxonomy === 'organisationKind');
    const cbs = o.organization_identifiers.map((i) => i.identifier.trim().toUpperCase()).find((i) => /^GM\d{4}$/.test(i)) ?? null;
    const kind = kindTerm?.code === 'municipality' ? 'municipality' : 'social';
    if (kind === 'municipality' && !cbs) {
      issues.push({
        path: `${opath}.organization_identifiers`,
        message: {
          nl: 'een gemeente heeft een CBS-gemeentecode nodig (zoals GM0153) in organization_identifiers',
          en: 'a municipality needs a CBS municipality code (like GM0153) in organization_identifiers',
        },
      });
    }
    plan.organisations.push({
      id: o.id,
      name: o.name,
      description: o.description,
      email: o.email,
      website: o.website,
      phone: o.phones[0]?.number ?? null,
      kind,
      cbs_code: kind === 'municipality' ? cbs : null,
      last_verified_at: verifiedAt(o.attributes, opath),
    });
    o.contacts.forEach((c, ci) => addContact(c, o.id, null, `${opath}.contacts[${ci}]`));
    o.locations.forEach((l, li) => {
      const lpath = `${opath}.locations[${li}]`;
      if (unique('location', l.id, lpath)) addLocation(l, o.id, lpath);
    });
  });

  // Services after all organisation-level locations, so a service may point at any of them.
  doc.organizations.forEach((o, oi) => {
    o.services.forEach((s, si) => {
      const spath = `organizations[${oi}].services[${si}]`;
      if (!unique('service', s.id, spath)) return;
      const categories: string[] = [];
      for (const term of termsOf(s.attributes).filter((t) => t.taxonomy === 'need')) {
        if (!isCategory(term.code)) {
          issues.push({
            path: `${spath}.attributes[${term.index}]`,
            message: { nl: `onbekende soort hulp '${term.code}'`, en: `unknown kind of help '${term.code}'` },
          });
        } else if (!categories.includes(term.code)) categories.push(term.code);
      }
      const languages = [...new Set(s.languages.map((l) => l.code))];
      plan.services.push({
        id: s.id,
        organisation_id: o.id,
        name: s.name,
        description: s.description ?? '',
        url: s.url,
        email: s.email,
        phone: s.phones[0]?.number ?? null,
        // Korte Lijn knows active and inactive; "defunct" and "temporarily closed" are both inactive here.
        status: s.status === 'active' ? 'active' : 'inactive',
        categories,
        is_free: s.cost_options.length > 0 && s.cost_options.every((c) => c.amount === 0),
        fees_description: s.fees_description,
        eligibility_description: s.eligibility_description,
        application_process: s.application_process,
        languages,
        last_verified_at: s.assured_date ? startOfAmsterdamDay(s.assured_date) : null,
        updated_at: s.last_modified ? new Date(s.last_modified) : null,
      });
      addSchedules(s.schedules, { service_id: s.id, location_id: null, contact_id: null }, spath);
      s.service_areas.forEach((a, ai) => {
        if (!unique('area', a.id, `${spath}.service_areas[${ai}]`)) return;
        plan.areas.push({
          id: a.id,
          service_id: s.id,
          municipality_code: 'municipality_code' in a ? a.municipality_code : null,
          district_code: 'district_code' in a ? a.district_code : null,
          pc4: 'pc4' in a ? a.pc4 : null,
        });
      });
      const linked = new Set<string>();
      s.service_at_locations.forEach((sal, li) => {
        const lpath = `${spath}.service_at_locations[${li}]`;
        const locationId = sal.location?.id ?? sal.location_id;
        if (!locationId) {
          issues.push({ path: lpath, message: { nl: 'location_id of location ontbreekt', en: 'location_id or location is missing' } });
          return;
        }
        if (sal.location && !seen.location.has(locationId)) {
          seen.location.set(locationId, `${lpath}.location`);
          const owner = sal.location.organization_id && organisationIds.has(sal.location.organization_id) ? sal.location.organization_id : o.id;
          addLocation(sal.location, owner, `${lpath}.location`);
        } else if (!seen.location.has(locationId)) {
          plan.referencedLocationIds.push({ id: locationId, path: `${lpath}.location_id` });
        }
        if (!linked.has(locationId)) {
          linked.add(locationId);
          plan.serviceLocations.push({ service_id: s.id, location_id: locationId });
        }
      });
      s.contacts.forEach((c, ci) => addContact(c, o.id, s.id, `${spath}.contacts[${ci}]`));
    });
  });

  return issues.length ? { ok: false, issues } : { ok: true, plan };
}

const contactHoursValue = z.object({ byday: z.string(), opens_at: clockTime(() => ''), closes_at: clockTime(() => ''), notes: z.string().nullish() });

function safeJson(value: string | null): unknown {
  if (!value) return null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

function blankToNull(value: string | null | undefined): string | null {
  return value && value.trim() ? value : null;
}
