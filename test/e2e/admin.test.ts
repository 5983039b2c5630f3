/**
 * Administration in a real browser against the real app (in-memory PGlite, Twente demo data): the
 * functional administrator adds a GP practice and a user, resets a password, and reads the audit
 * log; the new user signs in, sets up two-step verification and must choose a new password.
 * Practice managers and team coordinators see their own people. Every page is checked with axe.
 *
 * The tests in this file build on each other (one server, one story), so they run in order.
 * Axe runs on each admin page in its fullest state (forms with validation errors, lists after a
 * save); the plain list pages and "Mijn organisatie" are also checked by sign-in.test.ts, which
 * runs axe on every page in each role's main menu.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.ts';
import { closeBrowser, expectNoAxeViolations, follow, launchBrowser, newPage, signIn } from '../support/browser.ts';

const ADMIN_EMAIL = 'beheer@demo.kortelijn.nl';
const PRACTICE = { name: 'Huisartsenpraktijk Het Roombeek', agb: '01990077', street: 'Roomweg', houseNumber: '167', postcode: '7523 BM', city: 'Enschede' };
const NEW_USER = { name: 'Ilse Nieuwenhuis', email: 'ilse.nieuwenhuis@roombeek.example' };
const NEW_USER_OWN_PASSWORD = 'Een-eigen-lang-wachtwoord-2026';

let server: RunningServer;
let browser: Browser;
let admin: { context: BrowserContext; page: Page };

/** Shared between the steps of the story. */
const story: { firstTemporaryPassword?: string; resetTemporaryPassword?: string; newUserPath?: string } = {};

before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0 })), launchBrowser()]);
  admin = await newPage(browser);
  assert.equal(await signIn(admin.page, server.url, ADMIN_EMAIL, DEMO_PASSWORD, server.services.db), 'home');
});

after(async () => {
  await admin?.context.close();
  await closeBrowser(browser);
  await server?.close();
});

function mainMenu(page: Page) {
  return page.getByRole('navigation', { name: 'Hoofdmenu' });
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

async function heading(page: Page): Promise<string> {
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  return ((await h1.textContent()) ?? '').trim();
}

/** Submits with a button and waits for the resulting page; returns its status (also 4xx). */
function submit(page: Page, buttonName: string): Promise<number> {
  return follow(page, page.getByRole('button', { name: buttonName, exact: true }));
}

/** The cell texts of each row of the named table that contains `text`. */
async function rowCells(page: Page, table: string, text: string): Promise<string[][]> {
  const rows = page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });
  const out: string[][] = [];
  for (const row of await rows.all()) out.push((await row.getByRole('cell').allTextContents()).map((s) => s.trim()));
  return out;
}

