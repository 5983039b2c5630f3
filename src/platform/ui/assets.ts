import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { AppEnv } from '../http/types.ts';
import { chooseEncoding, compressFile, type Encoding } from '../http/encoding.ts';
import { buildStylesheet } from './stylesheet.ts';

/** A file the app serves itself (no CDN), under a name that changes whenever its content does. */
export interface Asset {
  /** Where pages link it: `/assets/app.3f2a9c1b7d4e.css`. */
  readonly href: string;
  readonly type: string;
  readonly body: Uint8Array<ArrayBuffer>;
  /** The body compressed: once per coding, when first asked for (not at start-up, which tests do often). */
  encoded(encoding: Encoding): Promise<Uint8Array<ArrayBuffer>>;
}

/** A year: the longest lifetime RFC 9111 caches are asked to honour; the name changes with the content anyway. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** By hashed file name (what is served), and by plain name (where an outdated or unhashed name is sent). */
const byFile = new Map<string, Asset>();
const byPlainName = new Map<string, Asset>();

/**
 * Serves `body` as `/assets/<name with a content hash>`: browsers keep it for a year without asking
 * again, and a changed file gets a new name, so nobody ever runs old styles or scripts.
 */
export function defineAsset(name: string, body: string | Buffer, type: string): Asset {
  const bytes = new Uint8Array(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const dot = name.lastIndexOf('.');
  const file = `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
  const compressed = new Map<Encoding, Promise<Uint8Array<ArrayBuffer>>>();
  const asset: Asset = {
    href: `/assets/${file}`,
    type,
    body: bytes,
    encoded(encoding) {
      const known = compressed.get(encoding) ?? compressFile(bytes, encoding).then((b) => new Uint8Array(b));
      compressed.set(encoding, known);
      return known;
    },
  };
  byFile.set(file, asset);
  byPlainName.set(name, asset);
  return asset;
}

/**
 * A browser script next to the page that uses it (same origin, so the CSP's `script-src 'self'`
 * allows it): `const formScript = scriptAsset(new URL('./form.js', import.meta.url))`, then
 * `<script src={formScript.href} defer />` in the page.
 */
export function scriptAsset(file: URL): Asset {
  return defineAsset(basename(fileURLToPath(file)), readFileSync(file), 'text/javascript; charset=utf-8');
}

/** Every page's one stylesheet (see stylesheet.ts), built at start-up. */
export const stylesheet = defineAsset('app.css', buildStylesheet(new URL('../../', import.meta.url)), 'text/css; charset=utf-8');

/** The icon in the browser tab (and no 404 page downloaded for a missing one). */
export const favicon = defineAsset('favicon.svg', readFileSync(new URL('./assets/favicon.svg', import.meta.url)), 'image/svg+xml');

/** The three stylesheets pages linked before there was one: the one stylesheet replaces them all. */
for (const name of ['tokens.css', 'utrecht.css']) byPlainName.set(name, stylesheet);

/** `app.3f2a9c1b7d4e.css` → `app.css`. */
function plainName(file: string): string {
  return file.replace(/\.[0-9a-f]{12}(\.[a-z]+)$/, '$1');
}

export function registerAssetRoutes(app: Hono<AppEnv>): void {
  app.get('/assets/:file', async (c) => {
    const file = c.req.param('file');
    const asset = byFile.get(file);
    if (!asset) {
      // A page from before the last change (or an old bookmark) still gets today's file; the
      // redirect itself is not kept, as its target changes with the next version.
      const current = byPlainName.get(plainName(file));
      if (!current) return c.notFound();
      c.header('cache-control', 'no-cache');
      return c.redirect(current.href, 302);
    }
    c.header('content-type', asset.type);
    c.header('cache-control', IMMUTABLE);
    c.header('vary', 'Accept-Encoding');
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    if (!encoding) return c.body(asset.body);
    c.header('content-encoding', encoding);
    return c.body(await asset.encoded(encoding));
  });
}
