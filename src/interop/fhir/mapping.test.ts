import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Consent, Referral } from '../../platform/db/schema.ts';
import { capabilityStatement } from './capability-statement.ts';
import { codeSystem, publishedCodeSystemIds, systems } from './terminology.ts';
import { operationOutcome } from './operation-outcome.ts';
import { toConsent, toPatient, toServiceRequest, toTask, type ReferralView } from './to-fhir.ts';
import { healthcareServiceFromHsds, locationFromHsds, organizationFromHsds, organizationOfParty } from './social-map-to-fhir.ts';
import { actionFor, parseTaskUpdate } from './update-task.ts';
import { idempotencyKeyFor, readDraft, readTransaction } from './from-fhir.ts';
import { parseSearch } from './search-params.ts';
import { fhirSchemaErrors, isValidFhir } from './official-validator.ts';
import { AppError } from '../../platform/errors.ts';

const at = new Date('2026-11-23T09:15:00Z');
const referral: Referral = {
  id: '11111111-1111-4111-8111-111111111111',
  reference: 'KL-7F3K9Q',
  source: 'practice',
  practice_id: '22222222-2222-4222-8222-222222222222',
  created_by: '33333333-3333-4333-8333-333333333333',
  idempotency_key: 'fhir-key',
  team_id: '44444444-4444-4444-8444-444444444444',
  assigned_to: null,
  status: 'completed',
  patient_name: 'Johanna Testpersoon',
  patient_birth_date: '1971-03-09',
  patient_phone: '06 1234 5678',
  patient_email: 'johanna@example.test',
  patient_postcode: '7552 AB',
  patient_house_number: '14',
  preferred_language: 'Nederlands',
  best_time_to_call: 'ochtend',
  question: 'Ik slaap slecht door de rekeningen.',
  needs: ['debt_counselling', 'budget_coaching'],
  urgency_triggers: ['eviction'],
  handover: 'phone_together',
  contact_channel: 'phone',
  municipality_code: 'GM0164',
  district_code: 'WK016402',
  route_explanation: null,
  requested_on: '2026-11-23',
  first_contact_due: '2026-11-26',
  first_conversation_due: '2026-11-26',
  first_contact_on: '2026-11-24',
  first_conversation_on: '2026-11-25',
  contact_attempts: 1,
  already_known: null,
  outcome: 'trajectory_started',
  feedback: 'Traject gestart.',
  closed_at: at,
  contact_escalated_at: null,
  conversation_escalated_at: null,
  consent_withdrawn_at: null,
  personal_data_erased_at: null,
  created_at: at,
  updated_at: at,
  first_conversation_planned_at: null,
  first_conversation_place: null,
  reject_reason: null,
  close_reason: null,
  strain_at_referral: null,
  strain_at_close: null,
};
const consent: Consent = {
  id: '55555555-5555-4555-8555-555555555555',
  referral_id: referral.id,
  recorded_by: referral.created_by,
  method: 'verbal',
  data_scope: ['name'],
  recipient_team_id: referral.team_id,
  purpose: 'contact',
  text_version: '2026-11-v3',
  feedback_allowed: true,
  given_at: at,
  withdrawn_at: null,
  withdrawal_recorded_by: null,
};
const view: ReferralView = {
  referral,
  feedbackVisible: true,
  practice: { id: referral.practice_id!, name: 'Huisartsenpraktijk De Esch', agbCode: '01234567' },
  team: { id: referral.team_id, name: 'Wijkteam Hengelo-Noord' },
  creatorName: 'Anna Assistent',
  consent,
  statusNote: null,
};

function assertValid(resource: unknown) {
  assert.equal(fhirSchemaErrors(resource), '', JSON.stringify(resource, null, 1));
}

