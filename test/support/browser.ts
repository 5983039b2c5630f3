/**
 * Browser-test support: one Debian Chromium per test file (never a downloaded browser), a sign-in
 * helper that goes through the real Dutch form including two-step verification, and an axe check.
 *
 * TOTP and replay protection: the server refuses a code whose time step is at or before the last
 * step it accepted for that user (`users.totp_last_step`). The server also accepts one step of
 * clock drift either side, as authenticator apps drift. So for a later sign-in the helper types the
 * code of the first step after the last accepted one: the current step, or the next one (which the
 * server accepts as drift), and only waits for the clock when even that has been used.
 */
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { Database } from '../../src/platform/db/database.ts';
import { currentTotp } from '../../src/platform/auth/totp.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const TOTP_PERIOD_MS = 30_000;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
  });
}

export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  if (browser) await browser.close();
}

/** A fresh context (own cookies, so own session and language) with one page, Dutch locale. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  // Generous: CI machines may be busy, and several contexts can run side by side.
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  return { context, page };
}

/**
 * Activates a link or submit button and waits for the page it leads to (after any redirects) to
 * load. Returns that page's HTTP status, so 4xx answers (e.g. a form with errors) can be checked.
 */
export async function follow(page: Page, target: Locator): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().resourceType() === 'document' && r.request().frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400),
    ),
    target.click(),
  ]);
  await page.waitForLoadState('load');
  return response.status();
}

/** Runs axe with the WCAG 2.0–2.2 A/AA rules and fails with every violation spelled out. */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`)
        .join('\n');
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
  assert.equal(results.violations.length, 0, `axe found ${results.violations.length} accessibility violation(s) on ${label}:\n${report}`);
}

function stepOf(ms: number): number {
  return Math.floor(ms / TOTP_PERIOD_MS);
}

/**
 * A code the server will accept for a user who already used `lastUsedStep`: the current step's
 * code, or the next step's (accepted as clock drift), or — only if both are used — waits.
 */
export async function freshTotp(secret: string, lastUsedStep: number | null): Promise<string> {
  for (;;) {
    const now = Date.now();
    const current = stepOf(now);
    // Keep a little margin so the step does not roll over between typing and the server's check.
    const msLeft = (current + 1) * TOTP_PERIOD_MS - now;
    if (lastUsedStep === null || lastUsedStep < current) {
      return currentTotp(secret, msLeft < 1_500 ? now + msLeft : now);
    }
    if (lastUsedStep === current && msLeft > 1_500) {
      return currentTotp(secret, now + TOTP_PERIOD_MS);
    }
    await new Promise((resolve) => setTimeout(resolve, msLeft + 250));
  }
}

export type SignInOutcome = 'home' | 'change-password';

/**
 * Signs in like a person: the Dutch sign-in form, then — when asked — two-step enrolment (reading
 * the key shown on the page, then past the recovery codes it shows once) or the code step (the secret read from `users.totp_secret`, as the
 * user's phone would know it). Ends on the start page, or on the change-password page when the
 * password is temporary (returned as 'change-password').
 */
export async function signIn(page: Page, baseUrl: string, email: string, password: string, db: Database): Promise<SignInOutcome> {
  await page.goto(`${baseUrl}/inloggen`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  const status = await follow(page, page.getByRole('button', { name: 'Inloggen' }));
  assert.equal(status, 200, `signing in as ${email} is accepted (got ${status})`);

  const path = new URL(page.url()).pathname;
  if (path === '/tweestaps/instellen') {
    const secret = (await page.getByTestId('totp-secret').textContent())?.trim();
    assert.ok(secret, 'the enrolment page shows the key');
    await page.getByLabel('Code uit de app').fill(await freshTotp(secret, null));
    await follow(page, page.getByRole('button', { name: 'Instellen' }));
    // The recovery codes are shown once, on the answer to the set-up; then on to the next step.
    assert.ok((await page.getByTestId('recovery-code').count()) > 0, `two-step enrolment of ${email} is accepted and shows recovery codes`);
    await follow(page, page.getByRole('link', { name: 'Ik heb de codes bewaard' }));
  } else if (path === '/tweestaps') {
    const user = await db
      .selectFrom('users')
      .select(['totp_secret', 'totp_last_step'])
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirstOrThrow();
    assert.ok(user.totp_secret, `${email} has a TOTP secret`);
    const code = await freshTotp(user.totp_secret, user.totp_last_step === null ? null : Number(user.totp_last_step));
    await page.getByLabel('Code', { exact: true }).fill(code);
    await follow(page, page.getByRole('button', { name: 'Doorgaan' }));
    assert.notEqual(new URL(page.url()).pathname, '/tweestaps', `the sign-in code of ${email} is accepted`);
  }

  const landed = new URL(page.url()).pathname;
  if (landed === '/wachtwoord-wijzigen') return 'change-password';
  assert.equal(landed, '/', `after signing in ${email} lands on the start page, not ${page.url()}`);
  return 'home';
}

/** Signs out with the header button (Dutch or English) and checks the sign-in page is back. */
export async function signOut(page: Page): Promise<void> {
  await follow(page, page.getByRole('button', { name: /^(Uitloggen|Sign out)$/ }));
  assert.equal(new URL(page.url()).pathname, '/inloggen');
}
