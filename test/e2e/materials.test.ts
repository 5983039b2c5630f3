/**
 * Materials from live data in a real browser against the real app (in-memory PGlite, Twente demo
 * data): a doctor's assistant opens "Materialen", downloads the placemat and the information cards
 * for her practice in every language they come in, prints the hand-over card of a referral in each
 * of the patient languages, and sets up the waiting-room screen, which a TV browser opens without
 * signing in. Every PDF is read back with a PDF parsing library; the pages are checked with axe.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { getDocumentProxy } from 'unpdf';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.ts';
import { closeBrowser, expectNoAxeViolations, follow, launchBrowser, newPage, signIn } from '../support/browser.ts';

let server: RunningServer;
let browser: Browser;
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

async function pdfTextOf(file: string): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(await readFile(file)));
  const parts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    for (const item of (await (await doc.getPage(n)).getTextContent()).items) if ('str' in item) parts.push(item.str);
  }
  return parts.join(' ');
}

/** Clicks a PDF link and returns the downloaded file's name and text. */
async function downloadPdf(link: ReturnType<Page['getByRole']>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await download.path();
  assert.ok(file, 'the PDF was saved');
  const head = (await readFile(file)).subarray(0, 5).toString('latin1');
  assert.equal(head, '%PDF-');
  return { name: download.suggestedFilename(), text: await pdfTextOf(file) };
}

