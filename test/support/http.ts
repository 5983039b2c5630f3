/**
 * HTTP tests without a server: the real app (every route, every middleware) driven in-process
 * through `app.request()`, with a tiny browser that keeps cookies and the form CSRF token.
 */
import type { Hono } from 'hono';
import { createApp } from '../../src/app.ts';
import { testConfig, type Config } from '../../src/platform/config.ts';
import type { Database } from '../../src/platform/db/database.ts';
import type { AppEnv, Services } from '../../src/platform/http/types.ts';
import { createLogger } from '../../src/platform/log.ts';
import { acceptTotp, currentTotp } from '../../src/platform/auth/totp.ts';

export function testApp(db: Database, config: Partial<Config> = {}): { app: Hono<AppEnv>; services: Services } {
  const services: Services = { db, config: testConfig(config), log: createLogger('silent') };
  return { app: createApp(services), services };
}

export interface PageResponse {
  status: number;
  headers: Headers;
  /** The body as text (HTML for pages, JSON for /healthz). */
  html: string;
  /** The Location header of a redirect, or null. */
  location: string | null;
}

/** The value of the hidden `_csrf` field that every form carries, or null. */
export function csrfFieldOf(html: string): string | null {
  return /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? null;
}

/** Where a TestBrowser sends its requests: the app in-process (a Hono app) or a running server (overHttp). */
export interface Requester {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

/** Requests to a running server (e.g. startServer's url) over real HTTP; redirects are not followed. */
export function overHttp(baseUrl: string, timeoutMs = 30_000): Requester {
  return { request: (path, init) => fetch(new URL(path, baseUrl), { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) }) };
}

/**
 * Keeps cookies between requests like a browser, and remembers the `_csrf` token of the last page
 * that had a form, which `post()` sends along (override with `{ csrf }`, or leave out with `csrf: null`).
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();

  /** The Cookie header this browser sends (for requests made without it, e.g. a multipart upload). */
  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  csrf: string | null = null;

  constructor(readonly app: Requester) {}

  get(path: string, headers: Record<string, string> = {}): Promise<PageResponse> {
    return this.send(path, { method: 'GET', headers });
  }

  post(path: string, fields: Record<string, string>, options: { csrf?: string | null; headers?: Record<string, string> } = {}): Promise<PageResponse> {
    const form = new URLSearchParams(fields);
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf !== null) form.set('_csrf', csrf);
    return this.send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
      body: form.toString(),
    });
  }

  /** GETs the Location of a redirect. */
  follow(response: PageResponse): Promise<PageResponse> {
    if (!response.location) throw new Error(`Expected a redirect, got ${response.status}`);
    return this.get(response.location);
  }

  private async send(path: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<PageResponse> {
    const cookie = this.cookieHeader;
    const response = await this.app.request(path, { ...init, headers: { ...init.headers, ...(cookie ? { cookie } : {}) } });
    for (const header of response.headers.getSetCookie()) this.storeCookie(header);
    const html = await response.text();
    this.csrf = csrfFieldOf(html) ?? this.csrf;
    return { status: response.status, headers: response.headers, html, location: response.headers.get('location') };
  }

  private storeCookie(header: string): void {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const expired = attributes.some((a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now()));
    if (expired || value === '') this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

/** A TOTP code the server has not seen yet: the current one, or the next step's (accepted as clock drift). */
export function freshTotp(secret: string, lastUsedStep: number | null): string {
  for (const at of [Date.now(), Date.now() + 30_000]) {
    const code = currentTotp(secret, at);
    if (acceptTotp(secret, code, lastUsedStep) !== null) return code;
  }
  throw new Error('No unused TOTP code within the accepted clock drift');
}

/** Waits for the next TOTP step when both codes freshTotp could offer were used already (quick repeated sign-ins). */
async function unusedTotp(secret: string, lastUsedStep: number | null): Promise<string> {
  for (;;) {
    try {
      return freshTotp(secret, lastUsedStep);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 100));
    }
  }
}

/** The recovery codes on the page shown once after setting up two-step verification (or renewing them). */
export function recoveryCodesOf(html: string): string[] {
  return [...html.matchAll(/data-testid="recovery-code">([0-9A-Z-]+)</g)].map((m) => m[1]!);
}

/**
 * Signs in through the pages like a person would: the sign-in form, then (when the role needs it)
 * setting up the authenticator app with the key shown on the page, noting the recovery codes shown
 * once and continuing, or typing the code of an app already set up. Returns the page the flow ends
 * on (the start page, or e.g. the password change).
 */
export async function signInOverHttp(browser: TestBrowser, db: Database, credentials: { email: string; password: string }): Promise<PageResponse> {
  await browser.get('/inloggen');
  let response = await browser.post('/inloggen', credentials);
  if (response.status !== 303) throw new Error(`Sign-in was refused with ${response.status}`);
  if (response.location === '/tweestaps/instellen') {
    const page = await browser.get('/tweestaps/instellen');
    const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page.html)?.[1];
    if (!secret) throw new Error('The set-up page shows no TOTP key');
    response = await browser.post('/tweestaps/instellen', { code: currentTotp(secret) });
    if (response.status !== 200 || recoveryCodesOf(response.html).length === 0) throw new Error(`The set-up was refused with ${response.status}`);
    const next = /<a class="utrecht-button-link[^"]*" href="([^"]+)"/.exec(response.html)?.[1];
    if (!next) throw new Error('The recovery codes page has no way on');
    return browser.get(next);
  } else if (response.location === '/tweestaps') {
    await browser.get('/tweestaps');
    const user = await db
      .selectFrom('users')
      .select(['totp_secret', 'totp_last_step'])
      .where('email', '=', credentials.email.trim().toLowerCase())
      .executeTakeFirstOrThrow();
    response = await browser.post('/tweestaps', {
      code: await unusedTotp(user.totp_secret!, user.totp_last_step === null ? null : Number(user.totp_last_step)),
    });
  }
  if (response.status !== 303) throw new Error(`The second sign-in step was refused with ${response.status}`);
  return browser.follow(response);
}

/** A browser that has completed sign-in (see signInOverHttp); its get/post carry the session and its CSRF token. */
export async function signedInBrowser(app: Requester, db: Database, credentials: { email: string; password: string }): Promise<TestBrowser> {
  const browser = new TestBrowser(app);
  const landing = await signInOverHttp(browser, db, credentials);
  if (landing.status !== 200) throw new Error(`Signing in ended on status ${landing.status}`);
  return browser;
}
