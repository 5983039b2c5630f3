/**
 * Signing in, per role, in a real browser against the real app (in-memory PGlite, Twente demo data):
 * the start page, role-aware navigation, accessibility (axe, WCAG 2.2 AA) of every page in the
 * main navigation, the language switch, signing out, errors, two-step verification and keyboard use.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD, demoAccounts } from '../../src/demo/seed-demo.ts';
import type { Role } from '../../src/platform/db/schema.ts';
import { currentTotp } from '../../src/platform/auth/totp.ts';
import { closeBrowser, expectNoAxeViolations, follow, freshTotp, launchBrowser, newPage, signIn, signOut } from '../support/browser.ts';

/**
 * Links each role must find in the main menu (Dutch labels). The menu grows as features land, so
 * this is a minimum; the page tour below visits whatever the menu offers.
 */
const requiredNavigation: Record<Role, string[]> = {
  practice_staff: ['Start', 'Mijn account'],
  practice_admin: ['Start', 'Mijn organisatie', 'Mijn account'],
  team_member: ['Start', 'Mijn account'],
  team_admin: ['Start', 'Mijn organisatie', 'Mijn account'],
  region_coordinator: ['Start', 'Mijn account'],
  policy_officer: ['Start', 'Cijfers', 'Mijn account'],
  admin: ['Start', 'Organisaties', 'Teams', 'Gebruikers', 'Auditlog', 'Mijn account'],
};
/** Administration that only the functional administrator may see (label and address). */
const adminOnlyLinks: Array<{ name: string; href: string }> = [
  { name: 'Organisaties', href: '/beheer/organisaties' },
  { name: 'Teams', href: '/beheer/teams' },
  { name: 'Gebruikers', href: '/beheer/gebruikers' },
  { name: 'Postcodetabel', href: '/beheer/postcodes' },
  { name: 'Auditlog', href: '/beheer/auditlog' },
];

let server: RunningServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0 })), launchBrowser()]);
});

after(async () => {
  await closeBrowser(browser);
  await server?.close();
});

function mainMenu(page: Page) {
  return page.getByRole('navigation', { name: 'Hoofdmenu' });
}

async function withPage(run: (page: Page) => Promise<void>): Promise<void> {
  const { context, page } = await newPage(browser);
  try {
    await run(page);
  } finally {
    await context.close();
  }
}

/** A fresh practice user nobody else in this file signs in as, so its TOTP steps are its own. */
async function addFreshPracticeUser(email: string, name: string): Promise<void> {
  const db = server.services.db;
  const template = await db
    .selectFrom('users')
    .select(['practice_id', 'password_hash'])
    .where('email', '=', 'assistent@demo.kortelijn.nl')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('users')
    .values({ email, name, role: 'practice_staff', practice_id: template.practice_id, password_hash: template.password_hash, updated_at: new Date() })
    .execute();
}

