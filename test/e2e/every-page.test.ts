/**
 * Every page, as every demo role can reach it, in a real browser against the real app (in-memory
 * PGlite, Twente demo data): each role signs in and follows every link from the start page (the
 * public pages from /hulp, /zelftest and /inloggen, and the self-check in each of its languages,
 * its result included). On each page the crawl measures:
 * - at 375 px (a phone) and at 320 px (1280 px at 400 % zoom, WCAG 1.4.10 Reflow) whether the
 *   page is wider than the screen;
 * - at 1280, 375 and 320 px whether a word in a table, button, label or the menu is broken over
 *   two lines (a squeezed table went one letter a line, "Uitloggen" became "Uitlog-gen");
 * - what a first visit transfers (HTML, stylesheet, scripts, images; as sent, so compressed), with
 *   the browser's cache off: a first visit on a phone should cost at most 60 KB;
 * - at 1280 and 375 px whether every checkbox and radio button stands before its label in the
 *   reading direction (NL Design System order), in every form on every page.
 * The crawl runs once; each rule is its own test over what it measured.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD, demoAccounts } from '../../src/demo/seed-demo.ts';
import { closeBrowser, follow, launchBrowser, newPage, signIn } from '../support/browser.ts';

const PHONE = 375;
const REFLOW = 320;
const DESKTOP = 1280;
const FIRST_VISIT_BUDGET = 60 * 1024;
/** A bound, not a target: the demo has about 120 pages per role. */
const MAX_PAGES_PER_ROLE = 400;

interface Measured {
  who: string;
  path: string;
  /** document.documentElement.scrollWidth at each width. */
  width: Record<number, number>;
  /** Words (letters only, up to 20) broken over two lines, at each width. */
  brokenWords: Record<number, string[]>;
  /** Bytes over the network with an empty cache: headers and (compressed) bodies of the page and all it loads. */
  firstVisitBytes: number;
  resources: string[];
  /** Checkboxes and radio buttons drawn after (or beside the far end of) their label, at each width. */
  controlsAfterLabel: Record<number, string[]>;
}

let server: RunningServer;
let browser: Browser;
const measured: Measured[] = [];

before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0 })), launchBrowser()]);
  for (const account of demoAccounts) await crawl(account.email.split('@')[0] ?? account.email, account.email);
  await crawl('anonymous', null);
});

after(async () => {
  await closeBrowser(browser);
  await server?.close();
});

/** Counts what each navigation transfers, through the DevTools protocol, with the cache off. */
async function transferMeter(cdp: CDPSession) {
  const requests = new Map<string, { url: string; done: boolean; bytes: number }>();
  cdp.on('Network.requestWillBeSent', (e) => {
    requests.set(e.requestId, { url: e.request.url, done: false, bytes: 0 });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { done: true, bytes: e.encodedDataLength });
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.done = true;
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return {
    reset: () => requests.clear(),
    /** Waits (briefly) for the last responses to finish, then sums them. */
    async total(): Promise<{ bytes: number; urls: string[] }> {
      for (let i = 0; i < 40 && [...requests.values()].some((r) => !r.done); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      const all = [...requests.values()];
      return { bytes: all.reduce((sum, r) => sum + r.bytes, 0), urls: all.map((r) => `${new URL(r.url).pathname} ${r.bytes}`) };
    },
  };
}

/** Words of letters only (up to 20: longer ones may need to break) that the layout broke over two lines. */
function brokenWordsIn(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken = new Set<string>();
    const seen = new Set<Node>();
    const chrome = 'th, td, button, summary, label, .utrecht-button-link, .utrecht-nav-list__link, .kl-tabs__link, .kl-header a';
    for (const element of Array.from(document.querySelectorAll(chrome))) {
      if (element.getClientRects().length === 0) continue;
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        if (seen.has(node)) continue;
        seen.add(node);
        for (const match of node.data.matchAll(/\p{L}{2,20}/gu)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set(
            Array.from(range.getClientRects())
              .filter((r) => r.width > 0)
              .map((r) => Math.round(r.top)),
          );
          if (lines.size > 1) broken.add(match[0]);
        }
      }
    }
    return [...broken];
  });
}

/**
 * Checkboxes and radio buttons that do not stand before their label: in the reading direction (left
 * of it in Dutch, right of it in Arabic) on the same line, or above it.
 */