describe('FHIR R4 resources validate against the official schema', () => {
  test('the validator is not lenient: a Task with an unknown status or an unknown element fails', () => {
    assert.equal(isValidFhir({ resourceType: 'Task', status: 'requested', intent: 'order' }), true);
    assert.equal(isValidFhir({ resourceType: 'Task', status: 'bogus', intent: 'order' }), false);
    assert.equal(isValidFhir({ resourceType: 'Task', status: 'requested', intent: 'order', bsn: '123' }), false);
    assert.equal(isValidFhir({ resourceType: 'Task', status: 'requested', intent: 'order', authoredOn: '30-11-2026' }), false);
    assert.equal(isValidFhir({ resourceType: 'NoSuchResource' }), false);
  });

  test('the CapabilityStatement says FHIR 4.0.1 and JSON', () => {
    const statement = capabilityStatement('http://kortelijn.test', '2026-11-30');
    assertValid(statement);
    assert.equal(statement['fhirVersion'], '4.0.1');
  });

  test('every published code system is a valid CodeSystem with Dutch displays and English designations', () => {
    for (const id of publishedCodeSystemIds) assertValid(codeSystem(id));
    const needs = codeSystem('needs')!;
    assert.equal(needs['url'], systems.needs);
    assert.deepEqual((needs['concept'] as Array<{ code: string; display: string }>)[0], {
      code: 'debt_counselling',
      display: 'Schuldhulpverlening',
      designation: [{ language: 'en', value: 'Debt counselling' }],
    });
    assert.equal(codeSystem('unknown'), undefined);
  });

  test('an OperationOutcome carries the Dutch text and the English twin', () => {
    const outcome = operationOutcome(422, { nl: 'Dit kan niet.', en: 'This is not possible.' }, 'illegal_transition');
    assertValid(outcome);
    const issue = (outcome['issue'] as Array<Record<string, unknown>>)[0]!;
    assert.deepEqual(
      [issue['code'], (issue['details'] as { text: string }).text, issue['diagnostics']],
      ['business-rule', 'Dit kan niet.', 'This is not possible.'],
    );
  });

  test('ServiceRequest: intent order, the needs from the published code system, priority urgent for a Wgs threat, the practice with its AGB code and the colleague', () => {
    const request = toServiceRequest(view);
    assertValid(request);
    assert.equal(request['intent'], 'order');
    assert.equal(request['priority'], 'urgent');
    assert.deepEqual(request['code'], {
      coding: [{ system: systems.needs, code: 'debt_counselling', display: 'Schuldhulpverlening' }],
      text: 'Schuldhulpverlening',
    });
    assert.equal((request['orderDetail'] as unknown[]).length, 2);
    const contained = (request['contained'] as Array<Record<string, unknown>>)[0]!;
    assert.deepEqual(contained['organization'], {
      reference: `Organization/${view.practice!.id}`,
      display: 'Huisartsenpraktijk De Esch',
      identifier: { system: systems.agb, value: '01234567' },
    });
    assert.deepEqual(request['performer'], [{ reference: `Organization/${referral.team_id}`, display: 'Wijkteam Hengelo-Noord' }]);
    assert.deepEqual(request['note'], [{ text: 'Ik slaap slecht door de rekeningen.' }]);
    assertValid({ ...toServiceRequest({ ...view, referral: { ...referral, urgency_triggers: [], needs: ['food_bank'] }, creatorName: null }) });
  });

  test('Task: SDOH status, businessStatus, focus, for, owner, due date in restriction.period.end and the outcome as output', () => {
    const task = toTask(view, '2026-11-30');
    assertValid(task);
    assert.equal(task['status'], 'completed');
    assert.deepEqual(task['focus'], { reference: `ServiceRequest/${referral.id}` });
    assert.deepEqual(task['for'], { reference: `Patient/${referral.id}` });
    assert.deepEqual(task['owner'], { reference: `Organization/${referral.team_id}`, display: 'Wijkteam Hengelo-Noord' });
    assert.deepEqual(task['restriction'], { period: { end: '2026-11-26' } });
    assert.equal((task['businessStatus'] as { coding: Array<{ code: string }> }).coding[0]!.code, 'first-conversation');
    const output = (task['output'] as Array<{ valueCodeableConcept: { coding: Array<{ code: string }>; text: string } }>)[0]!;
    assert.deepEqual([output.valueCodeableConcept.coding[0]!.code, output.valueCodeableConcept.text], ['trajectory_started', 'Traject gestart.']);
  });

  test('a referral the team opened is Task requested with businessStatus received (the SDOH set has no received)', () => {
    const task = toTask({ ...view, referral: { ...referral, status: 'received', first_contact_on: null, first_conversation_on: null, outcome: null } });
    assertValid(task);
    assert.equal(task['status'], 'requested');
    assert.equal((task['businessStatus'] as { coding: Array<{ code: string }> }).coding[0]!.code, 'received');
  });

  test('a rejection carries its reason code and text in statusReason; a practice without feedback consent sees no output', () => {
    const rejected = toTask({ ...view, referral: { ...referral, status: 'rejected', reject_reason: 'outside_area' }, statusNote: 'Woont in Almelo' });
    assertValid(rejected);
    assert.deepEqual(rejected['statusReason'], {
      coding: [{ system: systems.reason, code: 'outside_area', display: 'Woont buiten ons werkgebied' }],
      text: 'Woont in Almelo',
    });
    const hidden = toTask({ ...view, feedbackVisible: false });
    assert.equal(hidden['output'], undefined);
  });

  test('Patient: the minimal set only, never an identifier', () => {
    const patient = toPatient(referral);
    assertValid(patient);
    assert.equal(patient['identifier'], undefined);
    assert.deepEqual(patient['name'], [{ text: 'Johanna Testpersoon' }]);
    assert.equal((patient['address'] as Array<{ postalCode: string }>)[0]!.postalCode, '7552 AB');
    assertValid(
      toPatient({
        ...referral,
        patient_name: null,
        patient_birth_date: null,
        patient_phone: null,
        patient_email: null,
        patient_postcode: null,
        patient_house_number: null,
      }),
    );
  });

  test('Consent: scope, patient, the team it allows, purpose, date, method; withdrawn is inactive', () => {
    const given = toConsent(consent, { ...view, referralId: referral.id });
    assertValid(given);
    assert.equal(given['status'], 'active');
    const withdrawn = toConsent({ ...consent, withdrawn_at: new Date('2026-11-28T10:00:00Z') }, { ...view, referralId: referral.id });
    assertValid(withdrawn);
    assert.equal(withdrawn['status'], 'inactive');
    assert.equal((withdrawn['provision'] as { period: { end: string } }).period.end, '2026-11-28T10:00:00.000Z');
  });

  test('Organization, HealthcareService and Location of the social map', () => {
    assertValid(
      organizationFromHsds({
        id: referral.team_id,
        name: 'Gemeente Hengelo',
        description: 'Gemeente',
        email: 'info@hengelo.test',
        website: 'https://hengelo.test',
      }),
    );
    assertValid(organizationOfParty({ id: referral.practice_id!, name: 'De Esch', kind: 'practice', agbCode: '01234567', phone: '074 000 0000' }));
    assertValid(organizationOfParty({ id: referral.team_id, name: 'Wijkteam', kind: 'team', partOf: referral.practice_id! }));
    assertValid(
      healthcareServiceFromHsds({
        id: referral.id,
        organization_id: referral.team_id,
        name: 'Schuldhulp',
        status: 'active',
        last_modified: at.toISOString(),
        description: 'Hulp bij schulden',
      }),
    );
    assertValid(
      locationFromHsds({
        id: referral.id,
        location_type: 'physical',
        organization_id: referral.team_id,
        name: 'Stadhuis',
        addresses: [
          {
            id: 'a',
            location_id: referral.id,
            address_1: 'Markt 1',
            city: 'Hengelo',
            state_province: 'Overijssel',
            postal_code: '7551 AA',
            country: 'NL',
            address_type: 'physical',
          },
        ],
        accessibility: [],
        schedules: [],
        attributes: [],
      }),
    );
  });
});

