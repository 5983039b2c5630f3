import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { forEachDatabase, testContext } from '../../../test/support/databases.ts';
import { auditEntries } from '../../../test/support/fixtures.ts';
import { signedInBrowser } from '../../../test/support/referral-rows.ts';
import { testApp } from '../../../test/support/http.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import type { AppEnv } from '../../platform/http/types.ts';
import type { User } from '../../platform/db/schema.ts';
import { insertReferralWorld, type ReferralWorld } from '../../referrals/test-fixture.ts';
import { createApiToken } from '../hsds/create-api-token.ts';
import { REFUSED_TOKENS_PER_WINDOW, REFUSED_TOKEN_WINDOW_MINUTES } from '../hsds/authenticate-api-token.ts';
import { fhirSchemaErrors } from './official-validator.ts';
import { systems, extensions } from './terminology.ts';

type Json = Record<string, unknown>;
type Bundle = {
  resourceType: string;
  type: string;
  total?: number;
  entry: Array<{ resource: Json; search?: { mode: string }; response?: { status: string; location: string } }>;
};

forEachDatabase('FHIR API', (db) => {
  let app: Hono<AppEnv>;
  let world: ReferralWorld;
  const tokens: Record<string, string> = {};
  let referralId = '';
  const since = new Date(Date.now() - 60_000).toISOString();

  const request = (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(`http://localhost${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/fhir+json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const get = (path: string, token?: string) => request('GET', path, token);
  /** The answer as JSON, after checking it is FHIR JSON that validates against the R4 schema. */
  const fhirJson = async <T = Json>(res: Response): Promise<T> => {
    assert.match(res.headers.get('content-type') ?? '', /^application\/fhir\+json/);
    const body = (await res.json()) as T;
    assert.equal(fhirSchemaErrors(body), '', JSON.stringify(body, null, 1));
    return body;
  };
  const outcomeText = (body: Json) => {
    const issue = (body['issue'] as Array<{ details: { text: string }; diagnostics: string }>)[0]!;
    return { nl: issue.details.text, en: issue.diagnostics };
  };

  const patient = (extra: Json = {}) => ({
    resourceType: 'Patient',
    name: [{ given: ['Johanna'], family: 'Testpersoon' }],
    birthDate: '1971-03-09',
    telecom: [{ system: 'phone', value: '06 1234 5678' }],
    address: [{ line: ['Esstraat 14'], postalCode: '7552 AB', _line: [{ extension: [{ url: extensions.houseNumber, valueString: '14' }] }] }],
    ...extra,
  });
  const serviceRequest = (identifier: string, extra: Json = {}) => ({
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    identifier: [{ system: 'urn:oid:2.16.528.1.1007.3.3.9999', value: identifier }],
    code: { coding: [{ system: systems.needs, code: 'debt_counselling' }] },
    reasonCode: [{ coding: [{ system: systems.urgency, code: 'eviction' }] }],
    subject: { reference: 'urn:uuid:0a000000-0000-4000-8000-000000000001' },
    note: [{ text: 'Ik slaap slecht door de rekeningen.' }],
    ...extra,
  });
  const consent = (teamId: string | null) => ({
    resourceType: 'Consent',
    status: 'active',
    scope: { coding: [{ system: systems.consentScope, code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    extension: [
      { url: extensions.consentMethod, valueCode: 'verbal' },
      { url: extensions.feedbackAllowed, valueBoolean: true },
    ],
    ...(teamId
      ? {
          provision: {
            actor: [{ role: { coding: [{ system: systems.participationType, code: 'IRCP' }] }, reference: { reference: `Organization/${teamId}` } }],
          },
        }
      : {}),
  });
  const transaction = (resources: Json[]) => ({
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource, i) => ({
      fullUrl: `urn:uuid:0a000000-0000-4000-8000-00000000000${i + 1}`,
      resource,
      request: { method: 'POST', url: resource['resourceType'] },
    })),
  });
  const task = (status: string, extra: Json = {}) => ({ resourceType: 'Task', status, intent: 'order', ...extra });
  const referralCount = async () =>
    Number(
      (
        await db()
          .selectFrom('referrals')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    world = await insertReferralWorld(db());
    app = testApp(db()).app;
    const tokenFor = async (user: User) => (await createApiToken(db(), testContext(), { email: user.email, label: 'his' })).token;
    const u = world.users;
    for (const [key, user] of Object.entries({
      staffA: u.staffA,
      staffB: u.staffB,
      noord: u.noordMember,
      hengelo: u.hengeloMember,
      coordinator: u.regionCoordinator,
      admin: u.admin,
    }))
      tokens[key] = await tokenFor(user);
  });

  describe('without a token', () => {
    it('GET /fhir/metadata is a CapabilityStatement for FHIR 4.0.1, open to anyone', async () => {
      const res = await get('/fhir/metadata');
      assert.equal(res.status, 200);
      const statement = await fhirJson(res);
      assert.deepEqual([statement['resourceType'], statement['fhirVersion']], ['CapabilityStatement', '4.0.1']);
    });

    it('every search the CapabilityStatement lists answers a practice token with a searchset', async () => {
      const statement = await fhirJson(await get('/fhir/metadata'));
      const resources = (statement['rest'] as Array<{ resource: Array<{ type: string; interaction: Array<{ code: string }> }> }>)[0]!.resource;
      const searchable = resources.filter((r) => r.interaction.some((i) => i.code === 'search-type')).map((r) => r.type);
      assert.deepEqual(searchable, ['Task', 'ServiceRequest', 'Organization', 'HealthcareService']);
      for (const type of searchable) {
        const res = await get(`/fhir/${type}`, tokens['staffA']);
        assert.equal(res.status, 200, type);
        assert.equal((await fhirJson(res))['type'], 'searchset');
      }
    });

    it('the needs code system is published at /fhir/CodeSystem/needs', async () => {
      const system = await fhirJson(await get('/fhir/CodeSystem/needs'));
      assert.equal(system['url'], systems.needs);
      assert.equal((await get('/fhir/CodeSystem/unknown')).status, 404);
    });

    it('every other route answers 401 with an OperationOutcome, also to a signed-in browser session', async () => {
      const session = await createSession(db(), { userId: world.users.staffA.id, mfaPassed: true, ip: '127.0.0.1', hours: 1 });
      for (const headers of [{}, { cookie: `kl_session=${session}` }] as Array<Record<string, string>>) {
        const res = await request('GET', '/fhir/Task', undefined, undefined, headers);
        assert.equal(res.status, 401);
        assert.match(res.headers.get('www-authenticate') ?? '', /Bearer/);
        assert.match(outcomeText(await fhirJson(res)).nl, /API-sleutel nodig/);
      }
      const unknownPath = await get('/fhir/Appointment', tokens['staffA']);
      assert.equal(unknownPath.status, 404);
      await fhirJson(unknownPath);
      const refused = await get('/fhir/Task', 'kl_not-a-real-token-0123456789abcdef');
      assert.equal(refused.status, 401);
      assert.match(outcomeText(await fhirJson(refused)).en, /unknown, revoked/);
    });

    it('an address that keeps sending bad tokens gets a 429 OperationOutcome with Retry-After, as on the HSDS API', async () => {
      await db().deleteFrom('rate_limit_hits').execute();
      const statuses: number[] = [];
      for (let i = 0; i < REFUSED_TOKENS_PER_WINDOW + 2; i++) {
        const res = await get('/fhir/Task', `kl_guess-number-${i}-that-is-long-enough`);
        statuses.push(res.status);
        if (res.status === 429) {
          const wait = Number(res.headers.get('retry-after'));
          assert.ok(wait > 0 && wait <= REFUSED_TOKEN_WINDOW_MINUTES * 60, `Retry-After: ${wait}`);
          assert.match(outcomeText(await fhirJson(res)).nl, /te veel ongeldige API-sleutels/);
        } else await fhirJson(res);
      }
      assert.deepEqual(statuses, [...Array<number>(REFUSED_TOKENS_PER_WINDOW).fill(401), 429, 429]);
      await db().deleteFrom('rate_limit_hits').execute();
      assert.equal((await get('/fhir/Task', tokens['staffA'])).status, 200, 'once the window has passed');
    });
  });

  describe('a HIS sends a referral as a transaction Bundle', () => {
    it('a posted BSN identifier is refused with an OperationOutcome and nothing is stored', async () => {
      const before = await referralCount();
      const res = await request(
        'POST',
        '/fhir',
        tokens['staffA'],
        transaction([patient({ identifier: [{ system: systems.bsn, value: '999999990' }] }), serviceRequest('HIS-BSN'), consent(world.noord)]),
      );
      assert.equal(res.status, 422);
      const body = await fhirJson(res);
      assert.match(outcomeText(body).nl, /nooit een BSN/);
      assert.match(outcomeText(body).en, /never stores or sends a BSN/);
      assert.equal(await referralCount(), before);
    });

    it('a Consent that names no team is refused with the team the address leads to, so the HIS can ask for exactly that one', async () => {
      const res = await request('POST', '/fhir', tokens['staffA'], transaction([patient(), serviceRequest('HIS-NOTEAM'), consent(null)]));
      assert.equal(res.status, 422);
      assert.match(outcomeText(await fhirJson(res)).nl, new RegExp(`Organization/${world.noord}`));
    });

    it('consent for another team than the address leads to is refused, as on the web form', async () => {
      const res = await request('POST', '/fhir', tokens['staffA'], transaction([patient(), serviceRequest('HIS-WRONG'), consent(world.hengelo)]));
      assert.equal(res.status, 409);
      assert.match(outcomeText(await fhirJson(res)).nl, /ander team/);
    });

    it('a form rule of the web form (a phone call without a phone number) is a 422 naming the FHIR element', async () => {
      const res = await request(
        'POST',
        '/fhir',
        tokens['staffA'],
        transaction([patient({ telecom: [] }), serviceRequest('HIS-NOPHONE'), consent(world.noord)]),
      );
      assert.equal(res.status, 422);
      assert.match(outcomeText(await fhirJson(res)).nl, /^Patient\.telecom/);
    });

    it('a BSN in the question (ServiceRequest.note) is refused with the web form’s BSN message, and nothing is stored', async () => {
      const before = await referralCount();
      const res = await request(
        'POST',
        '/fhir',
        tokens['staffA'],
        transaction([patient(), serviceRequest('HIS-BSN-NOTE', { note: [{ text: 'Zijn BSN is 111222333, bel hem.' }] }), consent(world.noord)]),
      );
      assert.equal(res.status, 422);
      assert.match(outcomeText(await fhirJson(res)).nl, /^ServiceRequest\.note: .*lijkt op een BSN/);
      assert.equal(await referralCount(), before);
    });

    it('a team cannot send a referral (403), and garbage is a 400, never a 500', async () => {
      assert.equal((await request('POST', '/fhir', tokens['noord'], transaction([patient(), serviceRequest('HIS-TEAM'), consent(world.noord)]))).status, 403);
      const garbage = await app.request('http://localhost/fhir', {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens['staffA']}`, 'content-type': 'application/fhir+json' },
        body: '{not json',
      });
      assert.equal(garbage.status, 400);
      await fhirJson(garbage);
      assert.equal((await request('POST', '/fhir', tokens['staffA'], { resourceType: 'Bundle', type: 'batch', entry: [] })).status, 400);
    });

    it('the Bundle becomes a referral through the web form’s use case: routed by address, urgent terms, consent, audit; resent it is the same one', async () => {
      const bundle = transaction([patient(), serviceRequest('HIS-1'), consent(world.noord), task('requested')]);
      const res = await request('POST', '/fhir', tokens['staffA'], bundle);
      assert.equal(res.status, 200);
      const answer = await fhirJson<Bundle>(res);
      assert.equal(answer.type, 'transaction-response');
      assert.deepEqual(
        answer.entry.map((e) => [e.resource['resourceType'], e.response!.status]),
        [
          ['Patient', '201 Created'],
          ['ServiceRequest', '201 Created'],
          ['Consent', '201 Created'],
          ['Task', '201 Created'],
        ],
      );
      const taskResource = answer.entry[3]!.resource;
      referralId = taskResource['id'] as string;
      assert.deepEqual(taskResource['owner'], { reference: `Organization/${world.noord}`, display: (await teamName(world.noord))! });
      const stored = await db().selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow();
      assert.deepEqual(
        [stored.status, stored.team_id, stored.patient_name, stored.urgency_triggers, stored.practice_id, stored.created_by],
        ['requested', world.noord, 'Johanna Testpersoon', ['eviction'], world.practiceA, world.users.staffA.id],
      );
      // Urgent (Wgs art. 4 lid 2): the first conversation within 3 working days, as restriction.period.end.
      assert.deepEqual(taskResource['restriction'], { period: { end: stored.first_conversation_due } });
      assert.equal((await auditEntries(db(), 'referral.created')).filter((e) => e.subject_id === referralId).length, 1);
      const consentRow = await db().selectFrom('consents').selectAll().where('referral_id', '=', referralId).executeTakeFirstOrThrow();
      assert.deepEqual([consentRow.recipient_team_id, consentRow.method, consentRow.feedback_allowed], [world.noord, 'verbal', true]);

      const again = await request('POST', '/fhir', tokens['staffA'], bundle);
      assert.equal(again.status, 200);
      const second = await fhirJson<Bundle>(again);
      assert.equal(second.entry[3]!.resource['id'], referralId);
      assert.equal(second.entry[0]!.response!.status, '200 OK');
      assert.equal((await db().selectFrom('referrals').select('id').where('practice_id', '=', world.practiceA).execute()).length, 1);

      const changed = await request(
        'POST',
        '/fhir',
        tokens['staffA'],
        transaction([patient({ birthDate: '1972-03-09' }), serviceRequest('HIS-1'), consent(world.noord)]),
      );
      assert.equal(changed.status, 409);
      assert.match(outcomeText(await fhirJson(changed)).nl, /al eerder verstuurd/);
    });

    it('ServiceRequest?identifier finds the referral by the HIS’s own identifier', async () => {
      const found = await fhirJson<Bundle>(
        await get(`/fhir/ServiceRequest?identifier=${encodeURIComponent('urn:oid:2.16.528.1.1007.3.3.9999|HIS-1')}`, tokens['staffA']),
      );
      assert.deepEqual(
        found.entry.map((e) => e.resource['id']),
        [referralId],
      );
      const other = await fhirJson<Bundle>(
        await get(`/fhir/ServiceRequest?identifier=${encodeURIComponent('urn:oid:2.16.528.1.1007.3.3.9999|HIS-1')}`, tokens['staffB']),
      );
      assert.equal(other.total, 0);
    });
  });

  describe('a team polls and works the referral through Task updates', () => {
    it('Task?owner=…&status=…&_lastUpdated=gt… with _include finds the team’s Tasks, their ServiceRequests and Patients; the read is audited', async () => {
      const query = `owner=Organization/${world.noord}&status=requested&_lastUpdated=gt${encodeURIComponent(since)}&_include=Task:focus&_include=Task:patient`;
      const bundle = await fhirJson<Bundle>(await get(`/fhir/Task?${query}`, tokens['noord']));
      assert.equal(bundle.total, 1);
      assert.deepEqual(
        bundle.entry.map((e) => [e.resource['resourceType'], e.resource['id'], e.search!.mode]),
        [
          ['Task', referralId, 'match'],
          ['ServiceRequest', referralId, 'include'],
          ['Patient', referralId, 'include'],
        ],
      );
      const audit = (await auditEntries(db(), 'referral.list_read')).filter((e) => e.actor_user_id === world.users.noordMember.id);
      assert.ok(audit.some((e) => e.patient_refs.includes(referralId)));
      const later = await fhirJson<Bundle>(
        await get(
          `/fhir/Task?owner=Organization/${world.noord}&_lastUpdated=gt${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
          tokens['noord'],
        ),
      );
      assert.equal(later.total, 0);
    });

    it('another team, another practice and other tenants get 404 for the referral; roles without referrals get 403', async () => {
      for (const path of [`/fhir/Task/${referralId}`, `/fhir/ServiceRequest/${referralId}`, `/fhir/Patient/${referralId}`]) {
        for (const who of ['hengelo', 'staffB']) {
          const res = await get(path, tokens[who]);
          assert.equal(res.status, 404, `${path} as ${who}`);
          await fhirJson(res);
        }
        for (const who of ['coordinator', 'admin']) assert.equal((await get(path, tokens[who])).status, 403, `${path} as ${who}`);
      }
      assert.equal((await fhirJson<Bundle>(await get('/fhir/Task', tokens['hengelo']))).total, 0);
      assert.equal((await fhirJson<Bundle>(await get(`/fhir/Task?owner=Organization/${world.noord}`, tokens['hengelo']))).total, 0);
      assert.equal((await request('PUT', `/fhir/Task/${referralId}`, tokens['hengelo'], task('accepted'))).status, 404);
      assert.ok((await auditEntries(db(), 'access.denied')).some((e) => e.actor_user_id === world.users.hengeloMember.id));
    });

    it('received, accepted, first contact, first conversation and completed go through the state machine; a step it does not allow is a 422', async () => {
      const put = async (body: Json, token = tokens['noord']) => request('PUT', `/fhir/Task/${referralId}`, token, body);
      const statusNow = async () =>
        (await db().selectFrom('referrals').select(['status', 'assigned_to']).where('id', '=', referralId).executeTakeFirstOrThrow()).status;

      const tooEarly = await put(
        task('completed', {
          output: [{ type: { text: 'uitkomst' }, valueCodeableConcept: { coding: [{ system: systems.outcome, code: 'trajectory_started' }] } }],
        }),
      );
      assert.equal(tooEarly.status, 422);
      assert.match(outcomeText(await fhirJson(tooEarly)).nl, /Dit kan niet \(meer\)/);

      const received = await put(task('requested', { businessStatus: { coding: [{ system: systems.businessStatus, code: 'received' }] } }));
      assert.equal(received.status, 200);
      assert.equal(((await fhirJson(received))['businessStatus'] as { coding: Array<{ code: string }> }).coding[0]!.code, 'received');
      assert.equal(await statusNow(), 'received');

      assert.equal((await put(task('accepted'))).status, 200);
      const accepted = await db().selectFrom('referrals').select(['status', 'assigned_to']).where('id', '=', referralId).executeTakeFirstOrThrow();
      assert.deepEqual([accepted.status, accepted.assigned_to], ['accepted', world.users.noordMember.id]);

      const future = await put(task('in-progress', { lastModified: new Date(Date.now() + 3 * 86_400_000).toISOString() }));
      assert.equal(future.status, 422);
      assert.match(outcomeText(await fhirJson(future)).nl, /toekomst/);
      const today = new Date().toISOString();
      assert.equal((await put(task('in-progress', { lastModified: today }))).status, 200);
      const conversation = await put(
        task('in-progress', { lastModified: today, businessStatus: { coding: [{ system: systems.businessStatus, code: 'first-conversation' }] } }),
      );
      assert.equal(conversation.status, 200);
      await fhirJson(conversation);

      const back = await put(task('accepted'));
      assert.equal(back.status, 422);
      await fhirJson(back);

      // The practice may only withdraw; it cannot complete the team's work.
      assert.equal((await put(task('completed'), tokens['staffA'])).status, 422);

      const done = await put(
        task('completed', {
          output: [
            {
              type: { coding: [{ system: systems.outcome, code: 'outcome' }] },
              valueCodeableConcept: {
                coding: [{ system: systems.outcome, code: 'trajectory_started' }],
                text: 'Schuldhulptraject gestart, eerste afspraak gemaakt.',
              },
            },
          ],
        }),
      );
      assert.equal(done.status, 200);
      const completed = await fhirJson(done);
      assert.equal(completed['status'], 'completed');
      assert.equal(await statusNow(), 'completed');
      const events = await db().selectFrom('referral_events').select('type').where('referral_id', '=', referralId).orderBy('id').execute();
      assert.deepEqual(
        events.map((e) => e.type),
        ['created', 'received', 'accepted', 'first_contact', 'first_conversation', 'closed'],
      );
    });

    it('the practice sees the feedback: Task?requester=… over the API and on its referral page in the web app', async () => {
      const bundle = await fhirJson<Bundle>(await get(`/fhir/Task?requester=Organization/${world.practiceA}&status=completed`, tokens['staffA']));
      assert.equal(bundle.total, 1);
      const output = (bundle.entry[0]!.resource['output'] as Array<{ valueCodeableConcept: { text: string } }>)[0]!;
      assert.equal(output.valueCodeableConcept.text, 'Schuldhulptraject gestart, eerste afspraak gemaakt.');
      const browser = await signedInBrowser(app, db(), world.users.staffA);
      const page = await browser.get(`/verwijzingen/${referralId}`);
      assert.equal(page.status, 200);
      assert.match(page.html, /Schuldhulptraject gestart, eerste afspraak gemaakt\./);
    });

    it('Patient and Consent read by id are the minimal set and the recorded consent; each read is audited as in the web app', async () => {
      const readsBefore = (await auditEntries(db(), 'referral.read')).length;
      const person = await fhirJson(await get(`/fhir/Patient/${referralId}`, tokens['noord']));
      assert.equal(person['identifier'], undefined);
      const consentId = (await db().selectFrom('consents').select('id').where('referral_id', '=', referralId).executeTakeFirstOrThrow()).id;
      const consentResource = await fhirJson(await get(`/fhir/Consent/${consentId}`, tokens['staffA']));
      assert.equal(consentResource['status'], 'active');
      assert.equal((await get(`/fhir/Consent/${consentId}`, tokens['staffB'])).status, 404);
      const reads = (await auditEntries(db(), 'referral.read')).slice(readsBefore);
      assert.deepEqual(
        reads.map((r) => [r.patient_ref, (r.details as { via: string; resource: string }).resource]),
        [
          [referralId, 'Patient'],
          [referralId, 'Consent'],
        ],
      );
    });
  });

  describe('the practice withdraws a referral', () => {
    it('Task cancelled from a practice token withdraws it before the team takes it on; a team token cannot', async () => {
      const sent = await fhirJson<Bundle>(
        await request('POST', '/fhir', tokens['staffA'], transaction([patient(), serviceRequest('HIS-CANCEL'), consent(world.noord)])),
      );
      // No Task in the request, so none in the answer (one entry per request entry); the Task shares the ServiceRequest's id.
      assert.deepEqual(
        sent.entry.map((e) => e.resource['resourceType']),
        ['Patient', 'ServiceRequest', 'Consent'],
      );
      const id = sent.entry[1]!.resource['id'] as string;
      const byTeam = await request('PUT', `/fhir/Task/${id}`, tokens['noord'], task('cancelled'));
      assert.equal(byTeam.status, 422);
      const withdrawn = await request('PUT', `/fhir/Task/${id}`, tokens['staffA'], task('cancelled', { statusReason: { text: 'Patiënt belt zelf' } }));
      assert.equal(withdrawn.status, 200);
      assert.equal((await fhirJson(withdrawn))['status'], 'cancelled');
      assert.equal((await db().selectFrom('referrals').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'cancelled');
    });
  });

  describe('launch from the HIS and the social map', () => {
    it('a draft ServiceRequest answers with a link that opens the new-referral page prefilled, for this practice only', async () => {
      const res = await request('POST', '/fhir/ServiceRequest', tokens['staffA'], {
        ...serviceRequest('HIS-DRAFT', { status: 'draft', subject: { reference: '#patient' } }),
        contained: [{ ...patient({ name: [{ text: 'Pieter Conceptpersoon' }] }), id: 'patient' }],
      });
      assert.equal(res.status, 201);
      await fhirJson(res);
      const link = new URL(res.headers.get('location')!);
      assert.match(link.pathname + link.search, /^\/verwijzingen\/nieuw\?concept=[0-9a-f-]{36}$/);
      const page = await (await signedInBrowser(app, db(), world.users.staffA)).get(link.pathname + link.search);
      assert.equal(page.status, 200);
      assert.match(page.html, /value="Pieter Conceptpersoon"/);
      assert.match(page.html, /value="7552 AB"/);
      const otherPractice = await (await signedInBrowser(app, db(), world.users.staffB)).get(link.pathname + link.search);
      assert.doesNotMatch(otherPractice.html, /Pieter Conceptpersoon/);
      assert.equal(await db().selectFrom('referrals').select('id').where('patient_name', '=', 'Pieter Conceptpersoon').executeTakeFirst(), undefined);
      // A draft holds patient data for a day at most: after that the link opens an empty form, and the next draft removes it.
      const draftId = link.searchParams.get('concept')!;
      await db()
        .updateTable('referral_drafts')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id', '=', draftId)
        .execute();
      const expired = await (await signedInBrowser(app, db(), world.users.staffA)).get(link.pathname + link.search);
      assert.doesNotMatch(expired.html, /Pieter Conceptpersoon/);
      await request('POST', '/fhir/ServiceRequest', tokens['staffA'], { ...serviceRequest('HIS-DRAFT-2', { status: 'draft' }) });
      assert.equal(await db().selectFrom('referral_drafts').select('id').where('id', '=', draftId).executeTakeFirst(), undefined);
    });

    it('Organization, HealthcareService and Location come from the social map (the HSDS API’s data) and validate', async () => {
      const hengeloOrg = (await db().selectFrom('teams').select('organisation_id').where('id', '=', world.hengelo).executeTakeFirstOrThrow()).organisation_id;
      const service = await db()
        .insertInto('services')
        .values({ organisation_id: hengeloOrg, name: 'Schuldhulp Hengelo (FHIR)', categories: ['debt_counselling'], updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      const location = await db()
        .insertInto('locations')
        .values({
          organisation_id: hengeloOrg,
          name: 'Stadhuis Hengelo',
          street: 'Markt',
          house_number: '1',
          postcode: '7551 AA',
          city: 'Hengelo',
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db().insertInto('service_locations').values({ service_id: service.id, location_id: location.id }).execute();

      const services = await fhirJson<Bundle>(await get('/fhir/HealthcareService?service-category=debt_counselling', tokens['coordinator']));
      assert.ok(services.entry.some((e) => e.resource['name'] === 'Schuldhulp Hengelo (FHIR)'));
      const one = await fhirJson(await get(`/fhir/HealthcareService/${service.id}`, tokens['noord']));
      assert.deepEqual(one['location'], [{ reference: `Location/${location.id}` }]);
      const place = await fhirJson(await get(`/fhir/Location/${location.id}`, tokens['staffA']));
      assert.equal(place['name'], 'Stadhuis Hengelo');
      await fhirJson(await get(`/fhir/Organization/${hengeloOrg}`, tokens['admin']));
      await fhirJson<Bundle>(await get('/fhir/Organization?_count=2', tokens['admin']));
      const practice = await fhirJson(await get(`/fhir/Organization/${world.practiceA}`, tokens['noord']));
      assert.equal((practice['type'] as Array<{ text: string }>)[0]!.text, 'Huisartsenpraktijk');
      const team = await fhirJson(await get(`/fhir/Organization/${world.noord}`, tokens['staffA']));
      assert.deepEqual(team['partOf'], { reference: `Organization/${hengeloOrg}` });
      assert.equal((await get('/fhir/Location/00000000-0000-4000-8000-000000000000', tokens['staffA'])).status, 404);
    });
  });

  async function teamName(id: string) {
    return (await db().selectFrom('teams').select('name').where('id', '=', id).executeTakeFirst())?.name;
  }
});
