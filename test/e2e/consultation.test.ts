/**
 * Consultation without a patient (casuïstiek, docs/product.md step 7) in a real browser against the real
 * app (in-memory PGlite, Twente demo data): the doctor's assistant of Huisartsenpraktijk De Esch asks
 * Wijkteam Hengelo-Noord a question about a situation; text with a possible date of birth and a
 * BSN-like number is refused with the Dutch error summary and the message beside the field, and
 * nothing is stored; the general question is sent; the team member finds it under "Overleg" and
 * answers it; the assistant reads the answer. Every page visited is checked with axe.
 *
 * The tests in this file build on each other (one server, one story), so they run in order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.ts';
import { closeBrowser, expectNoAxeViolations, follow, launchBrowser, newPage, signIn } from '../support/browser.ts';

const ASSISTANT = 'assistent@demo.kortelijn.nl';
const TEAM_MEMBER = 'schuldhulp@demo.kortelijn.nl';
const TEAM = 'Wijkteam Hengelo-Noord';
const PRACTICE = 'Huisartsenpraktijk De Esch';
const SUBJECT = 'Betalingsregeling en nieuwe schulden';
const IDENTIFYING_QUESTION = 'Meneer is geboren op 12-03-1985 en zijn BSN is 123456782. Kan hij bij jullie terecht?';
const QUESTION = 'Een vader van rond de 35 met twee kinderen heeft een betalingsregeling en nu ook een huurachterstand. Kan hij bij jullie terecht?';
const ANSWER = 'Ja, dat kan. Hij kan zonder afspraak naar ons spreekuur op dinsdagochtend.';

let server: RunningServer;
let browser: Browser;
let assistant: { context: BrowserContext; page: Page };
let teamMember: { context: BrowserContext; page: Page };
const story: { path?: string } = {};

before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0 })), launchBrowser()]);
  assistant = await newPage(browser);
  teamMember = await newPage(browser);
});

after(async () => {
  await assistant?.context.close();
  await teamMember?.context.close();
  await closeBrowser(browser);
  await server?.close();
});

function mainMenu(page: Page) {
  return page.getByRole('navigation', { name: 'Hoofdmenu' });
}

async function heading(page: Page): Promise<string> {
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  return ((await h1.textContent()) ?? '').trim();
}

const pathOf = (page: Page) => new URL(page.url()).pathname;
const teamSelect = (page: Page) => page.getByLabel('Aan welk team stelt u de vraag?');
/** The messages of the thread, oldest first (an ordered list under "Berichten"). */
const threadMessages = (page: Page) => page.getByRole('main').locator('ol.kl-thread').getByRole('listitem');

async function threadBodies(page: Page): Promise<string[]> {
  return (await threadMessages(page).locator('.kl-thread__body').allTextContents()).map((s) => s.trim());
}

async function storedWithSubject(subject: string): Promise<number> {
  return (await server.services.db.selectFrom('consultations').select('id').where('subject', '=', subject).execute()).length;
}

