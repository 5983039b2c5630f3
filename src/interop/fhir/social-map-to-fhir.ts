import type { HsdsLocation, HsdsOrganization, HsdsOrganizationCore, HsdsService, HsdsServiceCore } from '../hsds/hsds-types.ts';
import { isCategory } from '../../needs/categories.ts';
import type { FhirResource } from './fhir-types.ts';
import { needLabel, systems } from './terminology.ts';

/**
 * The social map as FHIR Organization, HealthcareService and Location, mapped from the HSDS API's
 * objects (src/interop/hsds): one source for both standards, so they never disagree. Pure.
 */
const compact = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const telecomOf = (phones: ReadonlyArray<{ number: string }>, email?: string, url?: string) => {
  const list = [
    ...phones.map((p) => ({ system: 'phone', value: p.number })),
    ...(email ? [{ system: 'email', value: email }] : []),
    ...(url ? [{ system: 'url', value: url }] : []),
  ];
  return list.length > 0 ? list : undefined;
};

export function organizationFromHsds(org: HsdsOrganizationCore | HsdsOrganization): FhirResource {
  const full = 'organization_identifiers' in org ? org : null;
  const identifiers = full?.organization_identifiers.map((i) => ({
    system: `https://kortelijn.nl/fhir/NamingSystem/${encodeURIComponent(i.identifier_type)}`,
    value: i.identifier,
  }));
  return compact({
    resourceType: 'Organization',
    id: org.id,
    identifier: identifiers && identifiers.length > 0 ? identifiers : undefined,
    active: true,
    name: org.name,
    telecom: telecomOf(full?.phones ?? [], org.email, org.website),
    extension: org.description ? [{ url: 'https://kortelijn.nl/fhir/StructureDefinition/description', valueMarkdown: org.description }] : undefined,
  });
}

/** A practice or a team: what a referral names as requester or performer. */
export function organizationOfParty(party: {
  id: string;
  name: string;
  kind: 'practice' | 'team';
  agbCode?: string | null;
  partOf?: string;
  phone?: string | null;
  email?: string | null;
}): FhirResource {
  return compact({
    resourceType: 'Organization',
    id: party.id,
    identifier: party.agbCode ? [{ system: systems.agb, value: party.agbCode }] : undefined,
    active: true,
    type: [
      party.kind === 'practice'
        ? {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'prov', display: 'Healthcare Provider' }],
            text: 'Huisartsenpraktijk',
          }
        : { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'team', display: 'Organizational team' }], text: 'Team' },
    ],
    name: party.name,
    telecom: telecomOf(party.phone ? [{ number: party.phone }] : [], party.email ?? undefined),
    partOf: party.partOf ? { reference: `Organization/${party.partOf}` } : undefined,
  });
}

export function locationFromHsds(location: HsdsLocation): FhirResource {
  const address = location.addresses[0];
  return compact({
    resourceType: 'Location',
    id: location.id,
    status: 'active',
    name: location.name,
    description: location.description,
    mode: 'instance',
    address: address
      ? compact({
          use: 'work',
          line: address.address_1 ? [address.address_1] : undefined,
          city: address.city || undefined,
          postalCode: address.postal_code || undefined,
          country: 'NL',
        })
      : undefined,
    managingOrganization: { reference: `Organization/${location.organization_id}` },
  });
}

function needsOf(service: HsdsServiceCore | HsdsService): string[] {
  if (!('attributes' in service)) return [];
  return service.attributes.map((a) => a.taxonomy_term.code).filter(isCategory);
}

export function healthcareServiceFromHsds(service: HsdsServiceCore | HsdsService): FhirResource {
  const full = 'phones' in service ? service : null;
  const needs = needsOf(service);
  return compact({
    resourceType: 'HealthcareService',
    id: service.id,
    meta: { lastUpdated: service.last_modified },
    active: service.status === 'active',
    providedBy: { reference: `Organization/${service.organization_id}` },
    category: [{ coding: [{ system: systems.sdohCategory, code: 'financial-insecurity', display: 'Financial Insecurity' }], text: 'Geldzorgen' }],
    type: needs.length > 0 ? needs.map((n) => ({ coding: [{ system: systems.needs, code: n, display: needLabel(n)?.nl }] })) : undefined,
    location: full && full.service_at_locations.length > 0 ? full.service_at_locations.map((s) => ({ reference: `Location/${s.location_id}` })) : undefined,
    name: service.name,
    comment: service.description,
    telecom: telecomOf(full?.phones ?? [], service.email, service.url),
    coverageArea: full && full.service_areas.length > 0 ? full.service_areas.map((a) => ({ display: `${a.name} (${a.extent})` })) : undefined,
    eligibility: service.eligibility_description ? [{ comment: service.eligibility_description }] : undefined,
    program: undefined,
    referralMethod: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/service-referral-method', code: 'elec', display: 'Secure Messaging' }] }],
    appointmentRequired: undefined,
    extension: service.application_process
      ? [{ url: 'https://kortelijn.nl/fhir/StructureDefinition/application-process', valueString: service.application_process }]
      : undefined,
  });
}
