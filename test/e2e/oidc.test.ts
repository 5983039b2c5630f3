/**
 * Signing in through an organisation's own identity provider, end to end in Chromium: the
 * administrator sets up a real OpenID provider (oidc-provider, started here) for Huisartsenpraktijk
 * De Esch on the admin pages; then staff of the practice sign in through it, by the button of their
 * organisation or by typing their e-mail address, with and without the provider's MFA standing in
 * for the app's own code. Accessibility (axe) of the pages on the way, and the sign-in page at 375 px.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.ts';
import { closeBrowser, expectNoAxeViolations, follow, launchBrowser, newPage, signIn, signOut } from '../support/browser.ts';
import { startTestIdp, type TestIdp } from '../support/oidc-provider.ts';

const PRACTICE = 'Huisartsenpraktijk De Esch';

let server: RunningServer;
let browser: Browser;
let idp: TestIdp;

before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0 })), launchBrowser()]);
  idp = await startTestIdp({ redirectUris: [`${server.url}/inloggen/terug`] });
  idp.accounts.set('sanne', { email: 'assistent@demo.kortelijn.nl', emailVerified: true, amr: ['pwd', 'mfa'] });
  idp.accounts.set('mark', { email: 'praktijkmanager@demo.kortelijn.nl', emailVerified: true, amr: ['pwd'] });
});

after(async () => {
  await closeBrowser(browser);
  await idp?.close();
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

/** On the provider's own login page: who signs in there. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  assert.equal(new URL(page.url()).origin, idp.issuer, 'the browser is at the organisation’s provider');
  await page.getByLabel('Gebruikersnaam').fill(login);
  await follow(page, page.getByRole('button', { name: 'Inloggen bij de testorganisatie' }));
}

test('the administrator sets up sign-in through the practice’s own provider; the secret is not shown back', async () => {
  await withPage(async (page) => {
    await signIn(page, server.url, 'beheer@demo.kortelijn.nl', DEMO_PASSWORD, server.services.db);
    await page.goto(`${server.url}/beheer/organisaties`);
    await follow(page, page.getByRole('link', { name: PRACTICE }).first());
    await follow(page, page.getByRole('link', { name: 'Inloggen via de eigen inlogdienst (OpenID Connect) instellen' }));
    await expectNoAxeViolations(page, 'OpenID Connect settings');
    assert.equal((await page.getByTestId('redirect-uri').textContent())?.trim(), `${server.url}/inloggen/terug`);
    await page.getByLabel('Adres van de inlogdienst (issuer)').fill(idp.issuer);
    await page.getByLabel('Client-ID').fill(idp.clientId);
    await page.getByLabel('Clientgeheim (client secret)').fill(idp.clientSecret);
    await page.getByLabel('E-maildomeinen van medewerkers').fill('demo.kortelijn.nl');
    await page.getByLabel(/De tweestapsverificatie van de inlogdienst telt/).check();
    assert.equal(await follow(page, page.getByRole('button', { name: 'Opslaan' })), 200);
    await page.getByText('Opgeslagen.').waitFor();
    assert.equal(await page.getByLabel('Clientgeheim (client secret)').inputValue(), '');
    assert.ok(!(await page.content()).includes(idp.clientSecret), 'the secret is never shown back');
    await expectNoAxeViolations(page, 'OpenID Connect settings, saved');
    await signOut(page);
  });
});

test('staff sign in with the button of their organisation; the provider’s MFA stands in for the app’s code, as the practice allows', async () => {
  await withPage(async (page) => {
    await page.goto(`${server.url}/inloggen`);
    await expectNoAxeViolations(page, 'sign-in page with organisations');
    await follow(page, page.getByRole('link', { name: `Inloggen via ${PRACTICE}` }));
    await signInAtProvider(page, 'sanne');
    assert.equal(new URL(page.url()).pathname, '/', `lands on the start page, not ${page.url()}`);
    await page.getByRole('heading', { name: /Welkom/ }).waitFor();
    await signOut(page);
  });
});

test('staff type their e-mail address and choose "Inloggen via uw organisatie"; without MFA at the provider the app’s own code follows', async () => {
  await withPage(async (page) => {
    await page.goto(`${server.url}/inloggen`);
    await page.getByLabel('E-mailadres').fill('praktijkmanager@demo.kortelijn.nl');
    await follow(page, page.getByRole('button', { name: 'Inloggen via uw organisatie' }));
    await expectNoAxeViolations(page, 'on to the organisation’s provider');
    await follow(page, page.getByRole('link', { name: `Verder naar inloggen bij ${PRACTICE}` }));
    await signInAtProvider(page, 'mark');
    assert.match(new URL(page.url()).pathname, /^\/tweestaps/, `the app’s second factor follows, at ${page.url()}`);
  });
});

test('an address without its organisation’s sign-in gets a clear Dutch message, and the sign-in page fits a 375 px screen', async () => {
  await withPage(async (page) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${server.url}/inloggen`);
    await page.getByLabel('E-mailadres').fill('iemand@elders.example');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Inloggen via uw organisatie' })), 422);
    await page.getByText('Voor dit e-mailadres kunt u niet via uw organisatie inloggen.').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at 375 px (${overflow} px too wide)`);
    await expectNoAxeViolations(page, 'sign-in page with a problem');
  });
});
