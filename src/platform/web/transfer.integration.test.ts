import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { createTenant, createTestUser, TEST_PASSWORD } from '../../../test/support/fixtures.ts';
import { signedInBrowser, testApp, TestBrowser } from '../../../test/support/http.ts';
import type { AppEnv } from '../http/types.ts';

forEachDatabase('what goes over the wire', (db) => {
  let app: Hono<AppEnv>;

  before(() => {
    app = testApp(db()).app;
  });

  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

  describe('compression', () => {
    it('a page goes out with brotli to a browser that takes it, gzip to one that takes only gzip, plain otherwise: the same page', async () => {
      const plain = await get('/inloggen');
      const html = await bytes(plain);
      assert.equal(plain.headers.get('content-encoding'), null);
      assert.ok(html.byteLength > 1024, 'a page is worth compressing');

      const br = await get('/inloggen', { 'accept-encoding': 'gzip, deflate, br, zstd' });
      assert.equal(br.headers.get('content-encoding'), 'br');
      assert.match(br.headers.get('vary') ?? '', /Accept-Encoding/i);
      const brBody = await bytes(br);
      assert.equal(Number(br.headers.get('content-length')), brBody.byteLength);
      assert.ok(brBody.byteLength < html.byteLength / 2, `${brBody.byteLength} of ${html.byteLength} bytes`);
      // The form token differs per visitor: compare the page without it.
      const withoutToken = (page: string) => page.replace(/value="[^"]{20,}"/g, 'value="…"');
      assert.equal(withoutToken(brotliDecompressSync(brBody).toString()), withoutToken(html.toString()));

      const gzip = await get('/inloggen', { 'accept-encoding': 'gzip' });
      assert.equal(gzip.headers.get('content-encoding'), 'gzip');
      assert.equal(withoutToken(gunzipSync(await bytes(gzip)).toString()), withoutToken(html.toString()));
    });

    it('error pages are compressed too, and keep their status', async () => {
      const res = await get('/bestaat-niet', { 'accept-encoding': 'br' });
      assert.equal(res.status, 404);
      assert.equal(res.headers.get('content-encoding'), 'br');
      assert.match(brotliDecompressSync(await bytes(res)).toString(), /Deze pagina bestaat niet/);
    });
  });

  describe('validators and caching', () => {
    it('a public page that is the same for everyone carries an ETag, and asked again with it the answer is 304 without the page', async () => {
      const first = await get('/hulp');
      const etag = first.headers.get('etag');
      assert.match(etag ?? '', /^W\/"[\w-]+"$/);
      assert.equal(first.headers.get('cache-control'), 'private, no-cache');
      const again = await get('/hulp', { 'if-none-match': etag ?? '' });
      assert.equal(again.status, 304);
      assert.equal((await bytes(again)).byteLength, 0);
      assert.equal(again.headers.get('etag'), etag);
      assert.equal(again.headers.get('cache-control'), 'private, no-cache');
      // Compressed, the validator stays the same (weak): the page did not change.
      const compressed = await get('/hulp', { 'accept-encoding': 'br', 'if-none-match': etag ?? '' });
      assert.equal(compressed.status, 304);
      // Another language is another page.
      const english = await get('/hulp', { 'if-none-match': etag ?? '', cookie: 'kl_lang=en' });
      assert.equal(english.status, 200);
      assert.notEqual(english.headers.get('etag'), etag);
    });

    it("a page with the visitor's own form token gets no ETag (the sign-in page)", async () => {
      const res = await new TestBrowser(app).get('/inloggen');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('etag'), null);
    });

    it('the self-check keeps its no-store and gets no ETag', async () => {
      const res = await get('/zelftest');
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.headers.get('etag'), null);
    });

    it('a signed-in page carries no ETag and is never stored', async () => {
      const tenant = await createTenant(db());
      const user = await createTestUser(db(), tenant, 'practice_staff');
      const browser = await signedInBrowser(app, db(), { email: user.email, password: TEST_PASSWORD });
      for (const path of ['/', '/hulp', '/sociale-kaart']) {
        const res = await browser.get(path);
        assert.equal(res.status, 200, path);
        assert.equal(res.headers.get('etag'), null, path);
        assert.equal(res.headers.get('cache-control'), 'no-store', path);
      }
    });
  });

  describe('assets', () => {
    async function stylesheetHref(): Promise<string> {
      const html = await (await get('/inloggen')).text();
      const href = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
      assert.ok(href, 'the page links one stylesheet');
      return href;
    }

    it('the stylesheet is named after its content, kept a year as immutable, and sent in the coding asked for', async () => {
      const href = await stylesheetHref();
      assert.match(href, /^\/assets\/app\.[0-9a-f]{12}\.css$/);
      const plain = await get(href);
      assert.equal(plain.status, 200);
      assert.match(plain.headers.get('content-type') ?? '', /^text\/css/);
      assert.equal(plain.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      const css = await bytes(plain);
      assert.ok(href.includes(createHash('sha256').update(css).digest('hex').slice(0, 12)), 'the name carries the hash of the content');

      const br = await get(href, { 'accept-encoding': 'br, gzip' });
      assert.equal(br.headers.get('content-encoding'), 'br');
      assert.equal(br.headers.get('vary'), 'Accept-Encoding');
      assert.deepEqual(brotliDecompressSync(await bytes(br)), css);
      const gzip = await get(href, { 'accept-encoding': 'gzip' });
      assert.deepEqual(gunzipSync(await bytes(gzip)), css);
    });

    it('an outdated or unhashed stylesheet name is sent on to the current one; an unknown file is not found', async () => {
      const href = await stylesheetHref();
      for (const old of ['/assets/app.css', '/assets/tokens.css', '/assets/utrecht.css', '/assets/app.0123456789ab.css']) {
        const res = await get(old);
        assert.equal(res.status, 302, old);
        assert.equal(res.headers.get('location'), href, old);
        assert.equal(res.headers.get('cache-control'), 'no-cache', old);
      }
      assert.equal((await get('/assets/nothing.css')).status, 404);
    });
  });
});
