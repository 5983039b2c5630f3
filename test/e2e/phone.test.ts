/**
 * Signed-in pages on a phone, in a real browser against the real app (in-memory PGlite, Twente
 * demo data): the menu folds into one "Menu" button that opens without JavaScript and by keyboard,
 * its focus ring stands out on the light menu bar, and the inbox shows each referral as a card that
 * is still a table to a screen reader. Checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.ts';
import { closeBrowser, expectNoAxeViolations, follow, launchBrowser, signIn } from '../support/browser.ts';

let server: RunningServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0 })), launchBrowser()]);
});

after(async () => {
  await closeBrowser(browser);
  await server?.close();
});

async function withPage(options: { width: number; javaScript?: boolean }, run: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: options.width, height: 800 },
    javaScriptEnabled: options.javaScript ?? true,
  });
  context.setDefaultTimeout(30_000);
  try {
    await run(await context.newPage());
  } finally {
    await context.close();
  }
}

function mainMenu(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Hoofdmenu' });
}

/** Presses Tab until `isTarget` holds for the focused element (at most 30 times). */
async function tabTo(page: Page, isTarget: (active: Element) => boolean): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const active = await page.evaluateHandle(() => document.activeElement ?? document.body);
    if (await active.evaluate(isTarget)) return;
  }
  assert.fail('the element cannot be reached with Tab');
}

/** WCAG 2.x contrast ratio of the focused element's outline against the menu bar behind it. */
async function focusRingContrast(page: Page): Promise<number> {
  const [ring, bar] = await page.evaluate(() => {
    const active = document.activeElement as HTMLElement;
    const style = getComputedStyle(active);
    const width = parseFloat(style.outlineWidth);
    const nav = active.closest('nav') as HTMLElement;
    return [style.outlineStyle === 'none' || width < 2 ? '' : style.outlineColor, getComputedStyle(nav).backgroundColor];
  });
  const luminance = (color: string) => {
    const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  if (!ring) return 0;
  const [light, dark] = [luminance(ring), luminance(bar)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('the menu', () => {
  test('on a phone the menu is one "Menu" button that opens without JavaScript and by keyboard', async () => {
    await withPage({ width: 375, javaScript: false }, async (page) => {
      assert.equal(await signIn(page, server.url, 'praktijkmanager@demo.kortelijn.nl', DEMO_PASSWORD, server.services.db), 'home');
      const menu = mainMenu(page);
      assert.equal(await menu.getByRole('link', { name: 'Sociale kaart', exact: true }).count(), 0, 'the links are folded away');
      assert.ok(await menu.locator('summary', { hasText: 'Menu' }).isVisible(), 'a "Menu" button shows instead');

      // Without JavaScript only the browser's own behaviour counts: Tab to the button, Enter opens it.
      for (let i = 0; i < 30 && (await menu.locator('summary:focus').count()) === 0; i++) await page.keyboard.press('Tab');
      assert.equal(await menu.locator('summary:focus').count(), 1, 'Tab reaches the "Menu" button');
      await page.keyboard.press('Enter');
      const link = menu.getByRole('link', { name: 'Sociale kaart', exact: true });
      assert.ok(await link.isVisible(), 'Enter opens the menu');
      assert.equal(await menu.getByRole('link', { name: 'Start', exact: true }).getAttribute('aria-current'), 'page', 'it says where you are');
      await page.keyboard.press('Tab');
      assert.equal(await menu.locator('a:focus').textContent(), 'Start', 'Tab goes on into the menu');
      await follow(page, link);
      assert.equal(new URL(page.url()).pathname, '/sociale-kaart');
    });
  });

  test('on a phone the open menu fits the screen, its links show a focus ring of at least 3:1, and axe finds nothing', async () => {
    await withPage({ width: 375 }, async (page) => {
      await signIn(page, server.url, 'praktijkmanager@demo.kortelijn.nl', DEMO_PASSWORD, server.services.db);
      await tabTo(page, (active) => active.tagName === 'SUMMARY');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'the open menu fits the screen');
      const contrast = await focusRingContrast(page);
      assert.ok(contrast >= 3, `the focus ring has ${contrast.toFixed(2)}:1 against the menu`);
      await expectNoAxeViolations(page, 'the start page with the menu open, 375 px');
    });
  });

  test('on a wide screen the menu is a bar of links whose focus ring stands out at least 3:1 against the light bar (WCAG 1.4.11)', async () => {
    await withPage({ width: 1280 }, async (page) => {
      await signIn(page, server.url, 'assistent@demo.kortelijn.nl', DEMO_PASSWORD, server.services.db);
      assert.ok(await mainMenu(page).getByRole('link', { name: 'Sociale kaart', exact: true }).isVisible(), 'the links are in view');
      assert.equal(await mainMenu(page).locator('summary').isVisible(), false, 'no "Menu" button');
      await tabTo(page, (active) => active.textContent === 'Sociale kaart');
      const contrast = await focusRingContrast(page);
      assert.ok(contrast >= 3, `the focus ring has ${contrast.toFixed(2)}:1 against the menu bar`);
    });
  });
});

describe('tables on a phone', () => {
  test('the inbox shows each referral as a card, every value under its column header, and is still a table to a screen reader', async () => {
    await withPage({ width: 375 }, async (page) => {
      await signIn(page, server.url, 'schuldhulp@demo.kortelijn.nl', DEMO_PASSWORD, server.services.db);
      await page.goto(`${server.url}/inbox`);
      const table = page.getByRole('table', { name: 'Verwijzingen: Nieuw' });
      assert.ok(await table.getByRole('columnheader', { name: 'Inwoner' }).count(), 'the column headers are there for screen readers');
      const rows = table.getByRole('row');
      assert.ok((await rows.count()) >= 3, 'a header row and the referrals');
      const card = rows.nth(1);
      const box = await card.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 375, 'the card fits the screen');
      const labels = await card
        .getByRole('cell')
        // `"Verwijzing" / ""`: the header as text, and no alternative text (screen readers have the header already).
        .evaluateAll((cells) => cells.map((cell) => /^"([^"]*)"/.exec(getComputedStyle(cell, '::before').content)?.[1] ?? ''));
      assert.deepEqual(labels.slice(0, 3), ['Verwijzing', 'Inwoner', 'Soort hulp'], 'each value is labelled with its column header');
      const cellWidths = await card.getByRole('cell').evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().width));
      assert.ok(
        cellWidths.every((w) => w > 250),
        `each value has the card's width, not a sliver of it: ${cellWidths.map(Math.round).join(', ')}`,
      );
      await expectNoAxeViolations(page, 'the inbox at 375 px');
    });
  });
});
