import { createHash } from 'node:crypto';
import { z } from 'zod';
import { containsBsn, passesElevenTest } from '../../platform/bsn.ts';
import { isCategory } from '../../needs/categories.ts';
import { needField, urgencyField } from '../../referrals/referral-form.ts';
import { handovers, contactChannels } from '../../referrals/labels.ts';
import { urgencyTriggers } from '../../referrals/urgency.ts';
import { consentMethods } from '../../referrals/consent.ts';
import { fhirError } from './operation-outcome.ts';
import { extensions, systems } from './terminology.ts';

/**
 * A HIS's referral in FHIR (a transaction Bundle of Patient + ServiceRequest + Consent + Task, or a
 * draft ServiceRequest with a contained Patient) read into the fields of the web form, so the same
 * schema (referrals/referral-form.ts) checks it with the same rules and messages. Only the minimal
 * set is read; everything else is dropped. A BSN is refused outright (UAVG art. 46): Korte Lijn
 * never stores one, and a HIS must learn that rather than have it silently dropped. Pure.
 */
const coding = z.object({ system: z.string().optional(), code: z.string().optional() }).loose();
const concept = z.object({ coding: z.array(coding).optional(), text: z.string().optional() }).loose();
const extension = z.object({ url: z.string() }).loose();
const reference = z.object({ reference: z.string().optional() }).loose();
const identifier = z.object({ system: z.string().optional(), value: z.string().optional() }).loose();

const patientSchema = z
  .object({
    resourceType: z.literal('Patient'),
    identifier: z.array(identifier).optional(),
    name: z.array(z.object({ text: z.string().optional(), given: z.array(z.string()).optional(), family: z.string().optional() }).loose()).optional(),
    birthDate: z.string().optional(),
    telecom: z.array(z.object({ system: z.string().optional(), value: z.string().optional() }).loose()).optional(),
    address: z
      .array(
        z
          .object({
            postalCode: z.string().optional(),
            line: z.array(z.string()).optional(),
            _line: z
              .array(
                z
                  .object({ extension: z.array(extension).optional() })
                  .loose()
                  .nullable(),
              )
              .optional(),
          })
          .loose(),
      )
      .optional(),
    communication: z.array(z.object({ language: concept }).loose()).optional(),
  })
  .loose();

const serviceRequestSchema = z
  .object({
    resourceType: z.literal('ServiceRequest'),
    status: z.string().optional(),
    identifier: z.array(identifier).optional(),
    code: concept.optional(),
    orderDetail: z.array(concept).optional(),
    reasonCode: z.array(concept).optional(),
    note: z.array(z.object({ text: z.string() }).loose()).optional(),
    extension: z.array(extension).optional(),
    contained: z.array(z.object({ resourceType: z.string() }).loose()).optional(),
  })
  .loose();

const consentSchema = z
  .object({
    resourceType: z.literal('Consent'),
    status: z.string(),
    extension: z.array(extension).optional(),
    provision: z
      .object({ actor: z.array(z.object({ reference: reference }).loose()).optional() })
      .loose()
      .optional(),
  })
  .loose();

const bundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  type: z.string(),
  entry: z.array(z.object({ fullUrl: z.string().optional(), resource: z.object({ resourceType: z.string() }).loose() }).loose()).min(1),
});

type Patient = z.infer<typeof patientSchema>;
type ServiceRequest = z.infer<typeof serviceRequestSchema>;

export interface IncomingReferral {
  /** The web form's fields (referral-form.ts referralDetailsSchema), idempotency key included. */
  values: Record<string, string>;
  consent: { given: boolean; method: string | null; feedbackAllowed: boolean; teamId: string | null };
}

const invalid = (nl: string, en: string) => fhirError('fhir_invalid', 400, { nl, en });

export const bsnRefused = () =>
  fhirError('bsn_refused', 422, {
    nl: 'Er zit een BSN (burgerservicenummer) in wat u stuurt. Korte Lijn bewaart en verstuurt nooit een BSN (UAVG art. 46). Stuur de patiënt zonder identifier.',
    en: 'What you sent contains a BSN (citizen service number). Korte Lijn never stores or sends a BSN (UAVG art. 46). Send the patient without an identifier.',
  });

/** A BSN is refused by its system and by its value (9 digits passing the eleven-test), whatever system a HIS gives it. */
export function refuseBsnIdentifiers(identifiers: ReadonlyArray<{ system?: string | undefined; value?: string | undefined }> | undefined): void {
  for (const id of identifiers ?? []) {
    const digits = (id.value ?? '').replace(/[\s.-]/g, '');
    if (id.system === systems.bsn || /bsn/i.test(id.system ?? '') || passesElevenTest(digits)) throw bsnRefused();
  }
}

