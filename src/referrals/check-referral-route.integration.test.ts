/**
 * A practice referral is routed by the patient's region, never the practice's (docs/product.md loop
 * step 4): a Twente practice's patient who lives in another region goes to that region's fallback
 * desk; a patient who lives outside every region goes to the practice's own regional desk, and the
 * "Controleren" step says so before anything is sent.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signedInBrowser, testApp } from '../../test/support/http.ts';
import { insertOrganisation, insertTeam, TEST_PASSWORD, unique } from '../../test/support/fixtures.ts';
import { checkReferralRoute } from './check-referral-route.ts';
import { sendReferral } from './send-referral.ts';
import { BASE_URL, contextOf, insertReferralWorld, referralInput, type ReferralWorld } from './test-fixture.ts';

forEachDatabase('a referral routed by the patient’s region', (db) => {
  let w: ReferralWorld;
  /** The fallback desk of IJsselland, the region of Zwolle (PC4 8011). */
  let ijsselland: string;
  let ijssellandName: string;
  let regionalName: string;

  before(async () => {
    w = await insertReferralWorld(db());
    // A second region with its own fallback desk; its name sorts before Twente's.
    const region = await db()
      .insertInto('regions')
      .values({ name: `IJsselland ${unique()}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const zwolle = await insertOrganisation(db(), region.id, 'municipality', { name: 'Gemeente Zwolle', cbsCode: 'GM0193', city: 'Zwolle' });
    ijssellandName = `Meldpunt Geldzorgen IJsselland ${unique()}`;
    ijsselland = await insertTeam(db(), zwolle, { name: ijssellandName, phone: '038 000 0000' });
    await db().updateTable('regions').set({ fallback_team_id: ijsselland }).where('id', '=', region.id).execute();
    await db().insertInto('postcode_areas').values({ pc4: '8011', municipality_code: 'GM0193', district_code: null, source: 'test' }).execute();
    regionalName = (await db().selectFrom('teams').select('name').where('id', '=', w.regional).executeTakeFirstOrThrow()).name;
  });

  describe('the route before sending', () => {
    it('a Twente practice’s patient who lives in another region goes to that region’s fallback desk, and the referral is stored there', async () => {
      const ctx = contextOf(w.users.staffA);
      const route = await checkReferralRoute(db(), ctx, { postcode: '8011 AB', houseNumber: '3', need: 'debt_counselling' });
      assert.equal(route.teamId, ijsselland, 'not the Twente desk of the practice');
      assert.equal(route.reason, 'no_municipality_rule');
      assert.equal(
        route.explanation.nl,
        `8011 AB ligt in Zwolle, maar daar is nog geen team ingesteld. De verwijzing gaat naar ${ijssellandName}. Dit is het regionale loket. Dat zoekt de juiste hulp in de woonplaats.`,
      );

      const sent = await sendReferral(db(), ctx, referralInput(w, { postcode: '8011 AB', house_number: '3', recipientTeamId: ijsselland }), BASE_URL);
      const row = await db().selectFrom('referrals').select(['team_id', 'municipality_code']).where('id', '=', sent.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { team_id: ijsselland, municipality_code: 'GM0193' });
    });

    it('a patient who lives outside every region goes to the practice’s regional desk, with an explanation that says so', async () => {
      const route = await checkReferralRoute(db(), contextOf(w.users.staffA), { postcode: '1011 AB', houseNumber: '1', need: 'debt_counselling' });
      assert.equal(route.teamId, w.regional);
      assert.equal(route.reason, 'outside_region');
      assert.equal(
        route.explanation.nl,
        `1011 AB ligt buiten de regio. De inwoner woont in een gemeente waar Korte Lijn geen team heeft. Daarom gaat de verwijzing naar het regionale loket van de praktijk: ${regionalName}. Dit loket zoekt hulp in de gemeente van de inwoner.`,
      );
      assert.match(route.explanation.en, /^1011 AB is outside the region\. .* So the referral goes to the practice's regional desk: /);
    });
  });

  describe('the “Controleren” step over HTTP', () => {
    it('for a patient outside every region, the page warns that the practice’s regional desk receives it, and sends nothing', async () => {
      const browser = await signedInBrowser(testApp(db()).app, db(), { email: w.users.staffA.email, password: TEST_PASSWORD });
      const form = await browser.get('/verwijzingen/nieuw');
      const key = /name="idempotency_key" value="([^"]+)"/.exec(form.html)?.[1] ?? '';
      const count = async () => (await db().selectFrom('referrals').select('id').execute()).length;
      const before = await count();
      const checked = await browser.post('/verwijzingen/nieuw', {
        idempotency_key: key,
        patient_name: 'Pieter Proefpatiënt',
        birth_date: '12-05-1968',
        phone: '06 9876 5432',
        email: '',
        postcode: '1011 AB',
        house_number: '1',
        preferred_language: 'Nederlands',
        best_time_to_call: '',
        need_debt_counselling: 'ja',
        question: 'Ik krijg steeds aanmaningen.',
        handover: 'phone_together',
        contact_channel: 'phone',
        stap: 'controleren',
      });
      assert.equal(checked.status, 200);
      assert.match(
        checked.html,
        /class="utrecht-alert utrecht-alert--warning"[^>]*>\s*<div class="utrecht-alert__content"><div class="utrecht-alert__message"><p class="utrecht-paragraph kl-referral-route" data-testid="route-explanation">1011 AB ligt buiten de regio\. De inwoner woont in een gemeente waar Korte Lijn geen team heeft\./,
      );
      assert.ok(checked.html.includes(`regionale loket van de praktijk: ${regionalName}`));
      assert.match(checked.html, new RegExp(`name="team_id" value="${w.regional}"`));
      assert.equal(await count(), before);
    });
  });
});
