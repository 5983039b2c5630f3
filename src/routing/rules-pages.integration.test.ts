import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { forEachDatabase, testContext } from '../../test/support/databases.ts';
import { createTenant, createTestUser, nextCbsCode, type Tenant } from '../../test/support/fixtures.ts';
import { testApp } from '../../test/support/http.ts';
import { signedInBrowser } from '../../test/support/referral-rows.ts';
import type { User } from '../platform/db/schema.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { loadShippedPostcodeAreas } from './reference-data.ts';
import { addRule } from './manage-rules.ts';

forEachDatabase('routing rules pages', (db) => {
  let app: Hono<AppEnv>;
  let tenant: Tenant;
  let admin: User;
  let cbs: string;
  let districtCode: string;

  before(async () => {
    await loadShippedPostcodeAreas(db());
    cbs = nextCbsCode();
    tenant = await createTenant(db(), { municipality: { cbsCode: cbs } });
    admin = await createTestUser(db(), tenant, 'admin');
    districtCode = `WK${cbs.slice(2)}01`;
    await db().insertInto('districts').values({ code: districtCode, name: 'Centrum-Test', municipality_code: cbs }).execute();
    app = testApp(db()).app;
  });

  const rulesOf = (code: string) => db().selectFrom('routing_rules').select(['id', 'district_code']).where('municipality_code', '=', code).execute();

  it('a district rule for every need is not called the central desk; only the rule for the whole municipality is', async () => {
    const ctx = testContext();
    await addRule(db(), ctx, { municipality_code: cbs, district_code: null, category: null, team_id: tenant.teamId });
    await addRule(db(), ctx, { municipality_code: cbs, district_code: districtCode, category: null, team_id: tenant.teamId });
    const page = await (await signedInBrowser(app, db(), admin)).get('/beheer/routering');
    assert.equal(page.status, 200);
    const row = (district: string) => new RegExp(`<td[^>]*>${district}</td><td[^>]*>([^<]+)</td>`).exec(page.html)?.[1];
    assert.equal(row('hele gemeente'), 'alle soorten hulp (centraal loket)');
    assert.equal(row('Centrum-Test'), 'alle soorten hulp in deze wijk');
    assert.doesNotMatch(page.html, /alle \(centraal loket\)/);
  });

  describe('removing a rule', () => {
    it('asks first on its own page, then removes the rule and says so', async () => {
      const browser = await signedInBrowser(app, db(), admin);
      const [districtRule] = (await rulesOf(cbs)).filter((r) => r.district_code === districtCode);
      assert.ok(districtRule);
      const list = await browser.get('/beheer/routering');
      assert.match(
        list.html,
        new RegExp(`href="/beheer/routering/${districtRule.id}/verwijderen"`),
        'the table links to the question, it does not remove at once',
      );
      const ask = await browser.get(`/beheer/routering/${districtRule.id}/verwijderen`);
      assert.equal(ask.status, 200);
      assert.match(ask.html, /Regel verwijderen\?/);
      assert.match(ask.html, /Centrum-Test/);
      assert.equal((await rulesOf(cbs)).length, 2, 'asking removes nothing');

      const removed = await browser.post(`/beheer/routering/${districtRule.id}/verwijderen`, {});
      assert.equal(removed.status, 303);
      assert.equal(removed.location, '/beheer/routering?melding=verwijderd');
      assert.match((await browser.follow(removed)).html, /role="status"[^>]*>.*De regel is verwijderd\./s);
      assert.deepEqual(
        (await rulesOf(cbs)).map((r) => r.district_code),
        [null],
      );
    });

    it('the last rule of a municipality cannot be removed: the page says why and the rule stays', async () => {
      const browser = await signedInBrowser(app, db(), admin);
      const [last] = await rulesOf(cbs);
      assert.ok(last);
      const res = await browser.post(`/beheer/routering/${last.id}/verwijderen`, {});
      assert.equal(res.status, 422);
      assert.match(res.html, /Dit is de laatste regel voor deze gemeente\./);
      assert.equal((await rulesOf(cbs)).length, 1);
    });
  });

  it('the postcode table page speaks Dutch to its reader, not about files, columns or commands', async () => {
    const page = await (await signedInBrowser(app, db(), admin)).get('/beheer/postcodes');
    assert.equal(page.status, 200);
    for (const technical of ['npm run', 'cli', '.csv', 'README', 'PC6;', 'hand-compiled', 'src/']) {
      assert.ok(!page.html.replace(/accept="[^"]*"/, '').includes(technical), `the page mentions "${technical}"`);
    }
    assert.match(page.html, /Nu staat alleen de tabel van Twente erin die met Korte Lijn meekomt/);
  });
});
