/**
 * The FHIR R4 JSON the API writes and reads, typed loosely: the shape is checked where it matters —
 * incoming resources by zod at the boundary (from-fhir.ts), outgoing ones by the official FHIR R4
 * JSON schema in the tests (an independent validator, not these types).
 */
export type FhirResource = { resourceType: string; id?: string } & Record<string, unknown>;

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Reference {
  reference?: string;
  display?: string;
  identifier?: { system: string; value: string };
}

export interface BundleEntry {
  fullUrl?: string;
  resource?: FhirResource;
  search?: { mode: 'match' | 'include' };
  response?: { status: string; location?: string; etag?: string; lastModified?: string };
}

export interface Bundle extends FhirResource {
  resourceType: 'Bundle';
  type: 'searchset' | 'transaction-response' | 'collection';
  total?: number;
  link?: Array<{ relation: string; url: string }>;
  entry: BundleEntry[];
}

/** FHIR instant: an ISO timestamp with seconds and zone. */
export const instant = (at: Date): string => at.toISOString();

export function searchset(entries: BundleEntry[], total: number, selfUrl: string): Bundle {
  return { resourceType: 'Bundle', type: 'searchset', total, link: [{ relation: 'self', url: selfUrl }], entry: entries };
}
