/**
 * Figures (issue 12) in a real browser against the real app (in-memory PGlite, Twente demo data):
 * the regional coordinator, the policy officer of Hengelo, the team coordinator and the practice
 * manager each open "Cijfers" from the menu and find their own figures as charts with tables, axe
 * clean, also at 375 px; the coordinator marks a baseline; a CSV downloads; the policy officer
 * cannot open a referral. The pages carry no script: charts are SVG drawn on the server.
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

// A figures page asks the embedded database some twenty aggregates; on a shared, busy test machine
// they may wait longer for their turn than the 5 s after which the app answers 503.
before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0, dbWaitSeconds: 30 })), launchBrowser()]);
});

after(async () => {
  await closeBrowser(browser);
  await server?.close();
});

async function withRole(email: string, run: (page: Page) => Promise<void>): Promise<void> {
  const { context, page } = await newPage(browser);
  try {
    assert.equal(await signIn(page, server.url, email, DEMO_PASSWORD, server.services.db), 'home');
    await run(page);
  } finally {
    await context.close();
  }
}

async function openFigures(page: Page, expectedHeading: RegExp): Promise<void> {
  await follow(page, page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Cijfers', exact: true }));
  assert.match((await page.getByRole('heading', { level: 1 }).textContent()) ?? '', expectedHeading);
  assert.ok((await page.locator('svg.kl-chart[role="img"]').count()) >= 3, 'charts drawn on the server');
  assert.ok((await page.getByRole('table').count()) >= 8, 'every chart has its table');
  await expectNoAxeViolations(page, `${new URL(page.url()).pathname} at full width`);
  await page.setViewportSize({ width: 375, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `nothing sticks out at 375 px (${overflow} px too wide)`);
  await expectNoAxeViolations(page, `${new URL(page.url()).pathname} at 375 px`);
}

describe('figures per role', { concurrency: 1 }, () => {
  test('the regional coordinator sees the region, marks a baseline, and downloads a table as CSV', async () => {
    await withRole('aanjager@demo.kortelijn.nl', async (page) => {
      await openFigures(page, /Cijfers van de regio Twente/);
      await page.setViewportSize({ width: 1280, height: 800 });
      const form = page.locator('form[action$="/nulmeting"]');
      await form.getByLabel('Van').fill('2026-01-01');
      await form.getByLabel('Tot en met').fill('2026-03-31');
      const status = await follow(page, form.getByRole('button', { name: 'Leg vast als nulmeting' }));
      assert.equal(status, 200, (await page.locator('main').textContent()) ?? '');
      await page.getByText('De nulmeting is vastgelegd.').waitFor();
      assert.match(
        (await page.getByRole('table', { name: /Kerncijfers, vergeleken met de nulmeting/ }).textContent()) ?? '',
        /Nulmeting \(2026-01-01 – 2026-03-31\)/,
      );
      await expectNoAxeViolations(page, 'the region page with a baseline');
      const href = await page.getByRole('link', { name: 'Download als CSV: Aanmeldingen per periode' }).getAttribute('href');
      const csv = await page.request.get(new URL(href!, server.url).toString());
      assert.equal(csv.status(), 200);
      assert.match(csv.headers()['content-type'] ?? '', /^text\/csv/);
      assert.match(await csv.text(), /^period,municipality_code,scope,scope_id,measure,category,value\r\n/);
      // Within the region: a team's page.
      await page.getByText('Cijfers per gemeente, team of praktijk').click();
      await follow(page, page.getByRole('link', { name: 'Wijkteam Hengelo-Noord' }));
      assert.match((await page.getByRole('heading', { level: 1 }).textContent()) ?? '', /Cijfers van Wijkteam Hengelo-Noord/);
      await expectNoAxeViolations(page, 'a team page opened by the coordinator');
    });
  });

  test('the policy officer of Hengelo sees Hengelo only, and cannot open a referral', async () => {
    await withRole('beleid@demo.kortelijn.nl', async (page) => {
      const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
      for (const name of ['Sociale kaart', 'Mijn verwijzingen', 'Binnengekomen', 'Signalen'])
        assert.equal(await menu.getByRole('link', { name, exact: true }).count(), 0, name);
      await openFigures(page, /Cijfers van Gemeente Hengelo/);
      const referral = await server.services.db.selectFrom('referrals').select('id').executeTakeFirstOrThrow();
      const response = await page.goto(`${server.url}/verwijzingen/${referral.id}`);
      assert.equal(response?.status(), 403);
      const region = await server.services.db.selectFrom('regions').select('id').executeTakeFirstOrThrow();
      assert.equal((await page.goto(`${server.url}/cijfers/regio/${region.id}`))?.status(), 404);
    });
  });

  test('the team coordinator sees the team', async () => {
    await withRole('teamcoordinator@demo.kortelijn.nl', async (page) => openFigures(page, /Cijfers van Wijkteam Hengelo-Noord/));
  });

  test('the practice manager sees the practice', async () => {
    await withRole('praktijkmanager@demo.kortelijn.nl', async (page) => openFigures(page, /Cijfers van Huisartsenpraktijk De Esch/));
  });
});