describe('a practice asks a team a question without naming the patient, and hears back', () => {
  test('the assistant opens “Overleg” and the question form, which warns against identifying data and offers the teams of her region first', async () => {
    const { page } = assistant;
    assert.equal(await signIn(page, server.url, ASSISTANT, DEMO_PASSWORD, server.services.db), 'home');
    await follow(page, mainMenu(page).getByRole('link', { name: 'Overleg', exact: true }));
    assert.equal(pathOf(page), '/overleg');
    assert.equal(await heading(page), 'Overleg zonder patiënt');
    assert.ok(await page.getByText('Uw praktijk heeft nog geen vragen gesteld.').isVisible(), 'the demo practice has asked nothing yet');
    await expectNoAxeViolations(page, '/overleg, as the practice sees it');

    await follow(page, page.getByRole('link', { name: 'Nieuwe vraag stellen' }));
    assert.equal(pathOf(page), '/overleg/nieuw');
    assert.equal(await heading(page), 'Vraag stellen aan een team');
    assert.match((await page.getByRole('main').textContent()) ?? '', /Schrijf geen naam, geboortedatum, adres, postcode, BSN/);
    const inRegion = teamSelect(page).locator('optgroup[label="Teams in uw regio"] option').filter({ hasText: TEAM });
    assert.equal(await inRegion.count(), 1, `${TEAM} is among the teams of the practice's region`);
    await expectNoAxeViolations(page, 'the empty question form');
  });

  test('a question with a date of birth and a BSN-like number is refused with a Dutch error summary and a message at the field; nothing is stored; what was typed stays', async () => {
    const { page } = assistant;
    const teamId = await teamSelect(page).locator('option').filter({ hasText: TEAM }).getAttribute('value');
    assert.ok(teamId);
    await teamSelect(page).selectOption(teamId);
    await page.getByLabel('Onderwerp').fill(SUBJECT);
    await page.getByLabel('Uw vraag').fill(IDENTIFYING_QUESTION);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Vraag versturen' })), 422);

    const message =
      'Uw tekst bevat een datum die een geboortedatum kan zijn, een getal van 9 cijfers (dat lijkt op een BSN). Overleg zonder patiënt mag niemand herkenbaar maken. Haal dit weg en beschrijf de situatie in het algemeen, bijvoorbeeld "een vrouw van rond de 40 in Enschede-Zuid".';
    const summary = page.getByRole('alert').filter({ hasText: 'Controleer het formulier' });
    assert.ok(await summary.getByRole('heading', { name: 'Controleer het formulier' }).isVisible());
    const link = summary.getByRole('link', { name: message });
    assert.ok(await link.isVisible(), 'the summary names the problem');
    assert.equal(await link.getAttribute('href'), '#field-question', 'and links to the field');

    const field = page.getByLabel('Uw vraag');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    const describedBy = (await field.getAttribute('aria-describedby'))?.split(' ') ?? [];
    assert.ok(describedBy.includes('field-question-error'), 'the field message is part of the field’s description');
    assert.equal(((await page.locator('#field-question-error').textContent()) ?? '').trim(), message);

    assert.equal(await teamSelect(page).inputValue(), teamId, 'the chosen team stays');
    assert.equal(await page.getByLabel('Onderwerp').inputValue(), SUBJECT);
    assert.equal(await field.inputValue(), IDENTIFYING_QUESTION);
    assert.equal(await storedWithSubject(SUBJECT), 0, 'nothing was stored');
    await expectNoAxeViolations(page, 'the question form with errors');
  });

  test('a question in general terms is sent, and the assistant sees it waiting for the team', async () => {
    const { page } = assistant;
    await page.getByLabel('Uw vraag').fill(QUESTION);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Vraag versturen' })), 200);
    assert.match(pathOf(page), /^\/overleg\/[0-9a-f-]{36}$/);
    story.path = pathOf(page);
    assert.equal(await heading(page), SUBJECT);
    assert.match(
      (await page.getByRole('main').textContent()) ?? '',
      new RegExp(`Vraag van ${PRACTICE} aan ${TEAM}\\. Status: wacht op antwoord van het team\\.`),
    );
    assert.deepEqual(await threadBodies(page), [QUESTION]);
    assert.match((await threadMessages(page).first().textContent()) ?? '', /Sanne de Vries/, 'signed by the assistant');
    assert.equal(await storedWithSubject(SUBJECT), 1);
    await expectNoAxeViolations(page, 'the question, as the practice sees it');
  });

  test('the team member finds the question under “Overleg”, opens it and answers it', async () => {
    const { page } = teamMember;
    assert.equal(await signIn(page, server.url, TEAM_MEMBER, DEMO_PASSWORD, server.services.db), 'home');
    await follow(page, mainMenu(page).getByRole('link', { name: 'Overleg', exact: true }));
    assert.equal(pathOf(page), '/overleg');
    assert.equal(await heading(page), 'Overleg zonder patiënt');
    const row = page.getByRole('table', { name: 'Vragen aan uw team, laatst bijgewerkt eerst' }).getByRole('row').filter({ hasText: SUBJECT });
    const cells = (await row.getByRole('cell').allTextContents()).map((s) => s.trim());
    assert.equal(cells[0], SUBJECT);
    assert.equal(cells[1], PRACTICE);
    assert.equal(cells[2], 'Wacht op antwoord van het team');
    await expectNoAxeViolations(page, '/overleg, as the team sees it');

    await follow(page, row.getByRole('link', { name: SUBJECT }));
    assert.equal(pathOf(page), story.path);
    assert.equal(await heading(page), SUBJECT);
    assert.deepEqual(await threadBodies(page), [QUESTION]);
    await expectNoAxeViolations(page, 'the question, as the team sees it');

    await page.getByLabel('Uw antwoord').fill(ANSWER);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Antwoord versturen' })), 200);
    assert.equal(pathOf(page), story.path);
    assert.match((await page.getByRole('main').textContent()) ?? '', /Status: beantwoord\./);
    assert.deepEqual(await threadBodies(page), [QUESTION, ANSWER]);
    await expectNoAxeViolations(page, 'the answered question, as the team sees it');
  });

  test('the assistant sees the question answered in her list, and reads the team’s answer', async () => {
    const { page } = assistant;
    await follow(page, mainMenu(page).getByRole('link', { name: 'Overleg', exact: true }));
    const row = page.getByRole('table', { name: 'Vragen van uw praktijk, laatst bijgewerkt eerst' }).getByRole('row').filter({ hasText: SUBJECT });
    const cells = (await row.getByRole('cell').allTextContents()).map((s) => s.trim());
    assert.equal(cells[1], TEAM);
    assert.equal(cells[2], 'Beantwoord');
    await expectNoAxeViolations(page, '/overleg with the answered question, as the practice sees it');

    await follow(page, row.getByRole('link', { name: SUBJECT }));
    assert.equal(pathOf(page), story.path);
    assert.deepEqual(await threadBodies(page), [QUESTION, ANSWER]);
    assert.match((await threadMessages(page).nth(1).textContent()) ?? '', /Fatma Yilmaz/, 'signed by the team member');
    assert.ok(await page.getByLabel('Uw reactie').isVisible(), 'the practice can reply');
    await expectNoAxeViolations(page, 'the answered question, as the practice sees it');
  });
});