/**
 * The idempotency key for a HIS's ServiceRequest.identifier: the same identifier sent again finds
 * the same referral (the web form's unique key, referrals/send-referral.ts). It is derived with the
 * practice, so two practices that happen to number alike never meet.
 */
export function idempotencyKeyFor(practiceId: string, id: { system: string; value: string }): string {
  return `fhir-${createHash('sha256').update(`${practiceId}|${id.system}|${id.value}`).digest('base64url')}`;
}

/** "system|value" of a token search parameter. */
export function parseToken(token: string): { system: string; value: string } | null {
  const bar = token.indexOf('|');
  if (bar <= 0 || bar === token.length - 1) return null;
  return { system: token.slice(0, bar), value: token.slice(bar + 1) };
}

const extensionValue = (list: ReadonlyArray<Record<string, unknown>> | undefined, url: string): unknown =>
  list?.find((e) => e['url'] === url)?.['valueCode'] ??
  list?.find((e) => e['url'] === url)?.['valueString'] ??
  list?.find((e) => e['url'] === url)?.['valueBoolean'];

const codesOf = (concepts: ReadonlyArray<z.infer<typeof concept>>, system: string): string[] =>
  concepts.flatMap((c) => (c.coding ?? []).filter((k) => k.system === system && k.code).map((k) => k.code!));

function patientValues(patient: Patient): Record<string, string> {
  refuseBsnIdentifiers(patient.identifier);
  const name = patient.name?.[0];
  const fullName = name?.text ?? [...(name?.given ?? []), name?.family ?? ''].join(' ').trim();
  const address = patient.address?.[0];
  const houseNumberExtension = address?._line?.flatMap((l) => l?.extension ?? []).find((e) => e['url'] === extensions.houseNumber)?.['valueString'];
  const lastLine = address?.line?.at(-1) ?? '';
  // nl-core puts the house number in an extension of the line; otherwise it ends the street line ("Dorpsstraat 14a").
  const houseNumber = typeof houseNumberExtension === 'string' ? houseNumberExtension : (/(\d+\s*[-\s]?\s*[A-Za-z0-9]{0,4})$/.exec(lastLine.trim())?.[1] ?? '');
  const telecom = (system: string) => patient.telecom?.find((t) => t.system === system)?.value ?? '';
  const language = patient.communication?.[0]?.language;
  return {
    patient_name: fullName,
    birth_date: patient.birthDate ?? '',
    phone: telecom('phone'),
    email: telecom('email'),
    postcode: address?.postalCode ?? '',
    house_number: houseNumber,
    preferred_language: language?.text ?? language?.coding?.[0]?.code ?? '',
  };
}

function requestValues(request: ServiceRequest, phone: string, email: string): Record<string, string> {
  // The strain question (referrals/reasons.ts) is the practice's to ask in the web form; over the API it is not answered.
  const values: Record<string, string> = { strain: '' };
  const needs = codesOf([...(request.code ? [request.code] : []), ...(request.orderDetail ?? [])], systems.needs);
  for (const need of needs) if (isCategory(need)) values[needField(need)] = 'on';
  for (const u of codesOf(request.reasonCode ?? [], systems.urgency))
    if ((urgencyTriggers as readonly string[]).includes(u)) values[urgencyField(u as (typeof urgencyTriggers)[number])] = 'on';
  values['question'] = request.note?.map((n) => n.text).join('\n') ?? '';
  const handover = extensionValue(request.extension, extensions.handover);
  values['handover'] = typeof handover === 'string' && (handovers as readonly string[]).includes(handover) ? handover : 'team_contacts_patient';
  const channel = extensionValue(request.extension, extensions.contactChannel);
  values['contact_channel'] =
    typeof channel === 'string' && (contactChannels as readonly string[]).includes(channel) ? channel : phone ? 'phone' : email ? 'email' : 'phone';
  const bestTime = extensionValue(request.extension, extensions.bestTimeToCall);
  if (typeof bestTime === 'string') values['best_time_to_call'] = bestTime;
  return values;
}

function requireIdentifier(request: ServiceRequest): { system: string; value: string } {
  const id = request.identifier?.find((i) => i.system && i.value && i.system !== systems.referralReference);
  if (!id?.system || !id.value)
    throw fhirError('identifier_missing', 422, {
      nl: 'Geef de ServiceRequest een identifier (system en value) uit uw eigen systeem. Daarmee herkent Korte Lijn een verwijzing die twee keer wordt gestuurd.',
      en: 'Give the ServiceRequest an identifier (system and value) from your own system. Korte Lijn uses it to recognise a referral sent twice.',
    });
  return { system: id.system, value: id.value };
}