// The roles use different accounts and browser contexts, so they run side by side (faster suite).
describe('each demo role signs in, finds its own menu, and every page it can reach is accessible', { concurrency: 3 }, () => {
  for (const account of demoAccounts) {
    test(`${account.role} (${account.name}) lands on "Welkom", sees only its own menu, all menu pages pass axe, can switch to English and sign out`, async () => {
      await withPage(async (page) => {
        const outcome = await signIn(page, server.url, account.email, DEMO_PASSWORD, server.services.db);
        assert.equal(outcome, 'home');

        await assertHeading(page, `Welkom, ${account.name}`);

        const menu = mainMenu(page);
        const labels = (await menu.getByRole('link').allTextContents()).map((s) => s.trim());
        for (const name of requiredNavigation[account.role]) {
          assert.ok(labels.includes(name), `the main menu of ${account.role} has "${name}" (it has: ${labels.join(', ')})`);
        }
        assert.equal(labels[0], 'Start', 'the menu starts with the start page');
        if (account.role !== 'admin') {
          for (const { name, href } of adminOnlyLinks) {
            assert.equal(await menu.getByRole('link', { name, exact: true }).count(), 0, `${account.role} has no "${name}" menu link`);
            assert.equal(await page.locator(`a[href^="${href}"]`).count(), 0, `${account.role} sees no link to ${href} anywhere on the start page`);
          }
        }
        assert.equal(await menu.getByRole('link', { name: 'Start', exact: true }).getAttribute('aria-current'), 'page', 'the start page is marked as current');

        // Every page in the main menu: reachable (following redirects), marked current, and accessible.
        const hrefs = await menu
          .getByRole('link')
          .evaluateAll((links) => links.map((a) => [a.textContent?.trim() ?? '', a.getAttribute('href') ?? ''] as const));
        // The start page last, so the tour ends where it began.
        hrefs.sort(([, a], [, b]) => Number(a === '/') - Number(b === '/'));
        for (const [label, href] of hrefs) {
          const link = mainMenu(page).getByRole('link', { name: label, exact: true });
          const status = await follow(page, link);
          assert.ok(status < 400, `menu link "${label}" (${href}) answers ${status} for ${account.role}`);
          const landed = pathOf(page);
          assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, `${landed} has one h1`);
          // Also where the item redirects (Mijn organisatie → the practice's or team's people).
          assert.equal(
            await mainMenu(page).getByRole('link', { name: label, exact: true }).getAttribute('aria-current'),
            'page',
            `"${label}" is marked as the current page at ${landed}`,
          );
          await expectNoAxeViolations(page, `${landed} (menu "${label}") as ${account.role}`);
        }

        // Back on the start page: switch to English.
        assert.equal(pathOf(page), '/');
        await follow(page, page.getByRole('link', { name: 'English', exact: true }));
        assert.equal(new URL(page.url()).search, '', 'the ?lang= switch redirects back to the clean address');
        await assertHeading(page, `Welcome, ${account.name}`);
        assert.equal(await page.locator('html').getAttribute('lang'), 'en');
        assert.ok(await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Home', exact: true }).isVisible());
        assert.ok(await page.getByRole('link', { name: 'Nederlands', exact: true }).isVisible(), 'the switch back to Dutch is offered');
        // One English page per role is enough for axe's language rules; the admin's has the most text.
        if (account.role === 'admin') await expectNoAxeViolations(page, `/ in English as ${account.role}`);

        await signOut(page);
        await assertHeading(page, 'Sign in to Korte Lijn');
        // Signed out means signed out: the start page sends you back to sign in.
        await page.goto(`${server.url}/`);
        assert.equal(pathOf(page), '/inloggen');
      });
    });
  }
});

