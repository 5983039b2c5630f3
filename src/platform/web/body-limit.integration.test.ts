import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { createTenant, createTestUser, TEST_PASSWORD } from '../../../test/support/fixtures.ts';
import { signedInBrowser, testApp, TestBrowser } from '../../../test/support/http.ts';
import type { AppEnv } from '../http/types.ts';
import { FORM_BODY_LIMIT } from './app.tsx';

const TOO_LARGE = /Wat u stuurt is te groot\./;
/** 100 KB: more than any form needs, far less than the 100 MB the import routes take. */
const padding = 'a'.repeat(100 * 1024);

/** A CBS postcode file (PC6;Huisnummer;Buurt;Wijk;Gemeente) of about `bytes` bytes. */
function cbsFile(bytes: number): string {
  const lines = ['PC6;Huisnummer;Buurt2025;Wijk2025;Gemeente2025'];
  for (let n = 1; lines.join('\n').length < bytes; n++) lines.push(`7511AA;${n};01530101;015301;0153`);
  return lines.join('\n');
}

forEachDatabase('request body limit', (db) => {
  let app: Hono<AppEnv>;
  before(() => {
    app = testApp(db()).app;
  });

  /** Posts a CBS file as the import page's form does (multipart), with the browser's cookies and form token. */
  const uploadPostcodes = (browser: TestBrowser, csv: string) => {
    const form = new FormData();
    form.set('_csrf', browser.csrf ?? '');
    form.set('bestand', new File([csv], 'postcodes.csv', { type: 'text/csv' }));
    return app.request('/beheer/postcodes', { method: 'POST', body: form, headers: { cookie: browser.cookieHeader } });
  };

  describe('anonymous and ordinary form posts', () => {
    for (const path of ['/zelftest', '/inloggen']) {
      it(`an anonymous 100 KB post to ${path} gets 413, before the CSRF check or the form's own handler`, async () => {
        const browser = new TestBrowser(app);
        await browser.get(path);
        // With the page's own CSRF token the form would reach its handler; with a wrong one the CSRF check would answer 403.
        for (const csrf of [browser.csrf, 'A'.repeat(43)]) {
          const res = await browser.post(path, { email: 'iemand@example.nl', password: 'geheim', padding }, { csrf });
          assert.equal(res.status, 413, `csrf ${csrf === browser.csrf ? 'valid' : 'wrong'}`);
          assert.match(res.html, TOO_LARGE);
        }
        // A client that announces the size is refused before a byte of the body is read.
        const announced = await browser.post(path, { padding }, { headers: { 'content-length': String(padding.length + 200) } });
        assert.equal(announced.status, 413);
      });
    }

    it('a form just under 64 KB is still read', async () => {
      const browser = new TestBrowser(app);
      await browser.get('/inloggen');
      const res = await browser.post('/inloggen', { email: 'iemand@example.nl', password: 'geheim', padding: 'a'.repeat(FORM_BODY_LIMIT - 1024) });
      assert.notEqual(res.status, 413);
      assert.doesNotMatch(res.html, TOO_LARGE);
    });
  });

  describe('the import routes', () => {
    it('an anonymous 100 KB upload to the postcode import or the HSDS import gets the small limit too: 413', async () => {
      const browser = new TestBrowser(app);
      await browser.get('/inloggen');
      const upload = await uploadPostcodes(browser, cbsFile(100 * 1024));
      assert.equal(upload.status, 413);
      assert.match(await upload.text(), TOO_LARGE);

      const json = JSON.stringify({ organizations: [], padding });
      const api = await app.request('/api/hsds/import', {
        method: 'POST',
        body: json,
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)) },
      });
      assert.equal(api.status, 413);
    });

    it('a signed-in administrator can still upload a postcode file larger than 64 KB', async () => {
      const admin = await createTestUser(db(), await createTenant(db()), 'admin');
      const browser = await signedInBrowser(app, db(), { email: admin.email, password: TEST_PASSWORD });
      await browser.get('/beheer/postcodes');
      const file = cbsFile(200 * 1024);
      const res = await uploadPostcodes(browser, file);
      const html = await res.text();
      assert.equal(res.status, 200, html.slice(0, 500));
      assert.match(html, new RegExp(`${file.split('\n').length - 1} adressen ingelezen`));
    });
  });
});