function parseOr<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(`Dit is geen geldige ${what}.`, `This is not a valid ${what}.`);
  return parsed.data;
}

/**
 * The transaction Bundle of a HIS: one Patient, one ServiceRequest, one Consent and optionally a
 * Task (which carries nothing the referral needs: Korte Lijn makes the Task).
 */
export function readTransaction(body: unknown, practiceId: string): IncomingReferral & { identifier: { system: string; value: string }; order: string[] } {
  const bundle = parseOr(bundleSchema, body, 'FHIR Bundle');
  if (bundle.type !== 'transaction') throw invalid('Stuur een Bundle van het type transaction.', 'Send a Bundle of type transaction.');
  const only = (type: string) => {
    const found = bundle.entry.filter((e) => e.resource.resourceType === type);
    if (found.length > 1) throw invalid(`Stuur precies één ${type} in de Bundle.`, `Send exactly one ${type} in the Bundle.`);
    return found[0]?.resource;
  };
  const unknown = bundle.entry.find((e) => !['Patient', 'ServiceRequest', 'Consent', 'Task'].includes(e.resource.resourceType));
  if (unknown)
    throw invalid(
      `Een ${unknown.resource.resourceType} hoort niet in deze Bundle: alleen Patient, ServiceRequest, Consent en Task.`,
      `A ${unknown.resource.resourceType} does not belong in this Bundle: only Patient, ServiceRequest, Consent and Task.`,
    );
  const patientResource = only('Patient');
  // A BSN is refused before anything else is looked at.
  if (patientResource) refuseBsnIdentifiers(parseOr(patientSchema, patientResource, 'Patient').identifier);
  const requestResource = only('ServiceRequest');
  const consentResource = only('Consent');
  if (!patientResource || !requestResource)
    throw invalid('De Bundle mist een Patient of een ServiceRequest.', 'The Bundle lacks a Patient or a ServiceRequest.');
  const patient = parseOr(patientSchema, patientResource, 'Patient');
  const request = parseOr(serviceRequestSchema, requestResource, 'ServiceRequest');
  const identifier = requireIdentifier(request);
  const patientFields = patientValues(patient);
  const values = {
    ...patientFields,
    ...requestValues(request, patientFields['phone']!, patientFields['email']!),
    idempotency_key: idempotencyKeyFor(practiceId, identifier),
  };
  return {
    values,
    identifier,
    consent: consentOf(consentResource ? parseOr(consentSchema, consentResource, 'Consent') : null),
    // A transaction-response answers entry by entry, in the order of the request (FHIR R4 http.html#transaction-response).
    order: bundle.entry.map((e) => e.resource.resourceType),
  };
}

function consentOf(consent: z.infer<typeof consentSchema> | null): IncomingReferral['consent'] {
  if (!consent) return { given: false, method: null, feedbackAllowed: false, teamId: null };
  const method = extensionValue(consent.extension, extensions.consentMethod);
  const feedback = extensionValue(consent.extension, extensions.feedbackAllowed);
  const actor = consent.provision?.actor?.find((a) => a.reference.reference?.startsWith('Organization/'));
  return {
    given: consent.status === 'active',
    method: typeof method === 'string' && (consentMethods as readonly string[]).includes(method) ? method : null,
    feedbackAllowed: feedback === true,
    teamId: actor?.reference.reference?.slice('Organization/'.length) ?? null,
  };
}

/**
 * A draft ServiceRequest (status `draft`) for the one-click launch from the HIS: the patient comes
 * contained (`#patient`) or as a separate Patient in a Bundle. Returns the web form's values;
 * whatever is missing or wrong the assistant completes on the prefilled page.
 */
export function readDraft(body: unknown): Record<string, string> {
  const request = parseOr(serviceRequestSchema, body, 'ServiceRequest');
  if (request.status !== 'draft')
    throw invalid(
      'Stuur een ServiceRequest met status draft om de verwijzing in Korte Lijn af te maken.',
      'Send a ServiceRequest with status draft to complete the referral in Korte Lijn.',
    );
  const contained = request.contained?.find((r) => r.resourceType === 'Patient');
  const patientFields = contained ? patientValues(parseOr(patientSchema, contained, 'Patient')) : {};
  const values = { ...patientFields, ...requestValues(request, patientFields['phone'] ?? '', patientFields['email'] ?? '') };
  // Kept for a day before anyone checks it: a BSN in any field is refused now, not stored.
  if (Object.values(values).some(containsBsn)) throw bsnRefused();
  return values;
}
