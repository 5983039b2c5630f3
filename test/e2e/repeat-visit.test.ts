/**
 * What a returning visitor downloads, in a real browser against the real app (in-memory PGlite,
 * Twente demo data), measured through the DevTools protocol: after the first page only the pages
 * themselves travel; the stylesheet and icon come from the browser's cache, under names that change
 * with their content, so they may be kept a year; a public page that did not change costs only its
 * headers (304).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.ts';
import { closeBrowser, launchBrowser, newPage, signIn } from '../support/browser.ts';

let server: RunningServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0 })), launchBrowser()]);
});

after(async () => {
  await closeBrowser(browser);
  await server?.close();
});

interface Transfer {
  path: string;
  type: string;
  /** Bytes over the network: 0 when the browser's cache answered. */
  bytes: number;
}

/** Visits `paths` in order and returns what each visit transferred, per request. */
async function visits(context: BrowserContext, page: Page, paths: string[]): Promise<Transfer[][]> {
  const cdp = await context.newCDPSession(page);
  let current = new Map<string, Transfer>();
  cdp.on('Network.requestWillBeSent', (e) => current.set(e.requestId, { path: new URL(e.request.url).pathname, type: e.type ?? 'Other', bytes: -1 }));
  cdp.on('Network.loadingFinished', (e) => {
    const t = current.get(e.requestId);
    if (t) t.bytes = e.encodedDataLength;
  });
  await cdp.send('Network.enable');
  const result: Transfer[][] = [];
  for (const path of paths) {
    current = new Map();
    // Network idle: the browser asks for the icon only after the page has loaded.
    await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
    for (let i = 0; i < 40 && [...current.values()].some((t) => t.bytes < 0); i++) await page.waitForTimeout(50);
    result.push([...current.values()]);
  }
  await cdp.detach();
  return result;
}

function assetsOf(transfers: Transfer[]): Transfer[] {
  return transfers.filter((t) => t.type !== 'Document');
}

describe('a returning visitor', () => {
  test('after the first page only the pages travel: the stylesheet and icon come from the browser cache', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.url, 'assistent@demo.kortelijn.nl', DEMO_PASSWORD, server.services.db);
      const [first, ...later] = await visits(context, page, ['/sociale-kaart', '/verwijzingen', '/signalen', '/sociale-kaart?postcode=7552AB']);
      assert.ok(
        assetsOf(first ?? []).some((t) => t.path.endsWith('.css')),
        'the stylesheet is loaded',
      );
      for (const visit of later) {
        const downloaded = assetsOf(visit).filter((t) => t.bytes !== 0);
        assert.deepEqual(downloaded, [], 'nothing but the page itself is downloaded again');
        assert.ok(
          visit.some((t) => t.type === 'Document' && t.bytes > 0),
          'a signed-in page itself is fetched every time (no-store)',
        );
      }
    } finally {
      await context.close();
    }
  });

  test('the stylesheet and icon are named after their content and may be kept a year without asking again', async () => {
    const { context, page } = await newPage(browser);
    try {
      const [first] = await visits(context, page, ['/hulp']);
      const assets = assetsOf(first ?? []);
      assert.ok(assets.length >= 2, `the page loads its stylesheet and icon: ${assets.map((a) => a.path).join(', ')}`);
      for (const asset of assets) {
        const res = await fetch(`${server.url}${asset.path}`, { headers: { 'accept-encoding': 'identity' } });
        assert.equal(res.status, 200, asset.path);
        assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', asset.path);
        const hash = createHash('sha256')
          .update(Buffer.from(await res.arrayBuffer()))
          .digest('hex')
          .slice(0, 12);
        assert.ok(asset.path.includes(`.${hash}.`), `${asset.path} carries the hash of its content (${hash})`);
      }
    } finally {
      await context.close();
    }
  });

  test('a public page that did not change costs only its headers on the next visit (ETag, 304)', async () => {
    const { context, page } = await newPage(browser);
    try {
      const [first, again] = await visits(context, page, ['/hulp?postcode=7552AB', '/hulp?postcode=7552AB']);
      const pageBytes = (visit: Transfer[] | undefined) => visit?.find((t) => t.type === 'Document')?.bytes ?? 0;
      assert.ok(pageBytes(first) > 2_000, `the first visit downloads the page (${pageBytes(first)} bytes)`);
      assert.ok(pageBytes(again) < 1_200, `the next visit downloads only headers (${pageBytes(again)} bytes)`);
      assert.deepEqual(
        assetsOf(again ?? []).filter((t) => t.bytes !== 0),
        [],
        'and nothing else',
      );
    } finally {
      await context.close();
    }
  });
});