describe('Task updates follow the state machine', () => {
  const task = (body: Record<string, unknown>) => parseTaskUpdate({ resourceType: 'Task', ...body }, referral.id);
  const open = { status: 'requested' as const, first_contact_on: null, first_conversation_on: null };

  test('accepting, first contact, first conversation, rejecting and completing each name their action', () => {
    assert.deepEqual(actionFor({ ...open, status: 'received' }, task({ status: 'accepted' })), { kind: 'accept' });
    assert.deepEqual(
      actionFor(
        { ...open, status: 'requested' },
        task({ status: 'requested', businessStatus: { coding: [{ system: systems.businessStatus, code: 'received' }] } }),
      ),
      {
        kind: 'receive',
      },
    );
    assert.deepEqual(actionFor({ ...open, status: 'accepted' }, task({ status: 'in-progress', lastModified: '2026-11-24T10:00:00+01:00' })), {
      kind: 'first-contact',
      date: '2026-11-24',
    });
    assert.deepEqual(
      actionFor(
        { ...open, status: 'in-progress', first_contact_on: '2026-11-24' },
        task({
          status: 'in-progress',
          lastModified: '2026-11-25T10:00:00Z',
          businessStatus: { coding: [{ system: systems.businessStatus, code: 'first-conversation' }] },
        }),
      ),
      { kind: 'first-conversation', date: '2026-11-25' },
    );
    assert.deepEqual(actionFor(open, task({ status: 'rejected', statusReason: { coding: [{ system: systems.reason, code: 'no_capacity' }] } })), {
      kind: 'reject',
      code: 'no_capacity',
      reason: null,
    });
    assert.deepEqual(
      actionFor(
        { ...open, status: 'in-progress' },
        task({
          status: 'completed',
          output: [{ valueCodeableConcept: { coding: [{ system: systems.outcome, code: 'referred_elsewhere' }], text: 'Naar de voedselbank' } }],
        }),
      ),
      { kind: 'close', outcome: 'referred_elsewhere', feedback: 'Naar de voedselbank', reason: null },
    );
    assert.equal(actionFor({ ...open, status: 'accepted' }, task({ status: 'accepted' })), null);
  });

  test('a step the lifecycle does not have (on-hold, back to requested) is refused as an illegal transition', () => {
    const refused = (current: typeof open | (typeof open & { status: 'accepted' }), body: Record<string, unknown>) =>
      assert.throws(
        () => actionFor(current, task(body)),
        (e: unknown) => e instanceof AppError && e.code === 'illegal_transition',
      );
    refused(open, { status: 'on-hold' });
    refused({ ...open, status: 'accepted' } as never, { status: 'requested' });
    refused({ ...open, status: 'in-progress', first_contact_on: '2026-11-24' } as never, { status: 'accepted' });
  });

  test('completing without an outcome, or rejecting without a reason, is a 422 that says what is missing', () => {
    assert.throws(
      () => actionFor({ ...open, status: 'in-progress' }, task({ status: 'completed' })),
      (e: unknown) => e instanceof AppError && e.status === 422,
    );
    assert.throws(
      () => actionFor(open, task({ status: 'rejected' })),
      (e: unknown) => e instanceof AppError && e.code === 'reason_missing',
    );
  });
});

