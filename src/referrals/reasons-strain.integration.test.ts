import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { forEachDatabase } from '../../test/support/databases.ts';
import { testApp, type TestBrowser } from '../../test/support/http.ts';
import { signedInBrowser } from '../../test/support/referral-rows.ts';
import { appError } from '../../test/support/fixtures.ts';
import type { User } from '../platform/db/schema.ts';
import { acceptReferral } from './accept-referral.ts';
import { cancelReferral } from './cancel-referral.ts';
import { closeReferral } from './close-referral.ts';
import { rejectReferral } from './reject-referral.ts';
import { sendReferral } from './send-referral.ts';
import { BASE_URL, contextOf, insertReferralWorld, referralInput, type ReferralWorld } from './test-fixture.ts';

/**
 * Issue 12, what the figures need from the work: a reason code when a team declines a referral or
 * closes it without help, seen by the practice; and the strain question, optional with the referral
 * and asked again at closing (migration 2026_11_30_0050). Through the use cases and the real pages.
 */
forEachDatabase('reasons and the strain question on a referral', (db) => {
  let w: ReferralWorld;
  let app: ReturnType<typeof testApp>['app'];

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db()).app;
  });

  const browsers = new Map<string, Promise<TestBrowser>>();
  /** One signed-in browser per user for the suite (a session made directly: sign-in itself is tested elsewhere). */
  const signedIn = (user: User) => {
    if (!browsers.has(user.id)) browsers.set(user.id, signedInBrowser(app, db(), user));
    return browsers.get(user.id)!;
  };
  const send = (overrides: Parameters<typeof referralInput>[1] = {}) => sendReferral(db(), contextOf(w.users.staffA), referralInput(w, overrides), BASE_URL);
  const row = (id: string) => db().selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const keyOf = (html: string) => /name="idempotency_key" value="([^"]+)"/.exec(html)?.[1] ?? '';
  /** The value beside a label in the referral page's status list. */
  const shown = (html: string, label: string) => new RegExp(`<dt[^>]*>${label}</dt>\\s*<dd[^>]*>(?:<span[^>]*>)?([^<]*)`).exec(html)?.[1]?.trim() ?? null;

  describe('declining with a reason', () => {
    it('the decline form without a reason is refused with a Dutch message, and the referral stays open', async () => {
      const { id } = await send();
      const team = await signedIn(w.users.noordMember);
      const refused = await team.post(`/verwijzingen/${id}/afwijzen`, { reject_reason: 'Woont in Almelo' });
      assert.equal(refused.status, 422);
      assert.match(refused.html, /Kies waarom u de verwijzing afwijst\./);
      // The page shown again opens the referral (received), but nothing is declined.
      assert.equal((await row(id)).status, 'received');
      const forged = await team.post(`/verwijzingen/${id}/afwijzen`, { reject_code: 'because', reject_reason: '' });
      assert.equal(forged.status, 422);
    });

    it('a referral declined with “no capacity” stores the code, and the practice sees why even without feedback consent — but not the explanation', async () => {
      const { id } = await send({ consent: { given: true, method: 'verbal', feedbackAllowed: false } });
      const team = await signedIn(w.users.noordMember);
      const done = await team.post(`/verwijzingen/${id}/afwijzen`, { reject_code: 'no_capacity', reject_reason: 'Wachtlijst tot februari' });
      assert.equal(done.status, 303);
      const stored = await row(id);
      assert.equal(stored.status, 'rejected');
      assert.equal(stored.reject_reason, 'no_capacity');
      assert.equal(stored.close_reason, null);
      const practicePage = (await (await signedIn(w.users.staffA)).get(`/verwijzingen/${id}`)).html;
      assert.equal(shown(practicePage, 'Reden van afwijzen'), 'Geen plek: wachtlijst of vol');
      assert.ok(!practicePage.includes('Wachtlijst tot februari'), 'the explanation is feedback the patient did not allow');
      assert.equal(shown((await team.get(`/verwijzingen/${id}`)).html, 'Reden van afwijzen'), 'Geen plek: wachtlijst of vol');
      const audit = await db()
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'referral.rejected')
        .where('patient_ref', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal((audit.details as { reason?: string }).reason, 'no_capacity');
    });

    it('a caller without a code must explain in words (the FHIR Task update); with neither it is refused', async () => {
      const { id } = await send();
      await assert.rejects(rejectReferral(db(), contextOf(w.users.noordMember), { referralId: id }, BASE_URL), appError('reject_reason_missing', 422));
      await rejectReferral(db(), contextOf(w.users.noordMember), { referralId: id, reason: 'Andere gemeente' }, BASE_URL);
      assert.equal((await row(id)).reject_reason, null);
    });

    it('a caller that skips the web forms (the FHIR Task update) cannot store a BSN or an over-long text in a reason or feedback', async () => {
      const { id } = await send();
      const team = contextOf(w.users.noordMember);
      const withBsn = 'Inwoner met BSN 111222333 woont elders';
      await assert.rejects(rejectReferral(db(), team, { referralId: id, reason: withBsn }, BASE_URL), appError('bsn_refused', 422));
      await assert.rejects(rejectReferral(db(), team, { referralId: id, reason: 'x'.repeat(501) }, BASE_URL), appError('text_too_long', 422));
      await assert.rejects(cancelReferral(db(), contextOf(w.users.staffA), { referralId: id, reason: withBsn }, BASE_URL), appError('bsn_refused', 422));
      await acceptReferral(db(), team, { referralId: id, assigneeId: w.users.noordMember.id }, BASE_URL);
      await assert.rejects(
        closeReferral(db(), team, { referralId: id, outcome: 'trajectory_started', feedback: withBsn }, BASE_URL),
        appError('bsn_refused', 422),
      );
      assert.equal((await row(id)).status, 'accepted');
    });
  });

  describe('closing without help', () => {
    it('“referred elsewhere” without a reason is refused; with one, the reason and the strain answer are stored and the practice sees both', async () => {
      const { id } = await send({ strain: 4 });
      await acceptReferral(db(), contextOf(w.users.noordMember), { referralId: id, assigneeId: w.users.noordMember.id }, BASE_URL);
      const team = await signedIn(w.users.noordMember);
      const refused = await team.post(`/verwijzingen/${id}/afsluiten`, { outcome: 'referred_elsewhere', close_code: '', feedback: '' });
      assert.equal(refused.status, 422);
      assert.match(refused.html, /Kies waarom\./);
      assert.equal((await row(id)).status, 'accepted');
      const badStrain = await team.post(`/verwijzingen/${id}/afsluiten`, { outcome: 'referred_elsewhere', close_code: 'outside_area', strain: '9' });
      assert.equal(badStrain.status, 422);
      assert.match(badStrain.html, /Kies een van de antwoorden, of laat de vraag leeg\./);

      const done = await team.post(`/verwijzingen/${id}/afsluiten`, { outcome: 'referred_elsewhere', close_code: 'outside_area', strain: '2', feedback: '' });
      assert.equal(done.status, 303);
      const stored = await row(id);
      assert.deepEqual([stored.status, stored.close_reason, stored.strain_at_referral, stored.strain_at_close], ['completed', 'outside_area', 4, 2]);
      const practicePage = (await (await signedIn(w.users.staffA)).get(`/verwijzingen/${id}`)).html;
      assert.equal(shown(practicePage, 'Reden'), 'Woont buiten ons werkgebied');
      assert.equal(shown(practicePage, 'Rondkomen bij verwijzing'), 'Het lukt niet');
      assert.equal(shown(practicePage, 'Rondkomen bij afsluiten'), 'Best moeilijk');
    });

    it('“not reachable” stores “not reached” by itself; a trajectory started stores no reason', async () => {
      const ctx = contextOf(w.users.noordMember);
      const a = await send();
      await acceptReferral(db(), ctx, { referralId: a.id, assigneeId: w.users.noordMember.id }, BASE_URL);
      await closeReferral(db(), ctx, { referralId: a.id, outcome: 'not_reachable', feedback: null }, BASE_URL);
      assert.deepEqual([(await row(a.id)).status, (await row(a.id)).close_reason], ['failed', 'not_reached']);
      const b = await send();
      await acceptReferral(db(), ctx, { referralId: b.id, assigneeId: w.users.noordMember.id }, BASE_URL);
      await closeReferral(
        db(),
        ctx,
        { referralId: b.id, outcome: 'trajectory_started', closeReason: 'no_capacity', feedback: null, strainAtClose: 1 },
        BASE_URL,
      );
      assert.deepEqual([(await row(b.id)).close_reason, (await row(b.id)).strain_at_close], [null, 1]);
      await assert.rejects(
        closeReferral(db(), ctx, { referralId: (await send()).id, outcome: 'referred_elsewhere', feedback: null }, BASE_URL),
        appError('close_reason_missing', 422),
      );
    });

    it('without feedback consent the practice sees neither the reason for closing nor the strain answer at closing', async () => {
      const { id } = await send({ consent: { given: true, method: 'verbal', feedbackAllowed: false }, strain: 3 });
      const ctx = contextOf(w.users.noordMember);
      await acceptReferral(db(), ctx, { referralId: id, assigneeId: w.users.noordMember.id }, BASE_URL);
      await closeReferral(db(), ctx, { referralId: id, outcome: 'declined', feedback: null, strainAtClose: 3 }, BASE_URL);
      assert.equal((await row(id)).close_reason, 'declined');
      const practicePage = (await (await signedIn(w.users.staffA)).get(`/verwijzingen/${id}`)).html;
      assert.equal(shown(practicePage, 'Reden'), null);
      assert.equal(shown(practicePage, 'Rondkomen bij afsluiten'), null);
      assert.equal(shown(practicePage, 'Rondkomen bij verwijzing'), 'Erg moeilijk', 'the practice recorded this one itself');
    });
  });

  describe('the strain question with a new referral', () => {
    const patient = (key: string, extra: Record<string, string> = {}) => ({
      idempotency_key: key,
      patient_name: 'Stien Spanningstest',
      birth_date: '12-05-1968',
      phone: '06 9876 5432',
      postcode: '7552 AB',
      house_number: '14',
      need_debt_counselling: 'ja',
      question: 'Ik krijg steeds aanmaningen.',
      handover: 'phone_together',
      contact_channel: 'phone',
      team_id: w.noord,
      consent_given: 'ja',
      consent_method: 'verbal',
      feedback_allowed: 'ja',
      stap: 'versturen',
      ...extra,
    });

    it('the form asks it, optionally, in the validated wording with the signals aid’s answers; “not asked” is the default', async () => {
      const page = (await (await signedIn(w.users.staffA)).get('/verwijzingen/nieuw')).html;
      assert.match(page, /Hoe moeilijk is het om rond te komen aan het eind van de maand\? \(niet verplicht\)/);
      for (const answer of ['Helemaal niet moeilijk', 'Een beetje moeilijk', 'Best moeilijk', 'Erg moeilijk', 'Het lukt niet'])
        assert.ok(page.includes(answer), answer);
      assert.match(page, /<input[^>]*name="strain"[^>]*value=""[^>]*checked/);
      // Above "Naam": the assistant who clicks into the name and tabs never crosses it.
      assert.ok(page.indexOf('name="strain"') < page.indexOf('name="patient_name"'));
    });

    it('sent without an answer it stays empty; sent with one it is stored; an answer off the scale is refused and nothing is sent', async () => {
      const browser = await signedIn(w.users.staffA);
      const without = await browser.post('/verwijzingen/nieuw', patient(keyOf((await browser.get('/verwijzingen/nieuw')).html)));
      assert.equal(without.status, 303);
      const idWithout = /\/verwijzingen\/([0-9a-f-]{36})/.exec(without.location ?? '')![1]!;
      assert.equal((await row(idWithout)).strain_at_referral, null);

      const key = keyOf((await browser.get('/verwijzingen/nieuw')).html);
      const bad = await browser.post('/verwijzingen/nieuw', patient(key, { strain: '5' }));
      assert.equal(bad.status, 422);
      assert.match(bad.html, /Kies een van de antwoorden, of laat de vraag leeg\./);
      assert.equal((await db().selectFrom('referrals').select('id').where('idempotency_key', '=', key).execute()).length, 0);

      const sent = await browser.post('/verwijzingen/nieuw', patient(key, { strain: '0' }));
      assert.equal(sent.status, 303);
      const id = /\/verwijzingen\/([0-9a-f-]{36})/.exec(sent.location ?? '')![1]!;
      assert.equal((await row(id)).strain_at_referral, 0);
      const teamPage = (await (await signedIn(w.users.noordMember)).get(`/verwijzingen/${id}`)).html;
      assert.equal(shown(teamPage, 'Rondkomen bij verwijzing'), 'Helemaal niet moeilijk');
    });

    it('a referral started from a signal record has the strain answer of the signals aid filled in, and shows it', async () => {
      const browser = await signedIn(w.users.staffA);
      await browser.get('/signalen');
      const saved = await browser.post('/signalen', { signals: 'insurer_arrears', outcome: 'referred', strain: '3', note: '' });
      assert.equal(saved.status, 303);
      const signalId = new URL(saved.location!, 'http://x').pathname.split('/')[2]!;
      const page = (await browser.get(`/verwijzingen/nieuw?signaal=${signalId}`)).html;
      assert.match(page, /<details class="kl-details" open="" data-testid="strain-question">/);
      assert.match(page, /<input[^>]*name="strain"[^>]*value="3"[^>]*checked/);
    });

    it('the database itself refuses an unknown reason code and a strain answer off the scale', async () => {
      const { id } = await send();
      await assert.rejects(sql`update referrals set reject_reason = 'too_busy' where id = ${id}`.execute(db()));
      await assert.rejects(sql`update referrals set close_reason = 'whatever' where id = ${id}`.execute(db()));
      await assert.rejects(sql`update referrals set strain_at_referral = 5 where id = ${id}`.execute(db()));
      await assert.rejects(sql`update referrals set strain_at_close = -1 where id = ${id}`.execute(db()));
      await sql`update referrals set strain_at_close = 4, close_reason = 'declined' where id = ${id}`.execute(db());
    });
  });
});
