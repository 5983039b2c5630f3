/**
 * No BSN, ever (docs/product.md), through the real app: a BSN typed in a form, or sent in an HSDS
 * document, is refused with the one message of platform/bsn.ts, and nothing is stored. The rule per
 * field is in no-bsn.test.ts.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase, testContext } from '../test/support/databases.ts';
import { TEST_PASSWORD } from '../test/support/fixtures.ts';
import { signInOverHttp, TestBrowser, testApp } from '../test/support/http.ts';
import { insertReferralWorld, type ReferralWorld } from './referrals/test-fixture.ts';
import { createApiToken } from './interop/hsds/create-api-token.ts';

const BSN_MESSAGE = 'Uw tekst bevat een nummer dat lijkt op een BSN (burgerservicenummer). Korte Lijn bewaart nooit een BSN. Haal het nummer weg.';

forEachDatabase('no BSN over HTTP', (db) => {
  let w: ReferralWorld;
  let app: ReturnType<typeof testApp>['app'];

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db()).app;
  });

  describe('the referral form', () => {
    it('a BSN in “Wat viel op” comes back 422 with the error summary and the text kept, and nothing is stored', async () => {
      const browser = new TestBrowser(app);
      await signInOverHttp(browser, db(), { email: w.users.staffA.email, password: TEST_PASSWORD });
      const form = await browser.get('/verwijzingen/nieuw');
      const key = /name="idempotency_key" value="([^"]+)"/.exec(form.html)?.[1] ?? '';
      const note = 'Betalingsachterstand, BSN 111222333, graag bellen';
      const refused = await browser.post('/verwijzingen/nieuw', {
        idempotency_key: key,
        patient_name: 'Pieter Proefpatiënt',
        birth_date: '12-05-1968',
        phone: '06 9876 5432',
        postcode: '7552 AB',
        house_number: '14',
        need_debt_counselling: 'ja',
        question: note,
        handover: 'meeting_at_practice',
        contact_channel: 'phone',
        team_id: w.noord,
        consent_given: 'ja',
        consent_method: 'verbal',
        feedback_allowed: 'ja',
        stap: 'versturen',
      });
      assert.equal(refused.status, 422);
      assert.match(refused.html, /id="error-summary"/);
      assert.ok(refused.html.includes(`href="#field-question">${BSN_MESSAGE}</a>`), 'the summary leads to the field');
      assert.ok(refused.html.includes(`>${note}</textarea>`), 'what was typed is kept');
      assert.deepEqual(await db().selectFrom('referrals').select('id').where('idempotency_key', '=', key).execute(), []);
    });
  });

  describe('the HSDS import API', () => {
    it('a BSN in a text of the document is refused with 422 and the one BSN message, and nothing is imported', async () => {
      const { token } = await createApiToken(db(), testContext(), { email: w.users.admin.email, label: 'koppeling' });
      const region = (await db().selectFrom('regions').select('name').where('id', '=', w.regionId).executeTakeFirstOrThrow()).name;
      const id = '6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c';
      const importing = (description: string) =>
        app.request(`http://localhost/api/hsds/import?region=${encodeURIComponent(region)}`, {
          method: 'POST',
          body: JSON.stringify([{ id, name: 'Formulierenhulp Almelo', description }]),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        });
      const refused = await importing('Bel ons met uw BSN 111222333 bij de hand');
      assert.equal(refused.status, 422);
      const { error } = (await refused.json()) as { error: string };
      assert.ok(error.includes(`organizations[0].description: ${BSN_MESSAGE}`), error);
      assert.equal(await db().selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst(), undefined);
      assert.equal((await importing('Bel ons met factuurnummer 123456789 bij de hand')).status, 200, 'an ordinary number imports');
    });
  });
});
