/**
 * Sign-in through the pages (the real app in-process, every middleware): two-step verification for
 * every role, the new session token after the second factor, recovery codes shown once and usable
 * once, and — over a real socket — which client address the sign-in throttle and the audit log see
 * behind a proxy (TRUST_PROXY).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { forEachDatabase } from '../../test/support/databases.ts';
import { auditEntries, createTenant, createTestUser, TEST_PASSWORD, type Tenant } from '../../test/support/fixtures.ts';
import { freshTotp, overHttp, recoveryCodesOf, testApp, TestBrowser } from '../../test/support/http.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Database } from '../platform/db/database.ts';
import { currentTotp } from '../platform/auth/totp.ts';
import { startServer, type RunningServer } from '../server.ts';
import { testConfig } from '../platform/config.ts';

/** Signs in with the password and sets up the app; returns the browser (on the codes page), the key and the codes. */
async function enrol(app: Hono<AppEnv>, email: string) {
  const browser = new TestBrowser(app);
  await browser.get('/inloggen');
  const signedIn = await browser.post('/inloggen', { email, password: TEST_PASSWORD });
  assert.equal(signedIn.location, '/tweestaps/instellen');
  const page = await browser.get('/tweestaps/instellen');
  const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page.html)![1]!;
  const codesPage = await browser.post('/tweestaps/instellen', { code: currentTotp(secret) });
  return { browser, secret, codesPage, codes: recoveryCodesOf(codesPage.html) };
}

async function lastStep(db: Database, userId: string): Promise<number> {
  const row = await db.selectFrom('users').select('totp_last_step').where('id', '=', userId).executeTakeFirstOrThrow();
  return Number(row.totp_last_step);
}

