/**
 * Privacy requests (AVG art. 15–17) on both databases: inzage for one person within the reader's
 * organisation (page and JSON, audited), correcting a referral's contact data, and erasing a closed
 * referral's personal data before the retention term.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signedInBrowser, testApp, type TestBrowser } from '../../test/support/http.ts';
import { TEST_PASSWORD } from '../../test/support/fixtures.ts';
import type { User } from '../platform/db/schema.ts';
import { BASE_URL, contextOf, insertReferralWorld, referralInput, type ReferralWorld } from '../referrals/test-fixture.ts';
import { sendReferral } from '../referrals/send-referral.ts';
import { addReferralMessage } from '../referrals/add-message.ts';
import { cancelReferral } from '../referrals/cancel-referral.ts';
import { findPersonData } from './find-person-data.ts';
import { erasePersonalDataOnRequest } from './erase-personal-data.ts';

const JOHANNA = { patient_name: 'Johanna Inzage', birth_date: '1971-03-09', postcode: '7552 AB', house_number: '14' };
const request = { name: 'johanna  inzage', birthDate: '1971-03-09', postcode: '7552ab', houseNumber: null };

forEachDatabase('privacy requests', (db) => {
  let w: ReferralWorld;
  let app: ReturnType<typeof testApp>['app'];
  let johanna: string[];
  let otherPerson: string;
  let otherPractice: string;
  const browsers = new Map<string, TestBrowser>();
  const signedIn = async (user: User) => {
    let browser = browsers.get(user.id);
    if (!browser) {
      browser = await signedInBrowser(app, db(), { email: user.email, password: TEST_PASSWORD });
      browsers.set(user.id, browser);
    }
    return browser;
  };

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db()).app;
    const send = (user: User, fields: Partial<Parameters<typeof referralInput>[1]>) =>
      sendReferral(db(), contextOf(user), referralInput(w, fields), BASE_URL).then((r) => r.id);
    johanna = [await send(w.users.staffA, JOHANNA), await send(w.users.staffA, { ...JOHANNA, question: 'Weer rekeningen.' })];
    await addReferralMessage(db(), contextOf(w.users.staffA), { referralId: johanna[0]!, body: 'Zij werkt tot 15.00 uur.', baseUrl: BASE_URL });
    otherPerson = await send(w.users.staffA, { ...JOHANNA, birth_date: '1980-01-01' });
    otherPractice = await send(w.users.staffB, JOHANNA);
  });

  describe('inzage', () => {
    it("a practice manager gets the person's referrals of their own practice, with consents, messages and history — nobody else's", async () => {
      const data = await findPersonData(db(), contextOf(w.users.adminA), request, 'page');
      assert.deepEqual(data.referrals.map((r) => r.referral.id).sort(), [...johanna].sort());
      const first = data.referrals.find((r) => r.referral.id === johanna[0])!;
      assert.equal(first.consents.length, 1);
      assert.equal(first.consents[0]!.feedbackAllowed, true);
      assert.deepEqual(
        first.messages.map((m) => m.body),
        ['Zij werkt tot 15.00 uur.'],
      );
      assert.ok(first.events.some((e) => e.type === 'created'));
      assert.ok(!data.referrals.some((r) => [otherPerson, otherPractice].includes(r.referral.id)));
    });

    it('a team coordinator gets the referrals their team holds', async () => {
      const data = await findPersonData(db(), contextOf(w.users.noordAdmin), request, 'page');
      // Practice B's referral went to the same district team: the team holds all three of Johanna's.
      assert.deepEqual(data.referrals.map((r) => r.referral.id).sort(), [...johanna, otherPractice].sort());
    });

    it('each answer is audited with the referrals it covers, and one that finds nobody is audited too', async () => {
      await findPersonData(db(), contextOf(w.users.adminA), request, 'json');
      await findPersonData(db(), contextOf(w.users.adminA), { ...request, birthDate: '1999-09-09' }, 'page');
      const entries = await db()
        .selectFrom('audit_log')
        .select(['patient_refs', 'details', 'actor_user_id'])
        .where('action', '=', 'privacy.access_request')
        .where('actor_user_id', '=', w.users.adminA.id)
        .orderBy('id')
        .execute();
      const [json, none] = entries.slice(-2);
      assert.deepEqual([...json!.patient_refs].sort(), [...johanna].sort());
      assert.deepEqual(json!.details, { referrals: 2, format: 'json' });
      assert.deepEqual(none!.patient_refs, []);
      assert.deepEqual(none!.details, { referrals: 0, format: 'page' });
    });
  });

  describe('the pages', () => {
    it('the answer is refused without the identity check, with a Dutch message', async () => {
      const browser = await signedIn(w.users.adminA);
      await browser.get('/privacyverzoeken');
      const res = await browser.post('/privacyverzoeken/inzage', { naam: 'Johanna Inzage', geboortedatum: '09-03-1971', postcode: '7552 AB' });
      assert.equal(res.status, 422);
      assert.match(res.html, /Vink aan dat u de identiteit van de persoon hebt gecontroleerd/);
    });

    it('the answer as a page lists the referrals and links to the access report, the correction and (when closed) the erasure', async () => {
      const browser = await signedIn(w.users.adminA);
      await browser.get('/privacyverzoeken');
      const res = await browser.post('/privacyverzoeken/inzage', {
        naam: 'Johanna Inzage',
        geboortedatum: '9-3-1971',
        postcode: '7552AB',
        identiteit_gecontroleerd: 'ja',
        formaat: 'pagina',
      });
      assert.equal(res.status, 200);
      assert.match(res.html, /Zij werkt tot 15\.00 uur\./);
      for (const id of johanna) {
        assert.ok(res.html.includes(`/verwijzingen/${id}/toegangsverslag/persoon`));
        assert.ok(res.html.includes(`/verwijzingen/${id}/contactgegevens`));
      }
      assert.ok(!res.html.includes(otherPractice));
    });

    it('the answer as a file is a JSON download with every referral, and the access report then shows the inzage', async () => {
      const browser = await signedIn(w.users.adminA);
      await browser.get('/privacyverzoeken');
      const res = await browser.post('/privacyverzoeken/inzage', {
        naam: 'Johanna Inzage',
        geboortedatum: '1971-03-09',
        postcode: '7552 AB',
        identiteit_gecontroleerd: 'ja',
        formaat: 'json',
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="korte-lijn-inzage-\d{4}-\d{2}-\d{2}\.json"$/);
      const doc = JSON.parse(res.html) as { referrals: Array<{ person: { name: string }; consents: unknown[]; messages: Array<{ text: string }> }> };
      assert.equal(doc.referrals.length, 2);
      assert.ok(doc.referrals.every((r) => r.person.name === 'Johanna Inzage' && r.consents.length === 1));
      const report = await browser.get(`/verwijzingen/${johanna[0]}/toegangsverslag/persoon`);
      assert.match(report.html, /Inzage gegeven/);
      assert.ok(report.html.includes('href="/privacyverzoeken"'), 'the access report links to the inzage');
    });
  });

  describe('correcting contact data', () => {
    it('the practice manager corrects the phone number: stored, recorded in the history without the values, and the team is told', async () => {
      const browser = await signedIn(w.users.adminA);
      const form = await browser.get(`/verwijzingen/${johanna[0]}/contactgegevens`);
      assert.equal(form.status, 200);
      assert.match(form.html, /06 1234 5678/);
      const saved = await browser.post(`/verwijzingen/${johanna[0]}/contactgegevens`, {
        phone: '06 5555 0000',
        email: 'johanna@example.nl',
        preferred_language: 'Nederlands',
        best_time_to_call: 'ochtend',
        contact_channel: 'phone',
      });
      assert.equal(saved.status, 303);
      assert.match((await browser.follow(saved)).html, /Opgeslagen/);
      const row = await db().selectFrom('referrals').select(['patient_phone', 'patient_email']).where('id', '=', johanna[0]!).executeTakeFirstOrThrow();
      assert.deepEqual(row, { patient_phone: '06 5555 0000', patient_email: 'johanna@example.nl' });
      const event = await db()
        .selectFrom('referral_events')
        .selectAll()
        .where('referral_id', '=', johanna[0]!)
        .where('type', '=', 'contact_data_corrected')
        .executeTakeFirstOrThrow();
      assert.equal(event.note, null);
      const audit = await db()
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'referral.contact_data_corrected')
        .where('patient_ref', '=', johanna[0]!)
        .executeTakeFirstOrThrow();
      assert.deepEqual(audit.details, { fields: ['patient_phone', 'patient_email'] });
      assert.doesNotMatch(JSON.stringify(audit.details), /5555|johanna@/);
      const told = await db()
        .selectFrom('notifications')
        .select('user_id')
        .where('referral_id', '=', johanna[0]!)
        .where('kind', '=', 'contact_data_corrected')
        .execute();
      assert.ok(told.some((n) => n.user_id === w.users.noordMember.id));
    });

    it('a channel without its number is refused with a Dutch message', async () => {
      const browser = await signedIn(w.users.noordAdmin);
      await browser.get(`/verwijzingen/${johanna[1]}/contactgegevens`);
      const res = await browser.post(`/verwijzingen/${johanna[1]}/contactgegevens`, { phone: '', email: 'johanna@example.org', contact_channel: 'phone' });
      assert.equal(res.status, 422);
      assert.match(res.html, /De patiënt wil gebeld worden: vul een telefoonnummer in\./);
    });

    it('opening the correction or the erasure page is audited as a read of the referral (NEN 7513)', async () => {
      const browser = await signedIn(w.users.adminA);
      const reads = () =>
        db()
          .selectFrom('audit_log')
          .select('details')
          .where('action', '=', 'referral.read')
          .where('patient_ref', '=', otherPerson)
          .where('actor_user_id', '=', w.users.adminA.id)
          .execute();
      const count = async (page: string) => (await reads()).filter((r) => (r.details as { page?: string }).page === page).length;
      const before = { contact: await count('contact_data'), erasure: await count('erasure') };
      assert.equal((await browser.get(`/verwijzingen/${otherPerson}/contactgegevens`)).status, 200);
      assert.equal((await browser.get(`/verwijzingen/${otherPerson}/wissen`)).status, 200);
      assert.deepEqual({ contact: await count('contact_data'), erasure: await count('erasure') }, { contact: before.contact + 1, erasure: before.erasure + 1 });
    });
  });

  describe('erasure before the retention term', () => {
    it('an open referral is not erased: the page says to withdraw consent first, and a post is refused', async () => {
      const browser = await signedIn(w.users.adminA);
      const page = await browser.get(`/verwijzingen/${johanna[1]}/wissen`);
      assert.match(page.html, /Deze verwijzing loopt nog/);
      await assert.rejects(erasePersonalDataOnRequest(db(), contextOf(w.users.adminA), { referralId: johanna[1]!, ground: 'request' }), { status: 409 });
    });

    it('a closed referral is erased with a ground: personal data, message texts and notes gone, the audit log keeps that it happened and why', async () => {
      await cancelReferral(db(), contextOf(w.users.staffA), { referralId: johanna[0]!, reason: 'Patiënt wil niet meer' }, BASE_URL);
      const browser = await signedIn(w.users.adminA);
      const page = await browser.get(`/verwijzingen/${johanna[0]}/wissen`);
      assert.match(page.html, /Waarom worden de gegevens gewist\?/);
      const refused = await browser.post(`/verwijzingen/${johanna[0]}/wissen`, { grond: 'request' });
      assert.equal(refused.status, 422, 'without the confirmation');
      const erased = await browser.post(`/verwijzingen/${johanna[0]}/wissen`, { grond: 'request', bevestig: 'ja' });
      assert.equal(erased.status, 303);
      assert.match((await browser.follow(erased)).html, /De persoonsgegevens zijn gewist op/);

      const row = await db().selectFrom('referrals').selectAll().where('id', '=', johanna[0]!).executeTakeFirstOrThrow();
      assert.deepEqual(
        [row.patient_name, row.patient_birth_date, row.patient_phone, row.patient_email, row.patient_postcode, row.question, row.route_explanation],
        [null, null, null, null, null, null, null],
      );
      assert.ok(row.personal_data_erased_at);
      assert.equal(row.status, 'cancelled', 'the referral itself stays, for the figures');
      const bodies = await db().selectFrom('messages').select('body').where('referral_id', '=', johanna[0]!).execute();
      assert.deepEqual(bodies, [{ body: null }]);
      const notes = await db().selectFrom('referral_events').select('note').where('referral_id', '=', johanna[0]!).where('note', 'is not', null).execute();
      assert.deepEqual(notes, []);
      const audit = await db()
        .selectFrom('audit_log')
        .select(['details', 'actor_user_id'])
        .where('action', '=', 'referral.personal_data_erased')
        .where('patient_ref', '=', johanna[0]!)
        .executeTakeFirstOrThrow();
      assert.deepEqual(audit, { details: { reason: 'request', ground: 'request' }, actor_user_id: w.users.adminA.id });

      // Erased data are no longer anybody's: the inzage does not find it, and a second erasure is refused.
      const data = await findPersonData(db(), contextOf(w.users.adminA), request, 'page');
      assert.deepEqual(
        data.referrals.map((r) => r.referral.id),
        [johanna[1]],
      );
      await assert.rejects(erasePersonalDataOnRequest(db(), contextOf(w.users.adminA), { referralId: johanna[0]!, ground: 'request' }), { status: 409 });
    });
  });
});
