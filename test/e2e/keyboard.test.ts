/**
 * Keyboard only (issue 11, section 6; WCAG 2.1.1, 2.4.3, 3.3.1, 4.1.3), in a real browser against the
 * real app (in-memory PGlite, Twente demo data): a referral sent without touching the mouse, and
 * where focus lands after each kind of submit — on the list of what to fix after an error, on the
 * confirmation after a success — so a keyboard or screen-reader user starts where the news is.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.ts';
import { closeBrowser, launchBrowser, newPage, signIn } from '../support/browser.ts';

const ASSISTANT = 'assistent@demo.kortelijn.nl';
const MANAGER = 'praktijkmanager@demo.kortelijn.nl';

let server: RunningServer;
let browser: Browser;
const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0 })), launchBrowser()]);
  for (const email of [ASSISTANT, MANAGER]) {
    const { context, page } = await newPage(browser);
    assert.equal(await signIn(page, server.url, email, DEMO_PASSWORD, server.services.db), 'home');
    sessions.set(email, await context.storageState());
    await context.close();
  }
});

after(async () => {
  await closeBrowser(browser);
  await server?.close();
});

async function withPage(as: string | null, run: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', ...(as ? { storageState: sessions.get(as)! } : {}) });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  try {
    await run(page);
  } finally {
    await context.close();
  }
}

/** The focused element as "tag name=value" (or "tag id=…", or its role and text), to say where focus is. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el || el === document.body) return 'body';
    const tag = el.tagName.toLowerCase();
    if (tag === 'button') return `button ${el.textContent?.trim() ?? ''}`;
    if (el.name) return `${tag} name=${el.name}${el.type === 'radio' ? `=${el.value}` : ''}`;
    if (el.id) return `${tag} id=${el.id}`;
    return `${tag} ${el.getAttribute('role') ?? ''} ${el.textContent?.trim().slice(0, 40) ?? ''}`.trim();
  });
}

/** Presses Tab until the focused element starts with `target` (see focused()), at most 80 times. */
async function tabTo(page: Page, target: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if ((await focused(page)).startsWith(target)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${target} (focus is on ${await focused(page)})`);
}

/** In a radio group (one Tab stop) the arrow keys choose; presses ArrowDown until `value` is chosen. */
async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
  await tabTo(page, `input name=${name}`);
  for (let i = 0; i < 10 && (await focused(page)) !== `input name=${name}=${value}`; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), `input name=${name}=${value}`);
  await page.keyboard.press('Space');
  assert.ok(await page.locator(`input[name=${name}][value=${value}]`).isChecked(), `${name}=${value} is chosen`);
}

/** What has focus after the page loaded: its id and role, and its text. */
function focusAfterLoad(page: Page): Promise<{ id: string; role: string; text: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    return { id: el.id, role: el.getAttribute('role') ?? '', text: el.textContent?.trim() ?? '' };
  });
}

describe('keyboard only', () => {
  test('a practice assistant sends a referral with the keyboard alone, from the skip link to “Versturen”, and lands on the confirmation', async () => {
    await withPage(ASSISTANT, async (page) => {
      await page.goto(`${server.url}/verwijzingen/nieuw`);
      await page.keyboard.press('Tab');
      assert.match(await focused(page), /^a /, 'the first Tab reaches the skip link');
      await page.keyboard.press('Enter');
      const fields: Array<[string, string]> = [
        ['patient_name', 'Kees Toetsenbord'],
        ['birth_date', '12-03-1975'],
        ['phone', '0612345678'],
        ['postcode', '7552AB'],
        ['house_number', '14'],
      ];
      for (const [name, text] of fields) {
        await tabTo(page, `input name=${name}`);
        await page.keyboard.type(text);
      }
      await tabTo(page, 'input name=need_debt_counselling');
      await page.keyboard.press('Space');
      await tabTo(page, 'textarea name=question');
      await page.keyboard.type('brieven van de deurwaarder');
      await chooseRadio(page, 'handover', 'phone_together');
      await chooseRadio(page, 'contact_channel', 'phone');
      // The team and the consent text came in while typing (the one-page form's script).
      await page.locator('input[name=consent_given]').waitFor();
      await tabTo(page, 'input name=consent_given');
      await page.keyboard.press('Space');
      await chooseRadio(page, 'consent_method', 'verbal');
      await chooseRadio(page, 'feedback_allowed', 'ja');
      await tabTo(page, 'button Versturen');
      await Promise.all([page.waitForURL(/\/verwijzingen\/[0-9a-f-]{36}/), page.keyboard.press('Enter')]);
      const focus = await focusAfterLoad(page);
      assert.equal(focus.role, 'status', 'focus is on the confirmation');
      assert.match(focus.text, /De verwijzing is verstuurd/);
    });
  });
});

describe('focus after each submit', () => {
  test('an empty referral form: focus on the error summary, and its first link leaves the label in view', async () => {
    await withPage(ASSISTANT, async (page) => {
      await page.goto(`${server.url}/verwijzingen/nieuw`);
      await page.evaluate(() => (document.querySelector('form[method=post]') as HTMLFormElement | null)?.setAttribute('novalidate', ''));
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Controleren' }).press('Enter')]);
      await page.waitForSelector('#error-summary');
      assert.equal((await focusAfterLoad(page)).id, 'error-summary');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      const label = await page.evaluate(() => {
        const input = document.activeElement as HTMLInputElement;
        const label = input.labels?.[0];
        return { top: label?.getBoundingClientRect().top ?? -1, input: input.name };
      });
      assert.equal(label.input, 'patient_name');
      assert.ok(label.top >= 0, `the label of the field stays in view (top ${label.top})`);
    });
  });

  test('the self-check: too fast keeps the answers and focuses the message; the contact form focuses its error list, and the confirmation once sent', async () => {
    await withPage(null, async (page) => {
      await page.goto(`${server.url}/zelftest?lang=nl`);
      await page.locator('#q-ends_meet-often').check();
      await page.locator('#q-rent_arrears-yes').check();
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Bekijk de uitslag' }).press('Enter')]);
      await page.waitForSelector('#error-summary');
      assert.equal((await focusAfterLoad(page)).id, 'error-summary', 'too fast: focus on the message');
      assert.ok(await page.locator('#q-ends_meet-often').isChecked(), 'the answers are still there');
      assert.ok(await page.locator('#q-rent_arrears-yes').isChecked());

      await page.waitForTimeout(3_100);
      await Promise.all([page.waitForURL(/\/zelftest\/uitslag/), page.getByRole('button', { name: 'Bekijk de uitslag' }).press('Enter')]);
      await page.waitForTimeout(3_100);
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Verder' }).press('Enter')]);
      await page.waitForSelector('#error-summary');
      assert.equal((await focusAfterLoad(page)).id, 'error-summary', 'contact errors: focus on the list');

      await page.getByLabel('Uw naam').fill('Anna Toetsenbord');
      await page.getByLabel('Telefoonnummer').fill('0612345678');
      await page.getByLabel('Postcode').last().fill('7552 AB');
      await page.getByLabel('Huisnummer').fill('14');
      await page.waitForTimeout(3_100);
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Verder' }).press('Enter')]);
      await page.locator('#field-consent').check();
      await page.waitForTimeout(3_100);
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Neem contact met mij op' }).press('Enter')]);
      await page.waitForSelector('#sent');
      const focus = await focusAfterLoad(page);
      assert.equal(focus.id, 'sent', 'sent: focus on the confirmation');
      assert.match(focus.text, /Bedankt/);
    });
  });

  test('a practice manager blocks a colleague: focus lands on the confirmation', async () => {
    await withPage(MANAGER, async (page) => {
      await page.goto(`${server.url}/mijn-organisatie`);
      const block = page.getByRole('button', { name: /Account blokkeren \(Sanne de Vries\)/ });
      await Promise.all([page.waitForURL(/melding=geblokkeerd/), block.press('Enter')]);
      const focus = await focusAfterLoad(page);
      assert.equal(focus.role, 'status');
      assert.match(focus.text, /Het account is geblokkeerd/);
      await Promise.all([
        page.waitForURL(/melding=gedeblokkeerd/),
        page.getByRole('button', { name: /Account deblokkeren \(Sanne de Vries\)/ }).press('Enter'),
      ]);
      assert.match((await focusAfterLoad(page)).text, /Het account is weer actief/);
    });
  });
});