describe('reading what a HIS sends', () => {
  const patient = {
    resourceType: 'Patient',
    name: [{ given: ['Johanna'], family: 'Testpersoon' }],
    birthDate: '1971-03-09',
    telecom: [{ system: 'phone', value: '06 1234 5678' }],
    address: [{ line: ['Dorpsstraat 14a'], postalCode: '7552AB' }],
  };
  const request = {
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    identifier: [{ system: 'urn:oid:2.16.840.1.113883.2.4.6.1.99', value: 'HIS-1' }],
    code: { coding: [{ system: systems.needs, code: 'debt_counselling' }] },
    note: [{ text: 'Rekeningen stapelen zich op.' }],
  };
  const bundle = (p: unknown) => ({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: p }, { resource: request }] });

  test('a transaction Bundle becomes the web form fields, keyed by the practice and the HIS identifier', () => {
    const read = readTransaction(bundle(patient), 'practice-1');
    assert.equal(read.values['patient_name'], 'Johanna Testpersoon');
    assert.equal(read.values['house_number'], '14a');
    assert.equal(read.values['need_debt_counselling'], 'on');
    assert.equal(read.values['idempotency_key'], idempotencyKeyFor('practice-1', { system: request.identifier[0]!.system, value: 'HIS-1' }));
    assert.notEqual(idempotencyKeyFor('practice-1', { system: 's', value: 'v' }), idempotencyKeyFor('practice-2', { system: 's', value: 'v' }));
  });

  test('a BSN is refused by its system and by a value that passes the eleven-test, whatever the system', () => {
    for (const identifier of [
      { system: systems.bsn, value: '999999990' },
      { system: 'urn:his:patient', value: '111222333' },
    ]) {
      assert.throws(
        () => readTransaction(bundle({ ...patient, identifier: [identifier] }), 'practice-1'),
        (e: unknown) => e instanceof AppError && e.code === 'bsn_refused' && e.status === 422,
      );
    }
    assert.throws(
      () => readDraft({ ...request, status: 'draft', contained: [{ ...patient, identifier: [{ system: systems.bsn, value: '123456782' }] }] }),
      (e: unknown) => e instanceof AppError && e.code === 'bsn_refused',
    );
  });

  test('a draft ServiceRequest reads its contained patient into the form fields', () => {
    const values = readDraft({ ...request, status: 'draft', contained: [{ ...patient, id: 'patient' }] });
    assert.equal(values['patient_name'], 'Johanna Testpersoon');
    assert.equal(values['postcode'], '7552AB');
    assert.throws(
      () => readDraft(request),
      (e: unknown) => e instanceof AppError && e.status === 400,
    );
  });

  test('search: requested covers a received referral, _lastUpdated takes a prefix, bad values are a 400', () => {
    const search = parseSearch({ status: ['requested,accepted'], _lastUpdated: ['gt2026-11-30T08:00:00Z'], _include: ['Task:focus', 'Task:patient'] }, 'Task');
    assert.deepEqual(search.statuses, ['requested', 'received', 'accepted']);
    assert.deepEqual(search.lastUpdated, { op: '>', at: new Date('2026-11-30T08:00:00Z') });
    assert.deepEqual([...search.include], ['focus', 'patient']);
    for (const bad of [{ status: ['bogus'] }, { _lastUpdated: ['gisteren'] }, { _count: ['0'] }, { _include: ['Task:owner'] }] as Array<
      Record<string, string[]>
    >) {
      assert.throws(
        () => parseSearch(bad, 'Task'),
        (e: unknown) => e instanceof AppError && e.status === 400,
      );
    }
  });
});