describe('signing in: errors, two-step verification and keyboard use', { concurrency: true }, () => {
  test('the sign-in page passes axe', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/inloggen`);
      await assertHeading(page, 'Inloggen bij Korte Lijn');
      await expectNoAxeViolations(page, 'the sign-in page');
    });
  });

  test('a wrong password shows the Dutch error, keeps the e-mail address, and the page stays accessible', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/inloggen`);
      await page.getByLabel('E-mailadres').fill('beheer@demo.kortelijn.nl');
      await page.getByLabel('Wachtwoord', { exact: true }).fill('niet-het-goede-wachtwoord');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Inloggen' })), 401);
      const alert = page.getByRole('alert');
      assert.match((await alert.textContent()) ?? '', /Het e-mailadres of wachtwoord klopt niet\./);
      assert.equal(await page.getByLabel('E-mailadres').inputValue(), 'beheer@demo.kortelijn.nl', 'the e-mail address is kept');
      assert.equal(await page.getByLabel('Wachtwoord', { exact: true }).inputValue(), '', 'the password is not echoed back');
      await expectNoAxeViolations(page, 'the sign-in page after a wrong password');
    });
  });

  test('an empty sign-in form shows a focusable error summary whose links lead to the fields', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/inloggen`);
      await follow(page, page.getByRole('button', { name: 'Inloggen' }));
      const summary = page.getByRole('alert').filter({ hasText: 'Controleer het formulier' });
      assert.ok(await summary.isVisible(), 'the error summary is shown');
      await summary.focus();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary', 'the error summary can take focus');
      await summary.getByRole('link', { name: 'Vul uw e-mailadres in.' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-email', 'the error link moves focus to the e-mail field');
      assert.equal(await page.getByLabel('E-mailadres').getAttribute('aria-invalid'), 'true');
      assert.ok(await page.getByText('Vul uw wachtwoord in.').first().isVisible());
      await expectNoAxeViolations(page, 'the sign-in page with validation errors');
    });
  });

  test('the two-step enrolment page and the code page pass axe, also with a wrong code', async () => {
    const email = 'tweestaps@demo.kortelijn.nl';
    await addFreshPracticeUser(email, 'Tessa Tweestaps');
    await withPage(async (page) => {
      await page.goto(`${server.url}/inloggen`);
      await page.getByLabel('E-mailadres').fill(email);
      await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
      await follow(page, page.getByRole('button', { name: 'Inloggen' }));
      assert.equal(pathOf(page), '/tweestaps/instellen');
      await assertHeading(page, 'Tweestapsverificatie instellen');
      assert.ok(await page.getByRole('img', { name: 'QR-code voor uw authenticator-app' }).isVisible());
      assert.equal(await mainMenu(page).count(), 0, 'no main menu before two-step verification is done');
      await expectNoAxeViolations(page, 'the two-step enrolment page');

      // Pages behind sign-in are not reachable yet.
      await page.goto(`${server.url}/account`);
      assert.equal(pathOf(page), '/tweestaps/instellen');

      const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
      await page.getByLabel('Code uit de app').fill(wrongCodeFor(secret));
      await follow(page, page.getByRole('button', { name: 'Instellen' }));
      assert.match((await page.getByRole('alert').textContent()) ?? '', /De code klopt niet of is verlopen/);
      assert.equal((await page.getByTestId('totp-secret').textContent())!.trim(), secret, 'the same key is shown again');
      await expectNoAxeViolations(page, 'the two-step enrolment page with a wrong code');

      await page.getByLabel('Code uit de app').fill(await freshTotp(secret, null));
      await follow(page, page.getByRole('button', { name: 'Instellen' }));
      // The recovery codes, shown once.
      await assertHeading(page, 'Bewaar uw herstelcodes');
      assert.equal(await page.getByTestId('recovery-code').count(), 10);
      assert.equal(await mainMenu(page).count(), 0, 'no main menu before the codes are kept');
      await expectNoAxeViolations(page, 'the recovery codes page');
      await follow(page, page.getByRole('link', { name: 'Ik heb de codes bewaard' }));
      assert.equal(pathOf(page), '/');
      await assertHeading(page, 'Welkom, Tessa Tweestaps');
      await signOut(page);

      // A later sign-in asks for the code only.
      await page.getByLabel('E-mailadres').fill(email);
      await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
      await follow(page, page.getByRole('button', { name: 'Inloggen' }));
      assert.equal(pathOf(page), '/tweestaps');
      await assertHeading(page, 'Typ uw inlogcode');
      await expectNoAxeViolations(page, 'the code page');

      await follow(page, page.getByRole('button', { name: 'Doorgaan' }));
      assert.ok(await page.getByRole('link', { name: 'Typ de code van 6 cijfers uit uw app.' }).isVisible(), 'an empty code is explained');
      await expectNoAxeViolations(page, 'the code page with a validation error');

      const user = await server.services.db.selectFrom('users').select('totp_last_step').where('email', '=', email).executeTakeFirstOrThrow();
      await page.getByLabel('Code', { exact: true }).fill(await freshTotp(secret, Number(user.totp_last_step)));
      await follow(page, page.getByRole('button', { name: 'Doorgaan' }));
      assert.equal(pathOf(page), '/');
      await assertHeading(page, 'Welkom, Tessa Tweestaps');
    });
  });

  test('a lost phone: a recovery code signs in once, the account page says how many are left, and the same code is refused after', async () => {
    const email = 'telefoonkwijt@demo.kortelijn.nl';
    await addFreshPracticeUser(email, 'Tim Telefoonkwijt');
    await withPage(async (page) => {
      await page.goto(`${server.url}/inloggen`);
      await page.getByLabel('E-mailadres').fill(email);
      await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
      await follow(page, page.getByRole('button', { name: 'Inloggen' }));
      const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
      await page.getByLabel('Code uit de app').fill(await freshTotp(secret, null));
      await follow(page, page.getByRole('button', { name: 'Instellen' }));
      const codes = (await page.getByTestId('recovery-code').allTextContents()).map((c) => c.trim());
      await follow(page, page.getByRole('link', { name: 'Ik heb de codes bewaard' }));
      await signOut(page);

      const withRecoveryCode = async (code: string) => {
        await page.getByLabel('E-mailadres').fill(email);
        await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
        await follow(page, page.getByRole('button', { name: 'Inloggen' }));
        assert.equal(pathOf(page), '/tweestaps');
        await follow(page, page.getByRole('link', { name: /Log in met een herstelcode/ }));
        await assertHeading(page, 'Inloggen met een herstelcode');
        await page.getByLabel('Herstelcode').fill(code);
        await follow(page, page.getByRole('button', { name: 'Inloggen' }));
      };

      await withRecoveryCode(codes[0]!);
      assert.equal(pathOf(page), '/account');
      assert.match((await page.getByRole('status').first().textContent()) ?? '', /U bent ingelogd met een herstelcode\. U heeft nog 9 herstelcodes/);
      assert.match((await page.getByTestId('recovery-codes-left').textContent()) ?? '', /nog 9 van de 10/);
      await expectNoAxeViolations(page, 'the account page after a recovery code');
      await signOut(page);

      await withRecoveryCode(codes[0]!);
      assert.equal(pathOf(page), '/tweestaps/herstelcode');
      assert.match((await page.getByRole('alert').textContent()) ?? '', /Deze herstelcode klopt niet of is al gebruikt/);
      await expectNoAxeViolations(page, 'the recovery code page with a used code');
    });
  });

  test('a code that was already used cannot be used again', async () => {
    const email = 'hergebruik@demo.kortelijn.nl';
    await addFreshPracticeUser(email, 'Henk Hergebruik');
    await withPage(async (page) => {
      await signIn(page, server.url, email, DEMO_PASSWORD, server.services.db);
      await signOut(page);
      const user = await server.services.db.selectFrom('users').select(['totp_secret', 'totp_last_step']).where('email', '=', email).executeTakeFirstOrThrow();
      const usedCode = currentTotp(user.totp_secret!, Number(user.totp_last_step) * 30_000 + 1_000);
      await page.getByLabel('E-mailadres').fill(email);
      await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
      await follow(page, page.getByRole('button', { name: 'Inloggen' }));
      assert.equal(pathOf(page), '/tweestaps');
      await page.getByLabel('Code', { exact: true }).fill(usedCode);
      await follow(page, page.getByRole('button', { name: 'Doorgaan' }));
      assert.equal(pathOf(page), '/tweestaps');
      assert.match((await page.getByRole('alert').textContent()) ?? '', /De code klopt niet of is verlopen/);
    });
  });

  test('the 404 page passes axe and offers a way back', async () => {
    await withPage(async (page) => {
      const response = await page.goto(`${server.url}/deze-pagina-bestaat-niet`);
      assert.equal(response?.status(), 404);
      await assertHeading(page, 'Niet gevonden');
      assert.ok(await page.getByRole('link', { name: 'Naar de startpagina' }).isVisible());
      await expectNoAxeViolations(page, 'the 404 page');
    });
  });

  test('keyboard only: the skip link is the first Tab stop and moves focus to the main content', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/inloggen`);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return { tag: el?.tagName, text: el?.textContent?.trim(), href: el?.getAttribute('href') };
      });
      assert.deepEqual(first, { tag: 'A', text: 'Naar de inhoud', href: '#main' }, 'the first Tab stop is the skip link');
      assert.ok(await page.getByRole('link', { name: 'Naar de inhoud' }).isVisible(), 'the skip link is visible when focused');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'Enter on the skip link moves focus to <main>');
      // The next Tab continues inside the main content: the e-mail field.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-email');
    });
  });
});

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

async function assertHeading(page: Page, name: string): Promise<void> {
  const heading = page.getByRole('heading', { level: 1 });
  await heading.waitFor();
  assert.equal((await heading.textContent())?.trim(), name);
}

/** Six digits that are not the code of the previous, current or next time step. */
function wrongCodeFor(secret: string): string {
  const valid = new Set([-30_000, 0, 30_000].map((d) => currentTotp(secret, Date.now() + d)));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}
