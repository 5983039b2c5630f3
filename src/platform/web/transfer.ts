import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { chooseEncoding, compressPage, isCompressible } from '../http/encoding.ts';
import type { AppEnv } from '../http/types.ts';

/** Below this a response is sent as it is: compressing a few hundred bytes saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;

/**
 * Compresses every text answer (pages, JSON) with brotli or gzip, whichever the browser takes
 * (RFC 9110 §8.4). Pages are HTML of 10–60 KB: compressed they are a fifth of that or less, which
 * on a phone on a weak mobile connection is the difference that counts. Answers that are already
 * compressed (the assets, compressed once at start-up) are left alone.
 */
export function compression(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (
      c.req.method === 'HEAD' ||
      !res.body ||
      res.status === 204 ||
      res.status === 206 ||
      res.status === 304 ||
      res.headers.has('content-encoding') ||
      !isCompressible(res.headers.get('content-type')) ||
      /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('cache-control') ?? '')
    )
      return;
    varyOn(c.res.headers, 'Accept-Encoding');
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    if (!encoding) return;
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.byteLength < MIN_COMPRESS_BYTES) {
      c.res = new Response(body, res);
      return;
    }
    const compressed = await compressPage(body, encoding);
    c.res = new Response(new Uint8Array(compressed), res);
    c.res.headers.set('content-encoding', encoding);
    c.res.headers.set('content-length', String(compressed.byteLength));
    // The compressed bytes differ from the plain ones: a validator of the plain body is weak now.
    const etag = c.res.headers.get('etag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('etag', `W/${etag}`);
  };
}

/**
 * Lets a browser keep a page that is the same for every visitor (the public help pages, the open
 * HSDS API) and ask "has it changed?" the next time: an ETag of the page, `no-cache` so it always
 * asks, and 304 without the page when nothing changed. Never for a signed-in visitor (those pages
 * are `no-store`), nor for a page that carries the visitor's own form token, nor when the route
 * already said how to cache (the self-check says `no-store`).
 */
export function sharedPageValidators(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (
      c.req.method !== 'GET' ||
      c.get('session') !== null ||
      res.status !== 200 ||
      !res.body ||
      res.headers.has('cache-control') ||
      res.headers.has('content-encoding') ||
      !isCompressible(res.headers.get('content-type'))
    )
      return;
    const body = new Uint8Array(await res.arrayBuffer());
    const token = c.get('csrfToken');
    if (token && Buffer.from(body.buffer, body.byteOffset, body.byteLength).includes(token)) {
      c.res = new Response(body, res);
      return;
    }
    const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    // private: the first answer may set the anonymous form cookie, which no shared cache may hand on.
    const cacheControl = 'private, no-cache';
    if (etagMatches(c.req.header('if-none-match'), etag)) {
      // Not Modified carries the validators and Vary of the page it stands for, and no body (RFC 9110 §15.4.5).
      c.res = new Response(null, { status: 304 });
      const names: string[] = [];
      c.res.headers.forEach((_value, name) => names.push(name));
      for (const name of names) if (name !== 'vary') c.res.headers.delete(name);
      c.res.headers.set('etag', etag);
      c.res.headers.set('cache-control', cacheControl);
      return;
    }
    c.res = new Response(body, res);
    c.res.headers.set('etag', etag);
    c.res.headers.set('cache-control', cacheControl);
  };
}

/** Weak comparison (RFC 9110 §8.8.3.2): W/"x" and "x" match. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}

function varyOn(headers: Headers, field: string): void {
  const current = headers.get('vary');
  if (current === '*' || current?.split(',').some((f) => f.trim().toLowerCase() === field.toLowerCase())) return;
  headers.set('vary', current ? `${current}, ${field}` : field);
}
