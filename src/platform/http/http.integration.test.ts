import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { forEachDatabase, openTestDatabase } from '../../../test/support/databases.ts';
import { createTenant, createTestUser, TEST_PASSWORD, type Tenant } from '../../../test/support/fixtures.ts';
import { csrfFieldOf, recoveryCodesOf, signedInBrowser, signInOverHttp, testApp, TestBrowser } from '../../../test/support/http.ts';
import type { User } from '../db/schema.ts';
import { currentTotp } from '../auth/totp.ts';
import type { AppEnv } from './types.ts';

forEachDatabase('HTTP', (db, kind) => {
  let app: Hono<AppEnv>;
  let tenant: Tenant;
  let staff: User;
  let admin: User;

  before(async () => {
    app = testApp(db()).app;
    tenant = await createTenant(db());
    staff = await createTestUser(db(), tenant, 'practice_staff', { name: 'Sanne de Vries' });
    admin = await createTestUser(db(), tenant, 'admin');
  });

  const browser = () => new TestBrowser(app);

  describe('health check', () => {
    it('GET /healthz answers 200 when the database answers, and is never cached', async () => {
      const res = await app.request('/healthz');
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok', db: 'ok' });
      assert.equal(res.headers.get('cache-control'), 'no-store');
    });

    it('GET /healthz answers 503 when the database is gone', async (t) => {
      const handle = await openTestDatabase(kind);
      if (!handle) return t.skip('PostgreSQL is not available');
      const separate = testApp(handle.db).app;
      await handle.close();
      const res = await separate.request('/healthz');
      assert.equal(res.status, 503);
      assert.deepEqual(await res.json(), { status: 'unavailable', db: 'down' });
    });
  });

  describe('pages and headers', () => {
    it('an unknown address answers 404 with a page in Dutch', async () => {
      const res = await browser().get('/bestaat-niet');
      assert.equal(res.status, 404);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(res.html, /<html lang="nl"/);
      assert.match(res.html, /Niet gevonden/);
      assert.match(res.html, /Deze pagina bestaat niet \(meer\)\./);
    });

    it('every page comes with a strict Content-Security-Policy and may not be framed or sniffed', async () => {
      for (const path of ['/inloggen', '/bestaat-niet']) {
        const { headers } = await browser().get(path);
        const csp = headers.get('content-security-policy') ?? '';
        assert.match(csp, /script-src 'self'(;|$)/, path);
        assert.match(csp, /default-src 'self'/, path);
        assert.match(csp, /object-src 'none'/, path);
        assert.match(csp, /frame-ancestors 'none'/, path);
        assert.equal(headers.get('x-frame-options'), 'SAMEORIGIN', path);
        assert.equal(headers.get('x-content-type-options'), 'nosniff', path);
        assert.equal(headers.get('referrer-policy'), 'same-origin', path);
        assert.equal(headers.get('strict-transport-security'), null, `${path}: no HSTS without HTTPS`);
      }
    });

    it('behind HTTPS every answer demands HTTPS for a year and cookies are Secure', async () => {
      const secure = new TestBrowser(testApp(db(), { cookieSecure: true }).app);
      const res = await secure.get('/inloggen');
      assert.equal(res.headers.get('strict-transport-security'), 'max-age=31536000; includeSubDomains');
      assert.match(res.headers.getSetCookie().join('\n'), /kl_csrf=[^;]+;.*Secure/);
    });

    it("every answer carries a request id, the caller's own when it sent one", async () => {
      assert.match((await app.request('/inloggen')).headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
      assert.equal((await app.request('/inloggen', { headers: { 'x-request-id': 'lb-1234' } })).headers.get('x-request-id'), 'lb-1234');
    });

    it('the stylesheet comes from the app itself', async () => {
      const res = await app.request(stylesheetOf((await browser().get('/inloggen')).html));
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/css/);
    });
  });

  describe('CSRF protection', () => {
    it('the sign-in page sets an HttpOnly, SameSite CSRF cookie and puts the same token in its form', async () => {
      const b = browser();
      const res = await b.get('/inloggen');
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kl_csrf='));
      assert.ok(cookie);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.ok(b.cookies.get('kl_csrf'));
      assert.equal(csrfFieldOf(res.html), b.cookies.get('kl_csrf'));
    });

    it('posting the sign-in form without the CSRF token is refused with 403, before the password is checked', async () => {
      const b = browser();
      await b.get('/inloggen');
      const res = await b.post('/inloggen', { email: staff.email, password: TEST_PASSWORD }, { csrf: null });
      assert.equal(res.status, 403);
      assert.match(res.html, /Dit formulier is verlopen of kwam niet van Korte Lijn/);
      assert.equal(b.cookies.has('kl_session'), false);
    });

    it('a token that does not match the cookie is refused with 403', async () => {
      const b = browser();
      await b.get('/inloggen');
      const res = await b.post('/inloggen', { email: staff.email, password: TEST_PASSWORD }, { csrf: 'A'.repeat(43) });
      assert.equal(res.status, 403);
    });

    it('a form posted from another site is refused with 403, even with a valid token', async () => {
      const b = browser();
      await b.get('/inloggen');
      const res = await b.post('/inloggen', { email: staff.email, password: TEST_PASSWORD }, { headers: { origin: 'https://evil.example' } });
      assert.equal(res.status, 403);
    });

    it('a form sent as JSON is refused with 403', async () => {
      const b = browser();
      await b.get('/inloggen');
      const res = await app.request('/inloggen', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `kl_csrf=${b.cookies.get('kl_csrf')}` },
        body: JSON.stringify({ email: staff.email, password: TEST_PASSWORD, _csrf: b.csrf }),
      });
      assert.equal(res.status, 403);
    });
  });

  describe('signing in', () => {
    it('a wrong password shows "Het e-mailadres of wachtwoord klopt niet." with status 401 and keeps the e-mail address', async () => {
      const b = browser();
      await b.get('/inloggen');
      const res = await b.post('/inloggen', { email: admin.email, password: 'not-the-password' });
      assert.equal(res.status, 401);
      assert.match(res.html, /Het e-mailadres of wachtwoord klopt niet\./);
      assert.match(res.html, new RegExp(`value="${admin.email}"`));
      assert.equal(b.cookies.has('kl_session'), false);
    });

    it('an empty form is answered 422 and says what is missing', async () => {
      const b = browser();
      await b.get('/inloggen');
      const res = await b.post('/inloggen', { email: '', password: '' });
      assert.equal(res.status, 422);
      assert.match(res.html, /Vul uw e-mailadres in\./);
      assert.match(res.html, /Vul uw wachtwoord in\./);
    });

    it('practice staff sign in with their password, set up the authenticator app, and reach the start page', async () => {
      const b = browser();
      await b.get('/inloggen');
      const afterPassword = await b.post('/inloggen', { email: staff.email, password: TEST_PASSWORD });
      assert.equal(afterPassword.status, 303);
      assert.equal(afterPassword.location, '/tweestaps/instellen');
      assert.match(afterPassword.headers.getSetCookie().find((c) => c.startsWith('kl_session=')) ?? '', /HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/);

      // Half signed in: every other page sends the user back to the second step.
      const early = await b.get('/');
      assert.equal(early.status, 303);
      assert.equal(early.location, '/tweestaps/instellen');

      const setUp = await b.get('/tweestaps/instellen');
      assert.equal(setUp.status, 200);
      assert.match(setUp.html, /<svg/);
      const shownKey = /data-testid="totp-secret">([A-Z2-7]+)</.exec(setUp.html)?.[1];
      const stored = await db().selectFrom('users').select('totp_secret').where('id', '=', staff.id).executeTakeFirstOrThrow();
      assert.equal(shownKey, stored.totp_secret);

      // The answer shows the recovery codes, once, and leads on to the start page.
      const afterCode = await b.post('/tweestaps/instellen', { code: currentTotp(shownKey!) });
      assert.equal(afterCode.status, 200);
      assert.equal(recoveryCodesOf(afterCode.html).length, 10);
      assert.match(afterCode.html, /href="\/"/);

      const home = await b.get('/');
      assert.equal(home.status, 200);
      assert.match(home.html, /Welkom, Sanne de Vries/);
      assert.match(home.html, /Medewerker huisartsenpraktijk/);
      // Signed-in pages are never cached (shared practice computers, the Back button); assets are.
      assert.equal(home.headers.get('cache-control'), 'no-store');
      assert.notEqual((await b.get(stylesheetOf(home.html))).headers.get('cache-control'), 'no-store');
    });

    it('practice staff who set up the app before are asked for its code at the next sign-in', async () => {
      const b = browser();
      await b.get('/inloggen');
      const afterPassword = await b.post('/inloggen', { email: staff.email, password: TEST_PASSWORD });
      assert.equal(afterPassword.location, '/tweestaps');
      const home = await signInOverHttp(browser(), db(), { email: staff.email, password: TEST_PASSWORD });
      assert.equal(home.status, 200);
      assert.match(home.html, /Welkom, Sanne de Vries/);
    });

    it('visitors who are not signed in are sent to sign in, and brought back afterwards', async () => {
      const b = browser();
      const res = await b.get('/account');
      assert.equal(res.status, 303);
      assert.equal(res.location, '/inloggen?terug=%2Faccount');
      await b.follow(res);
      const signedIn = await b.post('/inloggen?terug=%2Faccount', { email: admin.email, password: TEST_PASSWORD });
      assert.equal(signedIn.location, '/tweestaps/instellen?terug=%2Faccount', 'the second factor keeps where to go back to');
      const setUp = await b.follow(signedIn);
      const key = /data-testid="totp-secret">([A-Z2-7]+)</.exec(setUp.html)![1]!;
      const codes = await b.post(signedIn.location!, { code: currentTotp(key) });
      assert.match(codes.html, /href="\/account"/);
      const account = await b.get('/account');
      assert.equal(account.status, 200);
      assert.match(account.html, new RegExp(admin.email));
    });

    it('after signing in, the page never sends people on to another site', async () => {
      for (const target of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
        const b = browser();
        await b.get('/inloggen');
        const res = await b.post(`/inloggen?terug=${encodeURIComponent(target)}`, { email: admin.email, password: TEST_PASSWORD });
        assert.equal(res.status, 303, target);
        assert.match(res.location ?? '', /^\/tweestaps(\/instellen)?$/, `${target}: the second step, with no target to go back to`);
      }
    });

    it('signing out ends the session', async () => {
      const b = await signedInBrowser(app, db(), { email: admin.email, password: TEST_PASSWORD });
      const sessionsBefore = await db().selectFrom('sessions').select('token_hash').where('user_id', '=', admin.id).execute();
      const res = await b.post('/uitloggen', {});
      assert.equal(res.status, 303);
      assert.equal(res.location, '/inloggen');
      assert.equal(b.cookies.has('kl_session'), false);
      const sessionsAfter = await db().selectFrom('sessions').select('token_hash').where('user_id', '=', admin.id).execute();
      assert.equal(sessionsAfter.length, sessionsBefore.length - 1);
      assert.equal((await b.get('/')).location, '/inloggen?terug=%2F');
    });
  });

  describe('language', () => {
    it('?lang=en switches to English, is remembered, and the address loses the parameter', async () => {
      const b = browser();
      const res = await b.get('/inloggen?lang=en');
      assert.equal(res.status, 303);
      assert.equal(res.location, '/inloggen');
      assert.equal(b.cookies.get('kl_lang'), 'en');

      const page = await b.get('/inloggen');
      assert.match(page.html, /<html lang="en"/);
      assert.match(page.html, /Sign in to Korte Lijn/);

      const wrong = await b.post('/inloggen', { email: admin.email, password: 'not-the-password' });
      assert.equal(wrong.status, 401);
      assert.match(wrong.html, /The e-mail address or password is not correct\./);

      const missing = await b.get('/bestaat-niet');
      assert.match(missing.html, /This page does not exist \(any more\)\./);
    });

    it('?lang=nl switches back to Dutch', async () => {
      const b = browser();
      await b.get('/inloggen?lang=en');
      await b.get('/inloggen?lang=nl');
      const page = await b.get('/inloggen');
      assert.match(page.html, /<html lang="nl"/);
      assert.match(page.html, /Inloggen bij Korte Lijn/);
    });
  });
});

/** Where a page links its stylesheet (a name with a hash of its content). */
function stylesheetOf(html: string): string {
  const href = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
  assert.ok(href, 'the page links a stylesheet');
  return href;
}
