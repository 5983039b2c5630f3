/**
 * The social map in a real browser against the real app (in-memory PGlite, Twente demo data): a
 * doctor's assistant finds the debt counselling for a patient's postcode straight from the start
 * page; a resident finds walk-in points on the public page without any professional contact; a
 * team coordinator keeps the entries of their organisation up to date ("klopt nog", editing,
 * replacing a contact). Every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.ts';
import { closeBrowser, expectNoAxeViolations, follow, launchBrowser, newPage, signIn } from '../support/browser.ts';

let server: RunningServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0 })), launchBrowser()]);
});

after(async () => {
  await closeBrowser(browser);
  await server?.close();
});

async function withPage(run: (page: Page) => Promise<void>): Promise<void> {
  const { context, page } = await newPage(browser);
  try {
    await run(page);
  } finally {
    await context.close();
  }
}

async function heading(page: Page): Promise<string> {
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  return ((await h1.textContent()) ?? '').trim();
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

function mainMenu(page: Page) {
  return page.getByRole('navigation', { name: 'Hoofdmenu' });
}

describe('practice staff find help for a postcode', () => {
  test('the assistant types 7601, chooses Schuldhulpverlening and sees the Almelo debt service first, with how to reach it today', async () => {
    await withPage(async (page) => {
      assert.equal(await signIn(page, server.url, 'assistent@demo.kortelijn.nl', DEMO_PASSWORD, server.services.db), 'home');
      const search = page.getByRole('search', { name: 'Sociale kaart doorzoeken' });
      await expectNoAxeViolations(page, 'the start page with the search form');

      // The two interactions: the postcode and the need; then the search button.
      await search.getByLabel('Postcode').fill('7601');
      await search.getByLabel('Soort hulp').selectOption({ label: 'Schuldhulpverlening' });
      assert.equal(await follow(page, search.getByRole('button', { name: 'Zoeken' })), 200);

      assert.equal(pathOf(page), '/sociale-kaart');
      assert.equal(await heading(page), 'Sociale kaart');
      const results = page.getByRole('list').filter({ has: page.getByRole('article') });
      const first = results.getByRole('article').first();
      assert.equal((await first.getByRole('heading', { level: 3 }).textContent())?.trim(), 'Schuldhulpverlening Almelo');
      assert.match((await first.textContent()) ?? '', /helpt in deze postcode/);
      assert.match((await first.textContent()) ?? '', /Zo bereikt u hen vandaag/);
      assert.match((await first.textContent()) ?? '', /Gecontroleerd \d+ dagen geleden/);
      assert.match((await first.textContent()) ?? '', /Sevda Demir/, 'the professional contact is shown to staff');
      assert.match(
        (await page.getByRole('status').filter({ hasText: 'Verwijzen?' }).textContent()) ?? '',
        /7601 ligt in Almelo\. De verwijzing gaat naar Meldpunt Geldzorgen Almelo/,
      );
      // The Almelo Meldpunt covers the whole municipality: it ranks below the PC4 service.
      const names = (await results.getByRole('heading', { level: 3 }).allTextContents()).map((s) => s.trim());
      assert.ok(names.indexOf('Meldpunt Geldzorgen Almelo') > 0, `ranked: ${names.join(', ')}`);
      assert.ok(!names.includes('Schuldhulpverlening Enschede'), 'no services of other municipalities');
      await expectNoAxeViolations(page, 'the search results');

      // The service page behind the result.
      await follow(page, first.getByRole('link', { name: 'Schuldhulpverlening Almelo' }));
      assert.equal(await heading(page), 'Schuldhulpverlening Almelo');
      assert.equal(await page.getByRole('button', { name: /^Klopt nog/ }).count(), 0, 'practice staff cannot confirm entries');
      await expectNoAxeViolations(page, 'the service page for practice staff');
    });
  });

  test('a postcode that is not a postcode gets a Dutch explanation (422) and the page stays accessible', async () => {
    await withPage(async (page) => {
      await signIn(page, server.url, 'praktijkmanager@demo.kortelijn.nl', DEMO_PASSWORD, server.services.db);
      await mainMenu(page).getByRole('link', { name: 'Sociale kaart', exact: true }).click();
      await page.getByLabel('Postcode').fill('75 AB');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Zoeken' })), 422);
      const summary = page.getByRole('alert').filter({ hasText: 'Controleer het formulier' });
      assert.ok(await summary.getByRole('link', { name: 'Vul een geldige postcode in, zoals 7511 AB of 7511.' }).isVisible());
      assert.equal(await page.getByLabel('Postcode').inputValue(), '75 AB', 'what was typed is kept');
      await expectNoAxeViolations(page, 'the search page with an invalid postcode');
    });
  });
});

describe('residents find help without signing in', () => {
  test('the public page for 7511 AB shows walk-in points and public contacts only, in Dutch and English, and passes axe', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/hulp?postcode=7511AB`);
      assert.equal(await heading(page), 'Hulp bij geldzorgen in uw buurt');
      assert.ok(await page.getByRole('heading', { level: 2, name: 'Binnenlopen zonder afspraak' }).isVisible());
      assert.ok(await page.getByRole('heading', { level: 3, name: 'Wijkwijzer Centrum' }).isVisible());
      assert.ok(await page.getByRole('heading', { level: 3, name: 'Wijkteam Enschede-Centrum' }).isVisible());
      const text = (await page.locator('main').textContent()) ?? '';
      assert.match(text, /Ronald Kaya/, 'a public contact is shown');
      for (const professional of ['Anouk Brink', 'Joyce Hendriks', 'Wendy Nijhuis', '06 1234 5601']) {
        assert.ok(!text.includes(professional), `no professional contact on the public page: ${professional}`);
      }
      assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count(), 0, 'no staff menu for residents');
      await expectNoAxeViolations(page, '/hulp?postcode=7511AB');

      await page.getByRole('link', { name: 'English', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/hulp' && url.searchParams.get('postcode') === '7511AB' && !url.searchParams.has('lang'));
      assert.equal(await heading(page), 'Help with money worries near you');
      assert.ok(await page.getByRole('heading', { level: 2, name: 'Walk in without an appointment' }).isVisible());
      await expectNoAxeViolations(page, '/hulp?postcode=7511AB in English');
    });
  });
});

describe('help near the resident, found with everyday words', () => {
  test('on /hulp?postcode=7601AB the walk-in points in Almelo come before those in Enschede, and the page passes axe', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/hulp?postcode=7601AB`);
      const walkIn = page.locator('section[aria-labelledby="walk-in-title"] li.kl-card');
      const cities = (await walkIn.allTextContents()).map((text) => /\d{4} [A-Z]{2} (Almelo|Enschede)/.exec(text)?.[1] ?? 'elders');
      assert.ok(cities.includes('Almelo') && cities.includes('Enschede'), cities.join(', '));
      assert.ok(cities.lastIndexOf('Almelo') < cities.indexOf('Enschede'), `walk-in points in this order: ${cities.join(', ')}`);
      await expectNoAxeViolations(page, '/hulp?postcode=7601AB');
    });
  });

  test('the assistant types "huurachterstand" for 7552 AB and finds Schuldhulp Hengelo', async () => {
    await withPage(async (page) => {
      await signIn(page, server.url, 'assistent@demo.kortelijn.nl', DEMO_PASSWORD, server.services.db);
      await mainMenu(page).getByRole('link', { name: 'Sociale kaart', exact: true }).click();
      await page.getByLabel('Postcode').fill('7552 AB');
      await page.getByLabel('Zoekwoord').fill('huurachterstand');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Zoeken' })), 200);
      const names = (await page.locator('ol.kl-results').getByRole('heading', { level: 3 }).allTextContents()).map((s) => s.trim());
      assert.ok(names.includes('Schuldhulp Hengelo'), `found: ${names.join(', ')}`);
      assert.match((await page.locator('main').textContent()) ?? '', names.length === 1 ? /1 resultaat\./ : new RegExp(`${names.length} resultaten`));
      await expectNoAxeViolations(page, 'a search with an everyday word');
    });
  });
});

describe('a team coordinator keeps the social map of their organisation up to date', () => {
  test('confirms a stale entry with "klopt nog", edits a service and replaces a contact; every step is audited', async () => {
    await withPage(async (page) => {
      const db = server.services.db;
      assert.equal(await signIn(page, server.url, 'teamcoordinator@demo.kortelijn.nl', DEMO_PASSWORD, server.services.db), 'home');
      await mainMenu(page).getByRole('link', { name: 'Sociale kaart', exact: true }).click();
      await expectNoAxeViolations(page, 'the social map page for a team coordinator');

      // The list of entries to check holds the stale Schuldhulp Hengelo, and only Hengelo's entries.
      await follow(page, page.getByRole('link', { name: 'Te controleren' }));
      assert.equal(await heading(page), 'Te controleren');
      const table = page.getByRole('table', { name: 'Te controleren bij Gemeente Hengelo' });
      const row = table.getByRole('row').filter({ hasText: 'Schuldhulp Hengelo' }).filter({ hasText: 'Dienst' });
      assert.match((await row.textContent()) ?? '', /Verouderd/);
      assert.equal(await page.getByRole('table', { name: /Gemeente Enschede/ }).count(), 0, "another organisation's entries are not listed");
      await expectNoAxeViolations(page, 'the list of entries to check');

      const before = await db.selectFrom('services').select(['id', 'last_verified_at']).where('name', '=', 'Schuldhulp Hengelo').executeTakeFirstOrThrow();
      assert.equal(await follow(page, row.getByRole('button', { name: 'Klopt nog – Schuldhulp Hengelo' })), 200);
      assert.match((await page.getByRole('status').first().textContent()) ?? '', /Bevestigd: het klopt nog/);
      assert.equal(await table.getByRole('row').filter({ hasText: 'Schuldhulp Hengelo' }).filter({ hasText: 'Dienst' }).count(), 0, 'no longer to check');
      const after = await db.selectFrom('services').select('last_verified_at').where('id', '=', before.id).executeTakeFirstOrThrow();
      assert.ok(after.last_verified_at!.getTime() > Date.now() - 60_000, 'verified just now');
      const verified = await db
        .selectFrom('audit_log')
        .select(['action', 'actor_role'])
        .where('subject_id', '=', before.id)
        .where('action', '=', 'socialmap.service_verified')
        .execute();
      assert.deepEqual(verified, [{ action: 'socialmap.service_verified', actor_role: 'team_admin' }]);

      // Edit the neighbourhood team: first an error, then a change.
      await page.goto(`${server.url}/sociale-kaart/beheer`);
      assert.equal(await heading(page), 'Sociale kaart bijhouden');
      await expectNoAxeViolations(page, 'the overview of own entries');
      await follow(page, page.getByRole('link', { name: 'Wijzigen – Wijkteam Hengelo-Noord' }));
      assert.equal(await heading(page), 'Dienst wijzigen');
      await expectNoAxeViolations(page, 'the edit-service form');
      await page.getByLabel('Naam van de dienst').fill('');
      await page.getByRole('group', { name: 'Telefonisch bereikbaar' }).getByLabel('Zaterdag').fill('ochtend');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Opslaan' })), 422);
      const summary = page.getByRole('alert').filter({ hasText: 'Controleer het formulier' });
      assert.ok(await summary.getByRole('link', { name: 'Vul de naam van de dienst in.' }).isVisible());
      assert.ok(await summary.getByRole('link', { name: /^Zaterdag: vul de tijden in/ }).isVisible());
      await expectNoAxeViolations(page, 'the edit-service form with errors');

      await page.getByLabel('Naam van de dienst').fill('Wijkteam Hengelo-Noord');
      await page.getByRole('group', { name: 'Telefonisch bereikbaar' }).getByLabel('Zaterdag').fill('10:00-12:00');
      await page.getByRole('group', { name: 'Talen' }).getByLabel('Arabisch').check();
      assert.equal(await follow(page, page.getByRole('button', { name: 'Opslaan' })), 200);
      assert.equal(await heading(page), 'Wijkteam Hengelo-Noord');
      assert.match((await page.getByRole('status').first().textContent()) ?? '', /De wijziging is opgeslagen/);
      assert.match((await page.locator('main').textContent()) ?? '', /Arabisch/);
      assert.match((await page.locator('main').textContent()) ?? '', /Zaterdag 10:00–12:00/);
      await expectNoAxeViolations(page, 'the service page for its editor');

      // A contact leaves: replace, and the history shows who left and who took over.
      await follow(page, page.getByRole('link', { name: 'Vervangen – Ricardo Wolters' }));
      assert.equal(await heading(page), 'Contactpersoon vervangen');
      await expectNoAxeViolations(page, 'the replace-contact form');
      await page.getByLabel('Naam', { exact: true }).fill('Nina Haverkamp');
      await page.getByLabel('Telefoon').fill('06 1234 5699');
      assert.equal(await follow(page, page.getByRole('button', { name: 'Vervangen' })), 200);
      assert.ok(await page.getByRole('heading', { level: 3, name: 'Nina Haverkamp' }).isVisible());
      const history = page.getByRole('table', { name: 'Eerdere contactpersonen van Wijkteam Hengelo-Noord' });
      assert.match((await history.textContent()) ?? '', /Ricardo Wolters.*Nina Haverkamp/s);
      await expectNoAxeViolations(page, 'the service page with contact history');

      const audited = (
        await db.selectFrom('audit_log').select('action').where('actor_role', '=', 'team_admin').where('action', 'like', 'socialmap.%').execute()
      ).map((r) => r.action);
      for (const action of ['socialmap.service_verified', 'socialmap.service_updated', 'socialmap.contact_replaced'])
        assert.ok(audited.includes(action), action);
    });
  });

  test("a team coordinator gets 'not found' for another organisation's service form", async () => {
    await withPage(async (page) => {
      const other = await server.services.db.selectFrom('services').select('id').where('name', '=', 'Schuldhulpverlening Almelo').executeTakeFirstOrThrow();
      await signIn(page, server.url, 'teamcoordinator@demo.kortelijn.nl', DEMO_PASSWORD, server.services.db);
      const response = await page.goto(`${server.url}/sociale-kaart/diensten/${other.id}/bewerken`);
      assert.equal(response?.status(), 404);
      assert.equal(await heading(page), 'Niet gevonden');
    });
  });
});
