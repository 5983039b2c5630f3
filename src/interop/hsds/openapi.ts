/**
 * The OpenAPI 3.1 description of the HSDS API as Korte Lijn serves it (GET /api/hsds/openapi.json),
 * and the Dutch profile it follows. It describes only what we serve, with the HSDS API reference's
 * operation ids, parameters and response schemas (the compiled HSDS 3.0 schemas, by their
 * canonical URLs), plus the parameters and endpoints of the Dutch profile. Pure: the base URL comes in.
 */

/** HSDS version of this API (GET / → version). */
export const HSDS_VERSION = '3.0';

const COMPILED = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/compiled/';

/** The Dutch profile of HSDS that the API and the export follow (docs/hsds-profile.md says the same for people). */
export const DUTCH_PROFILE = {
  name: 'korte-lijn-nl',
  title: 'Korte Lijn: Nederlands profiel van HSDS 3.0',
  based_on: `HSDS ${HSDS_VERSION}`,
  documentation: 'docs/hsds-profile.md and docs/decisions/003-hsds-mapping.md in the Korte Lijn repository',
  rules: [
    'Addresses are Dutch: address_1 is the street followed by the house number and addition ("Oude Markt 12a"), postal_code is a Dutch postcode (PC6 "7511 AB" or PC4 "7511"), country is "NL"; state_province is empty (Korte Lijn keeps no province).',
    'Service areas are CBS areas or four-digit postcodes: extent_type "text" and extent a CBS municipality code (GM + 4 digits, e.g. GM0153 Enschede), a CBS district code (WK + 6, e.g. WK015301) or a PC4 ("7521").',
    'Municipalities carry their CBS municipality code in organization_identifiers with identifier_type "CBS-gemeentecode".',
    'The postcode parameter takes a PC4 or a PC6 (spaces and case are free) and returns services whose service area covers that address: its PC4, its CBS district or its CBS municipality. The extra parameter house_number, with a PC6, picks the exact district from the CBS table "Buurt, wijk en gemeente voor postcode huisnummer" (a PC6 can straddle a district border).',
    'modified_after takes an ISO 8601 date-time with a zone, or a date (the start of that day in Europe/Amsterdam), and returns items whose service, organisation, locations or contacts changed on or after it.',
    'Needs, schedule kinds, contact visibility, organisation kinds and walk-in points are attributes with Korte Lijn taxonomies (korte-lijn-need, korte-lijn-schedule-kind, korte-lijn-contact-visibility, korte-lijn-organisation-kind, korte-lijn-location-feature, korte-lijn-verification).',
    'Contacts with visibility "professional" appear only for a caller with a valid API token. A BSN never appears and is refused on import.',
    'Texts are Dutch.',
  ],
} as const;

const page = { $ref: '#/components/schemas/Page' };
const listOf = (items: object) => ({
  allOf: [page],
  properties: { contents: { type: 'array', items } },
});
const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } });
const problem = (description: string) => json({ $ref: '#/components/schemas/Error' }, description);
const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const idParam = (what: string) => ({
  in: 'path',
  name: 'id',
  required: true,
  description: `The id (UUID) of the ${what}.`,
  schema: { type: 'string', format: 'uuid' },
});