forEachDatabase('sign-in pages', (db) => {
  let app: Hono<AppEnv>;
  let tenant: Tenant;

  before(async () => {
    app = testApp(db()).app;
    tenant = await createTenant(db());
  });

  it('a throttled sign-in answers 429 with a Retry-After header that matches the wait the page names', async () => {
    const browser = new TestBrowser(app);
    await browser.get('/inloggen');
    let refused = await browser.post('/inloggen', { email: 'te-vaak@test.kortelijn.nl', password: 'fout-wachtwoord' });
    for (let tries = 1; refused.status !== 429 && tries < 30; tries++) {
      assert.equal(refused.status, 401);
      assert.equal(refused.headers.get('retry-after'), null, 'no Retry-After before the throttle');
      refused = await browser.post('/inloggen', { email: 'te-vaak@test.kortelijn.nl', password: 'fout-wachtwoord' });
    }
    assert.equal(refused.status, 429);
    const minutes = Number(/Wacht (\d+) minu/.exec(refused.html)?.[1]);
    assert.ok(minutes > 0, 'the page names the wait');
    assert.equal(refused.headers.get('retry-after'), String(minutes * 60));
  });

  it('the administrator and the regional coordinator are sent to set up two-step verification, like every role', async () => {
    for (const role of ['admin', 'region_coordinator'] as const) {
      const user = await createTestUser(db(), tenant, role);
      const browser = new TestBrowser(app);
      await browser.get('/inloggen');
      const response = await browser.post('/inloggen', { email: user.email, password: TEST_PASSWORD });
      assert.equal(response.location, '/tweestaps/instellen', role);
      assert.equal((await browser.get('/')).location, '/tweestaps/instellen', `${role}: nothing else before the second factor`);
    }
  });

  it('setting up shows ten recovery codes once, then leads on to the start page with a new session', async () => {
    const user = await createTestUser(db(), tenant, 'admin');
    const browser = new TestBrowser(app);
    await browser.get('/inloggen');
    await browser.post('/inloggen', { email: user.email, password: TEST_PASSWORD });
    const passwordStepCookie = browser.cookies.get('kl_session')!;
    const page = await browser.get('/tweestaps/instellen');
    const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page.html)![1]!;
    const codesPage = await browser.post('/tweestaps/instellen', { code: currentTotp(secret) });
    assert.equal(codesPage.status, 200);
    assert.equal(recoveryCodesOf(codesPage.html).length, 10);
    assert.match(codesPage.headers.get('cache-control') ?? '', /no-store/, 'the codes are not kept in a cache');
    assert.notEqual(browser.cookies.get('kl_session'), passwordStepCookie, 'a new session cookie');
    assert.equal((await browser.get('/')).status, 200, 'the new session is complete');
    assert.equal(recoveryCodesOf((await browser.get('/tweestaps/instellen')).html).length, 0, 'the codes are not shown again');

    const stale = new TestBrowser(app);
    stale.cookies.set('kl_session', passwordStepCookie);
    assert.match((await stale.get('/')).location ?? '', /^\/inloggen/, 'the cookie of the password step no longer works');
  });

  it('after the code step the browser holds a new session cookie and a new form token; the old cookie no longer works', async () => {
    const user = await createTestUser(db(), tenant, 'practice_staff');
    const { secret } = await enrol(app, user.email);
    const browser = new TestBrowser(app);
    await browser.get('/inloggen');
    assert.equal((await browser.post('/inloggen', { email: user.email, password: TEST_PASSWORD })).location, '/tweestaps');
    await browser.get('/tweestaps');
    const before = { cookie: browser.cookies.get('kl_session')!, csrf: browser.csrf };
    const passed = await browser.post('/tweestaps', { code: freshTotp(secret, await lastStep(db(), user.id)) });
    assert.equal(passed.location, '/');
    assert.notEqual(browser.cookies.get('kl_session'), before.cookie);
    await browser.get('/');
    assert.notEqual(browser.csrf, before.csrf);
    const stale = new TestBrowser(app);
    stale.cookies.set('kl_session', before.cookie);
    assert.match((await stale.get('/')).location ?? '', /^\/inloggen/);
    // The old form token is refused with the new session.
    assert.equal((await browser.post('/uitloggen', {}, { csrf: before.csrf })).status, 403);
  });

  it('a lost phone: a recovery code signs in once, the account page says how many are left, and the same code never works again', async () => {
    const user = await createTestUser(db(), tenant, 'team_member');
    const { codes } = await enrol(app, user.email);
    const browser = new TestBrowser(app);
    await browser.get('/inloggen');
    await browser.post('/inloggen', { email: user.email, password: TEST_PASSWORD });
    const codePage = await browser.get('/tweestaps');
    assert.match(codePage.html, /href="\/tweestaps\/herstelcode"/, 'the code page offers the way in without a phone');
    assert.equal((await browser.get('/tweestaps/herstelcode')).status, 200);
    const cookie = browser.cookies.get('kl_session');
    const passed = await browser.post('/tweestaps/herstelcode', { recovery_code: codes[3]! });
    assert.equal(passed.location, '/account?herstelcode=gebruikt');
    assert.notEqual(browser.cookies.get('kl_session'), cookie, 'a new session cookie');
    const account = await browser.follow(passed);
    assert.equal(account.status, 200);
    assert.match(account.html, /U bent ingelogd met een herstelcode/);
    assert.match(account.html, /data-testid="recovery-codes-left">U heeft nog 9 van de 10 herstelcodes/);
    const used = (await auditEntries(db(), 'auth.recovery_code_used')).filter((e) => e.subject_id === user.id);
    assert.equal(used.length, 1);

    const again = new TestBrowser(app);
    await again.get('/inloggen');
    await again.post('/inloggen', { email: user.email, password: TEST_PASSWORD });
    await again.get('/tweestaps/herstelcode');
    const refused = await again.post('/tweestaps/herstelcode', { recovery_code: codes[3]! });
    assert.equal(refused.status, 422);
    assert.match(refused.html, /Deze herstelcode klopt niet of is al gebruikt/);
    assert.equal((await again.get('/')).location, '/tweestaps', 'still not signed in');
  });

  it('the account page makes new recovery codes after a fresh code from the app; the old ones stop working', async () => {
    const user = await createTestUser(db(), tenant, 'practice_admin');
    const { browser, secret, codes } = await enrol(app, user.email);
    await browser.get('/account');
    const wrong = await browser.post('/account/herstelcodes', { code: '12345' });
    assert.equal(wrong.status, 422, 'a code that is not six digits');
    // As if a minute has passed: the app shows a code that was not used yet.
    await db().updateTable('users').set({ totp_last_step: null }).where('id', '=', user.id).execute();
    const renewed = await browser.post('/account/herstelcodes', { code: currentTotp(secret) });
    assert.equal(renewed.status, 200);
    const fresh = recoveryCodesOf(renewed.html);
    assert.equal(fresh.length, 10);
    assert.equal(fresh.filter((c) => codes.includes(c)).length, 0);
    const other = new TestBrowser(app);
    await other.get('/inloggen');
    await other.post('/inloggen', { email: user.email, password: TEST_PASSWORD });
    await other.get('/tweestaps/herstelcode');
    assert.equal((await other.post('/tweestaps/herstelcode', { recovery_code: codes[0]! })).status, 422, 'an old code');
    assert.equal((await other.post('/tweestaps/herstelcode', { recovery_code: fresh[0]! })).status, 303, 'a new code');
  });
});