/** Through the menu, from the start page (the printable materials have no menu). */
async function openMaterials(): Promise<void> {
  await page.goto(`${server.url}/`);
  await follow(page, page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Materialen', exact: true }));
  assert.equal(new URL(page.url()).pathname, '/materialen');
}

describe('a doctor’s assistant makes the materials for her practice', () => {
  test('the materials page lists every material for her practice and passes axe, also at 375 px', async () => {
    await openMaterials();
    assert.equal(((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim(), 'Materialen');
    await expectNoAxeViolations(page, '/materialen');
    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at 375 px (${overflow} px too wide)`);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test('she downloads the placemat in Dutch and English: the help per question, dated, from the social map', async () => {
    await openMaterials();
    const placemat = page.locator('section', { has: page.getByRole('heading', { name: /Placemat/ }) });
    for (const [lang, words] of [
      ['nl', /Hulp bij geldzorgen · Huisartsenpraktijk De Esch.*Gemaakt op .*Schulden.*Vaste contactpersonen.*Termijnen/],
      ['en', /Help with money worries · Huisartsenpraktijk De Esch.*Made on .*Debts.*Fixed contacts.*Terms/],
    ] as const) {
      const pdf = await downloadPdf(placemat.locator(`a[href$="/placemat/pdf?taal=${lang}"]`));
      assert.match(pdf.name, new RegExp(`^placemat-${lang}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
      assert.match(pdf.text.replace(/\s+/g, ' '), words);
    }
    assert.equal(await follow(page, placemat.locator('a[href$="/placemat?taal=nl"]')), 200);
    assert.ok(await page.getByTestId('placemat').isVisible());
    await expectNoAxeViolations(page, 'placemat (HTML)');
  });

  test('she downloads the information cards in Dutch, English, Turkish, Polish and Arabic', async () => {
    await openMaterials();
    const cards = page.locator('section', { has: page.getByRole('heading', { name: /Informatiekaarten/ }) });
    const titles: Record<string, RegExp> = {
      nl: /Zorgen over geld\?/,
      en: /Worried about money\?/,
      tr: /Para endişeniz mi var\?/,
      pl: /Martwisz się o pieniądze\?/,
      ar: /هل لديك مخاوف/,
    };
    for (const [lang, title] of Object.entries(titles)) {
      const pdf = await downloadPdf(cards.locator(`a[href$="/kaarten/pdf?taal=${lang}"]`));
      assert.match(pdf.name, new RegExp(`^informatiekaarten-${lang}-`));
      assert.match(pdf.text.replace(/\s+/g, ' '), title, lang);
    }
    assert.equal(await follow(page, cards.locator('a[href$="/kaarten?taal=ar"]')), 200);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await expectNoAxeViolations(page, 'cards in Arabic (HTML)');
  });

  test('after a referral she prints the hand-over card in the patient’s language, and in the other languages', async () => {
    const db = server.services.db;
    const referral = await db
      .selectFrom('referrals')
      .innerJoin('users', 'users.id', 'referrals.created_by')
      .select(['referrals.id'])
      .where('users.email', '=', 'assistent@demo.kortelijn.nl')
      .where('referrals.status', 'in', ['requested', 'received', 'accepted', 'in-progress'])
      .where('referrals.consent_withdrawn_at', 'is', null)
      .executeTakeFirstOrThrow();
    await page.goto(`${server.url}/verwijzingen/${referral.id}`);
    assert.equal(await follow(page, page.getByRole('link', { name: 'Overdrachtskaart afdrukken voor de patiënt' })), 200);
    assert.ok(await page.getByTestId('handover-card').isVisible());
    await expectNoAxeViolations(page, 'hand-over card');
    const expected: Record<string, RegExp> = {
      nl: /Zo gaat het verder/,
      en: /What happens next/,
      tr: /Bundan sonra ne olacak/,
      pl: /Co dalej/,
      ar: /ماذا سيحدث بعد ذلك/,
    };
    for (const [lang, title] of Object.entries(expected)) {
      // The toolbar offers the other languages; the PDF follows the language shown.
      const other = page.locator(`nav a[href="/materialen/overdrachtskaart/${referral.id}?taal=${lang}"]`);
      if ((await other.count()) > 0) assert.equal(await follow(page, other), 200);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      const pdf = await downloadPdf(page.getByRole('link', { name: 'PDF downloaden' }));
      assert.match(pdf.name, new RegExp(`-${lang}\\.pdf$`));
      assert.match(pdf.text.replace(/\s+/g, ' '), title, lang);
    }
    const printed = await db
      .selectFrom('audit_log')
      .select('patient_ref')
      .where('action', '=', 'referral.handover_card')
      .where('subject_id', '=', referral.id)
      .execute();
    assert.ok(printed.length >= 5, `every print is audited (${printed.length})`);
  });

  test('she sets up the waiting-room screen; a TV browser opens it without signing in, without cookies and without other sites', async () => {
    await openMaterials();
    assert.equal(await follow(page, page.getByRole('button', { name: 'Adres maken' })), 201);
    const address = ((await page.getByTestId('screen-url').textContent()) ?? '').trim();
    assert.match(address, /\/wachtkamer\/[A-Za-z0-9_-]{43}$/);

    const tv = await newPage(browser);
    const origins = new Set<string>();
    tv.page.on('request', (r) => origins.add(new URL(r.url()).origin));
    const response = await tv.page.goto(address.replace(/^https?:\/\/[^/]+/, server.url));
    assert.equal(response?.status(), 200);
    assert.ok(await tv.page.getByRole('heading', { name: 'Zorgen over geld? Hier kunt u terecht' }).isVisible());
    await expectNoAxeViolations(tv.page, 'waiting-room screen');
    assert.deepEqual(await tv.context.cookies(), [], 'no cookie');
    assert.deepEqual([...origins], [new URL(server.url).origin], 'nothing fetched from elsewhere');
    const text = (await tv.page.locator('body').textContent()) ?? '';
    for (const name of await server.services.db.selectFrom('referrals').select('patient_name').where('patient_name', 'is not', null).execute())
      assert.ok(!text.includes(name.patient_name!), 'no patient names on the screen');
    await tv.context.close();

    await openMaterials();
    assert.equal(await follow(page, page.getByRole('button', { name: 'Adres intrekken' })), 200);
    const gone = await browser.newContext();
    assert.equal((await (await gone.newPage()).goto(address.replace(/^https?:\/\/[^/]+/, server.url)))?.status(), 404);
    await gone.close();
  });

  test('the printable signals checklist is one of the materials', async () => {
    await openMaterials();
    assert.equal(await follow(page, page.getByRole('link', { name: 'Signalen van geldzorgen (afdrukken)' })), 200);
    assert.equal(new URL(page.url()).pathname, '/signalen/afdrukken');
  });
});
