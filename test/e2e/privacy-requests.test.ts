/**
 * A privacy request on a phone, in a real browser against the real app (in-memory PGlite, Twente
 * demo data): the practice manager looks a person up, reads the answer, corrects a phone number and
 * opens the erasure page. Every page is checked with axe and must fit the 375 px screen. The pages
 * carry no script: plain forms and links (the same flow without a browser:
 * src/privacy-requests/privacy-requests.integration.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.ts';
import { closeBrowser, expectNoAxeViolations, follow, launchBrowser, signIn } from '../support/browser.ts';

const PHONE = 375;
let server: RunningServer;
let browser: Browser;
let page: Page;

before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0 })), launchBrowser()]);
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport: { width: PHONE, height: 800 } });
  context.setDefaultTimeout(30_000);
  page = await context.newPage();
  await signIn(page, server.url, 'praktijkmanager@demo.kortelijn.nl', DEMO_PASSWORD, server.database.db);
});

after(async () => {
  await closeBrowser(browser);
  await server?.close();
});

async function fitsThePhone(label: string): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE, `${label} is ${width} px wide on a ${PHONE} px screen`);
}

test('the practice manager finds the privacy requests in the menu and looks a person up; the answer shows the referral', async () => {
  await page.goto(`${server.url}/`);
  await page.getByText('Menu', { exact: true }).click();
  await follow(page, page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Privacyverzoeken' }).first());
  assert.equal(new URL(page.url()).pathname, '/privacyverzoeken');
  await expectNoAxeViolations(page, 'the privacy requests page');
  await fitsThePhone('the privacy requests page');

  await page.getByLabel('Naam').fill('Karim Demo (demo)');
  await page.getByLabel('Geboortedatum').fill('17-11-1990');
  await page.getByLabel('Postcode').fill('7552');
  await page.getByLabel('Ik heb de identiteit van de persoon gecontroleerd.').check();
  assert.equal(await follow(page, page.getByRole('button', { name: 'Toon de gegevens' })), 200);
  await expectNoAxeViolations(page, 'the answer to the access request');
  await fitsThePhone('the answer to the access request');
  assert.ok(await page.getByText('06 0000 0002').first().isVisible(), 'the answer shows the stored phone number');
});

test('without the identity check the form comes back with a message at the field', async () => {
  await page.goto(`${server.url}/privacyverzoeken`);
  await page.getByLabel('Naam').fill('Karim Demo (demo)');
  assert.equal(await follow(page, page.getByRole('button', { name: 'Toon de gegevens' })), 422);
  assert.ok(await page.getByRole('link', { name: 'Vink aan dat u de identiteit van de persoon hebt gecontroleerd.' }).isVisible());
  await expectNoAxeViolations(page, 'the form with errors');
});

test('a phone number is corrected from the answer, and the erasure page explains why an open referral waits', async () => {
  await page.goto(`${server.url}/privacyverzoeken`);
  await page.getByLabel('Naam').fill('Karim Demo (demo)');
  await page.getByLabel('Geboortedatum').fill('17-11-1990');
  await page.getByLabel('Postcode').fill('7552');
  await page.getByLabel('Ik heb de identiteit van de persoon gecontroleerd.').check();
  await follow(page, page.getByRole('button', { name: 'Toon de gegevens' }));
  await follow(page, page.getByRole('link', { name: 'Contactgegevens verbeteren' }).first());
  await expectNoAxeViolations(page, 'the correction form');
  await fitsThePhone('the correction form');
  await page.getByLabel('Telefoon').fill('06 1111 2222');
  assert.equal(await follow(page, page.getByRole('button', { name: 'Verbetering opslaan' })), 200);
  assert.ok(await page.getByText('Opgeslagen.', { exact: false }).isVisible());

  const referral = new URL(page.url()).pathname.replace('/contactgegevens', '');
  await page.goto(`${server.url}${referral}/wissen`);
  assert.ok(await page.getByText('Deze verwijzing loopt nog.', { exact: false }).isVisible());
  await expectNoAxeViolations(page, 'the erasure page');
  await fitsThePhone('the erasure page');
});
