import type { FhirResource } from './fhir-types.ts';

/**
 * GET /fhir/metadata: what this server supports (FHIR R4 4.0.1, JSON only). Kept next to the routes
 * it describes; a test runs every search it lists (fhir.integration.test.ts). Pure.
 */
const referralSearch = [
  { name: '_id', type: 'token' },
  { name: '_lastUpdated', type: 'date' },
];

export function capabilityStatement(baseUrl: string, date: string): FhirResource {
  const read = [{ code: 'read' }, { code: 'search-type' }];
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'Korte Lijn',
    kind: 'instance',
    implementation: {
      description: 'Korte Lijn FHIR API: the closed-loop referral (HL7 SDOH Clinical Care pattern) and the social map',
      url: `${baseUrl}/fhir`,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Bearer API tokens (Authorization: Bearer kl_…), scoped like the web app: a practice sees the referrals it sent, a team those it holds. Other tenants get 404.',
        security: {
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth' }], text: 'Bearer token' }],
          description: 'An API token made by an administrator (npm run cli -- token:create --email E --label L).',
        },
        resource: [
          {
            type: 'Task',
            interaction: [...read, { code: 'update' }],
            searchInclude: ['Task:focus', 'Task:patient'],
            searchParam: [...referralSearch, { name: 'owner', type: 'reference' }, { name: 'requester', type: 'reference' }, { name: 'status', type: 'token' }],
          },
          {
            type: 'ServiceRequest',
            interaction: [...read, { code: 'create' }],
            searchInclude: ['ServiceRequest:patient'],
            searchParam: [...referralSearch, { name: 'identifier', type: 'token' }],
          },
          { type: 'Patient', interaction: [{ code: 'read' }] },
          { type: 'Consent', interaction: [{ code: 'read' }] },
          { type: 'Organization', interaction: read },
          {
            type: 'HealthcareService',
            interaction: read,
            searchParam: [
              { name: 'service-category', type: 'token' },
              { name: 'postcode', type: 'string' },
            ],
          },
          { type: 'Location', interaction: [{ code: 'read' }] },
          { type: 'CodeSystem', interaction: [{ code: 'read' }] },
        ],
        interaction: [{ code: 'transaction' }],
      },
    ],
  };
}