describe('the functional administrator manages organisations, users and passwords, and can read the audit log', () => {
  test('a GP practice without AGB code or with a wrong postcode is refused with the errors explained, and the form passes axe', async () => {
    const { page } = admin;
    await follow(page, mainMenu(page).getByRole('link', { name: 'Organisaties', exact: true }));
    assert.equal(await heading(page), 'Organisaties');
    assert.ok((await rowCells(page, 'Alle organisaties', 'Huisartsenpraktijk De Esch')).length === 1, 'the demo practice is listed');

    await follow(page, page.getByRole('link', { name: 'Nieuwe organisatie' }));
    assert.equal(await heading(page), 'Nieuwe organisatie');

    // A GP practice without AGB code or address is refused, with the errors explained.
    await page.getByLabel('Soort organisatie').selectOption({ label: 'Huisartsenpraktijk' });
    await page.getByLabel('Naam', { exact: true }).fill(PRACTICE.name);
    await page.getByLabel('Postcode').fill('0123 SA');
    assert.equal(await submit(page, 'Opslaan'), 422);
    const summary = page.getByRole('alert').filter({ hasText: 'Controleer het formulier' });
    assert.ok(await summary.isVisible());
    assert.ok(await summary.getByRole('link', { name: 'Een huisartsenpraktijk heeft een AGB-code van 8 cijfers.' }).isVisible());
    assert.ok(await summary.getByRole('link', { name: 'Vul een postcode in zoals 7511 AB.' }).isVisible());
    assert.equal(await page.getByLabel('AGB-code (alleen huisartsenpraktijk)').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Naam', { exact: true }).inputValue(), PRACTICE.name, 'what was typed is kept');
    await expectNoAxeViolations(page, 'the new-organisation form with validation errors');
  });

  test('the administrator creates a GP practice with AGB code and address', async () => {
    const { page } = admin;
    // Continue on the form with errors from the previous step.
    await page.getByLabel('AGB-code (alleen huisartsenpraktijk)').fill(PRACTICE.agb);
    await page.getByLabel('Straat').fill(PRACTICE.street);
    await page.getByLabel('Huisnummer').fill(PRACTICE.houseNumber);
    await page.getByLabel('Postcode').fill(PRACTICE.postcode.replace(' ', '').toLowerCase());
    await page.getByLabel('Plaats').fill(PRACTICE.city);
    await page.getByLabel('Telefoon (niet verplicht)').fill('053 000 1234');
    assert.equal(await submit(page, 'Opslaan'), 200);
    assert.equal(pathOf(page), '/beheer/organisaties');
    assert.match((await page.getByRole('status').textContent()) ?? '', /De wijziging is opgeslagen\./);
    assert.deepEqual(await rowCells(page, 'Alle organisaties', PRACTICE.name), [[PRACTICE.name, 'Huisartsenpraktijk', PRACTICE.agb, PRACTICE.city]]);
    await expectNoAxeViolations(page, 'the organisation list with the saved notice');

    // Filtering on kind shows practices only.
    await page.getByLabel('Soort').selectOption({ label: 'Huisartsenpraktijk' });
    await submit(page, 'Filteren');
    const kinds = await page.getByRole('table', { name: 'Alle organisaties' }).locator('tbody tr td:nth-child(2)').allTextContents();
    assert.ok(kinds.length >= 4 && kinds.every((k) => k.trim() === 'Huisartsenpraktijk'), `only practices after filtering: ${kinds.join(', ')}`);

    // The saved practice opens in the edit form, with the postcode written the Dutch way.
    await follow(page, page.getByRole('link', { name: PRACTICE.name }));
    assert.equal(await heading(page), 'Organisatie wijzigen');
    assert.equal(await page.getByLabel('Postcode').inputValue(), PRACTICE.postcode);
    assert.equal(await page.getByLabel('AGB-code (alleen huisartsenpraktijk)').inputValue(), PRACTICE.agb);
    await expectNoAxeViolations(page, 'the edit-organisation form');
  });

  test('the team forms pass axe, also with validation errors', async () => {
    const { page } = admin;
    await follow(page, mainMenu(page).getByRole('link', { name: 'Teams', exact: true }));
    assert.equal(await heading(page), 'Teams');
    assert.equal((await rowCells(page, 'Teams in het sociaal domein', 'Wijkteam Hengelo-Noord')).length, 1);

    await follow(page, page.getByRole('link', { name: 'Nieuw team' }));
    assert.equal(await heading(page), 'Nieuw team');
    assert.equal(await submit(page, 'Opslaan'), 422);
    assert.ok(await page.getByRole('alert').filter({ hasText: 'Controleer het formulier' }).isVisible());
    await expectNoAxeViolations(page, 'the new-team form with validation errors');

    await page.goto(`${server.url}/beheer/teams`);
    await follow(page, page.getByRole('link', { name: 'Wijkteam Hengelo-Noord' }));
    assert.equal(await heading(page), 'Team wijzigen');
    await expectNoAxeViolations(page, 'the edit-team form');
  });

  test('the administrator creates a practice user for the new practice and sees the temporary password once', async () => {
    const { page } = admin;
    await follow(page, mainMenu(page).getByRole('link', { name: 'Gebruikers', exact: true }));
    assert.equal(await heading(page), 'Gebruikers');

    await follow(page, page.getByRole('link', { name: 'Nieuwe gebruiker' }));
    assert.equal(await heading(page), 'Nieuwe gebruiker');

    // A practice role without a practice is refused.
    await page.getByLabel('Naam', { exact: true }).fill(NEW_USER.name);
    await page.getByLabel('E-mailadres').fill(NEW_USER.email);
    await page.getByLabel('Rol').selectOption({ label: 'Medewerker huisartsenpraktijk' });
    assert.equal(await submit(page, 'Gebruiker aanmaken'), 422);
    assert.ok(await page.getByRole('link', { name: 'Kies de huisartsenpraktijk van deze gebruiker.' }).isVisible());
    await expectNoAxeViolations(page, 'the new-user form with validation errors');

    await page.getByLabel('Huisartsenpraktijk').selectOption({ label: PRACTICE.name });
    assert.equal(await submit(page, 'Gebruiker aanmaken'), 201);
    assert.equal(await heading(page), 'Gebruiker aangemaakt');
    const password = ((await page.getByTestId('temporary-password').textContent()) ?? '').trim();
    assert.match(password, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/, 'a readable temporary password is shown');
    story.firstTemporaryPassword = password;
    await expectNoAxeViolations(page, 'the temporary-password page');

    await follow(page, page.getByRole('link', { name: 'Terug naar de gebruiker' }));
    assert.equal(await heading(page), NEW_USER.name);
    story.newUserPath = pathOf(page);
    assert.match(story.newUserPath, /^\/beheer\/gebruikers\/[0-9a-f-]{36}$/);
    assert.equal(await page.getByText(password).count(), 0, 'the temporary password is not shown again');

    // The list shows the new user as someone who still has to choose a password.
    await page.goto(`${server.url}/beheer/gebruikers`);
    await page.getByRole('searchbox', { name: 'Zoek op naam of e-mailadres' }).fill('nieuwenhuis');
    await submit(page, 'Zoeken');
    assert.deepEqual(await rowCells(page, 'Gebruikers', NEW_USER.email), [
      [NEW_USER.name, NEW_USER.email, 'Medewerker huisartsenpraktijk', PRACTICE.name, 'Moet wachtwoord kiezen'],
    ]);
  });

  test('the user page passes axe, and "Wachtwoord opnieuw instellen" gives a new temporary password', async () => {
    const { page } = admin;
    await page.goto(`${server.url}${story.newUserPath}`);
    assert.equal(await heading(page), NEW_USER.name);
    assert.equal(await page.getByLabel('Huisartsenpraktijk').locator('option:checked').textContent(), PRACTICE.name);
    await expectNoAxeViolations(page, 'the user page');

    // Saving without a name shows the errors on the edit form.
    await page.getByLabel('Naam', { exact: true }).fill('');
    assert.equal(await submit(page, 'Opslaan'), 422);
    assert.ok(await page.getByRole('link', { name: 'Vul de naam in.' }).isVisible());
    await expectNoAxeViolations(page, 'the user page with validation errors');

    await page.goto(`${server.url}${story.newUserPath}`);
    assert.equal(await submit(page, 'Wachtwoord opnieuw instellen'), 200);
    assert.equal(await heading(page), 'Nieuw tijdelijk wachtwoord');
    const password = ((await page.getByTestId('temporary-password').textContent()) ?? '').trim();
    assert.match(password, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    assert.notEqual(password, story.firstTemporaryPassword, 'a new password, not the old one');
    story.resetTemporaryPassword = password;
    await expectNoAxeViolations(page, 'the new-temporary-password page');
  });

  test('the new user signs in with the reset password, sets up two-step verification, must choose an own password, then reaches the start page', async () => {
    const { context, page } = await newPage(browser);
    try {
      // The first temporary password no longer works after the reset.
      await page.goto(`${server.url}/inloggen`);
      await page.getByLabel('E-mailadres').fill(NEW_USER.email);
      await page.getByLabel('Wachtwoord', { exact: true }).fill(story.firstTemporaryPassword!);
      assert.equal(await submit(page, 'Inloggen'), 401);
      assert.match((await page.getByRole('alert').textContent()) ?? '', /Het e-mailadres of wachtwoord klopt niet\./);

      assert.equal(await signIn(page, server.url, NEW_USER.email, story.resetTemporaryPassword!, server.services.db), 'change-password');
      assert.equal(await heading(page), 'Wachtwoord wijzigen');
      assert.match((await page.getByRole('status').textContent()) ?? '', /U heeft een tijdelijk wachtwoord gekregen\. Kies nu uw eigen wachtwoord\./);
      assert.equal(await mainMenu(page).count(), 0, 'no main menu until the password is changed');
      await expectNoAxeViolations(page, 'the forced change-password page');

      // Other pages wait until the password is changed.
      await page.goto(`${server.url}/account`);
      assert.equal(pathOf(page), '/wachtwoord-wijzigen');

      // Two different new passwords are refused.
      await page.getByLabel('Huidig wachtwoord').fill(story.resetTemporaryPassword!);
      await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_USER_OWN_PASSWORD);
      await page.getByLabel('Nieuw wachtwoord nog een keer').fill(`${NEW_USER_OWN_PASSWORD}x`);
      assert.equal(await submit(page, 'Wachtwoord opslaan'), 422);
      assert.ok(await page.getByRole('link', { name: 'De twee nieuwe wachtwoorden zijn niet gelijk.' }).isVisible());
      await expectNoAxeViolations(page, 'the change-password page with validation errors');

      await page.getByLabel('Huidig wachtwoord').fill(story.resetTemporaryPassword!);
      await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_USER_OWN_PASSWORD);
      await page.getByLabel('Nieuw wachtwoord nog een keer').fill(NEW_USER_OWN_PASSWORD);
      await submit(page, 'Wachtwoord opslaan');
      assert.equal(pathOf(page), '/');
      assert.equal(await heading(page), `Welkom, ${NEW_USER.name}`);
      const menu = (await mainMenu(page).getByRole('link').allTextContents()).map((s) => s.trim());
      assert.ok(menu.includes('Start') && menu.includes('Mijn account') && !menu.includes('Gebruikers'), `the practice staff menu: ${menu.join(', ')}`);
    } finally {
      await context.close();
    }

    // The administrator now sees the user as active.
    await admin.page.goto(`${server.url}/beheer/gebruikers?zoek=nieuwenhuis`);
    assert.equal((await rowCells(admin.page, 'Gebruikers', NEW_USER.email))[0]?.[4], 'Actief');
  });

  test("the audit log lists the administrator's changes, filters by user and by action, and passes axe", async () => {
    const { page } = admin;
    const table = 'Auditregels, nieuwste eerst';
    const column = (n: number) =>
      page
        .getByRole('table', { name: table })
        .locator(`tbody tr td:nth-child(${n})`)
        .allTextContents()
        .then((cells) => cells.map((c) => c.trim()));
    await follow(page, mainMenu(page).getByRole('link', { name: 'Auditlog', exact: true }));
    assert.equal(await heading(page), 'Auditlog');

    // The administrator's own changes (filtering keeps this independent of how busy the log is).
    await page.getByLabel('E-mailadres gebruiker').fill(ADMIN_EMAIL);
    await submit(page, 'Filteren');
    assert.equal(new URL(page.url()).searchParams.get('gebruiker'), ADMIN_EMAIL);
    assert.ok(
      (await column(2)).every((who) => who === ADMIN_EMAIL),
      'only the administrator after filtering on the e-mail address',
    );
    assert.ok((await column(3)).every((role) => role === 'Functioneel beheerder'));
    const adminActions = await column(4);
    for (const action of ['Organisatie aangemaakt', 'Gebruiker aangemaakt', 'Wachtwoord opnieuw ingesteld']) {
      assert.ok(adminActions.includes(action), `the audit log shows ${action} by ${ADMIN_EMAIL} (it has: ${adminActions.join(', ')})`);
    }

    // Filtering on one action, for everyone.
    await page.getByLabel('E-mailadres gebruiker').fill('');
    await page.getByLabel('Actie').selectOption('admin.password_reset');
    await submit(page, 'Filteren');
    assert.equal(new URL(page.url()).searchParams.get('actie'), 'admin.password_reset');
    const actions = await column(4);
    assert.ok(actions.length >= 1, 'the filter finds the password reset');
    assert.ok(
      actions.every((a) => a === 'Wachtwoord opnieuw ingesteld'),
      `only password resets after filtering: ${actions.join(', ')}`,
    );
    assert.equal(await page.getByLabel('Actie').inputValue(), 'admin.password_reset', 'the chosen filter stays selected');
    await expectNoAxeViolations(page, 'the filtered audit log');

    // The new user's first sign-in is on record too.
    await page.getByLabel('Actie').selectOption({ label: 'Alle acties' });
    await page.getByLabel('E-mailadres gebruiker').fill(NEW_USER.email);
    await submit(page, 'Filteren');
    assert.ok(
      (await column(2)).every((who) => who === NEW_USER.email),
      `only ${NEW_USER.email} after filtering`,
    );
    const userActions = await column(4);
    for (const action of ['Ingelogd', 'Tweestapsverificatie ingesteld', 'Wachtwoord gewijzigd']) {
      assert.ok(userActions.includes(action), `the new user's ${action} is logged (it has: ${userActions.join(', ')})`);
    }

    // A malformed date (e.g. from an edited URL) is explained, and the page stays accessible.
    await page.goto(`${server.url}/beheer/auditlog?van=31-02-2026`);
    assert.ok(await page.getByRole('link', { name: 'Vul een datum in, zoals 31-01-2026.' }).isVisible());
    await expectNoAxeViolations(page, 'the audit log with a filter error');
  });
});

