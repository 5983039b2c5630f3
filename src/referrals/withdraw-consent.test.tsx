import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { actorOf, forEachDatabase, testContext } from '../../test/support/databases.ts';
import { appError, createTenant, createTestUser, type Tenant } from '../../test/support/fixtures.ts';
import { testApp } from '../../test/support/http.ts';
import type { Database } from '../platform/db/database.ts';
import type { Insertable } from 'kysely';
import type { ReferralTable, User } from '../platform/db/schema.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { viewContext } from '../platform/ui/view.ts';
import { withdrawConsent } from './withdraw-consent.ts';
import { WithdrawConsentForm } from './withdraw-consent-form.tsx';
import { insertConsent, insertReferral, signedInBrowser, TEST_PATIENT } from '../../test/support/referral-rows.ts';

const BASE_URL = 'https://kortelijn.test';

async function notified(db: Database, referralId: string) {
  return (await db.selectFrom('notifications').select(['user_id', 'kind']).where('referral_id', '=', referralId).execute())
    .map((n) => `${n.kind}:${n.user_id}`)
    .sort();
}

forEachDatabase('consent withdrawal', (db) => {
  let tenant: Tenant;
  let other: Tenant;
  let staff: User;
  let colleague: User;
  let member: User;
  let coordinator: User;
  let otherStaff: User;
  let otherMember: User;
  let app: Hono<AppEnv>;

  before(async () => {
    tenant = await createTenant(db());
    other = await createTenant(db());
    staff = await createTestUser(db(), tenant, 'practice_staff');
    colleague = await createTestUser(db(), tenant, 'practice_admin');
    member = await createTestUser(db(), tenant, 'team_member');
    coordinator = await createTestUser(db(), tenant, 'team_admin');
    otherStaff = await createTestUser(db(), other, 'practice_staff');
    otherMember = await createTestUser(db(), other, 'team_member');
    app = testApp(db()).app;
  });

  async function referralWithThread(overrides: Partial<Insertable<ReferralTable>> = {}) {
    const id = await insertReferral(db(), { practiceId: tenant.practiceId, teamId: tenant.teamId, ...overrides });
    await insertConsent(db(), id, tenant.teamId, staff.id);
    await db().insertInto('messages').values({ referral_id: id, author_id: staff.id, author_side: 'practice', body: 'Mevrouw is erg ongerust.' }).execute();
    return id;
  }

  test('recorded by the practice: processing stops, the consent is marked withdrawn, personal data is erased at once and the team is told', async () => {
    const id = await referralWithThread({ status: 'accepted', assigned_to: member.id });
    const result = await withdrawConsent(db(), testContext({ actor: actorOf(staff) }), { referralId: id, baseUrl: BASE_URL });
    assert.deepEqual(result, { alreadyWithdrawn: false, cancelled: true });

    const row = await db().selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'cancelled');
    assert.ok(row.closed_at);
    assert.ok(row.consent_withdrawn_at);
    assert.ok(row.personal_data_erased_at);
    for (const field of [
      'patient_name',
      'patient_birth_date',
      'patient_phone',
      'patient_email',
      'patient_postcode',
      'patient_house_number',
      'preferred_language',
      'best_time_to_call',
      'question',
    ] as const) {
      assert.equal(row[field], null, `${field} is erased`);
    }
    assert.deepEqual(row.needs, ['debt_counselling'], 'counts and needs are kept');
    assert.equal(row.municipality_code, 'GM0164');

    const consent = await db()
      .selectFrom('consents')
      .select(['withdrawn_at', 'withdrawal_recorded_by'])
      .where('referral_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(consent.withdrawn_at);
    assert.equal(consent.withdrawal_recorded_by, staff.id);

    const messages = await db().selectFrom('messages').select('body').where('referral_id', '=', id).execute();
    assert.deepEqual(messages, [{ body: null }]);

    assert.deepEqual(await notified(db(), id), [`consent_withdrawn:${member.id}`, `consent_withdrawn:${coordinator.id}`].sort());

    const event = await db()
      .selectFrom('referral_events')
      .select(['type', 'from_status', 'to_status', 'actor_user_id'])
      .where('referral_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(event, { type: 'consent_withdrawn', from_status: 'accepted', to_status: 'cancelled', actor_user_id: staff.id });

    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'referral.consent_withdrawn').where('patient_ref', '=', id).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_user_id, staff.id);
    assert.ok(!JSON.stringify(audit[0]!.details).includes(TEST_PATIENT.patient_name));
  });

  test('recorded by the holding team: the practice is told, and the assigned colleague when someone else recorded it', async () => {
    const id = await referralWithThread({ status: 'in-progress', assigned_to: member.id });
    await withdrawConsent(db(), testContext({ actor: actorOf(coordinator) }), { referralId: id, baseUrl: BASE_URL });
    assert.deepEqual(await notified(db(), id), [`consent_withdrawn:${staff.id}`, `consent_withdrawn:${colleague.id}`, `consent_withdrawn:${member.id}`].sort());
    const consent = await db().selectFrom('consents').select('withdrawal_recorded_by').where('referral_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(consent.withdrawal_recorded_by, coordinator.id);
  });

  test('recording it a second time changes nothing and tells nobody again', async () => {
    const id = await referralWithThread();
    await withdrawConsent(db(), testContext({ actor: actorOf(staff) }), { referralId: id, baseUrl: BASE_URL });
    const again = await withdrawConsent(db(), testContext({ actor: actorOf(member) }), { referralId: id, baseUrl: BASE_URL });
    assert.deepEqual(again, { alreadyWithdrawn: true, cancelled: false });
    assert.equal((await notified(db(), id)).length, 2);
    const audit = await db().selectFrom('audit_log').select('id').where('action', '=', 'referral.consent_withdrawn').where('patient_ref', '=', id).execute();
    assert.equal(audit.length, 1);
  });

  test('on a referral that is already closed, the status stays and the data is still erased', async () => {
    const id = await referralWithThread({ status: 'completed', closed_at: new Date('2026-11-01T10:00:00Z'), outcome: 'trajectory_started' });
    const result = await withdrawConsent(db(), testContext({ actor: actorOf(staff) }), { referralId: id, baseUrl: BASE_URL });
    assert.deepEqual(result, { alreadyWithdrawn: false, cancelled: false });
    const row = await db().selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'completed');
    assert.equal(row.outcome, 'trajectory_started');
    assert.equal(row.patient_name, null);
  });

  test('another practice, another team or a team that forwarded the referral cannot record it: 404', async () => {
    const id = await referralWithThread();
    const formerTeam = await createTenant(db());
    const former = await createTestUser(db(), formerTeam, 'team_member');
    await db()
      .insertInto('referral_events')
      .values({ referral_id: id, type: 'forwarded', from_team_id: formerTeam.teamId, to_team_id: tenant.teamId })
      .execute();
    for (const user of [otherStaff, otherMember, former]) {
      await assert.rejects(withdrawConsent(db(), testContext({ actor: actorOf(user) }), { referralId: id, baseUrl: BASE_URL }), appError('not_found', 404));
    }
    const row = await db().selectFrom('referrals').select(['patient_name', 'consent_withdrawn_at']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.patient_name, TEST_PATIENT.patient_name);
    assert.equal(row.consent_withdrawn_at, null);
  });

  test('over HTTP: without ticking the confirmation box the form comes back with a Dutch error and nothing changes', async () => {
    const id = await referralWithThread();
    const browser = await signedInBrowser(app, db(), staff);
    const res = await browser.post(`/verwijzingen/${id}/toestemming-intrekken`, {});
    assert.equal(res.status, 422);
    assert.match(res.html, /id="error-summary"/);
    assert.match(res.html, /Vink aan dat de patiënt de toestemming heeft ingetrokken\./);
    assert.match(res.html, /href="#field-bevestig"/);
    const row = await db().selectFrom('referrals').select('consent_withdrawn_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.consent_withdrawn_at, null);
  });

  test('over HTTP: with the box ticked the withdrawal is recorded and the browser returns to the referral', async () => {
    const id = await referralWithThread();
    const browser = await signedInBrowser(app, db(), member);
    const res = await browser.post(`/verwijzingen/${id}/toestemming-intrekken`, { bevestig: 'ja' });
    assert.equal(res.status, 303);
    assert.equal(res.location, `/verwijzingen/${id}`);
    const row = await db().selectFrom('referrals').select(['status', 'consent_withdrawn_at']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'cancelled');
    assert.ok(row.consent_withdrawn_at);
  });

  test('over HTTP: a user of another practice gets 404, and an id that is no UUID too', async () => {
    const id = await referralWithThread();
    const browser = await signedInBrowser(app, db(), otherStaff);
    assert.equal((await browser.post(`/verwijzingen/${id}/toestemming-intrekken`, { bevestig: 'ja' })).status, 404);
    assert.equal((await browser.post('/verwijzingen/niet-een-id/toestemming-intrekken', { bevestig: 'ja' })).status, 404);
  });

  test('the form for the detail page posts with the CSRF token, asks for confirmation and says what will happen', () => {
    const view = viewContext({ lang: 'nl', actor: null, csrfToken: 'token-123', path: '/', signedIn: true, unread: 0 });
    const html = (<WithdrawConsentForm view={view} referralId="00000000-0000-4000-8000-000000000001" />).toString();
    assert.match(html, /<form method="post" action="\/verwijzingen\/00000000-0000-4000-8000-000000000001\/toestemming-intrekken"/);
    assert.match(html, /name="_csrf" value="token-123"/);
    assert.match(html, /type="checkbox" id="field-bevestig" name="bevestig" value="ja" required/);
    assert.match(html, /<label class="utrecht-form-label utrecht-form-label--checkbox" for="field-bevestig">/);
    assert.match(html, /U kunt dit niet ongedaan maken\./);
  });
});
