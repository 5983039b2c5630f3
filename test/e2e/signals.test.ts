/**
 * The signals aid in a real browser against the real app (in-memory PGlite, Twente demo data): a
 * doctor's assistant records what she noticed, anonymously, sees the confirmation, and starts a
 * referral from a saved record. Every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.ts';
import { categoryLabels } from '../../src/needs/categories.ts';
import { closeBrowser, expectNoAxeViolations, follow, launchBrowser, newPage, signIn } from '../support/browser.ts';

let server: RunningServer;
let browser: Browser;
/** One signed-in assistant for the whole file: every sign-in spends a TOTP step. */
let context: BrowserContext;
let page: Page;

before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0 })), launchBrowser()]);
  ({ context, page } = await newPage(browser));
  assert.equal(await signIn(page, server.url, 'assistent@demo.kortelijn.nl', DEMO_PASSWORD, server.services.db), 'home');
});

after(async () => {
  await context?.close();
  await closeBrowser(browser);
  await server?.close();
});

async function heading(): Promise<string> {
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  return ((await h1.textContent()) ?? '').trim();
}

const pathOf = () => new URL(page.url()).pathname;
const signalGroup = () => page.getByRole('group', { name: 'Wat viel u op?' });
const strainGroup = () => page.getByRole('group', { name: /Hoe moeilijk is het om rond te komen aan het eind van de maand\?/ });
const outcomeGroup = () => page.getByRole('group', { name: 'Wat is er afgesproken?' });