/** The OpenAPI document; `base` is the API's absolute URL ending in /api/hsds. */
export function hsdsOpenApi(base: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Korte Lijn HSDS API (sociale kaart)',
      version: HSDS_VERSION,
      summary: 'The social map of Korte Lijn as an Open Referral HSDS 3.0 API, with the Dutch profile korte-lijn-nl.',
      description: [
        'Read-only HSDS 3.0 API of the Korte Lijn social map (sociale kaart), plus export and import for token holders.',
        'Without a token the read endpoints are public; a valid API token (Authorization: Bearer) adds contacts meant for professionals.',
        'Errors are JSON {"error": "..."} in Dutch, or English with Accept-Language: en.',
        '',
        `Profile ${DUTCH_PROFILE.name} (${DUTCH_PROFILE.title}):`,
        ...DUTCH_PROFILE.rules.map((rule) => `- ${rule}`),
      ].join('\n'),
      'x-profile': DUTCH_PROFILE,
      license: { name: 'HSDS: CC BY-SA 4.0 (Open Referral)', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
    },
    servers: [{ url: base }],
    paths: {
      '/': {
        get: {
          operationId: 'getAPIMetaInformation',
          summary: 'Retrieve information about this API and its relationship with HSDS.',
          responses: {
            200: json(
              {
                type: 'object',
                required: ['version', 'profile', 'openapi_url'],
                properties: {
                  version: { type: 'string', description: 'HSDS version of this API.' },
                  profile: { type: 'string', format: 'uri', description: 'URL of the information on the HSDS profile of this API.' },
                  openapi_url: { type: 'string', format: 'uri', description: 'URL of the openapi JSON file which defines this API.' },
                },
              },
              'Information about this API.',
            ),
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document.',
          responses: { 200: json({ type: 'object' }, 'The OpenAPI 3.1 description of this API.') },
        },
      },
      '/services': {
        get: {
          operationId: 'getPaginatedListOfServices',
          summary: 'Retrieves paginated listings of services that only have one-to-one fields in them.',
          parameters: [param('page'), param('per_page'), param('postcode'), param('house_number'), param('modified_after'), param('category'), param('full')],
          responses: {
            200: json(listOf({ $ref: `${COMPILED}service_list.json` }), 'A page of services (with full=true: fully nested services, service.json).'),
            400: problem('A parameter is not valid.'),
          },
        },
      },
      '/services/{id}': {
        parameters: [idParam('service')],
        get: {
          operationId: 'getFullyNestedServiceById',
          summary: 'Retrieves a fully nested service with all related data with id.',
          responses: { 200: json({ $ref: `${COMPILED}service.json` }, 'The service.'), 404: problem('No such service.') },
        },
      },
      '/service_at_locations': {
        get: {
          operationId: 'getPaginatedListOfServiceAtLocation',
          summary: 'Retrieve paginated listings of service_at_location that only have one-to-one fields in them.',
          parameters: [param('page'), param('per_page'), param('postcode'), param('house_number'), param('modified_after'), param('organization_id')],
          responses: {
            200: json(listOf({ $ref: `${COMPILED}service_at_location_list.json` }), 'A page of services at locations.'),
            400: problem('A parameter is not valid.'),
          },
        },
      },
      '/organizations': {
        get: {
          operationId: 'getPaginatedListOfOrganizations',
          summary: 'Retrieve paginated listings of organizations that only have one-to-one fields in them.',
          parameters: [param('page'), param('per_page')],
          responses: {
            200: json(listOf({ $ref: `${COMPILED}organization_list.json` }), 'A page of organizations.'),
            400: problem('A parameter is not valid.'),
          },
        },
      },
      '/organizations/{id}': {
        parameters: [idParam('organization')],
        get: {
          operationId: 'getFullyNestedOrganizationById',
          summary: 'Retrieve a fully nested organization with all related data with id.',
          responses: { 200: json({ $ref: `${COMPILED}organization.json` }, 'The organization.'), 404: problem('No such organization.') },
        },
      },
      '/export': {
        get: {
          operationId: 'exportSocialMap',
          summary: 'The whole social map as one document of fully nested organizations (administrators and regional coordinators).',
          security: [{ bearer: [] }],
          responses: {
            200: json(
              {
                type: 'object',
                properties: {
                  version: { type: 'string' },
                  profile: { type: 'string' },
                  exported_at: { type: 'string', format: 'date-time' },
                  organizations: { type: 'array', items: { $ref: `${COMPILED}organization.json` } },
                },
              },
              'The export.',
            ),
            401: problem('No valid token.'),
            403: problem('The token may not export.'),
          },
        },
      },
      '/import': {
        post: {
          operationId: 'importSocialMap',
          summary: 'Imports an export document (or an array of organizations) into the social map (administrators).',
          security: [{ bearer: [] }],
          parameters: [{ in: 'query', name: 'region', required: false, description: 'The region to import into (name or id).', schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
          responses: {
            200: json({ type: 'object', properties: { imported: { type: 'object' } } }, 'What was imported.'),
            400: problem('The document is not valid.'),
            401: problem('No valid token.'),
            403: problem('The token may not import.'),
          },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token (npm run cli -- api-token:create).' } },
      schemas: {
        Page: {
          type: 'object',
          properties: {
            total_items: { type: 'integer', description: 'The total number of entities returned' },
            total_pages: { type: 'integer', description: 'Count of total pages.' },
            page_number: { type: 'integer', description: 'The number of the current page' },
            per_page: { type: 'integer', description: 'The number of entities per page asked for (Korte Lijn).' },
            size: { type: 'integer', description: 'The number of entities in the current page.' },
            first_page: { type: 'boolean', description: 'A Boolean value indicating if this is the first page' },
            last_page: { type: 'boolean', description: 'A Boolean value indicating if this is the last page' },
            empty: { type: 'boolean', description: 'A Boolean value indicating if there is an empty result set' },
          },
        },
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'string', description: 'What is wrong, for people (Dutch or English).' } } },
      },
      parameters: {
        page: { name: 'page', in: 'query', required: false, description: 'Page number of paginated result (from 1).', schema: { type: 'integer', minimum: 1 } },
        per_page: {
          name: 'per_page',
          in: 'query',
          required: false,
          description: 'Number of results requested in a single page (1-200, default 50).',
          schema: { type: 'integer', minimum: 1, maximum: 200 },
        },
        postcode: {
          name: 'postcode',
          in: 'query',
          required: false,
          description: 'A Dutch postcode, PC4 or PC6: only results whose service_area covers it (its PC4, CBS district or CBS municipality).',
          schema: { type: 'string', examples: ['7511 AB', '7511'] },
        },
        house_number: {
          name: 'house_number',
          in: 'query',
          required: false,
          description: 'Dutch profile: the house number, with a PC6 postcode, for the exact CBS district.',
          schema: { type: 'string', examples: ['12', '12a'] },
        },
        modified_after: {
          name: 'modified_after',
          in: 'query',
          required: false,
          description: 'Return all results modified on or after this datetime (ISO 8601 with a zone) or date (start of the day in Europe/Amsterdam).',
          schema: { type: 'string', examples: ['2026-11-01T08:00:00Z', '2026-11-01'] },
        },
        category: {
          name: 'category',
          in: 'query',
          required: false,
          description: 'A Korte Lijn need code (taxonomy korte-lijn-need), e.g. debt_counselling.',
          schema: { type: 'string' },
        },
        organization_id: {
          name: 'organization_id',
          in: 'query',
          required: false,
          description: 'Only the services of this organization.',
          schema: { type: 'string', format: 'uuid' },
        },
        full: {
          name: 'full',
          in: 'query',
          required: false,
          description: 'true: return fully nested services (service.json).',
          schema: { type: 'boolean' },
        },
      },
    },
  };
}