function controlsAfterLabelIn(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wrong: string[] = [];
    for (const input of Array.from(document.querySelectorAll<HTMLInputElement>('input[type=checkbox], input[type=radio]'))) {
      const label = input.labels?.[0];
      if (!label || input.getClientRects().length === 0 || label.getClientRects().length === 0) continue;
      const box = input.getBoundingClientRect();
      const text = label.getBoundingClientRect();
      const rtl = getComputedStyle(input).direction === 'rtl';
      const before = rtl ? box.left >= text.right - 2 : box.right <= text.left + 2;
      const above = box.bottom <= text.top + 2;
      if (!before && !above) wrong.push(`${input.name}=${input.value} (“${label.textContent?.trim().slice(0, 30)}”)`);
    }
    return wrong;
  });
}

function isCrawlable(href: string): boolean {
  return href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/assets/') && !href.startsWith('/uitloggen') && !/[?&]lang=/.test(href);
}

async function measure(page: Page, meter: Awaited<ReturnType<typeof transferMeter>>, who: string, path: string): Promise<string[]> {
  await page.setViewportSize({ width: PHONE, height: 800 });
  meter.reset();
  let response;
  try {
    response = await page.goto(`${server.url}${path}`);
  } catch (error) {
    // A link to a download (CSV, JSON export) is not a page.
    if (String(error).includes('Download is starting')) return [];
    throw error;
  }
  if (!response || !(response.headers()['content-type'] ?? '').includes('text/html')) return [];
  const { bytes, urls } = await meter.total();
  const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
  const result: Measured = { who, path, width: {}, brokenWords: {}, firstVisitBytes: bytes, resources: urls, controlsAfterLabel: {} };
  result.width[PHONE] = await scrollWidth();
  result.brokenWords[PHONE] = await brokenWordsIn(page);
  result.controlsAfterLabel[PHONE] = await controlsAfterLabelIn(page);
  await page.setViewportSize({ width: REFLOW, height: 800 });
  result.width[REFLOW] = await scrollWidth();
  result.brokenWords[REFLOW] = await brokenWordsIn(page);
  await page.setViewportSize({ width: DESKTOP, height: 800 });
  result.width[DESKTOP] = await scrollWidth();
  result.brokenWords[DESKTOP] = await brokenWordsIn(page);
  result.controlsAfterLabel[DESKTOP] = await controlsAfterLabelIn(page);
  measured.push(result);
  return page.evaluate(() => Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href') ?? ''));
}

/** Signs in (or not) and visits every page reachable by links from the role's start pages. */
async function crawl(who: string, email: string | null): Promise<void> {
  const { context, page } = await newPage(browser);
  try {
    await page.setViewportSize({ width: PHONE, height: 800 });
    if (email) assert.equal(await signIn(page, server.url, email, DEMO_PASSWORD, server.services.db), 'home');
    const meter = await transferMeter(await context.newCDPSession(page));
    const queue = email ? ['/', '/sociale-kaart?postcode=7552AB'] : ['/hulp', '/hulp?postcode=7552AB', '/zelftest', '/inloggen'];
    const seen = new Set<string>();
    while (queue.length > 0 && seen.size < MAX_PAGES_PER_ROLE) {
      const path = queue.shift() ?? '/';
      if (seen.has(path)) continue;
      seen.add(path);
      for (const href of await measure(page, meter, who, path)) if (isCrawlable(href) && !seen.has(href)) queue.push(href.replace(/#.*$/, ''));
    }
    if (!email) await crawlSelfCheckLanguages(page, meter);
  } finally {
    await context.close();
  }
}

/** The self-check and its result in each of its languages (switched with ?lang=, which the crawl leaves alone). */
async function crawlSelfCheckLanguages(page: Page, meter: Awaited<ReturnType<typeof transferMeter>>): Promise<void> {
  await page.goto(`${server.url}/zelftest?lang=nl`);
  for (const radio of await page.locator('input[type=radio][value]').all()) {
    if (!(await radio.isChecked())) await radio.check().catch(() => undefined);
  }
  // The form refuses answers sent within 3 seconds of loading it (a bot).
  await page.waitForTimeout(3_100);
  await follow(page, page.getByRole('button', { name: 'Bekijk de uitslag' }));
  for (const lang of ['nl', 'en', 'tr', 'ar', 'pl']) {
    await measure(page, meter, `anonymous (${lang})`, `/zelftest?lang=${lang}`);
    await measure(page, meter, `anonymous (${lang})`, `/zelftest/uitslag?lang=${lang}`);
  }
}

function report(rows: Measured[], show: (m: Measured) => string): string {
  return rows.map((m) => `  ${m.who} ${m.path}: ${show(m)}`).join('\n');
}

describe('every page each role can reach', () => {
  test('the crawl reached the pages of every role', (t) => {
    const heaviest = [...measured].sort((a, b) => b.firstVisitBytes - a.firstVisitBytes)[0];
    t.diagnostic(
      `${measured.length} pages; heaviest first visit ${heaviest?.who} ${heaviest?.path} ${Math.round((heaviest?.firstVisitBytes ?? 0) / 102.4) / 10} KB`,
    );
    for (const who of [...demoAccounts.map((a) => a.email.split('@')[0]), 'anonymous']) {
      assert.ok(measured.filter((m) => m.who === who).length >= 4, `${who} reached only ${measured.filter((m) => m.who === who).length} pages`);
    }
    assert.ok(measured.some((m) => m.path === '/inbox') && measured.some((m) => m.path === '/verwijzingen/nieuw'), 'the main pages were visited');
    assert.ok(
      measured.some((m) => m.who === 'anonymous (ar)' && m.path === '/zelftest/uitslag?lang=ar'),
      'the self-check result was visited',
    );
  });

  test('no page is wider than a 375 px phone screen', () => {
    const tooWide = measured.filter((m) => (m.width[PHONE] ?? 0) > PHONE);
    assert.equal(tooWide.length, 0, `wider than ${PHONE} px:\n${report(tooWide, (m) => `${m.width[PHONE]} px`)}`);
  });

  test('no page is wider than 320 px, so it reflows at 400 % zoom without scrolling sideways (WCAG 1.4.10)', () => {
    const tooWide = measured.filter((m) => (m.width[REFLOW] ?? 0) > REFLOW);
    assert.equal(tooWide.length, 0, `wider than ${REFLOW} px:\n${report(tooWide, (m) => `${m.width[REFLOW]} px`)}`);
  });

  test('no word in a table, button, label or menu is broken over two lines, at 1280, 375 or 320 px', () => {
    const broken = measured.filter((m) => Object.values(m.brokenWords).some((words) => words.length > 0));
    assert.equal(
      broken.length,
      0,
      `words broken mid-word:\n${report(broken, (m) =>
        Object.entries(m.brokenWords)
          .filter(([, words]) => words.length > 0)
          .map(([width, words]) => `${width} px: ${words.join(', ')}`)
          .join('; '),
      )}`,
    );
  });

  test('every checkbox and radio button stands before its label (NL Design System order), in every form, at 1280 and 375 px', () => {
    const wrong = measured.filter((m) => Object.values(m.controlsAfterLabel).some((c) => c.length > 0));
    assert.ok(
      measured.some((m) => m.path === '/verwijzingen/nieuw'),
      'the crawl saw the forms with the most choices',
    );
    assert.equal(
      wrong.length,
      0,
      `controls after their label:\n${report(wrong, (m) =>
        Object.entries(m.controlsAfterLabel)
          .filter(([, c]) => c.length > 0)
          .map(([width, c]) => `${width} px: ${c.slice(0, 5).join(', ')}`)
          .join('; '),
      )}`,
    );
  });

  test('a first visit to any page transfers at most 60 KB: the page, its stylesheet, scripts and images, compressed', () => {
    const heavy = measured.filter((m) => m.firstVisitBytes > FIRST_VISIT_BUDGET);
    assert.equal(
      heavy.length,
      0,
      `over ${FIRST_VISIT_BUDGET / 1024} KB:\n${report(heavy, (m) => `${Math.round(m.firstVisitBytes / 1024)} KB (${m.resources.join(', ')})`)}`,
    );
    // The meter itself: every page load counted its stylesheet.
    assert.ok(
      measured.every((m) => m.resources.some((r) => r.startsWith('/assets/'))),
      'every page loaded its stylesheet',
    );
  });
});