async function openAid(): Promise<void> {
  await follow(page, page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Signalen', exact: true }));
  assert.equal(pathOf(), '/signalen');
  assert.equal(await heading(), 'Signalen van geldzorgen');
}

/** The id of the record page the browser is on. */
function recordId(): string {
  const match = /^\/signalen\/([0-9a-f-]{36})$/.exec(pathOf());
  assert.ok(match, `on a record page, not ${page.url()}`);
  return match[1]!;
}

let referredRecord: string;
let laterRecord: string;

describe('a doctor’s assistant records signals of money worries', () => {
  test('ticks two signals, answers the strain question, chooses an outcome and saves anonymously', async () => {
    const db = server.services.db;
    await openAid();
    await expectNoAxeViolations(page, '/signalen');
    assert.ok(
      await page.getByRole('listitem').filter({ hasText: 'Veel mensen hebben het nu moeilijk met geld. Hoe is dat bij u?' }).isVisible(),
      'conversation openers',
    );

    await signalGroup().getByRole('checkbox', { name: 'Stressklachten' }).check();
    await signalGroup().getByRole('checkbox', { name: 'Achterstand of opzegbrief van de zorgverzekeraar' }).check();
    await strainGroup().getByRole('radio', { name: 'Erg moeilijk' }).check();
    await outcomeGroup().getByRole('radio', { name: 'Doorverwezen' }).check();
    assert.equal(await follow(page, page.getByRole('button', { name: 'Anoniem opslaan' })), 200);

    referredRecord = recordId();
    assert.equal(await heading(), 'Signaal vastgelegd');
    assert.equal(((await page.getByRole('status').textContent()) ?? '').trim(), 'Opgeslagen, zonder gegevens van de patiënt.');
    const details = (await page.locator('main dl').textContent()) ?? '';
    assert.match(details, /Achterstand of opzegbrief van de zorgverzekeraar, Stressklachten/);
    assert.match(details, /Erg moeilijk/);
    assert.match(details, /Doorverwezen/);
    assert.match(details, /Passende hulp\s*Schuldhulpverlening, Vrijwillig geldmaatje, Welzijn op recept/);
    await expectNoAxeViolations(page, '/signalen/:id with the confirmation');

    const record = await db.selectFrom('signal_records').selectAll().where('id', '=', referredRecord).executeTakeFirstOrThrow();
    const assistant = await db.selectFrom('users').select(['id', 'practice_id']).where('email', '=', 'assistent@demo.kortelijn.nl').executeTakeFirstOrThrow();
    assert.equal(record.practice_id, assistant.practice_id);
    assert.deepEqual(record.signals, ['insurer_arrears', 'stress']);
    assert.equal(record.strain, 3);
    assert.equal(record.outcome, 'referred');
    assert.deepEqual(record.needs, ['debt_counselling', 'money_buddy', 'welfare_on_prescription']);
  });

  test('a note that could identify the patient is refused with a clear Dutch message; the ticks stay', async () => {
    await openAid();
    await signalGroup().getByRole('checkbox', { name: 'Slaapproblemen' }).check();
    await outcomeGroup().getByRole('radio', { name: 'Later op terugkomen' }).check();
    await page.getByLabel(/^Korte notitie/).fill('Mevrouw woont op 7601 AB');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Anoniem opslaan' })), 422);
    const summary = page.getByRole('alert').filter({ hasText: 'Controleer het formulier' });
    const message = 'Zet geen naam, geboortedatum, postcode, BSN of e-mailadres in de notitie. Dit overzicht is anoniem.';
    assert.ok(await summary.getByRole('link', { name: message }).isVisible());
    assert.ok(await signalGroup().getByRole('checkbox', { name: 'Slaapproblemen' }).isChecked(), 'what was ticked stays');
    assert.ok(await outcomeGroup().getByRole('radio', { name: 'Later op terugkomen' }).isChecked());
    await expectNoAxeViolations(page, '/signalen with an error');

    await page.getByLabel(/^Korte notitie/).fill('Wil eerst met partner overleggen');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Anoniem opslaan' })), 200);
    laterRecord = recordId();
    assert.notEqual(laterRecord, referredRecord);
    assert.equal(((await page.getByRole('status').textContent()) ?? '').trim(), 'Opgeslagen, zonder gegevens van de patiënt.');
  });

  test('the printable aid for the consulting room passes axe', async () => {
    await openAid();
    await follow(page, page.getByRole('link', { name: 'Afdrukbare versie voor in de spreekkamer' }));
    assert.equal(pathOf(), '/signalen/afdrukken');
    assert.equal(await heading(), 'Geldzorgen in de spreekkamer');
    assert.ok(await page.getByRole('listitem').filter({ hasText: 'Haalt medicijnen niet op of stopt ermee vanwege de kosten' }).isVisible());
    await expectNoAxeViolations(page, '/signalen/afdrukken');
  });

  test('from an earlier saved record, "Verwijzing starten" opens the new referral with that record', async () => {
    await openAid();
    // The recent list, newest first: the "later" record, then the referred one.
    const table = page.getByRole('table', { name: 'Anonieme signalen, nieuwste eerst' });
    const row = table.getByRole('row').filter({ hasText: 'Doorverwezen' }).first();
    await follow(page, row.getByRole('link', { name: 'Bekijken' }));
    assert.equal(recordId(), referredRecord);
    assert.equal(await page.getByRole('status').count(), 0, 'no "saved" message when only viewing');
    await expectNoAxeViolations(page, '/signalen/:id');

    const start = page.getByRole('link', { name: 'Verwijzing starten' });
    assert.equal(await start.getAttribute('href'), `/verwijzingen/nieuw?signaal=${referredRecord}`);
    const status = await follow(page, start);
    assert.equal(pathOf(), '/verwijzingen/nieuw');
    assert.equal(new URL(page.url()).searchParams.get('signaal'), referredRecord);
    assert.equal(status, 200, 'the new-referral page opens');

    // The needs of the record are ticked on the referral form.
    const needs = page.getByRole('group', { name: /Waar is hulp bij nodig\?/ });
    const expected = ['debt_counselling', 'money_buddy', 'welfare_on_prescription'] as const;
    const ticked: string[] = [];
    for (const box of await needs.getByRole('checkbox').all()) {
      if (await box.isChecked()) ticked.push(((await box.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? '')) || '').trim());
    }
    assert.deepEqual(ticked.sort(), expected.map((c) => categoryLabels[c].nl).sort(), 'the needs of the signal record are ticked');
  });
});
