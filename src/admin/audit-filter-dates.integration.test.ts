import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { forEachDatabase } from '../../test/support/databases.ts';
import { createTenant, createTestUser } from '../../test/support/fixtures.ts';
import { testApp } from '../../test/support/http.ts';
import { signedInBrowser } from '../../test/support/referral-rows.ts';
import type { User } from '../platform/db/schema.ts';
import type { AppEnv } from '../platform/http/types.ts';

forEachDatabase('audit log date filter', (db) => {
  let app: Hono<AppEnv>;
  let admin: User;

  before(async () => {
    const tenant = await createTenant(db());
    admin = await createTestUser(db(), tenant, 'admin');
    app = testApp(db()).app;
  });

  describe('the dates of the audit log filter', () => {
    it('a date written as 31-01-2026, the way the hint asks, filters like 2026-01-31 from a date field', async () => {
      const browser = await signedInBrowser(app, db(), admin);
      for (const van of ['31-01-2026', '2026-01-31']) {
        const page = await browser.get(`/beheer/auditlog?van=${van}`);
        assert.equal(page.status, 200, van);
        assert.doesNotMatch(page.html, /id="error-summary"/, `${van} is accepted`);
        assert.match(page.html, /name="van"[^>]*value="2026-01-31"|value="2026-01-31"[^>]*name="van"/, `${van} fills the date field`);
      }
    });

    it('a date that does not exist is explained with a dd-mm-jjjj example', async () => {
      const page = await (await signedInBrowser(app, db(), admin)).get('/beheer/auditlog?tot=31-02-2026');
      assert.match(page.html, /Vul een datum in, zoals 31-01-2026\./);
      assert.doesNotMatch(page.html, /2026-01-31/);
    });
  });
});
