import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { forEachDatabase, testContext } from '../../test/support/databases.ts';
import { auditEntries, createTenant, createTestUser, type Tenant } from '../../test/support/fixtures.ts';
import { testApp } from '../../test/support/http.ts';
import { startTestIdp, type TestIdp } from '../../test/support/oidc-provider.ts';
import { createSession } from '../platform/auth/sessions.ts';
import { testConfig } from '../platform/config.ts';
import { FREE_PAIR_FAILURES } from '../platform/auth/rate-limit.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { saveProvider, type ProviderInput } from './providers.ts';

const APP = 'http://localhost';
const CALLBACK = `${APP}/inloggen/terug`;
const CSRF = 'c'.repeat(43);

forEachDatabase('OpenID Connect sign-in against a real OpenID provider', (db) => {
  let idp: TestIdp;
  let app: Hono<AppEnv>;
  let tenant: Tenant;
  let domain: string;
  let settings: ProviderInput;

  before(async () => {
    idp = await startTestIdp({ redirectUris: [CALLBACK] });
    app = testApp(db()).app;
    tenant = await createTenant(db());
    domain = `esch-${randomBytes(3).toString('hex')}.test`;
    settings = {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      emailDomains: [domain],
      enabled: true,
      mfaFromIdp: false,
      mfaAcrValues: [],
    };
    await saveProvider(db(), testConfig(), testContext(), tenant.practiceId, settings);
  });
  after(() => idp.close());

  const cookieOf = (res: Response, name: string) =>
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${name}=`))
      ?.split(';')[0]!
      .slice(name.length + 1);

  /** A staff member with an account in Korte Lijn and one at the organisation's provider. */
  async function staff(idpAccount: { emailVerified?: boolean; amr?: string[]; acr?: string } = {}, options: { tenant?: Tenant; email?: string } = {}) {
    const email = options.email ?? `anna-${randomBytes(3).toString('hex')}@${domain}`;
    const user = await createTestUser(db(), options.tenant ?? tenant, 'practice_staff', { email });
    const login = `login-${randomBytes(3).toString('hex')}`;
    idp.accounts.set(login, { email, emailVerified: idpAccount.emailVerified ?? true, ...idpAccount });
    return { user, login, email };
  }

  /** The browser's way through the provider: its redirects, its login page, back to the app's callback. */
  async function throughProvider(start: Response, login: string, action: 'login' | 'deny' = 'login') {
    assert.equal(start.status, 303);
    const jar = new Map<string, string>();
    const idpFetch = async (url: string, init: RequestInit = {}) => {
      const res = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const cookie of res.headers.getSetCookie()) {
        const pair = cookie.split(';')[0]!;
        const name = pair.slice(0, pair.indexOf('='));
        if (/expires=Thu, 01 Jan 1970/i.test(cookie) || /max-age=0/i.test(cookie)) jar.delete(name);
        else jar.set(name, pair.slice(name.length + 1));
      }
      return res;
    };
    let res = await idpFetch(start.headers.get('location')!);
    const interaction = new URL(res.headers.get('location')!, idp.issuer).href;
    assert.equal((await idpFetch(interaction)).status, 200, 'the provider shows its login page');
    res = await idpFetch(interaction, {
      method: 'POST',
      body: new URLSearchParams({ login, action }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    let location = new URL(res.headers.get('location')!, idp.issuer).href;
    while (!location.startsWith(CALLBACK)) {
      res = await idpFetch(location);
      assert.ok([302, 303].includes(res.status), `provider step ${location} → ${res.status}`);
      location = new URL(res.headers.get('location')!, idp.issuer).href;
    }
    return location;
  }

  const startAt = (organisationId: string) => app.request(`${APP}/inloggen/organisatie/${organisationId}`);
  const callback = (url: string, flow: string | undefined) => app.request(url, { headers: flow ? { cookie: `kl_oidc=${flow}` } : {} });

  async function signInThroughProvider(login: string) {
    const start = await startAt(tenant.practiceId);
    const flow = cookieOf(start, 'kl_oidc');
    return callback(await throughProvider(start, login), flow);
  }

  it('staff sign in with their organisation’s provider (code flow, PKCE, state, nonce), matched to their existing account; the app’s own second factor follows', async () => {
    const { user, login } = await staff();
    const start = await startAt(tenant.practiceId);
    const authorize = new URL(start.headers.get('location')!);
    assert.equal(authorize.origin, idp.issuer);
    assert.equal(authorize.searchParams.get('redirect_uri'), CALLBACK);
    assert.equal(authorize.searchParams.get('response_type'), 'code');
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authorize.searchParams.get('state') && authorize.searchParams.get('nonce') && authorize.searchParams.get('code_challenge'));
    const flowCookie = start.headers.getSetCookie().find((c) => c.startsWith('kl_oidc='))!;
    assert.match(flowCookie, /HttpOnly/i);
    assert.match(flowCookie, /SameSite=Lax/i);
    assert.match(flowCookie, /Max-Age=600/i);
    assert.match(flowCookie, /Path=\/inloggen/i);
    assert.doesNotMatch(flowCookie, new RegExp(authorize.searchParams.get('code_challenge')!), 'the verifier, not the challenge, stays in the browser');

    const res = await callback(await throughProvider(start, login), cookieOf(start, 'kl_oidc'));
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/tweestaps/instellen');
    const token = cookieOf(res, 'kl_session');
    assert.ok(token, 'a session cookie');
    assert.match(
      res.headers.getSetCookie().find((c) => c.startsWith('kl_oidc='))!,
      /Max-Age=0|expires=Thu, 01 Jan 1970/i,
      'the flow cookie is cleared',
    );
    const sessions = await db().selectFrom('sessions').select(['mfa_passed']).where('user_id', '=', user.id).execute();
    assert.deepEqual(sessions, [{ mfa_passed: false }], 'one new session that still needs the app’s code');
    const login_ = (await auditEntries(db(), 'auth.login')).find((e) => e.subject_id === user.id)!;
    assert.deepEqual(login_.details, { method: 'oidc', organisationId: tenant.practiceId, secondFactor: 'app' });
    // The half-finished session reaches only the second factor.
    const home = await app.request(`${APP}/`, { headers: { cookie: `kl_session=${token}` } });
    assert.equal(home.status, 303);
    assert.match(home.headers.get('location')!, /^\/tweestaps/);
  });

  it('behind a reverse proxy the redirect URI lies under PUBLIC_URL, and the flow cookie is Secure when cookies are', async () => {
    const proxied = testApp(db(), { publicUrl: 'https://kortelijn.example/twente', cookieSecure: true }).app;
    const start = await proxied.request(`http://10.0.0.5:3000/inloggen/organisatie/${tenant.practiceId}`);
    assert.equal(start.status, 303);
    assert.equal(new URL(start.headers.get('location')!).searchParams.get('redirect_uri'), 'https://kortelijn.example/twente/inloggen/terug');
    assert.match(
      start.headers.getSetCookie().find((c) => c.startsWith('kl_oidc='))!,
      /;\s*Secure/i,
    );
  });

  it('where the organisation says so, the provider’s MFA (amr mfa/otp/hwk or a listed acr) stands in for the app’s code; a password alone does not', async () => {
    await saveProvider(db(), testConfig(), testContext(), tenant.practiceId, {
      ...settings,
      clientSecret: '',
      mfaFromIdp: true,
      mfaAcrValues: ['urn:test:loa:2'],
    });
    try {
      for (const [idpAccount, expected] of [
        [{ amr: ['pwd', 'mfa'] }, '/'],
        [{ amr: ['hwk'] }, '/'],
        [{ amr: ['pwd'], acr: 'urn:test:loa:2' }, '/'],
        [{ amr: ['pwd'] }, '/tweestaps/instellen'],
      ] as const) {
        const { user, login } = await staff({ ...idpAccount, amr: [...idpAccount.amr] });
        const res = await signInThroughProvider(login);
        assert.equal(res.headers.get('location'), expected, JSON.stringify(idpAccount));
        const [session] = await db().selectFrom('sessions').select('mfa_passed').where('user_id', '=', user.id).execute();
        assert.equal(session!.mfa_passed, expected === '/');
      }
    } finally {
      await saveProvider(db(), testConfig(), testContext(), tenant.practiceId, { ...settings, clientSecret: '' });
    }
    // Without the organisation's say-so, even amr mfa leaves the app's code to follow.
    const { login } = await staff({ amr: ['mfa'] });
    assert.equal((await signInThroughProvider(login)).headers.get('location'), '/tweestaps/instellen');
  });

  it('no one signs in without a verified e-mail of an active account of this organisation: nothing is created, a blocked account stays blocked', async () => {
    const usersBefore = await db()
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const unverified = await staff({ emailVerified: false });
    const blocked = await staff();
    await db().updateTable('users').set({ disabled_at: new Date() }).where('id', '=', blocked.user.id).execute();
    const otherTenant = await createTenant(db());
    const elsewhere = await staff({}, { tenant: otherTenant });
    const unknownLogin = `login-${randomBytes(3).toString('hex')}`;
    idp.accounts.set(unknownLogin, { email: `nieuw-${randomBytes(3).toString('hex')}@${domain}`, emailVerified: true });
    const foreignLogin = `login-${randomBytes(3).toString('hex')}`;
    idp.accounts.set(foreignLogin, { email: `iemand-${randomBytes(3).toString('hex')}@elders.test`, emailVerified: true });
    const usersAfterSetup = Number(usersBefore.n) + 3;

    for (const [login, reason] of [
      [unverified.login, 'email_not_verified'],
      [blocked.login, 'blocked'],
      [elsewhere.login, 'other_organisation'],
      [unknownLogin, 'no_account'],
      [foreignLogin, 'domain_not_allowed'],
    ] as const) {
      const res = await signInThroughProvider(login);
      assert.equal(res.status, 401, reason);
      assert.equal(cookieOf(res, 'kl_session'), undefined, `${reason}: no session`);
      assert.match(await res.text(), /U kunt zo niet inloggen bij Korte Lijn/);
      const failures = (await auditEntries(db(), 'auth.oidc_failed')).map((e) => (e.details as { reason: string }).reason);
      assert.equal(failures.at(-1), reason);
    }
    const usersNow = await db()
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(usersNow.n), usersAfterSetup, 'no account was created');
    const blockedNow = await db().selectFrom('users').select('disabled_at').where('id', '=', blocked.user.id).executeTakeFirstOrThrow();
    assert.ok(blockedNow.disabled_at);
  });

  it('a way back with another state, without the flow cookie, used twice or refused at the provider signs no one in', async () => {
    const { login } = await staff();
    const start = await startAt(tenant.practiceId);
    const flow = cookieOf(start, 'kl_oidc');
    const back = await throughProvider(start, login);
    const forged = new URL(back);
    forged.searchParams.set('state', 'ander-state-van-een-aanvaller-000000');
    const wrongState = await callback(forged.href, flow);
    assert.equal(wrongState.status, 401);
    assert.match(await wrongState.text(), /Inloggen via uw organisatie is niet gelukt/);
    assert.equal((await auditEntries(db(), 'auth.oidc_failed')).at(-1)!.details['reason'], 'callback_invalid');

    const noCookie = await callback(back, undefined);
    assert.equal(noCookie.status, 400);
    assert.match(await noCookie.text(), /duurde te lang/);

    const again = await signInThroughProvider(login);
    assert.equal(again.status, 303, 'a fresh flow works');
    const replayStart = await startAt(tenant.practiceId);
    const replayFlow = cookieOf(replayStart, 'kl_oidc');
    const replayBack = await throughProvider(replayStart, login);
    assert.equal((await callback(replayBack, replayFlow)).status, 303);
    assert.equal((await callback(replayBack, replayFlow)).status, 401, 'a code works once');

    const denyStart = await startAt(tenant.practiceId);
    const denied = await callback(await throughProvider(denyStart, login, 'deny'), cookieOf(denyStart, 'kl_oidc'));
    assert.equal(denied.status, 401);
    assert.equal((await auditEntries(db(), 'auth.oidc_failed')).at(-1)!.details['providerError'], 'access_denied');
  });

  it('refusals are throttled like passwords: after the free failures the sign-in waits', async () => {
    const unknownLogin = `login-${randomBytes(3).toString('hex')}`;
    idp.accounts.set(unknownLogin, { email: `onbekend-${randomBytes(3).toString('hex')}@${domain}`, emailVerified: true });
    const statuses: number[] = [];
    for (let i = 0; i <= FREE_PAIR_FAILURES; i++) statuses.push((await signInThroughProvider(unknownLogin)).status);
    assert.deepEqual(statuses.slice(0, FREE_PAIR_FAILURES), Array(FREE_PAIR_FAILURES).fill(401));
    const last = await signInThroughProvider(unknownLogin);
    assert.equal(last.status, 429);
    assert.match(await last.text(), /Te veel mislukte pogingen/);
  });

  it('the sign-in page offers each organisation’s provider, and the typed e-mail address leads to the provider of its domain', async () => {
    const page = await (await app.request(`${APP}/inloggen`)).text();
    const { name } = await db().selectFrom('organisations').select('name').where('id', '=', tenant.practiceId).executeTakeFirstOrThrow();
    assert.match(page, new RegExp(`href="/inloggen/organisatie/${tenant.practiceId}"[^>]*>Inloggen via ${name}`));
    assert.match(page, /formaction="\/inloggen\/organisatie\?terug=%2F"/);

    const post = (email: string) =>
      app.request(`${APP}/inloggen/organisatie`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP, cookie: `kl_csrf=${CSRF}` },
        body: new URLSearchParams({ email, password: '', _csrf: CSRF }).toString(),
      });
    const typed = await post(`Anna@${domain.toUpperCase()}`);
    assert.equal(typed.status, 200, 'a page on this site: the CSP lets forms lead nowhere else');
    const onTo = await typed.text();
    assert.match(onTo, new RegExp(`href="/inloggen/organisatie/${tenant.practiceId}"[^>]*>Verder naar inloggen bij ${name}`));
    assert.ok(!onTo.includes(domain.toUpperCase()), 'the e-mail address is not carried on in an address');
    const unknown = await post('anna@elders.test');
    assert.equal(unknown.status, 422);
    assert.match(await unknown.text(), /Voor dit e-mailadres kunt u niet via uw organisatie inloggen/);
    const empty = await post('');
    assert.equal(empty.status, 422);
    assert.match(await empty.text(), /Vul uw e-mailadres in om via uw organisatie in te loggen/);
    assert.equal((await startAt(tenant.municipalityId)).status, 404, 'an organisation without a provider');
  });

  it('an administrator sets up the provider: the secret is stored encrypted, never shown back, the change audited; bad input gets a Dutch message', async () => {
    const admin = await createTestUser(db(), tenant, 'admin');
    const token = await createSession(db(), { userId: admin.id, mfaPassed: true, ip: '127.0.0.1', hours: 1 });
    const { csrf_token: csrf } = await db().selectFrom('sessions').select('csrf_token').where('user_id', '=', admin.id).executeTakeFirstOrThrow();
    const other = await createTenant(db());
    const path = `${APP}/beheer/organisaties/${other.municipalityId}/inloggen`;
    const save = (fields: Record<string, string>) =>
      app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP, cookie: `kl_session=${token}` },
        body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      });
    const secret = 'zeer-geheim-clientgeheim-42';
    const otherDomain = `gemeente-${randomBytes(3).toString('hex')}.test`;
    const form = { issuer: idp.issuer, client_id: 'gemeente-client', client_secret: secret, email_domains: otherDomain, enabled: 'ja' };

    const page = await app.request(path, { headers: { cookie: `kl_session=${token}` } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), new RegExp(CALLBACK.replaceAll('/', '\\/')), 'the redirect URI to register');

    assert.equal((await save({ ...form, client_secret: '' })).status, 422, 'a new provider needs a secret');
    const badIssuer = await save({ ...form, issuer: 'login.example' });
    assert.equal(badIssuer.status, 422);
    assert.match(await badIssuer.text(), /Vul het adres van de inlogdienst \(issuer\) in/);
    const taken = await save({ ...form, email_domains: domain });
    assert.equal(taken.status, 422);
    assert.match(await taken.text(), new RegExp(`Het domein ${domain.replaceAll('.', '\\.')} hoort al bij`));

    const saved = await save(form);
    assert.equal(saved.status, 303);
    const row = await db().selectFrom('oidc_providers').selectAll().where('organisation_id', '=', other.municipalityId).executeTakeFirstOrThrow();
    assert.ok(!row.client_secret_encrypted.includes(secret), 'stored encrypted');
    const shown = await (await app.request(path, { headers: { cookie: `kl_session=${token}` } })).text();
    assert.ok(!shown.includes(secret) && !shown.includes(row.client_secret_encrypted), 'never shown back');
    assert.match(shown, /Er is een geheim opgeslagen/);
    const audit = (await auditEntries(db(), 'oidc.provider_saved')).at(-1)!;
    assert.equal(audit.actor_user_id, admin.id);
    assert.ok(!JSON.stringify(audit.details).includes(secret), 'the audit log holds no secret');
    assert.equal(audit.details['secretChanged'], true);

    assert.equal((await save({ ...form, client_secret: '', mfa_from_idp: 'ja' })).status, 303, 'an empty secret keeps the stored one');
    const kept = await db().selectFrom('oidc_providers').selectAll().where('organisation_id', '=', other.municipalityId).executeTakeFirstOrThrow();
    assert.equal(kept.client_secret_encrypted, row.client_secret_encrypted);
    assert.equal(kept.mfa_from_idp, true);

    const removed = await app.request(`${path}/verwijderen`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP, cookie: `kl_session=${token}` },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    assert.equal(removed.status, 303);
    assert.equal(await db().selectFrom('oidc_providers').select('issuer').where('organisation_id', '=', other.municipalityId).executeTakeFirst(), undefined);
    assert.equal((await auditEntries(db(), 'oidc.provider_removed')).at(-1)!.subject_id, other.municipalityId);
  });
});
