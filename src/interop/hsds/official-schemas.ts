/**
 * Test support: the official HSDS 3.0 JSON Schemas and OpenAPI description (Open Referral,
 * CC BY-SA 4.0, vendored unmodified in vendor/hsds-3/ at the repository root; see its README)
 * compiled with a real JSON Schema validator. The compiled schemas carry no `$schema`; they are
 * referenced from an OpenAPI 3.1 document, whose schema dialect is JSON Schema 2020-12, so that is
 * the draft used. Only tests import this file (ajv is a devDependency).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';

const STANDARDS = new URL('../../../vendor/hsds-3/', import.meta.url);
const COMPILED = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/compiled/';

const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(file, STANDARDS), 'utf8')) as Record<string, unknown>;

// ajv-formats is CommonJS with `exports.default`; take whichever the loader hands over.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

function compiler(): Ajv2020 {
  if (ajv) return ajv;
  // strict: unknown keywords would be errors, so the Frictionless Data Package annotations the
  // compiled schemas carry are declared as (annotation-only) vocabulary instead of switching strict off.
  // optimize: false — the compiled schemas are megabytes of inlined objects; ajv's code optimiser
  // triples the compile time for no gain in a test run.
  ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, code: { optimize: false } });
  ajv.addVocabulary(['name', 'path', 'datapackage_metadata', 'constraints', 'core', 'datapackage_type', 'tabular_required', 'example']);
  addFormats(ajv);
  for (const file of ['service.json', 'organization.json', 'service_list.json', 'organization_list.json']) ajv.addSchema(read(file), `${COMPILED}${file}`);
  return ajv;
}

interface OpenApi {
  components: { schemas: { Page: object } };
  paths: Record<string, { get: { responses: { 200: { content: { 'application/json': { schema: object } } } } } }>;
}

/** A list response exactly as openapi.json describes it, with its local Page reference filled in. */
function listResponse(path: string): object {
  const openapi = read('openapi.json') as unknown as OpenApi;
  const schema = JSON.parse(
    JSON.stringify(openapi.paths[path]!.get.responses[200].content['application/json'].schema).replaceAll('"#/components/schemas/Page"', '"#/$defs/Page"'),
  ) as object;
  return { ...schema, $defs: { Page: openapi.components.schemas.Page } };
}

const definitions = {
  /** One fully nested service (GET /services/{id}). */
  service: () => ({ $ref: `${COMPILED}service.json` }),
  /** One fully nested organisation (GET /organizations/{id}, and each organisation of the export). */
  organization: () => ({ $ref: `${COMPILED}organization.json` }),
  /** A page of GET /services (items: service_list.json). */
  servicePage: () => listResponse('/services'),
  /** A page of GET /services?full=true: the same Page, with full services as items. */
  fullServicePage: () => {
    const page = listResponse('/services') as { properties: { contents: { items: object } } };
    return { ...page, properties: { contents: { type: 'array', items: { $ref: `${COMPILED}service.json` } } } };
  },
  /** A page of GET /organizations (items: organization_list.json). */
  organizationPage: () => listResponse('/organizations'),
  /**
   * A page of GET /service_at_locations. openapi.json types its items as service_at_location_list.json,
   * which is not vendored; the same link schema is nested in service.json (service_at_locations.items,
   * with the location), and the list item's `service` holds one-to-one fields (service_list.json).
   */
  serviceAtLocationPage: () => {
    const page = listResponse('/service_at_locations') as { properties: { contents: { items: object } } };
    const item = {
      allOf: [{ $ref: `${COMPILED}service.json#/properties/service_at_locations/items` }],
      properties: { service: { $ref: `${COMPILED}service_list.json` } },
      required: ['id', 'service_id', 'location_id', 'location', 'service'],
    };
    return { ...page, properties: { contents: { type: 'array', items: item } } };
  },
};

export type OfficialSchema = keyof typeof definitions;

/** The validator for one HSDS document kind, compiled on first use (the big schemas take seconds). */
export function officialSchema(kind: OfficialSchema): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    validate = compiler().compile(definitions[kind]());
    validators.set(kind, validate);
  }
  return validate;
}

/** Validates and returns the problems, readable; empty when the value is valid. */
export function schemaErrors(kind: OfficialSchema, value: unknown): string {
  const validate = officialSchema(kind);
  return validate(value) ? '' : describeErrors(validate.errors);
}

/** Readable validation errors for an assertion message. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 10)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n');
}