describe('the client address behind a proxy (TRUST_PROXY), over a real socket', () => {
  let plain: RunningServer;
  let proxied: RunningServer;

  before(async () => {
    [plain, proxied] = await Promise.all([startServer(testConfig({ port: 0 })), startServer(testConfig({ port: 0, trustProxy: ['127.0.0.1', '::1'] }))]);
  });

  after(async () => {
    await Promise.all([plain?.close(), proxied?.close()]);
  });

  /** A wrong password sent with this X-Forwarded-For; returns the address the audit log recorded. */
  async function recordedAddress(server: RunningServer, forwardedFor: string): Promise<string | null> {
    const browser = new TestBrowser(overHttp(server.url));
    await browser.get('/inloggen');
    const requestId = `xff-${Math.random().toString(36).slice(2)}`;
    const response = await browser.post(
      '/inloggen',
      { email: 'niemand@test.kortelijn.nl', password: 'fout' },
      { headers: { 'x-forwarded-for': forwardedFor, 'x-request-id': requestId } },
    );
    assert.equal(response.status, 401);
    const entry = (await auditEntries(server.services.db, 'auth.login_failed')).find((e) => e.request_id === requestId);
    return entry?.ip ?? null;
  }

  it('X-Forwarded-For is ignored when the peer is not a trusted proxy', async () => {
    assert.equal(await recordedAddress(plain, '198.51.100.23'), '127.0.0.1');
  });

  it('behind a trusted proxy the right-most address that is not a trusted proxy is the client', async () => {
    assert.equal(await recordedAddress(proxied, '198.51.100.23'), '198.51.100.23');
    assert.equal(await recordedAddress(proxied, '6.6.6.6, 198.51.100.24'), '198.51.100.24', 'what the client wrote itself is not believed');
    assert.equal(await recordedAddress(proxied, '198.51.100.25, 127.0.0.1'), '198.51.100.25', 'a chain of trusted proxies is walked');
  });

  it('behind a trusted proxy the sign-in throttle counts each client on its own', async () => {
    await recordedAddress(proxied, '198.51.100.26');
    const rows = await proxied.services.db.selectFrom('login_failures').select('ip').where('email', '=', 'niemand@test.kortelijn.nl').execute();
    assert.ok(rows.some((r) => r.ip === '198.51.100.26'));
    assert.ok(!rows.some((r) => r.ip === '127.0.0.1'));
  });
});