describe('practice managers and team coordinators see their own people, and nothing of the administration', { concurrency: true }, () => {
  for (const who of [
    {
      role: 'practice_admin',
      email: 'praktijkmanager@demo.kortelijn.nl',
      title: 'Huisartsenpraktijk De Esch',
      caption: 'Medewerkers van de praktijk',
      colleague: 'Sanne de Vries',
    },
    {
      role: 'team_admin',
      email: 'teamcoordinator@demo.kortelijn.nl',
      title: 'Wijkteam Hengelo-Noord',
      caption: 'Medewerkers van het team',
      colleague: 'Fatma Yilmaz',
    },
  ]) {
    test(`${who.role}: "Mijn organisatie" lists the colleagues; /beheer pages answer "Geen toegang"`, async () => {
      const { context, page } = await newPage(browser);
      try {
        assert.equal(await signIn(page, server.url, who.email, DEMO_PASSWORD, server.services.db), 'home');
        await follow(page, mainMenu(page).getByRole('link', { name: 'Mijn organisatie', exact: true }));
        assert.equal(await heading(page), who.title);
        const names = (await rowCells(page, who.caption, '@')).map((cells) => cells[0]);
        assert.ok(names.includes(who.colleague), `${who.colleague} is listed: ${names.join(', ')}`);
        assert.equal(await page.locator('a[href^="/beheer"]').count(), 0, 'no links into the administration');

        const response = await page.goto(`${server.url}/beheer/gebruikers`);
        assert.equal(response?.status(), 403);
        assert.equal(await heading(page), 'Geen toegang');
        if (who.role === 'practice_admin') await expectNoAxeViolations(page, 'the 403 page');
      } finally {
        await context.close();
      }
    });
  }
});
