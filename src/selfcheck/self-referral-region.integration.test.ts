/**
 * A self-referral is routed by the resident's own region, whichever region sorts first, and one
 * from a postcode that no region serves is not stored at all: the resident is told where to turn
 * (Geldfit, the municipality) in their own language.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase, testContext } from '../../test/support/databases.ts';
import { testApp, TestBrowser } from '../../test/support/http.ts';
import { appError, insertOrganisation, insertTeam } from '../../test/support/fixtures.ts';
import type { Database } from '../platform/db/database.ts';
import { loadShippedPostcodeAreas } from '../routing/reference-data.ts';
import { createSelfReferral } from './create-self-referral.ts';
import { selfReferralInput } from './test-fixture.ts';
import { ui } from './texts.ts';

const BASE_URL = 'http://korte-lijn.test';

/** The rows a stored self-referral writes: none of them may grow when it is not stored. */
async function storedRows(db: Database): Promise<Record<string, number>> {
  const tables = ['referrals', 'consents', 'referral_events', 'notifications', 'outbox_mail', 'audit_log'] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = (await db.selectFrom(table).select('id').execute()).length;
  return counts;
}

forEachDatabase('a self-referral routed by the resident’s region', (db) => {
  let twenteDesk: string;

  before(async () => {
    assert.ok((await loadShippedPostcodeAreas(db())) > 100, 'the shipped (Twente) PC4 table is loaded');
    // Two regions, each with its own fallback desk; Achterhoek sorts first. No municipality has a rule.
    const region = async (name: string, municipality: { name: string; cbsCode: string }, desk: string) => {
      const r = await db().insertInto('regions').values({ name }).returning('id').executeTakeFirstOrThrow();
      const org = await insertOrganisation(db(), r.id, 'municipality', { ...municipality, city: municipality.name });
      const team = await insertTeam(db(), org, { name: desk, phone: '0800 000 0000' });
      await db().updateTable('regions').set({ fallback_team_id: team }).where('id', '=', r.id).execute();
      return team;
    };
    await region('Achterhoek', { name: 'Winterswijk', cbsCode: 'GM0294' }, 'Meldpunt Achterhoek');
    await db().insertInto('postcode_areas').values({ pc4: '7101', municipality_code: 'GM0294', district_code: null, source: 'test' }).execute();
    twenteDesk = await region('Twente', { name: 'Almelo', cbsCode: 'GM0141' }, 'Meldpunt Twente');
  });

  describe('createSelfReferral', () => {
    it('a self-referral from a Twente postcode reaches the Twente desk, although Achterhoek sorts first', async () => {
      const sent = await createSelfReferral(db(), testContext(), selfReferralInput({ postcode: '7601' }), BASE_URL);
      assert.equal(sent.teamName, 'Meldpunt Twente');
      const row = await db().selectFrom('referrals').select(['team_id', 'municipality_code']).where('id', '=', sent.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { team_id: twenteDesk, municipality_code: 'GM0141' });
    });

    it('a self-referral from 1011 AB (no region) is not stored: no referral, consent or audit entry, and the message says where to turn', async () => {
      const before = await storedRows(db());
      await assert.rejects(createSelfReferral(db(), testContext(), selfReferralInput({ postcode: '1011 AB', houseNumber: '1' }), BASE_URL), (err: unknown) => {
        appError('no_team', 422)(err);
        const message = (err as { userMessage: { nl: string; en: string } }).userMessage;
        assert.match(message.nl, /^We kunnen uw vraag niet doorgeven\. .*Daarom hebben we uw gegevens niet bewaard\./);
        assert.match(message.nl, /Bel gratis naar Geldfit: 0800-8115\./);
        assert.match(message.nl, /bel uw gemeente\. .*14 020 in Amsterdam/);
        assert.match(message.en, /Call Geldfit for free: 0800-8115\./);
        return true;
      });
      assert.deepEqual(await storedRows(db()), before);
      const amsterdam = await db().selectFrom('referrals').select('id').where('patient_postcode', 'like', '1011%').execute();
      assert.equal(amsterdam.length, 0, 'nothing in the referrals table');
    });
  });

  describe('the contact form over HTTP', () => {
    it('a request from 1011 AB in Arabic is not stored, and says where to turn in Arabic, with the numbers left to right', async () => {
      const browser = new TestBrowser(testApp(db()).app);
      await browser.get('/zelftest?lang=ar');
      const answered = await browser.post('/zelftest', { lang: 'ar', started: String(Date.now() - 10_000), ends_meet: 'often', unpaid_bills: 'yes' });
      assert.equal(answered.status, 303);
      const result = await browser.follow(answered);
      assert.equal(result.status, 200);
      // Send what the contact form carries (its hidden fields), filled in as a person would.
      const form = /<form method="post" action="\/zelftest\/contact"[\s\S]*?<\/form>/.exec(result.html)?.[0] ?? '';
      const hidden = Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      const before = await storedRows(db());
      const res = await browser.post('/zelftest/contact', {
        ...hidden,
        started: String(Date.now() - 20_000),
        name: 'Fatima El Amrani',
        phone: '06 1122 3344',
        postcode: '1011 AB',
        house_number: '1',
        consent: 'ja',
        stap: 'versturen',
      });
      assert.equal(res.status, 422);
      assert.match(res.html, /<html lang="ar" dir="rtl"/);
      assert.ok(res.html.includes(ui.notStored.ar), 'says in Arabic that nothing was passed on or kept');
      assert.ok(res.html.includes('اتصل مجانًا بـ Geldfit على الرقم <bdi dir="ltr"><a class="utrecht-link" href="tel:08008115">0800-8115</a></bdi>'));
      assert.ok(res.html.includes('مثلًا <bdi dir="ltr">14 020</bdi> في أمستردام'), 'the example number reads 14 020, not 020 14');
      assert.deepEqual(await storedRows(db()), before, 'no referral, consent or audit entry');
    });
  });
});
